"""Skills: "مهارات X" (coordinated "مهارات الاتصال والتفاوض" gives two), requirement items that start
with "القدرة على X", "إجادة X", "الإلمام بـ X", and known tools and languages (skills.json).

The Arabic surface text is always the span; `name` is the canonical English name where the lexicon knows
it, else the Arabic text. A duty ("إدارة الحسابات") is not a skill, and "القدرة على" inside a running
sentence of an article is not a stated requirement: only items at the start of a line count.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pipeline.document import Analysis, Mention
from pipeline.lexicons import LineStartMatcher, WordMatcher, alternation, load, word_regex
from pipeline.normalize import fold, strip_article

_NEXT_WORD_RE = re.compile(r"(?<![ \t])[ \t]*(?P<w>[^\W\d_]+|[a-z][\w+#.]*)")  # a cue may glue: الإلمام بأنظمة
_LINE_ITEM_RE = r"(?:^|\n)[ \t]*(?:(?:[-•*·▪◦●✓✔✅]|\d{1,2}[ \t]*[-.)])[ \t]*)?"  # within one line


@cache
def _lexicon() -> dict[str, Any]:
    data = load("skills")
    known = {fold(k): v for k, v in data["known"].items()}
    return {
        "known": known,
        "known_stripped": {strip_article(k): v for k, v in known.items()},
        "nouns": WordMatcher(data["skill_nouns"]),
        "stops": frozenset(fold(w) for w in data["qualifier_stops"]),
        "line_cues": LineStartMatcher(
            re.compile(rf"{_LINE_ITEM_RE}(?P<c>{alternation(data['line_start_cues'])})"), data["line_start_cues"]
        ),
        "standalone": word_regex(data["standalone"], clitics=True),
    }


def _skill(an: Analysis, start: int, end: int, key: str) -> Mention:
    """A skill mention; `key` is the folded skill words looked up for a canonical name."""
    lex = _lexicon()
    surface = an.norm.original[slice(*an.norm.span(start, end))]
    name = lex["known"].get(key) or lex["known_stripped"].get(strip_article(key)) if key else None
    return Mention("skill", start, end, {"name": name or surface})


def _after_noun(an: Analysis, noun_start: int, noun_end: int) -> list[Mention]:
    """مهارات X [الY ...] [وZ]: X is a word that is not a qualifier (جيدة) or a person (المتقدم), extended
    over the definite words of its construct ("مهارات حل المشكلات"); a coordinated وZ parallel to a
    definite X ("مهارات الاتصال والتفاوض") is a second skill."""
    text, stops = an.masked, _lexicon()["stops"]
    m = _NEXT_WORD_RE.match(text, noun_end)
    if not m or m.group("w") in stops:
        return []
    end, words = m.end(), [m.group("w")]
    while len(words) < 3 and (nxt := _NEXT_WORD_RE.match(text, end)):
        w = nxt.group("w")
        if not w.startswith("ال") or w in stops or nxt.start("w") == end:
            break
        end, words = nxt.end(), [*words, w]
    out = [_skill(an, noun_start, end, " ".join(words))]
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt and nxt.group("w").startswith("و") and len(nxt.group("w")) > 3:
        word = nxt.group("w")[1:]
        parallel = words[0].startswith("ال") and word.startswith("ال")
        if word not in stops and (parallel or word in _lexicon()["known"]):
            out.append(_skill(an, nxt.start("w") + 1, nxt.end(), word))
    return out


def _line_item(an: Analysis, cue_start: int, cue_end: int) -> Mention | None:
    """القدرة على X ...: the item up to the end of its clause (at most six words)."""
    text = an.masked
    pos, words = cue_end, 0
    while words < 6:
        m = _NEXT_WORD_RE.match(text, pos)
        if not m:
            break
        pos, words = m.end(), words + 1
    if words == 0:
        return None
    return _skill(an, cue_start, pos, "")


_ITEM_RE = re.compile(r"^[ \t]*(?:[-•*·▪◦●✓✔✅]|\d{1,2}\s*[-.)])?[ \t]*(?P<item>[^\n]*)$", re.MULTILINE)
_LEVEL_RE = re.compile(r"(?<!\s)\s*\([^()\n]{0,30}\)\s*(?:\.\s*)?$")  # a trailing "(متوسط)", "(محترف)"


def _section_items(an: Analysis) -> list[Mention]:
    """Short list items of a skills section ("Skill data:" / "المهارات:"), without a trailing level
    in parentheses ("استخدام الحاسوب (متوسط)")."""
    out = []
    for sec in an.sections:
        if sec.category != "skills" or sec.heading is None:
            continue
        for m in _ITEM_RE.finditer(an.masked, sec.heading[1], sec.end):
            start = m.start("item")
            level = _LEVEL_RE.search(m.group("item"))
            item = m.group("item")[: level.start() if level else None].rstrip(" .،,")
            if start <= sec.heading[1] or not 1 <= len(item.split()) <= 5 or not re.search(r"[^\W\d_]", item):
                continue
            out.append(_skill(an, start, start + len(item), item))
    return out


def extract_skills(an: Analysis) -> list[Mention]:
    """Skill mentions in document order, overlaps resolved in favour of the first found."""
    lex = _lexicon()
    text = an.masked
    found: list[Mention] = []
    for m in lex["nouns"].finditer(text, scan=an.scan):
        found += _after_noun(an, m.start(), m.end())
    tools = [_skill(an, m.start("w"), m.end("w"), m.group("w")) for m in lex["standalone"].finditer(text, scan=an.scan)]
    found += tools
    found += _section_items(an)
    for m in lex["line_cues"].finditer(text, scan=an.scan):
        item = _line_item(an, m.start("c"), m.end("c"))
        # "إجادة Excel" is the known skill Excel; an item naming no known tool is a skill of its own
        if item and not any(item.start <= t.start < item.end for t in tools):
            found.append(item)
    out: list[Mention] = []
    for mention in sorted(found, key=lambda x: (x.start, -x.end)):
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out
