"""Loads the lexicon data files of pipeline/data once, and turns word lists into matchers.

Entries are folded with the same function as the text (pipeline.normalize.fold), so a lexicon written
with hamza, ة or ى matches every spelling of the text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib.resources import files
from typing import Any

from pipeline.normalize import fold

#: One-letter proclitics (و ف ب ل ك) and لل that may glue to a cue word: "لمكتب", "بالمائة", "وفقا".
#: The lookahead lets the regex engine skip the alternatives at once where no clitic letter stands.
CLITIC = r"(?:(?=[وفبلك])(?:[وفبلك]|لل|وب|ول|وال|بال|فال|كال))?"


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


def word_regex(entries: Iterable[str], clitics: bool = False) -> re.Pattern[str]:
    """Whole-word matcher of folded entries (group "w" is the entry), optionally after a proclitic."""
    prefix = CLITIC if clitics else ""
    return re.compile(rf"(?<!\w){prefix}(?P<w>{alternation(entries)})(?!\w)")
