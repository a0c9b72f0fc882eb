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
CLITIC = r"(?:[وفبلك]|لل|وب|ول|وال|بال|فال|كال)?"


@cache
def load(name: str) -> Any:
    """The parsed JSON data file pipeline/data/<name>.json (cached: loaded once per process)."""
    return json.loads(files("pipeline.data").joinpath(f"{name}.json").read_text(encoding="utf-8"))


def alternation(entries: Iterable[str]) -> str:
    """A regex alternation of folded entries, longest first so that the longest form wins."""
    folded = {fold(e) for e in entries}
    return "|".join(re.escape(e) for e in sorted(folded, key=lambda e: (-len(e), e)))


def word_regex(entries: Iterable[str], clitics: bool = False) -> re.Pattern[str]:
    """Whole-word matcher of folded entries (group "w" is the entry), optionally after a proclitic."""
    prefix = CLITIC if clitics else ""
    return re.compile(rf"(?<!\w){prefix}(?P<w>{alternation(entries)})(?!\w)")
