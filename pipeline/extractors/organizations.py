"""Organizations: construct chains after a head noun, and known bodies of the gazetteer.

A name starts at a head noun (مكتب، مؤسسة، جمعية، هيئة، وزارة، جامعة، شركة ...; a glued ل/ب/و clitic stays
out of the span) and runs over the following words until a stop word (preposition, relative pronoun,
common verb), punctuation or a line end; it ends at its last definite word ("... لإحصاءات العمل"). A bare
generic mention ("الشركة", "هيئة اعتماد", "الهيئات الصناعية") is not a name. Acronyms and English names
from the gazetteer (organizations.json) are found as whole words and share the canonical `name` of the
full Arabic name. The role comes from the sentence: data_source (وفقا ل، بحسب، إحصاءات، تشير),
certifying_body (شهادة، اعتماد، معتمد، ترخيص), employer (تعلن، للعمل لدى), else the class of the head noun
or the gazetteer's default.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.document import Analysis, Mention
from pipeline.lexicons import WordMatcher, load, word_regex
from pipeline.normalize import fold

_MAX_CHAIN = 8
_NEXT_WORD_RE = re.compile(r"(?<![ \t])[ \t]+(?P<w>[^\W\d_]+)")


@dataclass(frozen=True)
class _Known:
    name: str
    name_en: str | None
    acronym: str | None
    role: str


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load("organizations")
    return data


@cache
def _gazetteer() -> tuple[dict[str, _Known], WordMatcher]:
    """Folded alias -> known body, and a whole-word matcher of every alias."""
    by_alias: dict[str, _Known] = {}
    for body in _data()["known"]:
        known = _Known(body["name"], body.get("name_en"), body.get("acronym"), body["role"])
        for alias in body["aliases"]:
            by_alias[fold(alias)] = known
    return by_alias, word_regex(by_alias, clitics=True)


@cache
def _heads() -> tuple[dict[str, str], WordMatcher]:
    classes: dict[str, str] = {}
    for role, nouns in _data()["head_nouns"].items():
        for noun in nouns:
            classes.setdefault(fold(noun), role)
    return classes, WordMatcher(classes, clitics=True, article=True)


@cache
def _stops() -> frozenset[str]:
    return frozenset(fold(w) for w in _data()["chain_stops"])


@cache
def _cues() -> dict[str, WordMatcher]:
    d = _data()
    return {
        "data_source": word_regex(d["data_source_cues"], clitics=True),
        "certifying_body": word_regex(d["certifying_cues"], clitics=True),
        "credential": word_regex(d["credential_cues"], clitics=True),
        "employer": word_regex(d["employer_cues"], clitics=True),
    }


def _known_prefix(surface: str, gazetteer: dict[str, _Known]) -> _Known | None:
    """The known body whose alias (two words or more) the chain starts with, longest first."""
    words = surface.split()
    for n in range(len(words), 1, -1):
        known = gazetteer.get(" ".join(words[:n]))
        if known is not None:
            return known
    return None


def _definite(word: str) -> bool:
    """A definite word of a construct chain: "العمل", "للتخصصات", "والتنمية" (not "بالكامل": ب ends a name)."""
    return word.startswith(("ال", "لل", "وال"))


def _chain_end(text: str, head_end: int, head_definite: bool) -> int | None:
    """End of the name that starts with a head noun ending at head_end, or None if it is generic."""
    pos = head_end
    last_definite: int | None = None
    words = 0
    stops = _stops()
    while words < _MAX_CHAIN:
        m = _NEXT_WORD_RE.match(text, pos)
        if not m:
            break
        w = m.group("w")
        if w in stops or w.isascii():
            break
        if words == 0 and head_definite and not w.startswith("ال"):
            return None  # "الشركة للحفاظ": a definite head needs an adjective ("الجمعية الوطنية")
        words += 1
        pos = m.end()
        if _definite(w):
            last_definite = pos
    if last_definite is None:
        return None
    if words == 1 and text[head_end:last_definite].lstrip().startswith("لل"):
        return None  # "منظمة للانضمام": one verbal noun after an adjective-like head is not a name
    if head_definite and words < 2:
        return None
    return last_definite


def _role(an: Analysis, text: str, span: tuple[int, int], head_class: str | None, default: str | None) -> str:
    """The role of the body at `span` from the words around it in its sentence."""
    start, end = span
    s, e = an.sentences.around(start)
    before, after = text[max(s, start - 60) : start], text[end : min(e, end + 40)]
    cues = _cues()
    if cues["data_source"].search(text[max(s, start - 25) : start]):
        return "data_source"
    if default == "data_source":
        return default
    # a university or an institute named near "شهادة" is usually where the degree is from; it certifies
    # only with a word of accreditation or licensing ("معتمد", "ترخيص")
    strong = cues["certifying_body"].search(before) or cues["certifying_body"].search(after)
    weak = cues["credential"].search(before) or cues["credential"].search(after)
    if strong or (weak and head_class != "education"):
        return "certifying_body"
    if cues["employer"].search(text[max(s, start - 30) : start]) and head_class in (
        "employer",
        "other",
        None,
    ):
        return "employer"
    if default:
        return default
    return head_class if head_class in ("government", "education", "employer") else "other"


def extract_organizations(an: Analysis) -> list[Mention]:
    """Organization mentions of the document, with canonical names for known bodies."""
    text = an.masked
    gazetteer, alias_re = _gazetteer()
    classes, head_re = _heads()
    found: list[tuple[int, int, _Known | None, str | None]] = []
    for m in head_re.finditer(text, scan=an.scan):
        if found and m.start("w") < found[-1][1]:
            continue  # a head inside the previous name ("شركة مجموعة الفارس"): part of it, not a second one
        head = m.group("w")
        definite = head.startswith("ال") or text[m.start() : m.start("w")].endswith(("لل", "ال"))
        end = _chain_end(text, m.end("w"), definite)
        if end is None:
            continue
        cls = classes.get(head[2:] if definite else head)
        surface = text[m.start("w") : end]
        known = _known_prefix(surface, gazetteer)
        found.append((m.start("w"), end, known, cls))
    chain_ends = [e for _, e, _, _ in found]  # the chains are sorted and disjoint
    for m in alias_re.finditer(text, scan=an.scan):
        s, e = m.start("w"), m.end("w")
        k = bisect_right(chain_ends, s)  # the first chain that ends after s
        if k < len(found) and found[k][0] < e:
            continue  # inside a chain already found
        found.append((s, e, gazetteer[m.group("w")], None))
    out = []
    for s, e, known, cls in sorted(found, key=lambda f: f[0]):
        role = _role(an, text, (s, e), cls, known.role if known else None)
        surface = an.norm.original[slice(*an.norm.span(s, e))]
        attrs: dict[str, Any] = {
            "name": known.name if known else surface,
            "role": role,
            "acronym": known.acronym if known else None,
            "name_en": known.name_en if known else None,
        }
        out.append(Mention("organization", s, e, attrs))
    return out
