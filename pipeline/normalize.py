"""Stage 1 — normalization: a folded view of the input for matching, with an offset map back.

The view never replaces the original. Characters are deleted (diacritics and tanween, tatweel, bidi and
zero-width marks, the CR of CRLF), folded one-to-one (alef/hamza variants, ى→ي, ة→ه, Arabic-Indic and
Persian digits, Arabic punctuation, exotic spaces, other line breaks to "\n", ASCII case) or expanded
(presentation-form ligatures such as ﻻ → لا). Which Arabic letters fold comes from camel-tools, and the
diacritics are camel-tools' set; the decimal ٫ and thousands ٬ separators are kept as they are
(camel-tools' `arclean` would turn them into "," and "'", destroying number meaning).

`NormalizedText.span(s, e)` maps a span of the view back to the original, so every extractor can work on
the view and still report `input[start:end] == text`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

TATWEEL = "\u0640"
#: camel-tools' AR_DIAC_CHARSET (fathatan ... sukun, superscript alef), written out: importing
#: camel_tools.utils.charsets builds sets of all of Unicode and takes a second of every process's start.
#: tests/test_normalize.py checks that the two stay equal.
AR_DIAC = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670")
#: Marks that carry no letter: deleted from the view; spans ending before them are extended over them.
COMBINING = AR_DIAC | frozenset(chr(c) for c in range(0x0610, 0x061B)) | {TATWEEL}
COMBINING |= frozenset(chr(c) for c in range(0x06D6, 0x06EE) if unicodedata.category(chr(c)) == "Mn")
#: Invisible format characters: bidi marks, zero-width (non-)joiners, word joiner, BOM, soft hyphen.
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u00ad") | frozenset(
    chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)
_DELETED = COMBINING | INVISIBLE
_PRESENTATION = [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]


def _build_tables() -> tuple[dict[int, str], dict[str, str]]:
    """One-to-one fold table (for str.translate) and expansions of ligatures."""
    table: dict[int, str] = {}
    for code in range(0x0600, 0x0700):
        ch = chr(code)
        folded = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(ch)))
        if folded != ch and len(folded) == 1:
            table[code] = folded
    table.update({ord("ی"): "ي", ord("ې"): "ي", ord("ک"): "ك", ord("ە"): "ه", ord("ۀ"): "ه"})
    for zero in (0x0660, 0x06F0):  # Arabic-Indic and Extended (Persian) digits
        for d in range(10):
            table[zero + d] = str(d)
    table.update({ord("،"): ",", ord("؛"): ";", ord("؟"): "?", ord("٪"): "%", ord("\u066d"): "*"})
    for space in ["\u00a0", "\u202f", "\u205f", "\u3000", *map(chr, range(0x2000, 0x200B))]:
        table[ord(space)] = " "
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    # Line breaks other than "\n" (a lone CR of old Mac files, NEL, U+2028/2029, VT, FF) are line breaks
    # in the view, so that segmentation sees the lines (the CR of a CRLF is deleted instead).
    for brk in "\r\x0b\x0c\x85\u2028\u2029":
        table[ord(brk)] = "\n"
    expansions: dict[str, str] = {}
    for code in _PRESENTATION:
        ch = chr(code)
        if unicodedata.category(ch) == "Cn":
            continue
        nf = unicodedata.normalize("NFKC", ch)
        nf = "".join(c for c in nf if c not in _DELETED and c != " ").translate(table)
        if not nf or nf == ch:
            continue
        if len(nf) == 1:
            table[code] = nf
        else:
            expansions[ch] = nf
    # A fold of a fold: make the table idempotent (e.g. presentation alef-hamza -> أ -> ا).
    for code, rep in list(table.items()):
        table[code] = rep.translate(table)
    return table, expansions


FOLD_TABLE, EXPANSIONS = _build_tables()
_FOLD_CHARS = {chr(code): rep for code, rep in FOLD_TABLE.items()}
#: The folded characters of nearly every Arabic text (ة أ إ ى ، آ): replaced with str.replace, which runs
#: at C speed, and the rest through one regex, whose callback costs a Python call per character.
_COMMON = "ةأإى،آ"
_COMMON_FOLDS = [(ch, _FOLD_CHARS[ch]) for ch in _COMMON]
_RARE_FOLD_RE = re.compile("[" + re.escape("".join(ch for ch in _FOLD_CHARS if ch not in _COMMON)) + "]")


def _fold_chars(text: str) -> str:
    """text.translate(FOLD_TABLE), faster (about eight times on Arabic text: str.translate maps every
    character through a Python dict; most characters fold to themselves)."""
    for ch, rep in _COMMON_FOLDS:
        text = text.replace(ch, rep)
    return _RARE_FOLD_RE.sub(lambda m: _FOLD_CHARS[m.group()], text)


_DELETED_CLASS = "[" + re.escape("".join(sorted(_DELETED))) + "]"
_EXPANSION_CLASS = "[" + re.escape("".join(EXPANSIONS)) + "]"
#: A run of deleted marks, the CR of a CRLF, or a ligature to expand. Written to start with one class of
#: all three, which the regex engine scans for at C speed (an alternation of classes is tried at every
#: position), and to tell them apart by looking back at that first character.
_SPECIAL_RE = re.compile(
    f"[{re.escape(''.join(sorted(_DELETED)) + chr(13) + ''.join(EXPANSIONS))}]"
    f"(?:(?<={_DELETED_CLASS}){_DELETED_CLASS}*|(?<=\r)(?=\n)|(?<={_EXPANSION_CLASS}))"
)


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The original text, its folded view, and a piecewise map from view offsets to original offsets.

    `_view_starts[k]` is where piece k starts in the view, `_orig_starts[k]` where it starts in the
    original; `_expanded[k]` marks a piece that is one original character expanded to several.
    """

    original: str
    text: str
    _view_starts: tuple[int, ...]
    _orig_starts: tuple[int, ...]
    _expanded: tuple[bool, ...]

    def start(self, i: int) -> int:
        """Original offset where view character i starts (i == len(view) maps to the end)."""
        if i >= len(self.text):
            return len(self.original)
        k = bisect_right(self._view_starts, i) - 1
        if self._expanded[k]:
            return self._orig_starts[k]
        return self._orig_starts[k] + (i - self._view_starts[k])

    def end(self, i: int) -> int:
        """Original offset just after view character i."""
        k = bisect_right(self._view_starts, i) - 1
        if self._expanded[k]:
            return self._orig_starts[k] + 1
        return self._orig_starts[k] + (i - self._view_starts[k]) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of view [start, end); trailing diacritics of the last letter stay in."""
        if end <= start:
            o = self.start(start)
            return o, o
        if len(self.original) == len(self.text) and self._orig_starts == (0,) and not self._expanded[0]:
            return start, end  # nothing was deleted or expanded (most texts): offsets are the same
        views, origs, expanded = self._view_starts, self._orig_starts, self._expanded
        # (self.start and self.end, inlined: called for every span of the record)
        if start >= len(self.text):
            o_start = len(self.original)
        else:
            k = bisect_right(views, start) - 1
            o_start = origs[k] if expanded[k] else origs[k] + (start - views[k])
        last = end - 1
        k = bisect_right(views, last) - 1
        o_end = origs[k] + 1 if expanded[k] else origs[k] + (last - views[k]) + 1
        original, n = self.original, len(self.original)
        while o_end < n and original[o_end] in COMBINING:
            o_end += 1
        return o_start, o_end


def normalize(original: str) -> NormalizedText:
    """Fold `original` into a matching view and keep the offset map (see module docstring)."""
    if not _SPECIAL_RE.search(original):
        return NormalizedText(original, _fold_chars(original), (0,), (0,), (False,))
    pieces: list[str] = []
    view_starts: list[int] = []
    orig_starts: list[int] = []
    expanded: list[bool] = []
    pos = vpos = 0
    for m in _SPECIAL_RE.finditer(original):
        i = m.start()
        if i > pos:
            pieces.append(original[pos:i])
            view_starts.append(vpos)
            orig_starts.append(pos)
            expanded.append(False)
            vpos += i - pos
        rep = EXPANSIONS.get(m.group())
        if rep:
            pieces.append(rep)
            view_starts.append(vpos)
            orig_starts.append(i)
            expanded.append(True)
            vpos += len(rep)
        pos = m.end()
    if pos < len(original) or not view_starts:
        pieces.append(original[pos:])
        view_starts.append(vpos)
        orig_starts.append(pos)
        expanded.append(False)
    joined = ["".join(pieces)]
    del pieces  # (before folding, which holds two copies of the text at a time)
    text = _fold_chars(joined.pop())  # (the joined copy is then held by the fold alone: it frees it)
    return NormalizedText(original, text, tuple(view_starts), tuple(orig_starts), tuple(expanded))


@lru_cache(maxsize=65536)
def fold(s: str) -> str:
    """The view of a lexicon entry or a short string: what `normalize(s).text` would be."""
    return normalize(s).text


_ARTICLE_RE = re.compile(r"^(?:[وفبلك]?ال|لل)(?=\w\w)")


def strip_article(word: str) -> str:
    """Drop a leading (conjunction/preposition +) definite article from a folded word: والمهارات -> مهارات."""
    return _ARTICLE_RE.sub("", word)
