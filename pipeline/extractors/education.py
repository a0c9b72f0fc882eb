"""Education requirements: degree phrases (education.json) with their level and field.

"درجة البكالوريوس" → bachelor; "دبلوم المدرسة الثانوية" → secondary (the longest phrase wins); "مؤهل
عالي", "الدرجة الجامعية", "التعليم الفني المتوسط", "خريجي المعاهد الفنية", "الخريج من كلية الصيدلة".
The span covers the field that follows ("بكالوريوس صيدلة", "درجة البكالوريوس في المحاسبة", "ماجستير في
تخصص إدارة الموارد البشرية"): at most five words after an optional link word (في، تخصص), ending at
punctuation, at the line end, at a word starting with و, or at a stop word — "أو" among them, so
"بكالوريوس إدارة أعمال أو تسويق" has the field إدارة أعمال (one field per mention; the alternative is
left out rather than guessed). `field` is the canonical English name where education.json knows it,
else the Arabic field text. Secondary levels take no field.

Not education: a degree named as a document to hand in ("نسخة من الدبلوم"); "درجة" in other senses
("بدرجة عالية", "الدرجة الخامسة") is only a carrier and needs a degree word after it.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pipeline.document import Analysis, Mention
from pipeline.lexicons import Prefiltered, alternation, load
from pipeline.normalize import fold, strip_article

_WORD_RE = re.compile(r"(?:(?<![ \t])[ \t]*)?(?P<w>[\u0621-\u064a]+)")  # a field is read in Arabic words only
_PREV_WORDS_RE = re.compile(r"(?P<w>[^\W\d_]{1,24})[ \t]+(?:[^\W\d_]{1,24}[ \t]+)?$")  # (in 24 characters)
_FIELD_WORDS = 5
#: The most words an item of a list of certificates may have ("اعدادية / علمي / ادبي / صناعة").
_ITEM_WORDS = 8
_OR_CERTIFICATE_RE = re.compile(r"(?<![ \t])[ \t]+ا?و[ \t]+(?:ال)?شهاده(?=[ \t]+في[ \t])")


@cache
def _lexicon() -> dict[str, Any]:
    data = load("education")
    degrees = {fold(k): v for k, v in data["degrees"].items()}
    carriers, levels = alternation(data["carriers"]), alternation(degrees)
    institutions = {fold(k): v for k, v in data["institutions"].items()}
    listed = {fold(k): v for k, v in data["listed_levels"].items() if not k.startswith("_")}
    # a degree after an optional carrier, or a graduate of an institution ("خريجي المعاهد", "الخريج من كلية")
    fields = alternation([strip_article(fold(k)) for k in data["fields"]])
    graduates = alternation(data["graduates"]) + "(?:/[هة])?"  # "خريج/ة"
    pattern = re.compile(
        rf"(?<!\w)(?:(?:[وب]?(?P<c>{carriers})\s+)?[وب]?(?P<w>{levels})"
        rf"|[وبل]?(?P<g>{graduates})[ \t]+(?:من[ \t]+)?(?P<i>{alternation(institutions)})"
        # a graduate of a field of study ("خريجة محاسبة"): a university graduate
        rf"|[وبل]?(?P<gf>{graduates})(?=[ \t]+(?:ال)?(?:{fields})(?!\w)))(?!\w)"
    )
    return {
        "levels": degrees,
        # a match starts with a carrier or a degree, after at most one clitic letter
        "pattern": Prefiltered(pattern, [*data["carriers"], *degrees, *data["graduates"]], reach=1),
        "institutions": institutions,
        "links": re.compile(rf"(?:(?<![ \t])[ \t]*)?(?::[ \t]*)?(?:{alternation(data['field_links'])})(?!\w)"),
        "stops": frozenset(fold(w) for w in data["field_stops"]),
        "copy_words": frozenset(fold(w) for w in data["copy_words"]),
        "copy_re": re.compile(alternation(data["copy_words"])),
        "fields": {strip_article(fold(k)): v for k, v in data["fields"].items()},
        "listed": listed,
        "list_headings": tuple(fold(w) for w in data["list_headings"]),
        "item": re.compile(rf"^[ \t\-–•*·▪]*(?P<w>{alternation(listed)})(?!\w)[^\n]{{0,40}}?(?=[ \t.]{{0,8}}$)", re.M),
    }


def _field_span(text: str, pos: int) -> tuple[int, int]:
    """The end of the field of study after a degree (pos itself when none follows): optional link words
    ("في", "تخصص"), then words up to punctuation, the line end, a و-word or a stop word: (start of the
    field, end of the mention)."""
    lex = _lexicon()
    alternative = _OR_CERTIFICATE_RE.match(text, pos)  # "دبلوم أو شهادة في التخصص": one field for both
    if alternative is not None:
        pos = alternative.end()
    link = lex["links"].match(text, pos)
    at = link.end() if link else pos
    end, words, first = pos, 0, at
    while words < _FIELD_WORDS and (m := _WORD_RE.match(text, at)) is not None:
        w = m.group("w")
        if w in lex["stops"] or w in lex["levels"] or w.startswith(("لل", "بال")) or (w[0] == "و" and len(w) > 2):
            break
        if words == 0:
            first = m.start("w")
        if w != "في":  # "بكالوريوس العلوم في التمريض": في inside a field, never at its end
            end = m.end()
        at, words = m.end(), words + 1
    return first, end


def _field(text: str, start: int, end: int) -> str | None:
    """The canonical name of the field text[start:end] when education.json knows it whole ("هندسة
    مدنية"; "العلوم الاجتماعية" is not "العلوم"), else None."""
    words = [w for w in text[start:end].split() if w not in ("في", "تخصص", ":")]
    name = _lexicon()["fields"].get(strip_article(" ".join(words)))
    return str(name) if name else None


def _is_a_copy(text: str, start: int) -> bool:
    """Whether one of the two words before start asks for a copy ("نسخة من الدبلوم")."""
    lex = _lexicon()
    if lex["copy_re"].search(text, max(0, start - 24), start) is None:
        return False
    m = _PREV_WORDS_RE.search(text[max(0, start - 24) : start])
    return m is not None and m.group("w") in _lexicon()["copy_words"]


def _mention(an: Analysis, start: int, degree_end: int, level: str) -> Mention:
    field_start, end = (degree_end, degree_end) if level == "secondary" else _field_span(an.masked, degree_end)
    field: str | None = None
    if end > field_start:
        field = _field(an.masked, field_start, end) or an.norm.original[slice(*an.norm.span(field_start, end))]
    return Mention("education", start, end, {"level": level, "field": field})


def _listed(an: Analysis, lex: dict[str, Any]) -> list[Mention]:
    """The items of a list under a heading of certificates ("الشهادات المطلوبة/") that name a school level
    by their first word alone ("معهد.", "اعدادية / علمي / ادبي", "ابتدائية."): one line each."""
    out = []
    for sec in an.sections:
        if sec.heading is None or not an.text[sec.heading[0] : sec.heading[1]].startswith(lex["list_headings"]):
            continue
        for m in lex["item"].finditer(an.masked, sec.heading[1], sec.end):
            if len(m.group().split()) <= _ITEM_WORDS:
                level = lex["listed"][m.group("w")]
                out.append(Mention("education", m.start("w"), m.end(), {"level": level, "field": None}))
    return out


def extract_education(an: Analysis) -> list[Mention]:
    """Degree requirements with level and field, in document order."""
    lex = _lexicon()
    text = an.masked
    out = []
    for m in lex["pattern"].finditer(text, scan=an.scan):
        if m.group("g"):
            out.append(_mention(an, m.start("g"), m.end(), lex["institutions"][m.group("i")]))
        elif m.group("gf"):
            out.append(_mention(an, m.start("gf"), m.end(), "bachelor"))
        elif not _is_a_copy(text, m.start()):
            start = m.start("c") if m.group("c") else m.start("w")
            out.append(_mention(an, start, m.end(), lex["levels"][m.group("w")]))
    out += _listed(an, lex)
    kept: list[Mention] = []
    for e in sorted(out, key=lambda e: (e.start, -e.end)):  # overlaps: the first, then the longest
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    return kept
