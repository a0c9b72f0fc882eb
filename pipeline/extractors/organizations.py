"""Organizations: construct chains after a head noun, names an announcement introduces, known bodies.

A name starts at a head noun (مكتب، مؤسسة، جمعية، هيئة، وزارة، جامعة، شركة ...; a glued ل/ب/و clitic stays
out of the span) and runs over the following words until a stop word (preposition, relative pronoun,
common verb), punctuation or a line end; it ends at its last definite word ("... لإحصاءات العمل"). After
a head that takes a proper name ("شركة", "مطاعم", "جامعة" ...) an indefinite name of up to three words
ends at the stop ("شركة توترز عن ..."), and a Latin-script name right after the head counts ("شركة
SuliKim"), unless every word is generic ("شركة كبرى", "شركة مقاولات"). A bare generic mention ("الشركة",
"هيئة اعتماد", "كلية الطب" without its university) is not a name. The words an announcing verb
introduces ("تعلن X عن حاجتها") are the employer's name even without a head noun. Known bodies come from
the gazetteer (organizations.json and gazetteer.json: Arabic and Latin names, acronyms) through the
one-pass lexicon scan, and share the canonical `name`.

The role comes from the words around the mention (looked at only around hits): data_source (وفقا ل،
بحسب، إحصاءات), certifying_body (شهادة، اعتماد، ترخيص، تصنيف), employer (تعلن، للعمل لدى، موظفي،
للانضمام إلى) — a ministry that announces its own vacancies is the employer — else the gazetteer's
default or the class of the head noun. Then per document: a name alone on one of the first lines (the
header of a job ad) is the employer, and every mention of an employer shares the role.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any

from pipeline.document import Analysis, Mention
from pipeline.lexicons import WordMatcher, load, word_regex
from pipeline.normalize import fold

_MAX_CHAIN = 8
_MAX_INDEFINITE = 3  # words of an indefinite name after a head noun ("شركة جوان مقاولات")
_NEXT_WORD_RE = re.compile(r"(?<![ \t])[ \t]+[«“\"]?(?P<w>[^\W\d_]+)")  # an opening quote may stand before a word
_PREV_WORD_RE = re.compile(r"(?P<w>[^\W\d_]{1,20})[ \t]+$")  # (searched in a window of 20)
# "كلية الهندسة بجامعة عين شمس", "كلية التربية - جامعة قطر": a faculty named with its university
_UNIVERSITY_LINK_RE = re.compile(r"(?<![ \t])[ \t]*(?:[-–][ \t]*)?[بل]?(?P<h>جامعه)(?=[ \t])")
# where the words an announcing verb introduces end: punctuation, brackets, a line end
_ANNOUNCED_END_RE = re.compile(r"[\n،,:.؛!?()«»\"“”]")
_SPLIT_RE = re.compile(r"[^/\[\]|]+")  # "[أشنونة / Ashnouna]": two names of one body
_WORD_RE = re.compile(r"[^\W\d_]+")
_BRACKETED_RE = re.compile(r"\([^()\n]*\)|\[[^\[\]\n]*\]")
_HEADER_LINES = 5  # a name alone on one of these first lines is the document's employer
_HEADER_CHARS = 2000  # ... within these first characters
_FIXED_ROLE_KINDS = frozenset({"media", "jobsite"})
_FIXED_ROLES = frozenset({"certifying_body", "data_source"})  # cued by words around the mention: not spread


@dataclass(frozen=True)
class _Known:
    name: str
    name_en: str | None
    acronym: str | None
    role: str
    fixed: bool  # media and job sites keep their role whatever the words around say


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load("organizations")
    return data


_KIND_ROLE = {
    "company": "other",
    "government": "government",
    "certifier": "certifying_body",
    "university": "education",
    "media": "other",
    "jobsite": "other",
    "statistics": "data_source",
    "international": "other",
    "association": "other",
}


def _bodies() -> list[tuple[_Known, list[str]]]:
    """Every known body with its aliases: organizations.json's detailed entries, then gazetteer.json's
    rows [kind, name, name_en, acronym, aliases...] (the name and acronym are aliases too)."""
    out = []
    for body in _data()["known"]:
        known = _Known(body["name"], body.get("name_en"), body.get("acronym"), body["role"], False)
        out.append((known, body["aliases"]))
    for kind, name, name_en, acronym, *aliases in load("gazetteer")["bodies"]:
        known = _Known(name, name_en or None, acronym or None, _KIND_ROLE[kind], kind in _FIXED_ROLE_KINDS)
        out.append((known, [name, *([name_en] if name_en else []), *([acronym] if acronym else []), *aliases]))
    return out


@cache
def _gazetteer() -> tuple[dict[str, _Known], WordMatcher]:
    """Folded alias -> known body (the first entry that names it), and a whole-word matcher of every alias."""
    by_alias: dict[str, _Known] = {}
    for known, aliases in _bodies():
        for alias in aliases:
            key = fold(alias)
            by_alias.setdefault(key, known)
            if key.startswith("ال"):
                by_alias.setdefault("لل" + key[2:], known)  # "وفقا للجهاز المركزي للإحصاء"
    return by_alias, word_regex(by_alias, clitics=True)


@cache
def _heads() -> tuple[dict[str, str], WordMatcher]:
    classes: dict[str, str] = {}
    for role, nouns in _data()["head_nouns"].items():
        for noun in nouns:
            classes.setdefault(fold(noun), role)
    return classes, WordMatcher(classes, clitics=True, article=True)


@cache
def _word_set(key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _data()[key])


_CUE_KEYS = {
    "data_source": "data_source_cues",
    "certifying_body": "certifying_cues",
    "credential": "credential_cues",
    "employer": "employer_cues",
    "announce": "announce_verbs",
    "landmark": "landmark_cues",
}


@cache
def _cues() -> tuple[dict[str, frozenset[str]], WordMatcher, WordMatcher]:
    """Every role cue -> its kinds, one matcher of them all (a mention's window is read once), and the
    matcher of the announcing verbs (read through the one-pass scan)."""
    kinds: dict[str, set[str]] = {}
    for kind, key in _CUE_KEYS.items():
        for cue in _data()[key]:
            kinds.setdefault(fold(cue), set()).add(kind)
    frozen = {cue: frozenset(k) for cue, k in kinds.items()}
    return frozen, word_regex(frozen, clitics=True), word_regex(_data()["announce_verbs"], clitics=True)


def _product(text: str, start: int, end: int, company: bool = False) -> bool:
    """A known company named for its product: a product word right after it or an app word right
    before it (text is folded); a company's Latin name followed by another Latin word."""
    after = _NEXT_WORD_RE.match(text, end)
    if after is not None and after.group("w") in _word_set("product_next"):
        return True
    if company and after is not None and text[start].isascii() and after.group("w").isascii():
        # a Latin name right after a Latin company's ("Google Classroom", "Oracle Database"): its product,
        # unless the word is the company's own (Group, Inc, Company ...)
        return after.group("w") not in _word_set("company_words")
    return _previous_word(text, start) in _word_set("product_before")


def _in_address(text: str, start: int, end: int) -> bool:
    """A word of a web or mail address ("forms.google.com", "jobs@aramco.com")."""
    return (start > 0 and text[start - 1] in "./@") or (
        end + 1 < len(text) and text[end] in "./@" and text[end + 1].isalnum()
    )


def _previous_word(text: str, start: int) -> str | None:
    """The word right before `start` (on the same line, within 20 characters)."""
    before = _PREV_WORD_RE.search(text, max(0, start - 20), start)
    return before.group("w") if before is not None else None


def _known_prefix(surface: str, gazetteer: dict[str, _Known]) -> _Known | None:
    """The known body whose alias (two words or more) the chain starts with, longest first; else the one
    the words after the head noun start with ("شركة أرامكو", "قناة “إكسترا نيوز”")."""
    words = _QUOTES_RE.sub("", surface).split()
    for n in range(len(words), 1, -1):
        known = gazetteer.get(" ".join(words[:n]))
        if known is not None:
            return known
    for n in range(len(words), 1, -1):
        known = gazetteer.get(" ".join(words[1:n]))
        if known is not None:
            return known
    return None


_QUOTES_RE = re.compile('[«»“”"]')  # a substitution: str.translate maps every character through a dict
_DEFINITE = ("ال", "لل", "وال")


def _definite(word: str) -> bool:
    """A definite word of a construct chain: "العمل", "للتخصصات", "والتنمية" (not "بالكامل": ب ends a name)."""
    return word.startswith(_DEFINITE)


def _bare(word: str) -> str:
    """A folded word without its article or a clitic + article ("والشركة" -> "شركة"); cheaper than
    normalize.strip_article, and this runs for every word of every chain."""
    if word.startswith(("وال", "بال", "فال", "كال")) and len(word) > 4:
        return word[3:]
    if word.startswith(("ال", "لل")) and len(word) > 3:
        return word[2:]
    return word


def _generic(word: str) -> bool:
    """A word that does not make a name after a head noun: an adjective or a trade ("كبرى", "تركيه",
    "مقاولات")."""
    generic = _word_set("generic_words")
    return word in generic or word.endswith("يه") or _bare(word) in generic


def _ends_name(text: str, end: int, word: str) -> bool:
    """A word that starts a phrase after the name: a place or manner ("بمدينة", "بوضع"), or a purpose
    not followed by a definite word ("لاختيار أفضل"; "لإحصاءات العمل" goes on)."""
    if len(word) < 4 or word.startswith("لل"):
        return False
    if word[0] == "ب":
        return True  # "بمدينة", "بالقوى العاملة"
    if word[0] != "ل":
        return False
    nxt = _NEXT_WORD_RE.match(text, end)
    return nxt is None or not _definite(nxt.group("w"))


def _chain_end(
    text: str, head_end: int, head_definite: bool, named: bool, firm: bool = False, whole: bool = False
) -> int | None:
    """End of the name that starts with a head noun ending at head_end, or None if it is generic.
    `named`: the head takes an indefinite proper name ("شركة توترز"); `firm`: a business that a trade
    alone does not name ("متجر التجزئة"); `whole`: a head of two words, a body by itself, which one
    purpose names ("الإدارة العامة للتشغيل", "كتابة الدولة للأمن")."""
    pos = head_end
    last_definite: int | None = None
    tokens: list[str] = []
    latin = False
    stops, heads = _word_set("chain_stops"), _heads()[0]
    while len(tokens) < _MAX_CHAIN:
        m = _NEXT_WORD_RE.match(text, pos)
        if not m:
            break
        w = m.group("w")
        if w in stops or (tokens and w[0] in "بل" and _ends_name(text, m.end(), w)):
            break
        if w[0] == "و" and (w[1:] in heads or (head_definite and not w.startswith("وال"))):
            break  # "وزارة العمل ووزارة التضامن": the next name; "الشركة الصانعة وتعليمات": a new phrase
        if last_definite is not None and not w.startswith(_DEFINITE) and not latin:
            nxt = _NEXT_WORD_RE.match(text, m.end())
            if nxt is None or not nxt.group("w").startswith(_DEFINITE):
                break  # after the definite words only a construct goes on ("لإحصاءات العمل", "عبد العزيز")
        if w.isascii() != latin:
            if tokens:
                break  # a Latin name right after the head ("شركة SuliKim"), not after Arabic words
            latin = True
        if not tokens and head_definite and not w.startswith("ال"):
            return None  # "الشركة للحفاظ": a definite head needs an adjective ("الجمعية الوطنية")
        tokens.append(w)
        pos = m.end()
        if not latin and w.startswith(_DEFINITE):
            last_definite = pos
    if latin:
        return pos
    if last_definite is None:
        if named and not head_definite and 0 < len(tokens) <= _MAX_INDEFINITE and len(tokens[0]) > 1:
            if not all(_generic(w) for w in tokens):
                return pos
        return None
    if (named or firm) and all(_bare(w) in _word_set("generic_words") for w in tokens):
        return None  # "شركة الاستشارات العالمية": a description, not a name
    if len(tokens) == 1 and not whole and text[head_end:last_definite].lstrip().startswith("لل"):
        return None  # "منظمة للانضمام": one verbal noun after an adjective-like head is not a name
    if head_definite and len(tokens) < 2:
        return None
    return last_definite


def _a_person(an: Analysis, text: str, start: int, end: int) -> bool:
    """A head that is also a person's noun ("مدرسة": a school or a teacher) names the person when it is
    asked for ("مطلوب مدرسة"), written with its shadda ("مدرّسة"), or followed by no definite word (a
    school's name is: "مدرسة النور", a teacher's subject is not: "مدرسة رياضيات")."""
    if "\u0651" in an.norm.original[slice(*an.norm.span(start, end))]:
        return True
    if (_previous_word(text, start) or "") in _word_set("hiring_before"):
        return True
    nxt = _NEXT_WORD_RE.match(text, end)
    return nxt is None or not _definite(nxt.group("w"))


def _faculty_end(text: str, end: int) -> int | None:
    """End of "كلية X" with its university ("كلية الهندسة بجامعة عين شمس"), None without one: a bare
    faculty of a discipline ("كلية الطب") is generic."""
    m = _UNIVERSITY_LINK_RE.match(text, end)
    if m is None:
        return None
    return _chain_end(text, m.end("h"), False, True)


@cache
def _generic_chains() -> tuple[str, ...]:
    """Chains that are a part of any body ("مجلس الإدارة"), with and without the article."""
    chains = {fold(c) for c in _data()["generic_chains"]}
    return tuple(chains | {"ال" + c for c in chains} | {c[2:] for c in chains if c.startswith("ال")})


def _chains(an: Analysis, text: str) -> list[tuple[int, int, str | None]]:
    """Names that start with a head noun: (start, end, class of the head), sorted and disjoint."""
    classes, head_re = _heads()
    named, faculties, generic_chains = _word_set("name_heads"), _word_set("faculty_heads"), _generic_chains()
    persons = _word_set("person_heads")
    found: list[tuple[int, int, str | None]] = []
    for m in head_re.finditer(text, scan=an.scan):
        if found and m.start("w") < found[-1][1]:
            continue  # a head inside the previous name ("شركة مجموعة الفارس"): part of it, not a second one
        head = m.group("w")
        # a head of two words ends with its adjective ("الإدارة العامة للأمن"): like an indefinite one
        definite = " " not in head and (head.startswith("ال") or text[m.start() : m.start("w")].endswith(("لل", "ال")))
        bare = head[2:] if head.startswith("ال") and head not in classes else head
        if bare in persons and _a_person(an, text, m.start("w"), m.end("w")):
            continue  # "مطلوب مدرسة رياضيات", "مدرّسة فيزياء": a teacher, not a school
        end = _chain_end(text, m.end("w"), definite, bare in named, classes.get(bare) == "employer", " " in head)
        if end is None:
            continue
        if bare in faculties and " " not in text[m.end("w") : end].strip():
            end = _faculty_end(text, end)
            if end is None:
                continue
        if end < len(text) and text[end] in '»”"' and any(q in text[m.end("w") : end] for q in '«“"'):
            end += 1  # the closing quote of a quoted name: حكومة “الوفاق الوطني”
        if text.startswith(generic_chains, m.start("w"), end):
            continue  # "مجلس الإدارة": a part of any body
        found.append((m.start("w"), end, classes.get(bare)))
    return found


#: "عن حاجتها/رغبتها/توفر/فتح", "بحاجة الى", "تطلب": what an announcement announces, which ends the name before it
_NEED_RE = re.compile(r"(?<![ \t])[ \t]+(?:عن[ \t]+(?:حاجت|حاجه|رغبت|توفر|فتح|وجود)|بحاجه[ \t]|تطلب[ \t]|يطلب[ \t])")
_NEED_REACH = 120
_NEED_WORDS = 12


def _to_the_need(text: str, spans: list[tuple[int, int]], verbs: set[int]) -> list[int]:
    """The ends of names right after an announcing verb or opening a line, run to "عن حاجتها" or "بحاجة
    الى" ("تعلن شركة النخيل لبيع اجهزة و لوازم مكتبية عن حاجتها"): words a name stopped at (a spaced و,
    an indefinite purpose, a name after a definite word) belong to it when only words stand between it
    and what is announced. Other names keep their ends."""
    ends = [e for _, e in spans]
    if not spans:
        return ends
    stops = _word_set("chain_stops")
    for k, (s, e) in enumerate(spans):
        if not (_verb_before(text, s, verbs) or _starts_line(text, s)):
            continue
        need = _NEED_RE.search(text, e, min(len(text), e + _NEED_REACH))
        gap = text[e : need.start()].split() if need else []
        if (
            need
            and len(gap) <= _NEED_WORDS
            and not _ANNOUNCED_END_RE.search(text, e, need.start())
            and all(w == "و" or w not in stops for w in gap)  # "شركة النور في بغداد": a place after it
        ):
            ends[k] = need.start()
    return ends


_IN_NEED_RE = re.compile(r"(?m)^[ \t]*+(?P<name>[^\n]{3,120}?)[ \t]{1,4}(?:بحاجه|تطلب|يطلب)[ \t]{1,4}(?:الي|ل)")


class _Spans:
    """Spans of the text, asked whether one overlaps [start, end) in logarithmic time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self._starts = [s for s, _ in spans]
        self._reach = list(accumulate((e for _, e in spans), max))  # the furthest end of the first k spans

    def overlap(self, start: int, end: int) -> bool:
        k = bisect_left(self._starts, end)  # the spans that start before `end`
        return k > 0 and self._reach[k - 1] > start


def _in_need(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A line that opens with a body in need ("مختبر الواحة للتحليل و الفحوص بحاجة الى مساعد"): the
    words from its head noun to بحاجة are its name, where no other name was found there."""
    if "بحاجه" not in text and " تطلب" not in text and " يطلب" not in text:
        return []
    classes, stops = _heads()[0], _word_set("chain_stops")
    spans = _Spans(taken)
    out = []
    for m in _IN_NEED_RE.finditer(text):
        s, e = m.span("name")
        words = m.group("name").split()
        if (
            len(words) < 2
            or len(words) > _NEED_WORDS
            or words[0] not in classes
            or _ANNOUNCED_END_RE.search(text, s, e)
            or any(w != "و" and w in stops for w in words)
            or spans.overlap(s, e)
        ):
            continue
        out.append((s, e))
    return out


def _starts_line(text: str, start: int) -> bool:
    """Whether only spaces stand before start on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip()


def _verb_before(text: str, start: int, verbs: set[int]) -> bool:
    """Whether an announcing verb ends right before start (over spaces and a glued clitic)."""
    pos = start
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos in verbs


def _announced(an: Analysis, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Names an announcing verb introduces ("تعلن Medico Store عن", "يعلن [أشنونة / Ashnouna] عن"),
    where no other name was found: the words up to عن/في, punctuation or the line end (five at most)."""
    verbs = list(_cues()[2].finditer(text, scan=an.scan))
    if not verbs:
        return []
    stops, blockers = _word_set("chain_stops"), _word_set("announce_blockers")
    classes = _heads()[0]
    starts = [s for s, _ in taken]
    out = []
    for m in verbs:
        verb_end = m.end()
        limit = min(len(text), verb_end + 80)
        cut = _ANNOUNCED_END_RE.search(text, verb_end, limit)
        seg_end = cut.start() if cut else limit
        end, n = verb_end, 0
        for w in _WORD_RE.finditer(text, verb_end, seg_end):
            word = w.group()
            if word in stops:
                break
            if word in blockers:
                n = 0  # "أعلن محمد جبران وزير العمل": a person and a title, not a name
                break
            n, end = n + 1, w.end()
        else:
            if cut is None:
                continue  # no end in sight: a sentence, not a name
            after = _NEXT_WORD_RE.match(text, cut.end())
            if after is not None and after.group("w") in blockers:
                continue  # "أعلن محمد جبران، وزير العمل": a person, then the title
        k = bisect_right(starts, end) - 1
        if not 0 < n <= 5 or (k >= 0 and taken[k][1] > verb_end):
            continue  # nothing named, or a head-noun chain or a known body already names it
        for p in _SPLIT_RE.finditer(text, verb_end, end):
            part = p.group()
            s, e = p.start() + len(part) - len(part.lstrip()), p.end() - len(part) + len(part.rstrip())
            name = text[s:e]
            if e - s < 3 or name in classes or (" " not in name and name.startswith("ال")):
                continue  # a bare head noun ("براند"), a generic definite word ("التعليم")
            out.append((s, e))
    return out


def _role(an: Analysis, text: str, span: tuple[int, int], head_class: str | None, known: _Known | None) -> str:
    """The role of the body at `span` from the cues around it in its sentence: a cue of data (25
    characters before it), of certification (60 before, 40 after), of the employer (20 before)."""
    if known is not None and known.fixed:
        return known.role
    start, end = span
    s, e = an.sentences.around(start)
    kinds, cue_re, _ = _cues()
    near: set[str] = set()  # kinds of the cues right before the mention
    around: set[str] = set()  # kinds of the cues in its window
    for m in cue_re.finditer(text, max(s, start - 60), min(e, end + 40)):
        if start < m.end() and m.start() < end:
            continue  # a word of the name itself
        found = kinds[m.group("w")]
        around |= found
        if m.end() <= start and m.start() >= start - 25:
            near |= {k for k in found if k == "data_source" or m.start() >= start - 20}
    if "data_source" in near:
        return "data_source"
    default = known.role if known else None
    if default == "data_source":
        return default
    if "landmark" in near:
        return "other"  # "مقابل مستشفى X": a landmark of an address
    if "announce" in near and _reports(text, end):
        return "data_source"  # "أعلنت وزارة العمل أمس أن متوسط الأجور ...": figures, not vacancies
    if "announce" in near or ("employer" in near and default != "certifying_body"):
        return "employer"
    # a university or an institute named near "شهادة" is usually where the degree is from; it certifies
    # only with a word of accreditation or licensing ("معتمد", "ترخيص")
    if "certifying_body" in around or (default is None and _certifies_by_name(text, start, end)):
        return "certifying_body"  # (or its name says it accredits or examines: "مجلس اعتماد الهندسة")
    if "credential" in around and (head_class != "education" or default == "certifying_body"):
        return "certifying_body"
    if default:
        return default
    return head_class if head_class in ("government", "education", "employer") else "other"


def _certifies_by_name(text: str, start: int, end: int) -> bool:
    """Whether a body's own name says it accredits, examines or licenses ("لجنة اعتماد تعليم ...",
    "المجلس الوطني لممتحني الهندسة")."""
    words = _word_set("certifying_name_words")
    return any(_bare(w) in words or w in words for w in _WORD_RE.findall(text, start, end))


def _reports(text: str, end: int) -> bool:
    """The announced name is followed by أن (a statement), at most one word (أمس، اليوم) between."""
    for _ in range(2):
        m = _NEXT_WORD_RE.match(text, end)
        if m is None:
            return False
        if m.group("w") in ("ان", "بان"):
            return True
        end = m.end()
    return False


def _key(text: str) -> str:
    """What two mentions of one body share: the first two words without the article (a glued clitic
    is outside the spans)."""
    return " ".join(w[2:] if w.startswith("ال") else w for w in text.split(maxsplit=2)[:2])


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """The name fills its line but for bracketed words and two more ("[بغداد] شركة X", "شركة X (فرع)",
    "جمعية X بمكة المكرمة")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > 3 * (end - start) + 20:
        return False  # a long line: the name is a part of a sentence
    rest = text[line_start:start] + " " + text[end:line_end]
    return len(_WORD_RE.findall(_BRACKETED_RE.sub(" ", rest))) <= 2


#: A posting's header: the title line, the employer's line, a line naming a place ("محاسب\nشركة ...\nعسير").
_HEADER_NAME_WORDS = 12
_HEADER_NAME_CHARS = 120
_HEADER_PLACE_CHARS = 40


def _next_line(text: str, pos: int, most: int) -> tuple[int, int] | None:
    """The (start, end) of the stripped line after the line break at or after pos, if it has at most
    `most` characters (read without looking further: a line of a million spaces costs one find)."""
    brk = text.find("\n", pos, pos + 4 * most)
    if brk < 0:
        return None
    end = text.find("\n", brk + 1, brk + 2 + 4 * most)
    end = len(text) if end < 0 and len(text) - brk <= 4 * most else end
    if end < 0:
        return None
    line = text[brk + 1 : end]
    start = brk + 1 + len(line) - len(line.lstrip())
    stop = brk + 1 + len(line.rstrip())
    return (start, stop) if 0 < stop - start <= most else None


def _header_employer(an: Analysis, text: str) -> tuple[int, int] | None:
    """The line between a posting's title and the line that names its place (region, city), whole: the
    employer, as job boards print their header ("سائق\nشركة سعيد بن سعد للتجارة\nالباحة"), with the
    words a name chain would stop at ("بن", "بخروش") and heads no list holds ("صالون", "ورشة")."""
    if an.title is None:
        return None
    name = _next_line(text, an.title[1], _HEADER_NAME_CHARS)
    place = _next_line(text, name[1], _HEADER_PLACE_CHARS) if name else None
    if name is None or place is None or not _is_place(text[place[0] : place[1]]):
        return None
    line = text[name[0] : name[1]]
    if any(n.start <= name[0] < n.end for n in an.noise):
        return None  # the title said again ("[بغداد] مطلوب سائق" then "مطلوب سائق")
    if ":" in line or line[-1] in ".،,!?" or len(line.split()) > _HEADER_NAME_WORDS or _is_place(line):
        return None
    return name if line[0].isalpha() else None


def _is_place(line: str) -> bool:
    """A line that is only a place: a known region, city or country (currencies.json country cues), or a
    place noun with its name ("منطقة الجوف", "محافظة ميسان")."""
    from pipeline.extractors.quantities import place_names

    words = line.split()
    if len(words) > 4:
        return False
    return fold(line) in place_names() or (len(words) > 1 and words[0] in _word_set("place_words"))


#: A company's Latin name by its legal-form word ("Al Noor Logistics LLC", "Delta Foods Co.")
_LEGAL_FORMS = r"(?:llc|l\.l\.c|ltd|limited|inc|co|corp|corporation|plc|gmbh|fzco|fze|wll|w\.l\.l)(?![\w@/])"
_LATIN_COMPANY_RE = re.compile(rf"(?<![\w.@/])(?:[a-z][\w&'\-]*[ \t]){{1,5}}{_LEGAL_FORMS}\.?")
_LEGAL_FORM_RE = re.compile(rf"[ \t]{_LEGAL_FORMS}")


def _latin_companies(an: Analysis, text: str, items: list[list[Any]]) -> list[tuple[int, int]]:
    """Companies named in Latin script with their legal form, each word capitalised as written."""
    out: list[tuple[int, int]] = []
    if not _LEGAL_FORM_RE.search(text):
        return out  # (most texts name no legal form: the cheap test first)
    spans = _Spans([(i[0], i[1]) for i in items])
    for m in _LATIN_COMPANY_RE.finditer(text):
        s, e = m.start(), m.end()
        written = an.norm.original[slice(*an.norm.span(s, e))]
        if spans.overlap(s, e) or not all(w[0].isupper() for w in written.split()):
            continue
        out.append((s, e))
    return out


#: A Latin name right after an Arabic one, in brackets or after a dash ("(Unimedica)", "- Al-Turath University")
_LATIN_AFTER_RE = re.compile(
    r"(?<![ \t])[ \t]*+(?:\(|[-–][ \t])[ \t]*+(?P<n>[a-z][\w&.+'\-]{2,}(?:[ \t][a-z][\w&.+'\-]*){0,4})[ \t]*+"
    r"(?:\)|(?=[\n،,.\u0621-\u064a]|$))"
)


def _in_latin(an: Analysis, text: str, items: list[list[Any]]) -> list[tuple[list[Any], list[Any]]]:
    """The same body's name in Latin script right after its Arabic name (a second mention, its role):
    a proper name, capitalised as written ("الشركة الطبية المتحدة (Unimedica)"); (Arabic, Latin) items."""
    out = []
    for item in items:
        s, e, known, role = item
        m = _LATIN_AFTER_RE.match(text, e)
        if m is None or known is not None or not text[s].isalpha() or text[s].isascii():
            continue
        ls, le = m.span("n")
        written = an.norm.original[slice(*an.norm.span(ls, le))]
        if written[:1].isupper() and written.isascii():
            out.append((item, [ls, le, None, role]))
    return out


def _document_roles(text: str, items: list[list[Any]]) -> None:
    """Roles over the document: a name alone on a header line is the employer, and so is every mention
    of a body one mention shows to be the employer (items: [start, end, known, role], in place)."""
    employers = set()
    for item in items:
        start, end, known, role = item
        if role == "employer" or (
            role not in _FIXED_ROLES
            and not (known is not None and known.fixed)
            and start < _HEADER_CHARS
            and text.count("\n", 0, start) < _HEADER_LINES
            and _alone_on_line(text, start, end)
        ):
            item[3] = "employer"
            employers.add(known.name if known else _key(text[start:end]))
    if not employers:
        return
    for item in items:
        start, end, known, role = item
        if role in _FIXED_ROLES or role == "employer" or (known is not None and known.fixed):
            continue
        if (known.name if known else _key(text[start:end])) in employers:
            item[3] = "employer"


#: At most this many names of a document are looked for again (one regex of them all, one pass).
_MAX_REPEATED = 50
_CORE_WORDS = 3


def _core(text: str, start: int, end: int) -> list[str]:
    """The proper name inside a mention found by its head or an announcing verb: the words after the head
    noun, up to three, before a descriptor ("شركة نجمة الصباح للإعلان والتسويق" -> "نجمة الصباح"); [] unless
    two words at least make it (one word is too often a plain word: "المميز") and the first is neither
    definite, generic nor a head noun (without its head a definite or generic phrase is a plain phrase)."""
    heads, _ = _heads()
    words = _WORD_RE.findall(text, start, end)
    if words and (words[0] in heads or _bare(words[0]) in heads):
        words = words[1:]
    core: list[str] = []
    for w in words:
        if core and w[0] == "ل":
            break  # "للتسويق", "لادارة": what the body does, not its name
        core.append(w)
        if len(core) == _CORE_WORDS:
            break
    first = core[0] if core else ""
    if (
        len(core) < 2
        or _definite(first)  # "المتقاعدين العسكريين": a definite phrase is a plain phrase without its head
        or _generic(first)
        or first in heads
        or (first.endswith("ات") and first[:-2] + "ه" in heads)  # "شركات فلاحية"
        or first in _word_set("place_words")  # "(ديوان) محافظة النخيل", "(في) محل ملابس": a place
    ):
        return []
    return core


def _repeated(text: str, items: list[list[Any]]) -> list[list[Any]]:
    """The other mentions of a name that one mention gives with its head noun or after an announcing verb
    ("شركة نجمة الصباح للإعلان" ... "في نجمة الصباح نؤمن"): its core name where it stands alone, with that mention's
    role. Gazetteer names are found everywhere already."""
    roles: dict[str, str] = {}
    for start, end, known, role in items:
        if known is None and len(roles) < _MAX_REPEATED:
            core = _core(text, start, end)
            if core:
                roles.setdefault(" ".join(core), role)
    if not roles:
        return []
    names = sorted((r"\s+".join(map(re.escape, name.split())) for name in roles), key=len, reverse=True)
    pattern = re.compile(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)")
    spans = sorted((s, e) for s, e, _, _ in items)
    ends = [e for _, e in spans]
    out: list[list[Any]] = []
    for m in pattern.finditer(text):
        k = bisect_right(ends, m.start())
        if k < len(spans) and spans[k][0] < m.end():
            continue  # inside a mention found already
        out.append([m.start(), m.end(), None, roles[" ".join(m.group().split())]])
    return out


def extract_organizations(an: Analysis) -> list[Mention]:
    """Organization mentions of the document, with canonical names for known bodies."""
    text = an.masked
    gazetteer, alias_re = _gazetteer()
    found: list[tuple[int, int, _Known | None, str | None]] = []
    for s, e, cls in _chains(an, text):
        found.append((s, e, _known_prefix(text[s:e], gazetteer), cls))
    verbs = {m.end() for m in _cues()[2].finditer(text, scan=an.scan)}  # (where announcing verbs end)
    ends = _to_the_need(text, [(s, e) for s, e, known, _ in found if known is None], verbs)
    found = [(s, ends.pop(0) if known is None else e, known, c) for s, e, known, c in found]
    chain_ends = [e for _, e, _, _ in found]  # the chains are sorted and disjoint
    for m in alias_re.finditer(text, scan=an.scan):
        s, e = m.start("w"), m.end("w")
        k = bisect_right(chain_ends, s)  # the first chain that ends after s
        if k < len(found) and found[k][0] < e:
            continue  # inside a chain already found
        if _product(text, s, e, gazetteer[m.group("w")].role == "other"):
            continue  # "Microsoft Office", "برامج مايكروسوفت", "خرائط جوجل": a product or an app
        if text[s].isascii():
            if _previous_word(text, s) in _word_set("credential_before"):
                continue  # "زمالة ACCA", "شهادة CIPD": the credential, not the body
            if _in_address(text, s, e) or an.norm.original[slice(*an.norm.span(s, e))].islower():
                continue  # "docs.google.com", "java - oracle": a web address or a product in lower case
        found.append((s, e, gazetteer[m.group("w")], None))
    found.sort(key=lambda f: f[0])
    announced = _announced(an, text, [(s, e) for s, e, _, _ in found])
    announced += _in_need(text, [(s, e) for s, e, _, _ in found] + announced)
    announced = list(zip([s for s, _ in announced], _to_the_need(text, announced, verbs), strict=True))
    items: list[list[Any]] = [[s, e, known, _role(an, text, (s, e), cls, known)] for s, e, known, cls in found] + [
        [s, e, None, "employer"] for s, e in announced
    ]
    header = _header_employer(an, text)
    if header is not None:  # the whole line, instead of the names found inside it
        items = [i for i in items if i[1] <= header[0] or i[0] >= header[1]] + [[*header, None, "employer"]]
    items += [[s, e, None, "other"] for s, e in _latin_companies(an, text, items)]
    twins = _in_latin(an, text, items)
    items += [latin for _, latin in twins]
    items += _repeated(text, items)
    items.sort(key=lambda i: i[0])
    _document_roles(text, items)
    for arabic, latin in twins:
        latin[3] = arabic[3]  # one body, one role
    out = []
    for s, e, known, role in items:
        surface = an.norm.original[slice(*an.norm.span(s, e))]
        attrs: dict[str, Any] = {
            "name": known.name if known else surface,
            "role": role,
            "acronym": known.acronym if known else None,
            "name_en": known.name_en if known else None,
        }
        out.append(Mention("organization", s, e, attrs))
    return out
