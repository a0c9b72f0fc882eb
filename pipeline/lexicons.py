"""Loads the lexicon data files of pipeline/data once, and turns word lists into matchers.

Entries are folded with the same function as the text (pipeline.normalize.fold), so a lexicon written
with hamza, ة or ى matches every spelling of the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from typing import Any

from pipeline.normalize import fold

#: Proclitics (و ف ب ل ك, and لل، وب، وال، بال ...) that may glue to a cue word: "لمكتب", "بالمائة", "وفقا".
CLITICS = ("[وفبلك]", "لل", "وب", "ول", "وال", "بال", "فال", "كال")
_CLITIC_MAX = 3  # characters of the longest clitic
#: The lookahead lets the regex engine skip the alternatives at once where no clitic letter stands.
CLITIC = rf"(?:(?=[وفبلك])(?:{'|'.join(CLITICS)}))?"


@cache
def load(name: str) -> Any:
    """The parsed JSON data file pipeline/data/<name>.json (cached: loaded once per process)."""
    return json.loads(files("pipeline.data").joinpath(f"{name}.json").read_text(encoding="utf-8"))


def alternation(entries: Iterable[str]) -> str:
    """A regex matching any of the folded entries, preferring the longest.

    Written as a character trie ("ال(?:ف|اف)?" rather than "الاف|الف|ال"): Python's regex engine tries
    the alternatives of a plain alternation one by one at every position of the text, so a lexicon of a
    hundred words made every scan a hundred times slower; in a trie each character leads to one branch.
    """
    trie: dict[str, Any] = {}
    for entry in {fold(e) for e in entries}:
        node = trie
        for ch in entry:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, Any]) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


class Prefiltered:
    """A regex with the `search`/`finditer` of a compiled pattern and the same results, made fast by a
    prefilter: `bare`, a pattern the regex engine can scan through at C speed by its first characters
    (one trie of `alternation`, or a character class: an alternation of groups gives the engine no first
    characters to look for), must match, starting at most `reach` characters
    after its start, inside every match of `pattern`. The full pattern is tried only near those places.

    A pattern that starts with a test of the character before it ("(?<!\\w)") makes Python's regex
    engine run its program at every position of the text; lexicon scans were 3-5 times slower so.
    tests/test_lexicons.py checks, as a property, that the matches are those of `pattern`.
    """

    def __init__(self, pattern: re.Pattern[str], bare: re.Pattern[str], reach: int) -> None:
        self.pattern = pattern
        self._bare = bare
        self._reach = reach

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Like `pattern.finditer(text, pos, endpos)`: the matches, left to right, not overlapping."""
        end = len(text) if endpos is None else endpos
        bare, match, reach = self._bare.search, self.pattern.match, self._reach
        floor = pos  # matches start here or later (the end of the last match)
        tried = pos - 1  # every start up to here is known not to match
        scan = pos
        while (hit := bare(text, scan, end)) is not None:
            at = hit.start()
            for start in range(max(floor, at - reach, tried + 1), at + 1):
                m = match(text, start, end)
                if m is not None:
                    yield m
                    floor, tried = m.end(), m.end() - 1
                    break
            else:
                tried = at
            scan = max(at + 1, floor)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """Like `pattern.search(text, pos, endpos)`: the leftmost match, or None."""
        return next(self.finditer(text, pos, endpos), None)


class WordMatcher(Prefiltered):
    """Whole-word matches of lexicon entries: group "w" is the entry, optionally after a proclitic and,
    with `article`, an "ال". The prefilter is the bare entries."""

    def __init__(self, entries: Iterable[str], clitics: bool = False, article: bool = False) -> None:
        body = alternation(entries)
        word = f"(?:ال)?(?:{body})" if article else body
        super().__init__(
            re.compile(rf"(?<!\w){CLITIC if clitics else ''}(?P<w>{word})(?!\w)"),
            re.compile(body),
            (_CLITIC_MAX if clitics else 0) + (2 if article else 0),
        )


def word_regex(entries: Iterable[str], clitics: bool = False) -> WordMatcher:
    """Whole-word matcher of folded entries (group "w" is the entry), optionally after a proclitic."""
    return WordMatcher(entries, clitics=clitics)
