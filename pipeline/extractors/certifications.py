"""Certifications: named credentials of the lexicon, licence phrases, and credentials of a certifying body.

Three shapes, each with its issuer (the certifying body named before it in the same sentence, or the one
it names; organizations must have been extracted):
- a credential of the lexicon (credentials.json: certifications, licences, classifications and tests,
  with Arabic spellings and misspellings — "توفل", "ايلتس"); a short Latin alias counts only as written
  or in capitals, so "STEP" is the test and "step" is not;
- a licence phrase: "رخصة" and up to three words of what it licenses ("رخصة طيار تجاري", "رخصة محام"),
  not a word that says nothing of what ("رخصة سارية");
- a credential noun right before a certifying body ("عضوية نقابة المهندسين", "اعتماد الهيئة ...").
An academic degree is not a credential.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Any

from pipeline.document import Analysis, Mention
from pipeline.lexicons import WordMatcher, load, word_regex
from pipeline.normalize import fold
from pipeline.occupations import names_occupation

_SHORT_LATIN = 6  # Latin aliases up to this length must keep their case
_MAX_LICENCE_WORDS = 3
#: Generic words after "رخصة" that name what is licensed when a word of what follows them ("تشغيل رافعة")
_OPERATING = frozenset({"تشغيل", "ممارسه", "قياده"})
_NEXT_WORD_RE = re.compile(r"(?<![ \t])[ \t]+(?P<w>[^\W\d_]+)")
_PREV_WORD_RE = re.compile(r"(?P<w>[^\W\d_]{1,20})[ \t]+$")  # (searched in a window of 20)
_ACRONYM_RE = re.compile(r"(?<![ \t])[ \t]+(?P<a>[A-Za-z][A-Za-z0-9+-]{1,9})(?![\w.@/])")


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load("credentials")
    return data


@cache
def _lexicon() -> tuple[dict[str, str], dict[str, frozenset[str]], WordMatcher]:
    """Folded alias -> canonical name, the spellings a short Latin alias may take, and the matcher."""
    names: dict[str, str] = {}
    cased: dict[str, frozenset[str]] = {}
    for c in _data()["credentials"]:
        for alias in c["aliases"]:
            key = fold(alias)
            names.setdefault(key, c["name"])
            if alias.isascii() and len(alias) <= _SHORT_LATIN:
                cased[key] = cased.get(key, frozenset()) | {alias, alias.upper()}
    return names, cased, word_regex(names, clitics=True)


@cache
def _licences() -> tuple[WordMatcher, frozenset[str]]:
    d = _data()
    return word_regex(d["licence_heads"], clitics=True), frozenset(fold(w) for w in d["licence_generic"])


@cache
def _credential_nouns() -> frozenset[str]:
    return frozenset(fold(w) for w in _data()["credential_nouns"])


def _licence_end(text: str, end: int, generic: frozenset[str]) -> int | None:
    """End of what a licence head licenses ("طيار تجاري"), None if its first word says nothing of it."""
    pos, words = end, 0
    while words < _MAX_LICENCE_WORDS:
        m = _NEXT_WORD_RE.match(text, pos)
        if m is None:
            break
        if m.group("w") in generic:
            # "رخصة تشغيل رافعة شوكية": operating what is named next; "رخصة تشغيل المحل" says nothing of it
            nxt = _NEXT_WORD_RE.match(text, m.end()) if not words and m.group("w") in _OPERATING else None
            if nxt is None or nxt.group("w") in generic:
                break
        pos, words = m.end(), words + 1
    return pos if words else None


@cache
def _acronym_heads() -> tuple[WordMatcher, frozenset[str]]:
    d = _data()
    return word_regex(d["acronym_heads"], clitics=True), frozenset(d["acronym_not_credentials"])


def _unknown_acronyms(
    an: Analysis, text: str, found: list[tuple[int, int, str, str | None]]
) -> list[tuple[int, int, str, str | None]]:
    """A Latin acronym in capitals right after شهادة/زمالة that the lexicon does not know ("شهادة CKAD")."""
    heads, excluded = _acronym_heads()
    out: list[tuple[int, int, str, str | None]] = []
    for m in heads.finditer(text, scan=an.scan):
        acronym = _ACRONYM_RE.match(text, m.end())
        if acronym is None:
            continue
        start, end = acronym.start("a"), acronym.end("a")
        surface = an.norm.original[slice(*an.norm.span(start, end))]
        if surface.isupper() and surface not in excluded and not any(s < end and start < e for s, e, _, _ in found):
            out.append((start, end, surface, None))
    return out


#: "شهادة X المعتمد": the certificate of a certified title of up to four words ("شهادة محلل البيانات المعتمد")
_CERTIFIED_RE = re.compile(r"(?<!\w)[وب]?(?:ال)?شهاده[ \t]+(?P<t>(?:[^\W\d_]+[ \t]+){1,4}(?:ال)?معتمد[ه]?)(?!\w)")


def _certified_titles(
    an: Analysis, text: str, found: list[tuple[int, int, str, str | None]]
) -> list[tuple[int, int, str, str | None]]:
    """A certificate that names a certified title ("شهادة مدير مشاريع معتمد") the lexicon does not hold —
    an occupation, certified: the span from "شهادة", the name as written."""
    out: list[tuple[int, int, str, str | None]] = []
    if "معتمد" not in text:
        return out
    for m in _CERTIFIED_RE.finditer(text):
        start, end = m.start() + (1 if text[m.start()] in "وب" else 0), m.end()
        if any(s < end and start < e for s, e, _, _ in found):
            continue  # the lexicon's credential is there already
        title = m.group("t").rsplit(None, 1)[0]
        if not names_occupation(title):
            continue  # "الشهادة الجامعية المعتمدة", "شهادة خبرة معتمدة": an accredited document, no title
        out.append((start, end, an.norm.original[slice(*an.norm.span(start, end))], None))
    return out


def extract_certifications(an: Analysis) -> list[Mention]:
    """Credential mentions, each with the issuer named before it in its sentence, or the body it names."""
    text = an.masked
    names, cased, pattern = _lexicon()
    bodies = sorted(
        (o for o in an.mentions if o.type == "organization" and o.attrs["role"] == "certifying_body"),
        key=lambda o: o.start,
    )
    found: list[tuple[int, int, str, str | None]] = []
    for m in pattern.finditer(text, scan=an.scan):
        key = m.group("w")
        start, end = m.start("w"), m.end("w")
        if key in cased and an.norm.original[slice(*an.norm.span(start, end))] not in cased[key]:
            continue  # "step", "safe": a word, not the test or the framework
        found.append((start, end, names[key], None))
    taken = sorted((s, e) for s, e, _, _ in found)
    heads, generic = _licences()
    for m in heads.finditer(text, scan=an.scan):
        start = m.start("w")
        k = bisect_right(taken, (start, len(text)))
        if k and taken[k - 1][1] > start:
            continue  # inside a credential of the lexicon ("رخصة قيادة")
        licence_end = _licence_end(text, m.end("w"), generic)
        if licence_end is not None and not (k < len(taken) and taken[k][0] < licence_end):
            span = an.norm.span(start, licence_end)
            found.append((start, licence_end, an.norm.original[slice(*span)], None))
    found += _unknown_acronyms(an, text, found)
    found += _certified_titles(an, text, found)
    nouns = _credential_nouns()
    for body in bodies:
        prev = _PREV_WORD_RE.search(text, max(0, body.start - 20), body.start)
        if prev is None or prev.group("w") not in nouns:
            continue
        start = prev.start("w")
        if any(s < body.end and start < e for s, e, _, _ in found):
            continue
        found.append((start, body.end, an.norm.original[slice(*an.norm.span(start, body.end))], body.attrs["name"]))
    ends = [o.end for o in bodies]
    out = []
    for start, end, name, issuer in sorted(found):
        if issuer is None:
            s, _ = an.sentences.around(start)
            k = bisect_right(ends, start) - 1  # the last body that ends before the credential
            issuer = bodies[k].attrs["name"] if k >= 0 and bodies[k].start >= s else None
        out.append(Mention("certification", start, end, {"name": name, "issuer": issuer}))
    return out
