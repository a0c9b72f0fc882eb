"""Sentence windows over the folded view: where an extractor looks for the cues around a mention."""

from __future__ import annotations

import re
from bisect import bisect_right

# A sentence ends at a newline, or at . ! ? ; followed by a space or the end — but not at the dot of a
# number ("73.710") or of an abbreviation glued to a letter ("ر.س").
# (Written to start with a character class, which the regex engine scans for at C speed.)
_BOUNDARY_RE = re.compile(r"[\n.!?;](?:(?<=\n)|(?=\s|$))")


class Sentences:
    """The sentence bounds of a text, found once; `around(i)` gives the sentence containing i."""

    def __init__(self, text: str) -> None:
        self._ends = [m.end() for m in _BOUNDARY_RE.finditer(text)]
        self._len = len(text)

    def around(self, i: int) -> tuple[int, int]:
        """[start, end) of the sentence that contains view offset i."""
        k = bisect_right(self._ends, i)
        start = self._ends[k - 1] if k > 0 else 0
        end = self._ends[k] if k < len(self._ends) else self._len
        return start, end
