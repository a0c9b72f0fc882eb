"""Skills as phrases, found by their cues and their place.

- Cue phrases: a head word with its object — "القدرة على X", "قادر على X", "إجادة X", "إتقان X", "الإلمام
  بـ X", "دراية بـ X", "معرفة (جيدة) بـ X", "التمكن من X", "خبرة في برامج X", "مستوى جيد في اللغة X" —
  spanning to the end of the clause: a list item to its end (a trailing level "(متوسط)" left out), running
  text to its next comma. A following cue ("... والقدرة على Y") ends the phrase before it.
- "مهارات X": as a list item, the whole item ("مهارات تواصل وتفاوض ممتازة"); in running text the skill
  words up to the first qualifier ("مهارات تحليلية جيدة لفهم ..." → "مهارات تحليلية"), or the clause
  after "مهارات جيدة في".
- Bare competence nouns ("التفاوض", "إدارة الوقت", "روح الفريق") when they are a whole list item or one
  of its coordinated parts; a duty ("التفاوض مع الموردين") goes on, so it is not one.
- Tools and software anywhere (tools.json, canonical names), languages ("اللغة الإنجليزية").
- The short items of a skills section ("Skill data:", "المهارات:"), and in such a section a Latin-script
  product name the lexicon does not know.

The Arabic surface text is always the span; `name` is the canonical name where the lexicon knows the skill
words (the object of a cue included), else the surface text. Every lexicon is matched in the one-pass scan;
the cue logic reads forward from each hit, within its line.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache, lru_cache
from typing import Any, NamedTuple

from pipeline.document import Analysis, Mention, SectionSpan
from pipeline.lexicons import WordMatcher, alternation, load
from pipeline.normalize import fold, strip_article
from pipeline.occupations import names_occupation

_NEXT_WORD_RE = re.compile(r"(?:(?<![ \t])[ \t]*)?(?P<w>[^\W\d_]+|[a-z][\w+#.]*)")  # a cue may glue: الإلمام بأنظمة
#: what may stand before a list item's first word: bullets, numbers, spaces
_ITEM_PREFIX_RE = re.compile(r"[ \t\-–•*·▪◦●✓✔✅+>\d.)(]*")
#: ... or a short label and its colon ("المهارات: ...", "اللغة: ...")
#: the whole of a line before a list item's first word: bullets, numbers, a short label and its colon
_ITEM_START_RE = re.compile(r"[ \t\-–•*·▪◦●✓✔✅+>\d.)(]*(?:[^\s:][^:\n]{0,38}:[ \t]*)?")
_ITEM_PREFIX_MAX = 64
_LINE_REACH = 1000
#: a clause ends at . ! ? ; : not followed by a word character (not the dot of "Node.js" or "3.5")
_HARD_END_RE = re.compile(r"[!?;.:](?:(?<=[!?;])|(?!\w))")
_LEVEL_RE = re.compile(r"\s{0,40}\([^()\n]{0,30}\)\s*(?:[.,]\s*)?$")  # a trailing "(متوسط)", "(محترف)"
_TRIM = " \t,.-–:؛;"
_LATIN_RUN_RE = re.compile(r"[a-z][a-z0-9+#]*(?:[.\-][a-z0-9+#]+)*(?:[ \t]+[a-z][a-z0-9+#]*(?:[.\-][a-z0-9+#]+)*){0,2}")
_ARTICLE_OR_CLITIC_RE = re.compile(r"^(?:[وب]?ال|[وب])(?=\w\w)")
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")
#: sections whose lists name skills or requirements
_LIST_SECTIONS = frozenset({"skills", "qualifications", "knowledge", "experience"})
#: section categories where a list item is not a skill (duties, pay, the company)
_NOT_SKILL_SECTIONS = frozenset({"responsibilities", "compensation", "benefits", "company", "application"})
_JOINERS_RE = re.compile(r"[\sو,&/+\-–]+")
_LABEL_WORDS = 6
_LANGUAGE_LEVEL_RE = re.compile(r"(?<![ \t])[ \t]+ب?مستوي(?:[ \t]+[^\W\d_]+){1,2}")
_NON_SPACE_RE = re.compile(r"[^ \t]")
_VISIBLE_RE = re.compile(r"\S")
_ITEM_END = frozenset("\n.,;:(!")
_LETTERS_RE = re.compile(r"[^\W\d_]{2}")
_PROSE_WORDS, _ITEM_WORDS = 14, 24  # the longest skill phrase read in running text and in a list item


@cache
def _lexicon() -> dict[str, Any]:
    data = load("skills")
    tools = load("tools")["tools"]
    known = {fold(k): v for k, v in data["known"].items()}
    for canon, spellings in tools.items():
        for s in [canon, *spellings]:
            known[fold(s)] = canon
    tool_names = [s for c, ss in tools.items() for s in [c, *ss]]
    named = {fold(s): c for c, ss in tools.items() for s in [c, *ss]}
    named |= {fold(s): known[fold(s)] for s in data["languages"] if fold(s) in known}
    quals = rf"(?:(?:{alternation(data['qualifiers'])})[ \t]+){{0,2}}"
    links = {kind: alternation(words) for kind, words in data["link_words"].items()}
    return {
        # after a cue: its qualifiers and link word ("قدرة عالية على ", "معرفة جيدة بـ", "خبرة في برامج")
        "link_patterns": {
            "on": re.compile(rf"(?<![ \t])[ \t]+{quals}(?:{links['on']})[ \t]+(?=\w)"),
            "min": re.compile(rf"(?<![ \t])[ \t]+{quals}(?:{links['min']})[ \t]+(?=\w)"),
            "bi": re.compile(rf"(?<![ \t])[ \t]+{quals}(?:ب[ \t]+(?=\w)|(?=ب[^\W\d_]{{3}}|(?:ال)?لغ))"),
            "exp": re.compile(r"(?<![ \t])[ \t]+(?P<o>[^\W\d_]+|[a-z][\w+#.]*)"),
        },
        "known": known,
        "named": named,
        "known_stripped": {strip_article(k): v for k, v in known.items()},
        # cue words and skill nouns, in one matcher; their kind says which
        "cue_kind": {fold(k): v for k, v in data["cues"].items()} | {fold(k): "noun" for k in data["skill_nouns"]},
        "skill_kinds": frozenset(strip_article(fold(w)) for w in data["skill_kinds"]),
        "exp_objects": frozenset(strip_article(fold(w)) for w in data["exp_objects"]),
        "qualifiers": frozenset(fold(w) for w in data["qualifiers"]),
        "connector_re": re.compile(rf"[ \t,](?:{alternation(data['connectors'])})(?!\w)"),
        "stops": frozenset(fold(w) for w in data["qualifier_stops"]),
        "governors": frozenset(fold(w) for w in data["governors"]),
        "not_items": tuple(fold(w) for w in data["not_items"]),
        "not_objects": frozenset(fold(w) for w in data["not_objects"]),
        "not_before_language": frozenset(fold(w) for w in data["language_not_after"]),
        "tool_joiners": frozenset(fold(w) for w in data["tool_joiners"]),
        # tools, languages and competence nouns, in one matcher; their kind says which
        # every skills lexicon in one matcher (one pass over its hits); `kind` tells them apart
        "words": WordMatcher(
            [*data["cues"], *data["skill_nouns"], *tool_names, *data["languages"], *data["competences"]], clitics=True
        ),
        "name_kind": {fold(k): "competence" for k in data["competences"]}
        | {fold(k): "language" for k in data["languages"]}
        | {fold(k): "tool" for k in tool_names},
    }


@lru_cache(maxsize=8192)
def _name(key: str) -> str | None:
    """The canonical name of folded skill words, if the lexicon knows them, or of the tool or language
    they start with ("اللغة الإنجليزية تحدثا وكتابة" → English)."""
    lex = _lexicon()
    key = key.strip()
    if not key:
        return None
    name = lex["known"].get(key) or lex["known_stripped"].get(strip_article(key))
    words = key.split()
    for n in range(min(3, len(words) - 1), 0, -1):
        if name:
            break
        name = lex["named"].get(" ".join(words[:n]))
    return str(name) if name else None


class _Found(NamedTuple):
    """A skill found, before overlaps are resolved; `key` is the folded skill words of its canonical name."""

    start: int
    end: int
    key: str


def _mention(an: Analysis, found: _Found) -> Mention:
    """The skill mention: `name` canonical where the lexicon knows the key, else the surface text."""
    surface = an.norm.original[slice(*an.norm.span(found.start, found.end))]
    return Mention("skill", found.start, found.end, {"name": _name(found.key) or surface})


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    """The line around pos, looked for at most _LINE_REACH characters each way: a skill lies well within
    that, and a hit on a megabyte-long line must not scan all of it."""
    low, high = max(0, pos - _LINE_REACH), min(len(text), pos + _LINE_REACH)
    start, end = text.rfind("\n", low, pos), text.find("\n", pos, high)
    return (low if start < 0 else start + 1), (high if end < 0 else end)


def _is_item_start(text: str, line_start: int, pos: int) -> bool:
    """Whether pos starts a list item: only bullets, numbers or a short label stand before it on its line."""
    if pos - line_start > _ITEM_PREFIX_MAX:  # deep in a line of running text
        return False
    return _ITEM_START_RE.fullmatch(text, line_start, pos) is not None


def _clause_end(text: str, pos: int, limit: int, item: bool) -> int:
    """Where the skill phrase read from pos ends: at the end of its clause, before `limit` (the line end or
    the next cue), before a connector ("، ويفضل", "فضلا عن"); in running text at a comma; after at most
    a list item's or a sentence's share of words."""
    lex = _lexicon()
    hard = _HARD_END_RE.search(text, pos, limit)
    end = hard.start() if hard else limit
    connector = lex["connector_re"].search(text, pos, end)
    if connector is not None:
        end = connector.start()
    if not item and (comma := text.find(",", pos, end)) >= 0:
        end = comma
    cap = _ITEM_WORDS if item else _PROSE_WORDS
    if text.count(" ", pos, end) < cap:
        return end
    at = pos
    for _ in range(cap):
        at = text.find(" ", at + 1, end)
    return at


def _trim(text: str, start: int, end: int) -> int:
    """The end of a span without trailing punctuation, a trailing level in parentheses, or a dangling
    "و"/"مع"/"أو"."""
    while True:
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        if end > start and text[end - 1] == ")":
            level = _LEVEL_RE.search(text, max(start, end - 40), end)
            if level is not None and level.start() > start:
                end = level.start()
                continue
        word_start = text.rfind(" ", start, end) + 1
        if word_start > start and text[word_start:end] in ("و", "مع", "او", "أو"):
            end = word_start
            continue
        return end


def _words_after(text: str, pos: int, end: int, n: int) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    while len(out) < n and (m := _NEXT_WORD_RE.match(text, pos, end)) is not None:
        out.append(m)
        pos = m.end()
    return out


def _object_start(text: str, kind: str, cue_end: int) -> int | None:
    """Where the object of a cue starts (after qualifiers and the link word its kind needs), or None when
    the words after the cue are not its object. One anchored match per cue (see _link_patterns)."""
    if kind in ("direct", "item"):
        return cue_end
    lex = _lexicon()
    if kind == "level":  # "مستوى جيد جدا في اللغة الإنجليزية": a language within the next words
        line_end = text.find("\n", cue_end, cue_end + 48)
        return cue_end if text.find("لغ", cue_end, cue_end + 48 if line_end < 0 else line_end) >= 0 else None
    m: re.Match[str] | None = lex["link_patterns"][kind].match(text, cue_end)
    if m is None:
        return None
    if kind != "exp":
        return m.end()
    obj = m.group("o")  # "خبرة في برامج X", "خبرة في Odoo": the cue ends in "في", which the object keeps
    return cue_end - 2 if strip_article(obj) in lex["exp_objects"] or obj.isascii() or _name(obj) else None


def _after_a_verbal_noun(text: str, pos: int) -> bool:
    """Whether the word before pos is a verbal noun that takes the ability as its object ("تطوير القدرة
    على", "إثبات القدرة على"): the text talks about building or showing it, not about asking for it."""
    return _word_before(text, pos) in _lexicon()["governors"]


def _word_before(text: str, pos: int) -> str:
    """The word before pos, over spaces ("" when pos follows no space)."""
    chunk = text[max(0, pos - 48) : pos]
    if not chunk or chunk[-1] not in " \t":
        return ""
    words = chunk.split()
    return words[-1] if words and not chunk.rstrip(" \t").endswith("\n") else ""


def _not_an_object(text: str, first: re.Match[str], end: int) -> bool:
    """Whether a cue's object is a word that makes no skill ("إتقان العمل", "إتقان العمل والالتزام"),
    rather than the start of one ("إجادة العمل على برنامج X")."""
    if first.group("w") not in _lexicon()["not_objects"]:
        return False
    nxt = _NEXT_WORD_RE.match(text, first.end(), end)
    return nxt is None or nxt.group("w").startswith("و")


def _section_ok(section: SectionSpan | None) -> bool:
    return section is None or section.category not in _NOT_SKILL_SECTIONS


def _only_tools(text: str, start: int, end: int, tools: list[_Found]) -> bool:
    """Whether text[start:end] is nothing but known tools or languages and و/commas between them."""
    rest, pos = [], start
    for t in tools[bisect_left(tools, (start,)) :]:
        if t.start >= end:
            break
        if t.end <= end:
            rest.append(text[pos : t.start])
            pos = t.end
    if pos == start:
        return False
    joiners = _lexicon()["tool_joiners"]
    left = _JOINERS_RE.sub(" ", "".join(rest) + text[pos:end]).split()
    return all(w in joiners for w in left)


def _cue_phrases(an: Analysis, cues: list[re.Match[str]], starts: list[int], tools: list[_Found]) -> list[_Found]:
    """Skill phrases headed by a cue, each to the end of its clause or the next cue; a cue whose object is
    only known tools ("إتقان Python و SQL") leaves them to be skills each."""
    lex, text = _lexicon(), an.masked
    out = []
    for m in cues:
        kind = lex["cue_kind"][m.group("w")]
        obj = _object_start(text, kind, m.end())
        if obj is None:
            continue
        line_start, line_end = _line_bounds(text, m.start())
        item = _is_item_start(text, line_start, m.start())
        if kind == "item" and not (item and _section_ok(an.section_at(m.start()))):
            continue
        k = bisect_right(starts, m.start())
        limit = min(line_end, starts[k]) if k < len(starts) else line_end
        end = _trim(text, obj, _clause_end(text, obj, limit, item))
        first = _NEXT_WORD_RE.match(text, obj, end)
        if first is None or _only_tools(text, obj, end, tools):
            continue
        if first.group("w") in lex["governors"] or _not_an_object(text, first, end):
            continue  # "قادر على إثبات ...", "إتقان العمل" (diligence)
        if _after_a_verbal_noun(text, m.start()):
            continue
        start = m.start("w")  # a glued conjunction stays out: "والقدرة" → "القدرة"
        out.append(_Found(start, end, text[obj:end]))
    return out


def _noun_phrases(an: Analysis, nouns: list[re.Match[str]], starts: list[int]) -> list[_Found]:
    """مهارات X: a list item whole; in running text the skill words (see _after_noun)."""
    lex, text = _lexicon(), an.masked
    out: list[_Found] = []
    for m in nouns:
        if text.startswith("ال", m.start("w") - 2) and m.start("w") - 2 >= m.start():
            continue  # "والقدرات البدنية": a noun with its article in running text names a domain
        line_start, line_end = _line_bounds(text, m.start())
        words = _words_after(text, m.end(), line_end, 2)
        item = _is_item_start(text, line_start, m.start())
        if _is_label(text, m.end(), line_end):  # "المهارات: تواصل وإقناع عالية، ..."
            out += _label_list(an, m.end(), line_end, starts)
            continue
        first = words[0].group("w") if words else "و"
        if (first in lex["stops"] and first not in lex["qualifiers"] and first != "في") or first == "و":
            continue
        # "مهارات جيدة في X", "مهارات في X": the clause after them
        after_qualifier = first == "في" or (
            first in lex["qualifiers"] and len(words) > 1 and words[1].group("w") == "في"
        )
        if not (item or after_qualifier):
            out += _after_noun(an, m.start("w"), m.end())
            continue
        k = bisect_right(starts, m.start())
        limit = min(line_end, starts[k]) if k < len(starts) else line_end
        end = _trim(text, m.end(), _clause_end(text, m.end(), limit, item))
        if _is_label(text, end, line_end):
            continue  # "المهارات الإدارية: إجادة ...": a label, its item follows
        if _names_no_skill(text[m.end() : end]):
            continue
        if any(w.group("w") not in lex["stops"] for w in _words_after(text, m.end(), end, 8)):
            out.append(_Found(m.start("w"), end, strip_article(text[m.end() : end].strip())))
    return out


def _names_no_skill(obj: str) -> bool:
    """A skill noun's object that names no skill ("مهارات X"): X is a person ("مهارات أخصائي العلاج
    الطبيعي": a heading), or only says which skills ("المهارات التقنية والشخصية", "المهارات المطلوبة")."""
    words = obj.split()
    if not words:
        return True
    if all(strip_article(w.lstrip("و")) in _lexicon()["skill_kinds"] for w in words):
        return True
    return not words[0].endswith("ه") and names_occupation(" ".join(words[:4]), first=True)


def _is_label(text: str, pos: int, line_end: int) -> bool:
    """Whether a colon follows pos (after spaces or a few words, within the line): a label."""
    colon = text.find(":", pos, min(line_end, pos + 40))
    return colon >= 0 and not _NEXT_WORD_RE.match(text, colon + 1, colon + 2) and "," not in text[pos:colon]


def _label_list(an: Analysis, pos: int, line_end: int, starts: list[int]) -> list[_Found]:
    """The skill after a skills label ("المهارات: تواصل وإقناع عالية، ..."), up to its comma."""
    text = an.masked
    colon = text.find(":", pos, line_end)
    at = colon + 1
    while at < line_end and text[at] in " \t":
        at += 1
    k = bisect_right(starts, at - 1)
    limit = min(line_end, starts[k]) if k < len(starts) else line_end
    end = _trim(text, at, _clause_end(text, at, limit, False))
    whole = _clause_end(text, at, line_end, False)
    if colon < 0 or not _NEXT_WORD_RE.match(text, at, end) or text.count(" ", at, whole) >= _LABEL_WORDS:
        return []  # a label's skill list is short: "المهارات: يمكن للممرضين ..." is a sentence
    return [_Found(at, end, text[at:end])]


def _after_noun(an: Analysis, noun_start: int, noun_end: int) -> list[_Found]:
    """مهارات X [الY ...] [وZ] in running text: X is a word that is not a qualifier (جيدة) or a person
    (المتقدم), extended over the definite words of its construct ("مهارات حل المشكلات"); a coordinated
    وZ parallel to a definite X ("مهارات الاتصال والتفاوض") is a second skill."""
    text, stops = an.masked, _lexicon()["stops"]
    m = _NEXT_WORD_RE.match(text, noun_end)
    if not m or m.group("w") in stops or m.start("w") == noun_end:
        return []
    end, words = m.end(), [m.group("w")]
    while len(words) < 3 and (nxt := _NEXT_WORD_RE.match(text, end)):
        w = nxt.group("w")
        if not w.startswith("ال") or w in stops or nxt.start("w") == end:
            break
        end, words = nxt.end(), [*words, w]
    out = [_Found(noun_start, end, " ".join(words))]
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt and nxt.group("w").startswith("و") and len(nxt.group("w")) > 3:
        word = nxt.group("w")[1:]
        parallel = words[0].startswith("ال") and word.startswith("ال")
        if word not in stops and (parallel or word in _lexicon()["known"]):
            out.append(_Found(nxt.start("w") + 1, nxt.end(), word))
    return out


def _is_list_line(text: str, line_start: int, line_end: int) -> bool:
    """A list item line: it starts with a bullet or number, or it is short (at most eight words)."""
    prefix = _ITEM_PREFIX_RE.match(text, line_start, line_end)
    if prefix is not None and text[line_start : prefix.end()].strip():
        return True
    return text.count(" ", line_start, line_end) < 8


def _competences(an: Analysis, competences: list[re.Match[str]]) -> list[_Found]:
    """Bare competence nouns that are a whole list item or one of its coordinated parts ("الالتزام،
    وروح الفريق"): before them the item start, a comma or a glued و; after them the item end or a comma
    or و — a duty ("التفاوض مع الموردين") goes on."""
    text = an.masked
    out = []
    for m in competences:
        after = _NON_SPACE_RE.search(text, m.end())  # the item ends after the noun
        if after is not None and after.group() not in _ITEM_END:
            continue
        line_start, line_end = _line_bounds(text, m.start())
        if not _is_list_line(text, line_start, line_end):
            continue
        before = text[line_start : m.start()].rstrip(" \t")
        glued_and = m.start("w") > m.start() and text[m.start()] == "و"
        if not (glued_and or not before or before[-1] in ",-–•*·▪◦●:)" or _is_item_start(text, line_start, m.start())):
            continue
        if _section_ok(an.section_at(m.start())):
            out.append(_Found(m.start("w"), m.end("w"), m.group("w")))
    return out


_ITEM_RE = re.compile(r"^[ \t]*(?:[-•*·▪◦●✓✔✅]|\d{1,2}\s*[-.)])?[ \t]*(?P<item>[^\n]*)$", re.MULTILINE)


def _section_items(an: Analysis) -> list[_Found]:
    """Short list items of a skills section ("Skill data:" / "المهارات:"), without a trailing level
    in parentheses ("استخدام الحاسوب (متوسط)"); and in a skills or requirements section, a Latin-script
    product name the lexicon does not know ("- خبرة بنظام Navision")."""
    out = []
    not_items, text = _lexicon()["not_items"], an.masked
    for sec in an.sections:
        if sec.category not in _LIST_SECTIONS or sec.heading is None:
            continue
        out += _latin_names(an, sec.heading[1], sec.end, sec.category == "skills")
        if sec.category != "skills":
            continue
        for m in _ITEM_RE.finditer(text, sec.heading[1], sec.end):
            start = m.start("item")
            item = m.group("item")
            level = _LEVEL_RE.search(item) if ")" in item[-4:] else None  # "(متوسط)" at the end
            item = item[: level.start() if level else None].rstrip(" .،,")
            if start <= sec.heading[1] or not _LETTERS_RE.search(item) or item.startswith(not_items):
                continue
            if item[-1:] in (":", "?", "؟"):
                continue  # an introduction to the list ("أهمها:") or a question, not an item of it
            if 1 <= len(item.split()) <= 10:
                out.append(_Found(start, start + len(item), item))
    return out


def _latin_names(an: Analysis, start: int, end: int, skills: bool) -> list[_Found]:
    """Latin-script names (at most three words) on the Arabic lines of [start, end) — of a skills section,
    or after a software word ("برنامج", "أنظمة", "استخدام") in a requirements list: they name products and
    tools. Not a gloss in parentheses ("المؤهلات (Qualifications)"), not the words of an English line."""
    text, out = an.masked, []
    software = _lexicon()["exp_objects"]
    for m in _LATIN_RUN_RE.finditer(text, start, end):
        if m.start() > 0 and text[m.start() - 1] == "(":
            continue
        if not skills and _ARTICLE_OR_CLITIC_RE.sub("", _word_before(text, m.start())) not in software:
            continue
        line_start, line_end = _line_bounds(text, m.start())
        if _ARABIC_RE.search(text, line_start, line_end):
            out.append(_Found(m.start(), m.end(), m.group()))
    return out


def _tool_in_context(an: Analysis, m: re.Match[str], language: bool) -> bool:
    """A tool or language named as a skill: not quoted («CRM»), not in the title of a longer text, and a language not
    as a subject taught or a certificate ("معلمة لغة إنجليزية", "شهادة لغة إنجليزية")."""
    text = an.masked
    if m.start() > 0 and text[m.start() - 1] in "«\"'":
        return False
    if an.title is not None and an.title[0] <= m.start() < an.title[1] and _VISIBLE_RE.search(text, an.title[1]):
        return False  # the title names the post ("موظف CRM"), not a skill asked
    if language:
        before = _word_before(text, m.start())
        not_after = _lexicon()["not_before_language"]
        if before in not_after:
            return False
        if before in ("في", "فى") and _word_before(text, m.start() - len(before) - 1) in not_after:
            return False  # "ماجستير في اللغة الإنجليزية": the field of a degree
        section = an.section_at(m.start())
        if section is not None and section.category == "education" and not before:
            return False  # a language alone on a line of a list of specialties: a field of study
    return True


def extract_skills(an: Analysis) -> list[Mention]:
    """Skill mentions in document order, overlaps resolved in favour of the first (then longest) found."""
    lex = _lexicon()
    text = an.masked
    cue_kind, name_kind = lex["cue_kind"], lex["name_kind"]
    cues: list[re.Match[str]] = []
    nouns: list[re.Match[str]] = []
    starts: list[int] = []  # a cue or skill noun ends the phrase before it ("مهارات تواصل وقدرة على الإقناع")
    competences: list[re.Match[str]] = []
    tools: list[_Found] = []
    for m in lex["words"].finditer(text, scan=an.scan):
        word = m.group("w")
        if (k := cue_kind.get(word)) is not None:
            (nouns if k == "noun" else cues).append(m)
            if k != "item":
                starts.append(m.start())
        elif name_kind[word] == "competence":
            competences.append(m)
        elif _tool_in_context(an, m, name_kind[word] == "language"):
            end = m.end("w")
            if name_kind[word] == "language" and (level := _LANGUAGE_LEVEL_RE.match(text, end)):
                end = level.end()  # "لغة فرنسية بمستوى ممتاز"
            tools.append(_Found(m.start("w"), end, word))
    tools.sort()
    found = _cue_phrases(an, cues, starts, tools) + _noun_phrases(an, nouns, starts) + _section_items(an)
    found += _competences(an, competences) + tools
    out: list[_Found] = []
    for f in sorted(found, key=lambda x: (x.start, -x.end)):
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return [_mention(an, f) for f in out]
