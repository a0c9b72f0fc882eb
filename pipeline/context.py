"""Sentence windows over the folded view: where an extractor looks for the cues around a mention."""

from __future__ import annotations

import re
from bisect import bisect_right

# A sentence ends at a newline, or at . ! ? ; followed by a space or the end — but not at the dot of a
# number ("73.710") or of an abbreviation glued to a letter ("ر.س").
# (Written to start with a character class, which the regex engine scans for at C speed.)
_BOUNDARY_RE = re.compile(r"[\n.!?;](?:(?<=\n)|(?=\s|$))")
# The same ends in the reversed text, to look back from a position: a newline, or . ! ? ; after a space
# (before it in the text) or at the start (the end of the text).
_REVERSED_BOUNDARY_RE = re.compile(r"[\n.!?;](?:(?<=\n)|(?<=\s.)|(?<=^.))")


class Sentences:
    """The sentence bounds of a text; `around(i)` gives the sentence containing i.

    A sentence is found when first asked for — the next end after i and the last one before it, one
    search each way — and kept: a document asks about the few sentences that hold a figure or a name,
    and finding every sentence end of the text first cost more than those searches. Each sentence is
    searched through once, so the work stays linear in the text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._reversed: str | None = None  # the text reversed, made when first needed
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
        start = 0
        if i > 0:
            if self._reversed is None:
                self._reversed = text[::-1]
            # the last end before i: at reversed offset n - i or after it
            before = _REVERSED_BOUNDARY_RE.search(self._reversed, max(0, n - i))
            start = n - before.start() if before else 0
        if start <= i < end:
            self._starts.insert(k + 1, start)
            self._ends.insert(k + 1, end)
        return start, end
