"""Loads the lexicon data files of pipeline/data once, and turns word lists into matchers.

Entries are folded with the same function as the text (pipeline.normalize.fold), so a lexicon written
with hamza, ة or ى matches every spelling of the text.
"""

from __future__ import annotations

import json
import re
import threading
from array import array
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

import ahocorasick

from pipeline.normalize import fold

#: Proclitics (و ف ب ل ك, and لل، وب، وال، بال ...) that may glue to a cue word: "لمكتب", "بالمائة", "وفقا".
CLITICS = ("[وفبلك]", "لل", "وب", "ول", "وال", "بال", "فال", "كال")
_CLITIC_MAX = max(len(c) for c in CLITICS[1:])  # characters of the longest clitic (3)
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


class _Registry:
    """The bare entries of every Prefiltered matcher, in one Aho-Corasick automaton (pyahocorasick)."""

    def __init__(self) -> None:
        self._keys: list[frozenset[str]] = []
        self._lock = threading.Lock()
        self._automaton: Any = None
        self._longest = 0

    @property
    def version(self) -> int:
        """The number of matchers registered (it only grows)."""
        return len(self._keys)

    def register(self, keys: frozenset[str]) -> int:
        with self._lock:
            self._keys.append(keys)
            self._automaton = None
            return len(self._keys) - 1

    def automaton(self) -> tuple[Any, int, int]:
        """The automaton of every matcher registered so far (key -> its length and matcher ids), their
        number, and the length of the longest key."""
        with self._lock:
            if self._automaton is None:
                owners: dict[str, list[int]] = {}
                for matcher, keys in enumerate(self._keys):
                    for key in keys:
                        owners.setdefault(key, []).append(matcher)
                automaton = ahocorasick.Automaton()
                for key, ids in owners.items():
                    automaton.add_word(key, (len(key), tuple(ids)))
                automaton.make_automaton()
                self._automaton = automaton
                self._longest = max(map(len, owners), default=0)
            return self._automaton, len(self._keys), self._longest


_REGISTRY = _Registry()


#: Characters of the text given to the Aho-Corasick automaton at a time.
_SCAN_BLOCK = 1 << 16


class LexiconScan:
    """Where the entries of every lexicon start in one text, found in a single pass.

    One Aho-Corasick pass over a document finds the entries of all the lexicons at once, several times
    faster than one regex scan per lexicon; each Prefiltered matcher then reads its own starts.
    (A matcher created after the scan, on the first document, makes it scan again.)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._version = -1
        self._starts: list[MutableSequence[int]] = []

    def starts(self, matcher: int) -> Sequence[int]:
        """Sorted positions of the text where an entry of the given matcher starts. (Those of a text
        longer than a block are kept as arrays of machine integers: as lists, the positions of a large
        document took half its size again; lists are read faster.)"""
        if self._version != _REGISTRY.version:
            automaton, version, longest = _REGISTRY.automaton()
            text, n = self.text, len(self.text)
            large = n > _SCAN_BLOCK
            found: list[MutableSequence[int]] = [array("q") if large else [] for _ in range(version)]
            adds = [f.append for f in found]
            if not large:
                for end, (length, ids) in automaton.iter(text):
                    for i in ids:
                        adds[i](end - length + 1)
            # The automaton reads a copy of its input at 4 bytes a character: a large text is given to it a
            # block at a time, each with the longest key's length of overlap; a match is kept by the block
            # it starts in.
            for lo in range(0, n, _SCAN_BLOCK) if large else ():
                hi = lo + _SCAN_BLOCK
                for end, (length, ids) in automaton.iter(text[lo : hi + longest]):
                    start = lo + end - length + 1
                    if start < hi:
                        for i in ids:
                            adds[i](start)
            self._starts = [f if len(f) < 2 else array("q", sorted(set(f))) if large else sorted(set(f)) for f in found]
            self._version = version
        return self._starts[matcher]


def _is_word_char(ch: str) -> bool:
    """What the regex class \\w matches (str patterns): letters, digits and numerals of any script, "_"."""
    return ch.isalnum() or ch == "_"


class Prefiltered:
    """A regex with the `search`/`finditer` of a compiled pattern and the same results, made fast by a
    prefilter. `pattern` must start with "(?<!\\w)" (a match starts a word), and one of the `keys`
    (literal strings) must occur in every match, starting at most `reach` word characters after the
    start of the match (a clitic, an article). The full pattern is then tried once per key found, at
    the start of the key's word. The keys are found by one pass for all lexicons (`scan`, a LexiconScan
    of the text) or else by a plain alternation of them, which the regex engine scans through by their
    first characters.

    A pattern that starts with a test of the character before it ("(?<!\\w)") makes Python's regex
    engine run its program at every position of the text; lexicon scans were 3-10 times slower so.
    tests/test_lexicons.py checks, as a property, that the matches are those of `pattern`.
    """

    def __init__(self, pattern: re.Pattern[str], keys: Iterable[str], reach: int) -> None:
        self.pattern = pattern
        self._keys = frozenset(fold(k) for k in keys)
        self._bare = re.compile(alternation(self._keys))
        self._reach = reach
        self._id: int | None = None  # in the registry of LexiconScan once used with one

    def _starts(self, text: str, pos: int, end: int, scan: LexiconScan | None) -> Iterable[int]:
        if scan is not None and scan.text is text and pos == 0 and end == len(text):
            if self._id is None:  # only the matchers used on whole documents join the one-pass scan
                self._id = _REGISTRY.register(self._keys)
            return scan.starts(self._id)
        return self._bare_starts(text, pos, end)

    def _bare_starts(self, text: str, pos: int, end: int) -> Iterator[int]:
        bare = self._bare.search
        while (hit := bare(text, pos, end)) is not None:
            yield hit.start()
            pos = hit.start() + 1

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, scan: LexiconScan | None = None
    ) -> Iterator[re.Match[str]]:
        """Like `pattern.finditer(text, pos, endpos)`: the matches, left to right, not overlapping."""
        end = len(text) if endpos is None else endpos
        match, reach = self.pattern.match, self._reach
        floor = pos  # matches start here or later (the end of the last match)
        tried = pos - 1  # every start up to here is known not to match
        for at in self._starts(text, pos, end, scan):
            if at <= tried:
                continue
            # A match starts at a word start (its pattern looks behind for a non-word character) and
            # reaches the key over word characters (a clitic, an article): the start of at's word.
            start, lowest = at, max(floor, at - reach)
            while start > lowest and _is_word_char(text[start - 1]):
                start -= 1
            if start > tried and (start == 0 or not _is_word_char(text[start - 1])):
                m = match(text, start, end)
                if m is not None:
                    yield m
                    floor, tried = m.end(), m.end() - 1
                    continue
            tried = at

    def search(
        self, text: str, pos: int = 0, endpos: int | None = None, scan: LexiconScan | None = None
    ) -> re.Match[str] | None:
        """Like `pattern.search(text, pos, endpos)`: the leftmost match, or None."""
        return next(self.finditer(text, pos, endpos, scan), None)


class LineStartMatcher(Prefiltered):
    """Matches of a pattern that starts at a line start, "(?:^|\\n)", and reaches one of the `keys`
    without leaving the line (bullets, spaces). It is tried once per line that holds a key, at its
    start: the matches of `pattern.finditer`, found without running the pattern at every position."""

    def __init__(self, pattern: re.Pattern[str], keys: Iterable[str]) -> None:
        super().__init__(pattern, keys, reach=0)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, scan: LexiconScan | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        floor, tried = pos, -2  # the line start last tried ("\n" position, -1 for the text start)
        line, seen = -1, pos  # the last "\n" before `seen`: each stretch is searched once (linear time)
        for at in self._starts(text, pos, end, scan):
            if at > seen:
                nl = text.rfind("\n", seen, at)
                line, seen = (nl if nl >= 0 else line), at
            if line == tried or at < floor or (line < 0 and pos > 0):
                continue
            tried = line
            m = self.pattern.match(text, max(line, pos), end)
            if m is not None and m.start() >= floor:
                yield m
                floor = m.end()


class WordMatcher(Prefiltered):
    """Whole-word matches of lexicon entries: group "w" is the entry, optionally after a proclitic and,
    with `article`, an "ال". The prefilter is the bare entries."""

    def __init__(self, entries: Iterable[str], clitics: bool = False, article: bool = False) -> None:
        entries = list(entries)
        body = alternation(entries)
        word = f"(?:ال)?(?:{body})" if article else body
        super().__init__(
            re.compile(rf"(?<!\w){CLITIC if clitics else ''}(?P<w>{word})(?!\w)"),
            entries,
            (_CLITIC_MAX if clitics else 0) + (2 if article else 0),
        )


def word_regex(entries: Iterable[str], clitics: bool = False) -> WordMatcher:
    """Whole-word matcher of folded entries (group "w" is the entry), optionally after a proclitic."""
    return WordMatcher(entries, clitics=clitics)
