"""Certifications: named credentials of the lexicon (credentials.json), with their issuer.

The issuer is the certifying body named before the credential in the same sentence ("شهادة من هيئة
اعتماد مثل مؤسسة ... والتي توفر مؤهلات محترف مبيعات معتمد"); organizations must have been extracted.
An academic degree is not a credential.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.document import Analysis, Mention
from pipeline.lexicons import load, word_regex
from pipeline.normalize import fold


@cache
def _lexicon() -> tuple[dict[str, str], re.Pattern[str]]:
    names = {fold(a): c["name"] for c in load("credentials")["credentials"] for a in c["aliases"]}
    return names, word_regex(names, clitics=True)


def extract_certifications(an: Analysis) -> list[Mention]:
    """Credential mentions, each with the issuer named before it in its sentence (or None)."""
    names, pattern = _lexicon()
    out = []
    for m in pattern.finditer(an.masked):
        start, end = m.start("w"), m.end("w")
        s, _ = an.sentences.around(start)
        issuers = [
            o
            for o in an.mentions
            if o.type == "organization" and s <= o.start and o.end <= start and o.attrs["role"] == "certifying_body"
        ]
        issuer = issuers[-1].attrs["name"] if issuers else None
        out.append(Mention("certification", start, end, {"name": names[m.group("w")], "issuer": issuer}))
    return out
