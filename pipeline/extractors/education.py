"""Education requirements: degree phrases (education.json) with their level and, where given, field.

"درجة البكالوريوس" → bachelor; "دبلوم المدرسة الثانوية" → secondary (the longest phrase wins);
"بكالوريوس محاسبة" / "بكالوريوس في المحاسبة" → bachelor, field accounting.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pipeline.document import Analysis, Mention
from pipeline.lexicons import Prefiltered, alternation, load
from pipeline.normalize import fold, strip_article

_FIELD_RE = re.compile(r"(?<!\s)\s+(?:في\s+)?(?P<f>[^\W\d_]+(?:\s+[^\W\d_]+)?)")


@cache
def _lexicon() -> dict[str, Any]:
    data = load("education")
    degrees = {fold(k): v for k, v in data["degrees"].items()}
    carriers, levels = alternation(data["carriers"]), alternation(degrees)
    pattern = re.compile(rf"(?<!\w)(?:[وب]?(?P<c>{carriers})\s+)?[وب]?(?P<w>{levels})(?!\w)")
    return {
        "levels": degrees,
        # a match starts with a carrier or a degree, after at most one clitic letter
        "pattern": Prefiltered(pattern, [*data["carriers"], *degrees], reach=1),
        "stops": frozenset(fold(w) for w in data["field_stops"]),
        "fields": {strip_article(fold(k)): v for k, v in data["fields"].items()},
    }


def _field(text: str, pos: int) -> str | None:
    """The field of study right after a degree: "محاسبة", "في المحاسبة", "هندسة مدنية"."""
    lex = _lexicon()
    m = _FIELD_RE.match(text, pos)
    if not m:
        return None
    words = [w for w in m.group("f").split() if w not in lex["stops"]]
    for n in (2, 1):
        if len(words) >= n:
            key = strip_article(" ".join(words[:n]))
            if key in lex["fields"]:
                return str(lex["fields"][key])
    return None


def extract_education(an: Analysis) -> list[Mention]:
    """Degree requirements with level and field."""
    lex = _lexicon()
    out = []
    for m in lex["pattern"].finditer(an.masked, scan=an.scan):
        start = m.start("c") if m.group("c") else m.start("w")
        attrs = {"level": lex["levels"][m.group("w")], "field": _field(an.masked, m.end())}
        out.append(Mention("education", start, m.end(), attrs))
    return out
