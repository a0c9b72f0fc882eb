"""Certifications: named credentials of the lexicon (credentials.json), with their issuer.

The issuer is the certifying body named before the credential in the same sentence ("شهادة من هيئة
اعتماد مثل مؤسسة ... والتي توفر مؤهلات محترف مبيعات معتمد"); organizations must have been extracted.
An academic degree is not a credential.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import cache

from pipeline.document import Analysis, Mention
from pipeline.lexicons import WordMatcher, load, word_regex
from pipeline.normalize import fold


@cache
def _lexicon() -> tuple[dict[str, str], WordMatcher]:
    names = {fold(a): c["name"] for c in load("credentials")["credentials"] for a in c["aliases"]}
    return names, word_regex(names, clitics=True)


def extract_certifications(an: Analysis) -> list[Mention]:
    """Credential mentions, each with the issuer named before it in its sentence (or None)."""
    names, pattern = _lexicon()
    bodies = sorted(
        (o for o in an.mentions if o.type == "organization" and o.attrs["role"] == "certifying_body"),
        key=lambda o: o.start,
    )
    ends = [o.end for o in bodies]
    out = []
    for m in pattern.finditer(an.masked, scan=an.scan):
        start, end = m.start("w"), m.end("w")
        s, _ = an.sentences.around(start)
        k = bisect_right(ends, start) - 1  # the last body that ends before the credential
        issuer = bodies[k].attrs["name"] if k >= 0 and bodies[k].start >= s else None
        out.append(Mention("certification", start, end, {"name": names[m.group("w")], "issuer": issuer}))
    return out
