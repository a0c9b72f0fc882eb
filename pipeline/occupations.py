"""Occupation coding: which occupations a document is about, as ISCO-08 unit groups and ESCO occupations.

The index joins three data files, loaded once per process:
- data/esco_occupations.tsv: the 3,039 ESCO occupations with their Arabic labels (built from the ESCO table
  by pipeline/esco_build.py; "X / Y" labels give a masculine and a feminine title);
- data/occupation_variants.tsv: titles of job ads that ESCO lacks (Arabic and English), each mapped to an ESCO
  occupation or, where none fits, to an ISCO-08 unit group;
- data/occupations.json: seniority words (ignored for coding, kept in the mention), head nouns whose
  fallback is set by hand or forbidden, and the cue words that announce an occupation ("راتب X").

Matching is on word stems: each word of both sides is folded, loses a glued clitic or the article and a
plural or feminine ending, so "المحاسبين", "محاسبة" and "محاسب" are one key. Keys (sequences of stems) sit
in one dict; a line's stems are scanned once, leftmost-longest, trying only the words that begin a key. A title
that matches no key falls back to the first two words of ESCO labels ("label_prefix") and then to its head
noun ("head_noun"): the unit group most of the ESCO occupations with that head belong to, with that share
as the confidence.

Which matches are the document's occupations: the title, the first lines, the headings and short list lines
are read (not the whole text: the occupation of an ad or an article is named where it starts, and a post of
an announcement on a line of its own). Each unit group gathers evidence — in the title, at the start of a
short line, after a cue ("راتب المحاسب", "مطلوب محاسب"), repeated — and the groups with enough are kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from itertools import compress, islice, pairwise
from typing import Any

from pipeline.document import Analysis
from pipeline.normalize import fold

URI_PREFIX = "http://data.europa.eu/esco/occupation/"
_FALLBACKS = ("label_prefix", "head_noun")
#: the end of a key in the trie of OccupationIndex (no stem is "#": stems are letters, or "" for a token without any)
_END = "#"
#: A word starting with the conjunction: "و" stands before it as a word of its own, so that "الطبيب
#: والاستشاري" is two titles, not the key "طبيب استشاري".
AND = "و"
#: Kinds of match, best first.
KINDS = ("variant", "exact", "alt_label", "label_words", "label_prefix", "head_noun")
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_WORD_RE = re.compile(r"[^\W\d_]+")
_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال")
#: How far into a document list items and headings are looked for (view characters).
ZONE = 3000
#: A "short line" (a title, a heading, an item of a list of posts) has at most this many words.
SHORT_LINE = 8
#: A line naming a post of a list of posts ("3. فني كهرباء أو فني تبريد") has at most this many words.
POST_LINE = 6
#: A title of more words is read as a paragraph.
TITLE_WORDS = 12


def stem(word: str) -> str:
    """The matching key of one folded word: without the article (and a clitic glued to it), a sound plural or
    feminine ending. A lone clitic letter (و ف ب ل ك) is not stripped here: most words that start with one
    are not clitic + word; OccupationIndex.word strips it when that makes a known word ("لرئيس")."""
    w = word.lower()
    if w.isascii():
        return w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            w = w[len(p) :]
            break
    if len(w) >= 5 and w.endswith(("ات", "ين", "ون")):
        w = w[:-2]
    elif len(w) >= 4 and w.endswith("ه"):
        w = w[:-1]
    elif len(w) >= 5 and w.endswith("و"):  # construct plural: "مصممو الجرافيك"
        w = w[:-1]
    return w


def stems(text: str) -> tuple[str, ...]:
    """The stems of the words of a (folded or not) text."""
    return tuple(stem(w) for w in _WORD_RE.findall(fold(text)))


@dataclass(frozen=True, slots=True)
class Target:
    """What a key codes to: an ESCO occupation (code, uri, labels) or an ISCO-08 unit group alone."""

    isco08: str
    esco_code: str | None = None
    uuid: str | None = None
    label_ar: str | None = None
    label_en: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "isco08": self.isco08,
            "esco_uri": URI_PREFIX + self.uuid if self.uuid else None,
            "label_ar": self.label_ar,
            "label_en": self.label_en,
        }


@dataclass(frozen=True, slots=True)
class Key:
    """A key of the automaton: its kind, its targets (several when a title names several occupations) and
    the confidence of its best target."""

    kind: str
    targets: tuple[Target, ...]
    confidence: float


@dataclass(slots=True)
class Match:
    """A key found in a region: token positions [first, last) of the region's words, and the key."""

    first: int
    last: int
    key: Key


@dataclass
class _Evidence:
    score: float = 0.0
    mentions: int = 0
    anchored: bool = False  # in the title, after a cue, or at the start of a short line
    best: tuple[int, int, Match] | None = None  # view span and match of the first strong mention


class OccupationIndex:
    """Every key (ESCO labels, variants, label prefixes, head nouns) in one automaton over stems."""

    def __init__(self, esco: list[list[str]], variants: list[list[str]], config: dict[str, Any]) -> None:
        labels_en: dict[str, str] = config.get("labels_en", {})
        self.seniority = frozenset(stem(fold(w)) for w in config["seniority"])
        self.soft_seniority = frozenset(stem(fold(w)) for w in config["soft_seniority"])
        #: the heads whose plural in construct ("موظفي", "عاملي") is read as the head, in titles and labels
        self._person_heads = frozenset(stem(fold(w)) for w in config["generic_heads"]) | self.soft_seniority
        self.cues = frozenset(stem(fold(w)) for w in config["cues"])
        self.post_labels = frozenset(stem(fold(w)) for w in config["post_labels"])
        self.title_cues = frozenset(stem(fold(w)) for w in config["title_cues"])
        self.organizations = frozenset(stem(fold(w)) for w in config["organizations"])
        not_heads = {stem(fold(w)) for w in config["not_heads"]}
        by_code: dict[str, Target] = {}
        #: key -> positions of its words that carry the conjunction و (a match may span such a word there)
        joins: dict[tuple[str, ...], frozenset[int]] = {}
        self.joins = joins
        self.refinements: list[tuple[frozenset[str], frozenset[str], Target]] = []
        keys: dict[tuple[str, ...], list[tuple[str, Target]]] = defaultdict(list)
        heads: dict[str, Counter[str]] = defaultdict(Counter)
        prefixes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for code, isco, uuid, label, alt, *en in esco:
            target = Target(isco, code, uuid, label, (en[0] if en and en[0] else None) or labels_en.get(code))
            by_code[code] = target
            for kind, names in (("exact", label.split("/")), ("alt_label", alt.split("|") if alt else [])):
                for name in names:
                    key = self.key(name)
                    if key:
                        keys[key].append((kind, target))
                        joins[key] = joins.get(key, frozenset()) | self._joins(name)
            for name in label.split("/"):
                key = self.key(name)
                if len(key) >= 2:
                    prefixes[key[:2]][isco] += 1
                if key:
                    heads[key[0]][isco] += 1
        self.generic = {stem(fold(w)): frozenset(majors) for w, majors in config["generic_heads"].items()}
        academic = config["academic"]
        #: a college's or university's head nouns, the occupation it recruits, the degrees that say so
        self.academic = (
            frozenset(fold(w) for w in academic["employers"]),
            by_code[academic["occupation"]],
            int(academic["degrees"]),
        )
        self._fields = _fields(esco, by_code, self, config)
        for title, code in variants:
            target = by_code.get(code) or Target(code)
            key = self.key(title)
            if key:
                keys[key].insert(0, ("variant", target))
                joins[key] = joins.get(key, frozenset()) | self._joins(title)
        for rule in config.get("refine", []):
            to = by_code.get(rule["to"]) or Target(rule["to"][:4])
            self.refinements.append((frozenset(rule["from"]), frozenset(stem(fold(w)) for w in rule["words"]), to))
        #: the unit groups a context may refine
        self.refinable = frozenset(code for rule in self.refinements for code in rule[0])
        for head, isco in config["heads"].items():
            heads[self.key(head)[0]] = Counter({isco: 10**6})
        self.keys: dict[tuple[str, ...], Key] = {}
        for key, found in keys.items():
            self.keys[key] = self._resolve(found)
        for key, counts in prefixes.items():
            if key not in self.keys and key[0] not in not_heads and _decisive(counts):
                self.keys[key] = _fallback("label_prefix", counts)
        for head, counts in heads.items():
            if (head,) not in self.keys and head not in not_heads | self.seniority and _decisive(counts):
                self.keys[(head,)] = _fallback("head_noun", counts)
        #: the keys as a trie of words: a node maps a word to the next node, _END to the key ending there
        self._trie: dict[str, Any] = {}
        for words, value in self.keys.items():
            node = self._trie
            for w in words:
                node = node.setdefault(w, {})
            node[_END] = value
        self._by_head: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key, value in self.keys.items():
            if len(key) >= 2 and value.kind not in _FALLBACKS:
                self._by_head[key[0]].append(key)
        #: head -> word -> positions in _by_head[head] of the keys with that head and word
        self._by_word: dict[str, dict[str, list[int]]] = {}
        for head, keys_of_head in self._by_head.items():
            index: dict[str, list[int]] = defaultdict(list)
            for position, key in enumerate(keys_of_head):
                for w in set(key[1:]) - {head}:
                    index[w].append(position)
            self._by_word[head] = dict(index)
        self.vocabulary = frozenset(w for key in self.keys for w in key) | self.cues | self.seniority
        self.vocabulary |= self.soft_seniority
        self.qualifiers = self.seniority | self.soft_seniority
        self.ignored = self.seniority | {"", "ه"}
        #: the first words of every key, and the words a label_words fallback starts with
        self.firsts = frozenset(key[0] for key in self.keys) | frozenset(self._by_head)
        self.preambles = self.soft_seniority | self.cues
        #: the keys of one word, and the first two words of the others: a line holds a key only if it holds
        #: one of these (tested on whitespace tokens before a line is read word by word)
        self.unigrams = frozenset(key[0] for key in self.keys if len(key) == 1)
        self.bigrams = frozenset(key[:2] for key in self.keys if len(key) > 1)
        self._bigram_firsts = frozenset(first for first, _ in self.bigrams)
        self._words: dict[str, tuple[str, bool]] = {}
        self.token_stems: dict[str, str] = {_BREAK: _BREAK}
        self.conjoined_tokens: set[str] = set()

    def refine(self, target: Target, words: set[str]) -> Target | None:
        """The occupation a context makes of a general one: a sales representative of a medical firm is a
        medical sales representative ("refine" of data/occupations.json: from codes, words, to code). `words` are
        the stems of the title and the first lines."""
        for rule in self.refinements:
            if target.isco08 in rule[0] and words & rule[1]:
                return rule[2]
        return None

    def token_stem(self, token: str) -> str:
        """The stem of the first word of a whitespace token ("(موظفة" -> "موظف"; "" for "-", "1."), cached;
        a token whose word carries the conjunction و joins `conjoined_tokens`."""
        known = self.token_stems.get(token)
        if known is None:
            words = _WORD_RE.findall(token)
            known, joined = self.word(words[0]) if words else ("", False)
            if len(self.token_stems) < 500_000:
                self.token_stems[token] = known
                if joined:
                    self.conjoined_tokens.add(token)
        return known

    def hit(self, stems: list[str]) -> bool:
        """Whether stems hold a key of one word or the first two words of a longer key."""
        if not self.unigrams.isdisjoint(stems):
            return True
        # pairs are built only for a line with the first word of one (most lines have none)
        return not self._bigram_firsts.isdisjoint(stems) and not self.bigrams.isdisjoint(pairwise(stems))

    def token_stems_of(self, tokens: list[str]) -> list[str]:
        """token_stem of each token (one map call when all are known)."""
        out = list(map(self.token_stems.get, tokens))
        if None in out:
            out = [self.token_stem(t) for t in tokens]
        return out  # type: ignore[return-value]

    def word(self, folded: str) -> tuple[str, bool]:
        """The stem of a word of the text, retried without a glued clitic letter ("لرئيس"), a construct or
        accusative ending ("مهندسي البرمجيات", "معلما") when that makes a known word; and whether the word
        starts with the conjunction و (cached: the words of a corpus repeat)."""
        known = self._words.get(folded)
        if known is None:
            known = self._word(folded)
            if len(self._words) < 500_000:
                self._words[folded] = known
        return known

    def _word(self, folded: str) -> tuple[str, bool]:
        w = stem(folded)
        if w.endswith("ي") and w[:-1] in self._person_heads:
            return w[:-1], False  # "موظفي مبيعات", "عاملي نظافة": the plural of a generic head in construct
        if w in self.vocabulary or len(folded) < 4:
            return w, folded.startswith("وال")
        construct = folded[-1] in "يا" and not folded.startswith("ال")  # no article in "مهندسي البرمجيات"
        for cut in (folded[1:] if folded[0] in "وفبلك" else "", folded[:-1] if construct else ""):
            if cut and (rest := stem(cut)) in self.vocabulary:
                return rest, folded[0] == AND and cut == folded[1:]
        return w, folded.startswith("وال")

    def key(self, name: str) -> tuple[str, ...]:
        """The stems of a title without seniority words (a generic head's plural in construct as the head)."""
        heads = self._person_heads
        return tuple(
            s[:-1] if s.endswith("ي") and s[:-1] in heads else s for s in stems(name) if s not in self.seniority
        )

    def _joins(self, name: str) -> frozenset[int]:
        """Positions of a title's key whose word carries the conjunction ("صحة الفم والأسنان")."""
        words = [w for w in _WORD_RE.findall(fold(name)) if stem(w) not in self.seniority]
        return frozenset(i for i, w in enumerate(words) if i and w.startswith("وال"))

    def by_words(self, words: list[str]) -> Match | None:
        """The label or variant that shares most words with a title that no key matches whole ("عامل
        مكافحة آفات" ~ "عامل إدارة الآفات"): the same head and at least one more word; kind label_words."""
        if not words or words[0] not in self._by_word:
            return None
        others = self._by_word[words[0]]
        shared: Counter[int] = Counter()
        for w in set(words[1:]):
            shared.update(others.get(w, ()))
        if not shared:
            return None
        keys = self._by_head[words[0]]
        # most words shared, then the shortest key, then the first listed
        position = max(shared, key=lambda k: (shared[k], -len(keys[k]), -k))
        found = keys[position]
        key = self.keys[found]
        last = max(i for i, w in enumerate(words) if w in found) + 1
        return Match(0, last, Key("label_words", key.targets, round(key.confidence * 0.6, 2)))

    def by_field(self, words: list[str], lead: int) -> Match | None:
        """The trade of a title headed by a generic noun that no key matches whole ("أخصائي تسويق", "معالج
        أمراض النطق"): the head says the level (the ISCO-08 major groups it may head), the next words the
        trade. Each of up to three words votes for the unit groups of the ESCO occupations naming it (shares
        of one, divided by the number of groups the word names: a word of one trade tells more). The group
        with most votes, if it has FIELD_SHARE of them, codes the title (kind label_words: its occupation
        sharing most words). The match is relative to `words[lead:]`; the head is at `lead` or just before
        it (a soft seniority word such as "موظف" is skipped by the caller)."""
        if lead < len(words) and words[lead] in self.generic:
            majors, field = self.generic[words[lead]], lead + 1
        elif 0 < lead <= len(words) and words[lead - 1] in self.generic:
            majors, field = self.generic[words[lead - 1]], lead
        else:
            return None
        votes: dict[str, float] = defaultdict(float)
        named: dict[str, Counter[Target]] = defaultdict(Counter)
        last = field
        for i in range(field, min(field + 3, len(words))):
            targets = [t for t in self._trade(words[i]) if t.isco08[0] in majors]
            if not targets:
                continue
            last = i + 1
            groups = Counter(t.isco08 for t in targets)
            for isco, n in groups.items():  # a word of one trade tells more than a word of many
                votes[isco] += n / len(targets) / len(groups)
            for t in targets:
                named[t.isco08][t] += 1
        if not votes:
            return None
        best = max(votes, key=votes.__getitem__)
        share, *others = sorted(votes.values(), reverse=True)
        if share / sum(votes.values()) < FIELD_SHARE or (others and others[0] == share):
            return None
        target = min(named[best], key=lambda t: (-named[best][t], len(t.esco_code or ""), t.esco_code or ""))
        return Match(0, last - lead, Key("label_words", (target,), round(0.6 * share / sum(votes.values()), 2)))

    def _trade(self, word: str) -> list[Target]:
        """The ESCO occupations naming a trade word, or (when none does) its noun or relative adjective:
        "تنفسي" ~ "تنفس", "زراعي" ~ "زراعة", "جغرافيا" ~ "جغرافي"."""
        fields = self._fields
        found = fields.get(word)
        if found is None:
            related = (
                (word[:-1],) if word.endswith("ي") else (word + "ي", word[:-1] + "ي" if word.endswith("ا") else "")
            )
            found = next((fields[w] for w in related if w in fields), [])
        return found

    @staticmethod
    def _resolve(found: list[tuple[str, Target]]) -> Key:
        """The key of a title: its best kind first; several unit groups make the match ambiguous."""
        found = sorted(found, key=lambda kt: _KIND_RANK[kt[0]])
        kind = found[0][0]
        if kind == "variant":  # a curated variant decides between the occupations of a label
            target = found[0][1]
            if target.esco_code is None:  # a variant of a unit group that is also an ESCO label of that group
                target = next((t for k, t in found if k != "variant" and t.isco08 == target.isco08), target)
            return Key(kind, (target,), 0.95)
        same_kind = [t for k, t in found if k == kind]
        groups = Counter(t.isco08 for t in same_kind)
        # the broadest occupation (shortest ESCO code) of the most frequent unit group first
        ordered = sorted(same_kind, key=lambda t: (-groups[t.isco08], len(t.esco_code or ""), t.esco_code or ""))
        unique = list({t.isco08: t for t in reversed(ordered)}.values())[::-1]
        confidence = 1.0 if len(groups) == 1 else round(groups[ordered[0].isco08] / len(same_kind) * 0.8, 2)
        return Key(kind, tuple(unique), confidence if kind == "exact" else min(confidence, 0.9))

    def find(self, words: list[str], joined: list[bool]) -> list[Match]:
        """Matches in a sequence of stems, leftmost-longest and not overlapping; `joined` marks the words
        that carry the conjunction و, which a match spans only where its key has one ("الطبيب والاستشاري"
        is two titles). Linear: from each word that begins a key, a walk down a trie of words (a dict
        lookup per word) as far as some key goes."""
        out: list[Match] = []
        n = len(words)
        trie, joins = self._trie, self.joins
        after = 0  # the end of the last match
        for i in compress(range(n), map(trie.__contains__, words)):
            if i < after:
                continue
            node, j, ends = trie[words[i]], i + 1, []
            while True:
                key = node.get(_END)
                if key is not None:
                    ends.append((j, key))
                if j >= n or (node := node.get(words[j])) is None:
                    break
                j += 1
            for end, key in reversed(ends):
                if end - i > 1 and True in joined[i + 1 : end]:
                    allowed = joins.get(tuple(words[i:end]), frozenset())
                    if any(joined[k] and k - i not in allowed for k in range(i + 1, end)):
                        continue
                out.append(Match(i, end, key))
                after = end
                break
        return out


#: The least share of a trade's votes for one unit group (OccupationIndex.by_field).
FIELD_SHARE = 0.4


def _fields(
    esco: list[list[str]], by_code: dict[str, Target], idx: OccupationIndex, config: dict[str, Any]
) -> dict[str, list[Target]]:
    """Word -> the ESCO occupations whose preferred label names it after its head (the trade words of
    OccupationIndex.by_field). Left out: labels whose head teaches a subject ("مدرس الجغرافيا": they name
    every subject, "field_heads_not"), words too general to tell a trade ("field_words_not")."""
    unsaid = frozenset(stem(fold(w)) for w in config["field_words_not"])
    teaching = frozenset(stem(fold(w)) for w in config["field_heads_not"])
    fields: dict[str, list[Target]] = defaultdict(list)
    for code, _isco, _uuid, label, *_ in esco:
        keys = [idx.key(name) for name in label.split("/")]
        if any(key and key[0] in teaching for key in keys):
            continue
        words = {w for key in keys for w in key[1:]}
        for w in words - unsaid:
            if len(w) >= 2:
                fields[w].append(by_code[code])
    return dict(fields)


def _decisive(counts: Counter[str]) -> bool:
    """Whether a head (or two first words) names one unit group: at least two ESCO occupations, most of them
    in one group."""
    total = sum(counts.values())
    return total >= 2 and counts.most_common(1)[0][1] / total >= 0.5


def _fallback(kind: str, counts: Counter[str]) -> Key:
    isco, n = counts.most_common(1)[0]
    share = n / sum(counts.values())
    cap = 0.7 if kind == "label_prefix" else 0.6
    return Key(kind, (Target(isco),), round(min(share, 1.0) * cap, 2))


def _read_tsv(name: str) -> list[list[str]]:
    text = files("pipeline.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=16384)
def names_occupation(text: str, first: bool = False) -> bool:
    """Whether a short line is a job title by its words ("Sales Executive", "Accountant"): a key matches in
    it (with `first`, one that starts it), not only a head-noun fallback."""
    idx = index()
    words = list(idx.key(text))
    matches = idx.find(words, [False] * len(words))
    return any(m.key.kind not in _FALLBACKS and (m.first == 0 or not first) for m in matches)


@cache
def index() -> OccupationIndex:
    """The occupation index (built once per process)."""
    config = json.loads(files("pipeline.data").joinpath("occupations.json").read_text(encoding="utf-8"))
    variants = [row[:2] for row in _read_tsv("occupation_variants.tsv")]
    return OccupationIndex(_read_tsv("esco_occupations.tsv"), variants, config)


@dataclass(slots=True)
class _Line:
    """A line of the view read for occupations: its whitespace tokens, the stems of their first words ("" for
    a token without a word: "-", "1.") and where it stands."""

    source: str
    start: int
    end: int
    raw: list[str]  # the tokens
    stems: list[str]
    joined: list[bool]  # the token's word carries the conjunction و
    title: bool
    heading: bool
    opening: bool  # one of the first lines of the document, where an ad or an article names its subject
    listed: bool  # an item of a list: a bullet, dash or number before its first word

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The view span from the word of token `first` to the word of token `last` (inclusive)."""
        tokens = list(islice(_TOKEN_RE.finditer(self.source, self.start, self.end), last + 1))
        words = [m.span() for m in _WORD_RE.finditer(self.source, tokens[first].start(), tokens[last].end())]
        start = words[0][0] + (1 if self.joined[first] else 0)  # "والممرضين": the mention starts after و
        end = words[-1][1]
        # brackets inside the mention are closed ("مساعد(ة) إداري(ة)", "(مندوبين ومندوبات) مبيعات")
        inside = self.source[start:end]
        if inside.count("(") > inside.count(")") and self.source[end : end + 1] == ")":
            end += 1
        elif inside.count(")") > inside.count("(") and start > 0 and self.source[start - 1] == "(":
            start -= 1
        return start, end


@dataclass
class _Group:
    """The evidence for one ISCO-08 unit group in a document."""

    score: float = 0.0
    plain: float = 0.0  # what mentions without an anchor added (capped)
    mentions: int = 0  # mentions by a label or a variant, anchored or not
    title: bool = False  # named in the title
    anchored: bool = False  # named in the title, after a cue, or at the start of a short line
    post: bool = False  # a line of its own, as in a list of posts ("- محاسب", "2. مهندسة مدنية")
    best: tuple[float, int, _Line, int, int, Match] | None = None  # (-weight, order, line, first, last, match)


#: How much a kind of match weighs as evidence.
_KIND_WEIGHT = {
    "variant": 1.0,
    "exact": 1.0,
    "alt_label": 1.0,
    "label_words": 0.8,
    "label_prefix": 0.8,
    "head_noun": 0.6,
}
#: The least evidence for a unit group to be one of the document's occupations.
THRESHOLD = 2.0
#: The least evidence for an item of a list of posts (when the list has two posts with THRESHOLD at least).
POST_SCORE = 1.5
#: Mentions that make an occupation the subject of a document that never anchors one (a career article).
REPEATED = 2
#: The first lines of a document are read (the first two up to OPENING_WORDS words, the others as far as
#: a title goes): an ad or an article names its subject there ("موظفة رد وخدمة عملاء بخبرة ...", "كم راتب
#: الصيدلي في ...").
OPENING = 5
OPENING_WORDS = 40
#: The first words of the text, which name the employer's trade (context of `refine`)
_CONTEXT_WORDS = 40
_CONTEXT_CHARS = 400
_NEWLINE = "\n"
#: a line break as a whitespace token of its own
_BREAK = "\x00"
#: the ordinal words that number the items of a list ("ثانيا: محاسب")
_ORDINAL_WORDS = "اولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا"
#: a line that is an item of a list: a bullet, a dash, a number or an ordinal word before its words
_LIST_LINE_RE = re.compile(rf"\n[ \t]*(?:[-*•·●▪◦–—>]|\d{{1,2}}[ \t]*[.)\-–]|(?:{_ORDINAL_WORDS})[ \t]*[:\-.])[^\n]*")
#: a number or an ordinal word that opens a line, right before its words
_NUMBERED_RE = re.compile(rf"(?:^|\n)[ \t]*(?:\d{{1,2}}[ \t]*[.)\-–]|(?:{_ORDINAL_WORDS})[ \t]*[:\-.])[ \t]*$")
#: a line's first cell (group 1) and the bar that ends it (group 2, None where the line has no bar)
_FIRST_CELL_RE = re.compile(r"(?m)^[ \t|]*([^|\n]*)(\|)?[^\n]*$")
#: a line that names a post and its number of openings ("صيدلاني: 80 وظيفة", "معلم رياضيات: 260 وظيفة، منها ...")
_POST_COUNT_RE = re.compile(
    r"(?m)^[ \t]*+(?P<post>[^:\n\d]{2,40}?)[ \t]{0,3}:[ \t]{0,3}\d[\d,.]{0,6}[ \t]{0,3}"
    r"(?:وظيفه|وظائف|شاغر|شواغر|فرصه|فرص|مقعد)"
)
#: a line with words, without its line break (group 1)
_BARE_LINE_RE = re.compile(r"\n[ \t]*([^\s][^\n]*)")
#: a line of the zone with a comma or a colon (the line, without its line break)
_SEPARATED_RE = re.compile(r"^[^\n:،,]*[:،,][^\n]*", re.MULTILINE)
#: a piece of such a line: between commas, semicolons and colons
_PIECE_RE = re.compile(r"[^:،,؛;]+")
#: a whitespace token (what str.split() gives)
_TOKEN_RE = re.compile(r"\S+")


def _lines(an: Analysis, idx: OccupationIndex, context: set[str]) -> Iterator[_Line]:
    """The lines that may name an occupation: the title, the first lines, the short lines of the zone and
    the headings after it, where a key of one word or the first two words of a longer key stand. The stems
    of the title and the first lines' first words go to `context` (the employer's trade is named there).

    Lines are split at whitespace and the stems of the tokens' first words looked up (cached); only lines
    with a key's first word are read further. Past the first lines only list items and headings are read,
    found by one regex scan. The title comes first: a caller content with it stops there."""
    skip = -1
    if an.title:
        start, end = an.title
        tokens = an.text[start:end].split(None, TITLE_WORDS)  # at most TITLE_WORDS + 1 pieces
        if 0 < len(tokens) <= TITLE_WORDS:  # a longer "title" is the first paragraph: read as such
            skip = start
            context.update(line_stems := idx.token_stems_of(tokens))
            yield _line(idx, an.text, start, end, tokens, line_stems, True, False, True)
    headings: dict[int, int] = {}  # start -> end of the headings in the zone (sections are in text order)
    listing: list[tuple[int, int]] = []  # the bodies of sections whose heading announces posts
    for sec in an.sections:
        if sec.heading:
            if sec.heading[0] >= ZONE:
                break
            headings[sec.heading[0]] = sec.heading[1]
            said = an.text[sec.heading[0] : sec.heading[1]].split(None, 4)
            if len(said) <= 3 and not idx.post_labels.isdisjoint(idx.token_stems_of(said)):
                listing.append((sec.heading[1], min(sec.end, ZONE)))  # "الوظائف المطلوبة/" over its posts
    text = an.masked
    head = _said_once(an, ZONE)
    # posts in a table's first column or before their number of openings ("صيدلاني: 80 وظيفة"): read as
    # items of a list of posts, not as opening lines
    column = dict(_post_column(idx, head)) if "|" in head else {}
    if "وظ" in head or "شاغر" in head or "فرص" in head or "مقعد" in head:  # (the cheap test first)
        column.update((m.start("post"), m.end("post")) for m in _POST_COUNT_RE.finditer(head))
    seen: set[int] = {skip}
    pos, opening, words = 0, 0, 0
    while opening < OPENING and pos < len(head):
        end = head.find(_NEWLINE, pos)
        end = len(head) if end < 0 else end
        cap = OPENING_WORDS if opening < 2 else SHORT_LINE + 4
        tokens = head[pos:end].split(None, cap)[:cap] if pos != skip and pos not in column else []
        if tokens:
            opening += 1
            seen.add(pos)
            stems = idx.token_stems_of(tokens)
            if words < _CONTEXT_WORDS:
                context.update(stems[: _CONTEXT_WORDS - words])
                words += len(stems)
            if (
                idx.hit(stems)
                or (len(stems) <= POST_LINE and not idx.firsts.isdisjoint(stems[:3]))
                or (not idx.title_cues.isdisjoint(stems) and not idx.generic.keys().isdisjoint(stems))
            ):
                yield _line(idx, text, pos, end, tokens, stems, False, pos in headings, True)
        pos = end + 1
    # past the first lines, a title starts a short line: an item of a list ("- محاسب", "2. مهندسة") or a heading
    lines = {m.start() + 1: m.end() for m in _LIST_LINE_RE.finditer(head)}
    lines.update(headings)
    # the lines of a list of posts without bullets, and the numbered headings of posts' blocks ("ثانيا: سائق"
    # over its salary and duties): each an item
    items = {h for h in headings if _NUMBERED_RE.search(head, max(0, h - 12), h)}
    for lo, hi in listing:
        for m in _BARE_LINE_RE.finditer(head, lo, hi):
            if m.start(1) not in lines:
                lines[m.start(1)] = m.end(1)
                items.add(m.start(1))
    for start, end in column.items():
        lines.setdefault(start, end)
        items.add(start)
    for start in sorted(lines.keys() - seen):
        end = lines[start]
        tokens = text[start:end].split(None, SHORT_LINE + 1)
        if len(tokens) > SHORT_LINE + 1:
            continue
        stems = idx.token_stems_of(tokens)
        # a key there, or the head of one (an item no key matches whole: "عمال خدمة مطبخ" ~ "عمال مطبخ")
        if idx.hit(stems[:4]) or not idx.firsts.isdisjoint(stems[:3]):
            yield _line(idx, text, start, end, tokens, stems, False, start in headings, False, start in items)
    # posts listed inline ("الوظائف: محاسب، سائق، مهندس مدني") or named after a label ("المسمى الوظيفي: محاسب")
    yield from _pieces(idx, text, head, seen | lines.keys())


def _post_column(idx: OccupationIndex, head: str) -> Iterator[tuple[int, int]]:
    """The first cells of the rows of a pipe table whose first column announces posts ("الرتبة | عدد
    المناصب" over "ممرض | 06"): (start, end) of each cell's words."""
    posts = False
    for m in _FIRST_CELL_RE.finditer(head):
        cell = m.group(1)
        if m.group(2) is None:  # a line without a bar ends a table
            posts = False
        elif posts:
            if cell.strip():
                yield m.start(1) + len(cell) - len(cell.lstrip()), m.start(1) + len(cell.rstrip())
        else:
            posts = not idx.post_labels.isdisjoint(idx.token_stems_of(cell.split(None, 3)[:3]))


def _pieces(idx: OccupationIndex, text: str, head: str, read: set[int]) -> Iterator[_Line]:
    """The pieces of the zone's lines that name posts inline, each read as an item of a list: the value of
    a line (after its first colon, or the whole line) whose pieces between commas all start with a title,
    two at least ("الشروط: صيدلي، محاسب، سائق"; a list of tasks or skills mixes in other
    words), and the value after a label that announces a post ("الوظيفة: سائق"). A piece is short (at
    most POST_LINE words): a clause between commas is prose, not a post. Of a line already read whole
    (`read`: line starts), the piece it starts with was read then."""
    for line in _SEPARATED_RE.finditer(head):
        source = line.group()
        colon = source.find(":")
        label, value = (source[:colon], colon + 1) if colon >= 0 and source[colon + 1 :].strip() else ("", 0)
        pieces: list[tuple[int, int, list[str], list[str]]] = []  # the value's: start, end, tokens, stems
        titled = 0  # pieces that start with a title
        for piece in _PIECE_RE.finditer(source, value):
            tokens = piece.group().split(None, POST_LINE + 1)
            if not tokens:
                continue
            stems = idx.token_stems_of(tokens[:POST_LINE])
            lead = next((i for i, w in enumerate(stems) if w and w not in idx.preambles), len(stems))
            if len(tokens) > POST_LINE or lead == len(stems) or stems[lead] not in idx.firsts:
                pieces.clear()
                break
            titled += 1
            pieces.append((line.start() + piece.start(), line.start() + piece.end(), tokens, stems))
        cued = bool(label) and not idx.post_labels.isdisjoint(idx.token_stems_of(label.split()))
        if titled >= 2 or (cued and titled):
            for start, end, tokens, stems in pieces:
                if line.start() in read and not source[: start - line.start()].strip():
                    continue  # the line's first piece: read with the line
                yield _line(idx, text, start, end, tokens, stems, False, False, False, listed=True)


def _opening_words(an: Analysis, idx: OccupationIndex, context: set[str]) -> None:
    """Add the stems of the first words of the text to `context`."""
    context.update(idx.token_stems_of(_said_once(an, _CONTEXT_CHARS).split(None, _CONTEXT_WORDS)[:_CONTEXT_WORDS]))


def _said_once(an: Analysis, size: int) -> str:
    """The first `size` characters of the masked view with the title's repeats blanked too: extractors
    read a repeated title (each mention counts), but for coding it says nothing new."""
    head = an.masked[:size]
    for n in an.noise:
        if n.kind == "repeated_title" and n.start < size:
            head = head[: n.start] + " " * (min(n.end, size) - n.start) + head[n.end :]
    return head


def _line(
    idx: OccupationIndex,
    source: str,
    start: int,
    end: int,
    tokens: list[str],
    stems: list[str],
    title: bool,
    heading: bool,
    opening: bool,
    listed: bool = False,
) -> _Line:
    joined = list(map(idx.conjoined_tokens.__contains__, tokens))
    listed = listed or (bool(stems) and not stems[0])
    return _Line(source, start, end, tokens, stems, joined, title, heading, opening, listed)


def find_occupations(an: Analysis) -> list[dict[str, Any]]:
    """The occupations of an analysed document: view span ("start", "end") of the mention and the code.

    A unit group counts when it is anchored (title, cue, start of a short line) with enough evidence. The
    document's occupations are those named in its title, else the best one (else one named again and
    again); another one joins them when it stands on a line of its own and the document lists posts so
    (two such lines at least)."""
    idx = index()
    groups: dict[str, _Group] = defaultdict(_Group)
    order = 0
    links: list[tuple[str, str]] = []
    words: set[str] = set()  # of the title and the first lines: the employer's trade is named there
    sought = False  # the title seeks someone ("مطلوب شخص للعمل الميداني"), whether or not its post is coded
    for line in _lines(an, idx, words):
        sought = sought or (line.title and not idx.title_cues.isdisjoint(line.stems))
        if not line.opening:
            words.update(line.stems)  # a list of posts names the trade too ("مدير مطعم")
        for weight, anchor, post, first, last, m in _evidence(an, idx, line, links):
            group = groups[m.key.targets[0].isco08]
            if anchor:
                group.score += weight
                group.anchored = True
                group.title = group.title or line.title
                group.post = group.post or post
            else:
                group.plain = min(group.plain + weight, 1.5)
            group.mentions += m.key.kind not in _FALLBACKS
            order += 1
            mention = (-weight, order, line, first, last, m)
            if group.best is None or mention[:2] < group.best[:2]:
                group.best = mention
        if line.title and not _plural(idx, line) and any(g.title and g.score >= THRESHOLD for g in groups.values()):
            # the title names the occupation: an ad for one post, the rest is not read (but the first
            # words, which name the employer's trade, when they may refine the code)
            if not idx.refinable.isdisjoint(groups):
                _opening_words(an, idx, words)
            break
    found = {isco: g for isco, g in groups.items() if g.anchored and g.score + g.plain >= THRESHOLD}
    if found:
        chosen = [isco for isco, g in found.items() if g.title] or [max(found, key=lambda i: found[i].score)]
    elif not sought:  # (an ad's repeated words name its clients or colleagues: "الأطباء" of a medical rep)
        found = {isco: g for isco, g in groups.items() if g.mentions >= REPEATED}
        chosen = [max(found, key=lambda i: found[i].mentions)] if found else []
    else:
        chosen = []
    posts = [isco for isco, g in found.items() if g.post]
    if len(posts) >= 2:
        # a list of posts: its items count, also one coded by its words alone ("عمال خدمة مطبخ" ~ "عمال مطبخ")
        posts += [isco for isco, g in groups.items() if g.post and isco not in found and g.score >= POST_SCORE]
        chosen += [isco for isco in posts if isco not in chosen]
        for isco in posts:
            found.setdefault(isco, groups[isco])
    # an article without a job title: what its lines name together ("الأطباء والممرضين") is its subject too
    # (in an ad, "يعمل مع الأطباء والممرضين" names colleagues)
    for a, b in links if not any(g.title for g in found.values()) else []:
        for one, other in ((a, b), (b, a)):
            if one in chosen and other not in chosen:
                chosen.append(other)
                found.setdefault(other, groups[other])
    out = []
    for isco in chosen:
        best = found[isco].best
        if best is None:
            continue
        _, _, line, first, last, m = best
        start, end = line.span(first, last)
        target, kind, confidence, others = m.key.targets[0], m.key.kind, m.key.confidence, m.key.targets[1:]
        refined = idx.refine(target, words)
        if refined is not None:
            target, kind, others = refined, "variant", (target,)
        out.append(
            {
                "start": start,
                "end": end,
                **target.as_dict(),
                "match": kind,
                "confidence": confidence,
                "candidates": [t.as_dict() for t in others],
            }
        )
    if not out and (recruits := _academic(an, idx)) is not None:
        out.append(recruits)
    out = list({o["isco08"]: o for o in sorted(out, key=lambda o: -o["start"])}.values())
    out.sort(key=lambda o: o["start"])
    return out


def _plural(idx: OccupationIndex, line: _Line) -> bool:
    """A title that seeks people in the plural ("تطلب معلمين ومعلمات"): the posts are listed below it. A
    feminine plural counts where its singular heads a title ("ممرضات", not "مبيعات")."""
    return any(
        len(tok) > 5 and (tok.endswith(("ين", "ون")) or (tok.endswith("ات") and idx.token_stem(tok[:-2]) in idx.firsts))
        for tok in line.raw[:TITLE_WORDS]
    )


def _academic(an: Analysis, idx: OccupationIndex) -> dict[str, Any] | None:
    """A college or university (an organization of the first lines) that asks for holders of master's
    degrees and doctorates and names no post: it recruits university teachers (the unit group from the
    employer's head noun, kind head_noun)."""
    heads, target, least = idx.academic
    employer = next(
        (
            m
            for m in an.mentions
            if m.type == "organization" and m.start < ZONE and an.text[m.start : m.end].split(None, 1)[0] in heads
        ),
        None,
    )
    if employer is None:
        return None
    degrees = sum(1 for m in an.mentions if m.type == "education" and m.attrs.get("level") in ("master", "doctorate"))
    if degrees < least:
        return None
    start = employer.start
    end = start + len(an.text[start : employer.end].split(None, 1)[0])
    return {"start": start, "end": end, **target.as_dict(), "match": "head_noun", "confidence": 0.5, "candidates": []}


#: Words after which a feminine noun names a person sought ("مطلوب ممرضة"), not a quality ("خبرة متخصصة").
_HIRING = frozenset(stem(fold(w)) for w in ("مطلوب", "نطلب", "تطلب", "حاجتها", "حاجته", "الى", "توظيف", "تعيين"))


#: What separates two titles in a title line ("محاسب / مدقق", "سائق، مندوب", "فني - كهربائي"), besides "و".
_TITLE_SEPARATORS = frozenset("/،,-–—|+&؛;()")
_OR = frozenset({"او", "or"})


def _after_cues(idx: OccupationIndex, kept: list[str], matches: list[Match]) -> list[Match]:
    """`matches` and the titles that no key matches whole right after a title cue ("مهنة", "وظيفة"): a
    generic head followed by its trade (OccupationIndex.by_field, up to three words)."""
    starts = {m.first for m in matches if m.key.kind not in _FALLBACKS}  # a head-noun fallback gives way
    for i, w in enumerate(kept[:-1]):
        if w in idx.title_cues and i + 1 not in starts and i + 2 not in starts:
            found = idx.by_field(kept[: i + 5], i + 1)
            if found is not None:
                first, last = i + 1, i + 1 + found.last
                matches = [m for m in matches if m.last <= first or last <= m.first]
                matches.append(Match(first, last, found.key))
    return matches


def _evidence(
    an: Analysis, idx: OccupationIndex, line: _Line, links: list[tuple[str, str]]
) -> list[tuple[float, bool, bool, int, int, Match]]:
    """(weight, anchored, post line, first word, last word, match) of each occupation named in a line; the
    unit groups of titles joined by "و" ("الأطباء والممرضين") are added to `links`."""
    stems = line.stems
    # seniority words, tokens without a word ("-") and the "ة" of "موظف(ة)" go; "مصمم/مصممة" is one title
    # (in a line of prose, where a title is rarely written so, they just stand between words)
    if (len(stems) > SHORT_LINE and not line.title) or (idx.ignored.isdisjoint(stems)):
        keep = list(range(len(stems)))
    else:
        ignored = idx.ignored
        keep = [i for i, w in enumerate(stems) if w not in ignored]
    kept = [stems[i] for i in keep] if len(keep) < len(stems) else stems
    if any(map(str.__eq__, kept, kept[1:])):
        keep = [i for j, i in enumerate(keep) if not j or kept[j - 1] != kept[j]]
        kept = [stems[i] for i in keep]
    joined = [line.joined[i] for i in keep] if len(keep) < len(stems) else line.joined
    matches = idx.find(kept, joined)
    lead = 0  # the first word that may begin a title: after "مطلوب", "رئيس" ...
    while lead < len(keep) and kept[lead] in idx.preambles:
        lead += 1
    short = len(line.stems) <= SHORT_LINE
    # a title, or an item of a list of posts, that no key matches whole: the label sharing most of its words,
    # or the trade of its generic head
    if (line.title or (line.listed and len(keep) <= POST_LINE)) and not any(
        m.first <= lead < m.last and m.key.kind not in _FALLBACKS for m in matches
    ):
        whole = idx.by_field(kept[: lead + SHORT_LINE], lead) or idx.by_words(kept[lead : lead + SHORT_LINE])
        if whole is not None:
            matches = [m for m in matches if m.first >= lead + whole.last]
            matches.insert(0, Match(lead, lead + whole.last, whole.key))
    # after a word that says a title follows ("في مهنة عامل مناجم الفحم"), a generic head is coded by its trade
    elif not idx.title_cues.isdisjoint(kept):
        matches = _after_cues(idx, kept, matches)
    out = []
    previous: Match | None = None
    for m in sorted(matches, key=lambda m: m.first):
        coordinated = previous is not None and m.first == previous.last and joined[m.first]
        first, last = keep[m.first], keep[m.last - 1]
        # "موظف IT / دعم فني": in a post line, a title after a separator, the words before it coding nothing
        alternative = line.listed and previous is None and 0 < first and any(c in "/|" for c in line.raw[first - 1])
        at_start = (short or line.opening) and (m.first <= lead or alternative)
        before = line.stems[max(0, first - 3) : first]
        if before and before[-1] in idx.organizations:
            continue  # "مجموعة صيدليات", "شركة المحاسبون": the name of an employer
        cue = not idx.cues.isdisjoint(before)
        fallback = m.key.kind in _FALLBACKS
        if m.last - m.first == 1:
            found = _WORD_RE.search(line.raw[first])
            word = found.group() if found else ""
            # "المقدمة", "المراجعة", "فنية": a definite or modifying feminine word is rarely a person (nor
            # one right after a title: the department of "موظف صندوق محاسبة"; nor a head noun's feminine
            # form outside the title, which no label or variant names: "مراجعة الطلبات ..." is a task)
            if word.endswith("ه") and (
                word.startswith("ال")
                or (not line.title and m.first > 0 and _HIRING.isdisjoint(before))
                or (previous is not None and m.first == previous.last and not joined[m.first])
                or (not line.title and m.key.kind in _FALLBACKS)
            ):
                continue
        if fallback and not (at_start or cue or (line.title and m.first <= lead)):
            continue
        # a second title in a title line stands after "و", "/", "،", "-" or "أو"; without one the words
        # name what the first one works on ("مشغل آلة تغليف منتجات": products, not a producer)
        if line.title and previous is not None and not joined[m.first]:
            between = [*line.raw[keep[previous.last - 1] : first], line.raw[first][:1]]  # "/مدقق"
            if not any(c in _TITLE_SEPARATORS for token in between for c in token) and not any(
                line.stems[k] in _OR for k in range(keep[previous.last - 1] + 1, first)
            ):
                continue
        anchor = line.title or cue or at_start
        # a title cue right before ("في مهنة ...", "وظيفة ...") says as plainly as a title line what follows
        titled = bool(before) and before[-1] in idx.title_cues
        weight = 4.0 if line.title else 2.5 if titled else 2.0 if (cue or at_start) else 1.0 if line.heading else 0.5
        weight *= _KIND_WEIGHT[m.key.kind]
        post = (
            at_start
            and not line.title
            and not fallback
            and len(keep) <= POST_LINE
            and (line.listed or len(keep) - (m.last - m.first) <= 1)
        )
        while first > 0 and line.stems[first - 1] in idx.qualifiers:
            first -= 1  # the mention keeps "كبير", "Senior" ...
        while last + 1 < len(line.stems) and line.stems[last + 1] in idx.seniority:
            last += 1  # ... and "أول"
        out.append((weight, anchor, post, first, last, m))
        if coordinated and previous is not None and not fallback:
            links.append((previous.key.targets[0].isco08, m.key.targets[0].isco08))
        previous = m
    return out
