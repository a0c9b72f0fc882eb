"""Sentence windows over the folded view: where an extractor looks for the cues around a mention."""

from __future__ import annotations

import re
from bisect import bisect_right

# A sentence ends at a newline, or at . ! ? ; followed by a space or the end — but not at the dot of a
# number ("73.710") or of an abbreviation glued to a letter ("ر.س").
# (Written to start with a character class, which the regex engine scans for at C speed.)
_BOUNDARY_RE = re.compile(r"[\n.!?;](?:(?<=\n)|(?=\s|$))")
#: How far back the first look for the previous sentence end reaches; each further look reaches twice as
#: far, so looking back costs what lies between the offset and that end, and no copy of the text is made.
_LOOK_BACK = 256


class Sentences:
    """The sentence bounds of a text; `around(i)` gives the sentence containing i.

    A sentence is found when first asked for — the next end after i and the last one before it, one
    search each way — and kept: a document asks about the few sentences that hold a figure or a name,
    and finding every sentence end of the text first cost more than those searches. Each sentence is
    searched through once, so the work stays linear in the text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] = []  # the sentences found so far, in text order
        self._ends: list[int] = []

    def around(self, i: int) -> tuple[int, int]:
        """[start, end) of the sentence that contains view offset i."""
        k = bisect_right(self._starts, i) - 1
        if k >= 0 and i < self._ends[k]:
            return self._starts[k], self._ends[k]
        text = self._text
        n = len(text)
        after = _BOUNDARY_RE.search(text, i) if i < n else None  # the first end at or after i
        end = after.end() if after else n
        start = _last_end_before(text, i)
        if start <= i < end:
            self._starts.insert(k + 1, start)
            self._ends.insert(k + 1, end)
        return start, end


def _last_end_before(text: str, i: int) -> int:
    """Where the sentence holding offset i starts: after the last sentence end that begins before i (0 if
    none). Windows of growing size are searched backwards from i, each up to where the last one began."""
    hi, size = i, _LOOK_BACK
    while hi > 0:
        lo = max(0, hi - size)
        last = None
        # up to hi + 1: an end at hi - 1 is told by the character after it
        for m in _BOUNDARY_RE.finditer(text, lo, min(hi + 1, len(text))):
            if m.start() < hi:
                last = m
        if last is not None:
            return last.start() + 1
        hi, size = lo, size * 2
    return 0
