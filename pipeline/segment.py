"""Stage 2 — segmentation: title, scrape noise, headings and typed sections.

Works line by line on the folded view, deciding what a line is from its shape and place (lines.py) before
typing it from its words. Noise (noise.json, and page-head furniture found by position) is reported and
blanked out of what the extractors read. The title is the first top line that is not furniture; none when
the page opens on a paragraph or a contents marker. A heading is one of:
- a label ending in ":" or "/" ("المهام والمسؤوليات:"), short, also behind an emoji or a bullet;
- the label of a label-value line whose label the heading lexicon knows ("الراتب: 3000 درهم"); only the
  label is the heading, the value stays in the section;
- a line that is, whole, a known heading ("المؤهلات المطلوبة");
- a short question led by a question word ("ما هو المحاسب؟");
- in article layout, a short line standing alone before a paragraph; in a posting, a few words led by a
  heading word before a longer line;
- any short line that closes nothing and opens a longer line or a list ("راتب المحاسب في الرياض").
Lines that read as sentences, list items, phone numbers and table rows are not headings. Categories come
from the heading's words (headings.json), else from its parent (a numbered sub-heading) or what its section
holds; else "other". Text before the first heading is section 0 (heading null, category summary).
"""

from __future__ import annotations

import dataclasses
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import cache, cached_property, lru_cache
from itertools import accumulate
from typing import NamedTuple, overload

from pipeline.document import Analysis, NoiseSpan, SectionSpan
from pipeline.lexicons import load
from pipeline.lines import (
    content_category,
    ends_unfinished,
    furniture_kind,
    is_punctuation_only,
    is_question_heading,
    label_reads_as_sentence,
    punctuation_lines,
    question_category,
    reads_as_paragraph,
    undecorated,
)
from pipeline.normalize import fold, strip_article
from pipeline.occupations import names_occupation


class Line(NamedTuple):
    """A line of the view (a tuple: there is one per line of every document, and tuples are cheap)."""

    start: int  # view offset of the first non-space character
    end: int  # view offset after the last non-space character
    text: str  # the stripped folded line


_MAX_HEADING_WORDS = 8
#: Whole-line noise patterns are bounded (the longest, an advert or a breadcrumb, stays under this).
_MAX_NOISE_LINE = 200
#: How many content lines (not noise) open a page's head, where datelines, mastheads and crumbs stand.
_HEAD_LINES = 4
#: How many lines at the top of a document may hold a Latin byline ("Anonim", "Admin").
_BYLINE_REACH = 12
_MAX_HEADING_CHARS = 70
#: How many lines after a marker of related items may be its headlines, and how long one may be.
_RELATED_REACH = 12
_MAX_HEADLINE_WORDS = 18
#: A line heading a section by shape and place alone may be longer than a labelled one.
_MAX_SHAPE_WORDS = 12
_MAX_SHAPE_CHARS = 90
#: How many lines at the top of a document are searched for its title.
_TITLE_REACH = 16
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")
_BULLET_RE = re.compile(r"^(?:[-•*·▪◦●○■□➢➤►✓✔✅☑→⁃–—]|\d{1,2}\s*[-)]\s|[\u0621-\u064a]\s*[-)]\s)")
#: the ordinal words _NUMBERING_RE knows, and their first letters
_ORDINALS = ("اولا", "ثانيا", "ثالثا", "رابعا", "خامسا", "سادسا")
_ORDINAL_INITIALS = "اثرخس"
_NUMBERING_RE = re.compile(rf"^(?:\d{{1,2}}(?:\.\d{{1,2}})*\s*[.)\-]\s*|(?:{'|'.join(_ORDINALS)})\s*[:\-.]\s*)")
_FINAL_PUNCT = ".!?,;،؛؟…"
#: an entry of a table of contents: its number and a space before its words ("1 ماذا يفعل ...")
_TOC_ITEM_RE = re.compile(r"\d{1,2}[ \t]+\S")
#: What ends a line that the next line does not continue: a stop, a label's colon, a bracket or a dash
_STOPS = ".!?,;،؛؟…:：/)]-–"
_LABEL_VALUE_RE = re.compile(r"^(?P<label>[^:\n]{2,40}?)\s*:\s*(?P<value>\S.*)$")
_TAG_RE = re.compile(r"^\s*\[[^\]\n]{1,30}\]\s*")
_LATIN_WORDS_RE = re.compile(r"^[a-z][a-z'.\-]*(?: [a-z][a-z'.\-]*){0,2}$")
_OCCUPATION_RES = [
    re.compile(r"^(?:الوصف الوظيفي|وصف وظيفه|وصف الوظيفه)\s+(?:ل|لـ|ل\s)?\s*(?P<o>.+)$"),
    re.compile(r"^(?P<o>.*?\S)\s+(?:الوصف الوظيفي|وصف الوظيفه)$"),
    re.compile(r"^(?:مطلوب|مطلوبه|نبحث عن|وظيفه|فرصه عمل)(?:\s*:)?\s+(?!شاغر)(?P<o>[^,.:]{3,60})$"),
]


_LATIN3_RE = re.compile(r"[a-z]{3}")
_CONTENT_RE = re.compile(r"\d{5,}|https?://|www\.|@")
_DIGIT_RE = re.compile(r"\d")
_YEAR_RE = re.compile(r"(?:19|20)\d\d\b")
_BRACKETED_RE = re.compile(r"\([^()\n]{0,40}\)")
#: How much of a section (characters) its content category is read from: a table or list shows itself early.
_CONTENT_WINDOW = 1000
#: A numbered heading without words of its own ("2. علاقات العملاء"): it takes its parent heading's category.
_SUBHEADING = "subheading"
#: The numbered heading of one post's block ("ثانيا: محاسب"): category other, whatever the block holds.
_POST = "post"
_WORD_RE = re.compile(r"\w+")


#: A view longer than this (characters) has its lines made when asked for (`_LazyLines`): a list of every
#: line, a tuple, two ints and a string each, took three times the memory of a large document.
_LAZY_LINES = 1 << 20
#: A view is split into lines a block of about this many characters at a time (for `_LazyLines`).
_SPLIT_BLOCK = 1 << 20
_new_line = tuple.__new__  # Line(...) goes through a Python-level __new__: this is the same, several times faster


def _lines(text: str) -> tuple[Sequence[Line], Sequence[int]]:
    """The lines of the text, and where each starts (before its leading spaces)."""
    if len(text) > _LAZY_LINES:
        lazy = _LazyLines(text)
        return lazy, lazy.raw_starts
    out = []
    starts = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped is raw:  # nothing stripped (most lines): strip() returns the string itself
            out.append(_new_line(Line, (pos, pos + len(raw), raw)))
        elif stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_new_line(Line, (pos + lead, pos + lead + len(stripped), stripped)))
        else:
            out.append(_new_line(Line, (pos, pos, "")))
        starts.append(pos)
        pos += len(raw) + 1
    return out, starts


class _LazyLines(Sequence[Line]):
    """The lines of a large view, the same as `_lines` lists them, kept as three arrays of offsets (where
    each line starts, and where its stripped text starts and ends: 24 bytes a line); the `Line` of a
    line, its text a slice of the view, is made when asked for and let go of after use."""

    def __init__(self, view: str) -> None:
        self.view = view
        self.raw_starts, self.starts, self.ends = array("q"), array("q"), array("q")
        add_raw, add_start, add_end = self.raw_starts.append, self.starts.append, self.ends.append
        pos = 0
        while True:  # a block of lines at a time: a list of all of them, as strings, is what this avoids
            stop = view.find("\n", pos + _SPLIT_BLOCK)
            for raw in (view[pos:stop] if stop >= 0 else view[pos:]).split("\n"):
                stripped = raw.strip()
                if stripped is raw:
                    add_start(pos)
                    add_end(pos + len(raw))
                elif stripped:
                    lead = pos + len(raw) - len(raw.lstrip())
                    add_start(lead)
                    add_end(lead + len(stripped))
                else:
                    add_start(pos)
                    add_end(pos)
                add_raw(pos)
                pos += len(raw) + 1
            if stop < 0:
                return

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, k: int) -> Line: ...

    @overload
    def __getitem__(self, k: slice) -> list[Line]: ...

    def __getitem__(self, k: int | slice) -> Line | list[Line]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        start, end = self.starts[k], self.ends[k]
        return _new_line(Line, (start, end, self.view[start:end]))

    def __iter__(self) -> Iterator[Line]:
        view = self.view
        for start, end in zip(self.starts, self.ends, strict=True):
            yield _new_line(Line, (start, end, view[start:end]))


class _LinePattern(NamedTuple):
    """An alternation of line patterns, written twice: `named` has group k<i> for line pattern i (the
    kind of a match), `plain` no groups. Most lines match none: `plain` rejects them faster (the regex
    engine skips a branch by its first character only where no group opens it)."""

    named: re.Pattern[str]
    plain: re.Pattern[str]


class _NoisePatterns(NamedTuple):
    inline: re.Pattern[str]  # every inline pattern, in one alternation
    inline_kinds: list[tuple[re.Pattern[str], str]]  # each inline pattern alone, to name the kind of a match
    lines: _LinePattern  # every line pattern but the top ones
    uncued_lines: _LinePattern  # the line patterns without a cue
    top_lines: _LinePattern  # every line pattern, for the first lines of a document
    uncued_top_lines: _LinePattern
    # the "\n" before each line at whose start a line pattern matches (with and without the cued ones):
    # the lines worth trying, found by a scan that the regex engine runs from newline to newline
    line_starts: re.Pattern[str]
    uncued_line_starts: re.Pattern[str]
    cue: re.Pattern[str] | None  # any cue of a line pattern
    kinds: list[str]


@cache
def _noise_patterns() -> _NoisePatterns:
    """The matchers of noise.json. The inline alternation has no groups: an alternation of groups has no
    first-character set the regex engine could skip ahead with, and was five times slower."""
    data = load("noise")
    lines = data["line"]
    kinds = [e["kind"] for e in lines]

    def alternation(cued: bool, top: bool = False, named: bool = True) -> str:
        return "|".join(
            f"(?P<k{i}>{e['pattern']})" if named else f"(?:{e['pattern']})"
            for i, e in enumerate(lines)
            if (cued or "cue" not in e) and (top or not e.get("top"))
        )

    def line_pattern(cued: bool, top: bool = False) -> _LinePattern:
        return _LinePattern(re.compile(alternation(cued, top)), re.compile(alternation(cued, top, named=False)))

    cues = [e["cue"] for e in lines if "cue" in e]
    return _NoisePatterns(
        inline=re.compile("|".join(e["pattern"] for e in data["inline"])),
        inline_kinds=[(re.compile(e["pattern"]), e["kind"]) for e in data["inline"]],
        lines=line_pattern(True),
        uncued_lines=line_pattern(False),
        top_lines=line_pattern(True, top=True),
        uncued_top_lines=line_pattern(False, top=True),
        line_starts=re.compile(rf"\n(?=[^\S\n]*(?:{alternation(True, named=False)}))"),
        uncued_line_starts=re.compile(rf"\n(?=[^\S\n]*(?:{alternation(False, named=False)}))"),
        cue=re.compile("|".join(cues)) if cues else None,
        kinds=kinds,
    )


def _kind(m: re.Match[str], kinds: list[str]) -> str:
    """The kind of a line pattern's match (its group is k<i>)."""
    return kinds[int(str(m.lastgroup)[1:])]


def _inline_kind(found: str, patterns: _NoisePatterns) -> str:
    return next(kind for rx, kind in patterns.inline_kinds if rx.fullmatch(found))


@cache
def _heading_lexicon() -> tuple[dict[str, str], frozenset[str]]:
    """Folded, article-stripped keyword -> category; and the set of whole-line headings."""
    data = load("headings")
    keywords: dict[str, str] = {}
    for category, words in data["categories"].items():
        for w in words:
            keywords.setdefault(_key(w), category)
    exact = frozenset(_key(w) for w in data["exact_only"])
    return keywords, exact


def _key(phrase: str) -> str:
    """A phrase as the heading lexicon compares it: folded, words without article or one clitic."""
    return " ".join(strip_article(w) for w in _WORD_RE.findall(fold(phrase)))


def _word_variants(word: str) -> list[str]:
    w = strip_article(word)
    out = [w]
    if len(word) > 3 and word[0] in "وفبلك":
        out.append(strip_article(word[1:]))
    return out


@lru_cache(maxsize=8192)
def categorize(heading: str) -> str | None:
    """The category of a heading from the lexicon (earliest keyword wins), or None if unknown."""
    keywords, _ = _heading_lexicon()
    words = _WORD_RE.findall(fold(heading))
    stripped = [strip_article(w) for w in words]  # each word's forms once, not once per phrase tried
    for i, word in enumerate(words):
        heads = _word_variants(word)
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            tail = stripped[i + 1 : i + n]
            for h in heads:
                cat = keywords.get(" ".join([h, *tail]))
                if cat:
                    return cat
    return None


@lru_cache(maxsize=8192)
def _opens_with_heading_phrase(label: str) -> bool:
    """A short label led by a heading phrase of the lexicon whose first word would otherwise open a
    sentence ("عن الشركة", "من نحن", "عن الوظيفة")."""
    words = label.split()
    if len(words) > 4:
        return False
    keywords, _ = _heading_lexicon()
    return _is_exact_heading(label) or _key(" ".join(words[:2])) in keywords


@cache
def _related_markers() -> frozenset[str]:
    """The markers of a list of related items (noise.json "related_markers"), as _key forms."""
    return frozenset(_key(w) for w in load("noise")["related_markers"])


@cache
def _vacancy_labels() -> frozenset[str]:
    """The labels of a number of openings (quantities.json), folded."""
    return frozenset(fold(w) for w in load("quantities")["vacancy_labels"])


@lru_cache(maxsize=8192)
def _is_exact_heading(text: str) -> bool:
    _, exact = _heading_lexicon()
    return _key(text.rstrip(":/ ")) in exact


def _looks_like_content(text: str) -> bool:
    """Lines that are never headings (besides bullets): phones, numbers, links, mostly non-Arabic tables."""
    if not _ARABIC_RE.search(text) and not _LATIN3_RE.search(text):
        return True
    if _CONTENT_RE.search(text):
        return True
    return False


class _Segmenter:
    def __init__(self, an: Analysis) -> None:
        self.an = an
        self.lines, self.line_starts = _lines(an.text)
        self._noise_lines: set[tuple[int, int]] = set()

    def run(self) -> None:
        self._noise()
        self._title()
        self._sections()

    # --- noise -------------------------------------------------------------------------------------
    def _noise(self) -> None:
        patterns = _noise_patterns()
        kinds = patterns.kinds
        text = self.an.text
        found = [
            NoiseSpan(m.start(), m.end(), _inline_kind(m.group(), patterns)) for m in patterns.inline.finditer(text)
        ]
        cued = patterns.cue is not None and patterns.cue.search(text)
        line_pattern = patterns.lines if cued else patterns.uncued_lines
        top_pattern = patterns.top_lines if cued else patterns.uncued_top_lines

        def kind_of(line: Line, rx: _LinePattern = line_pattern) -> str | None:
            body = line.text.rstrip(" :.")
            if len(body) > _MAX_NOISE_LINE:
                return None
            if not rx.plain.fullmatch(body) and (body == line.text or not rx.plain.fullmatch(line.text)):
                return None  # (most lines)
            m = rx.named.fullmatch(body) or (rx.named.fullmatch(line.text) if body != line.text else None)
            return _kind(m, kinds) if m else None

        first_content = 0
        for line in self.lines[:_BYLINE_REACH]:  # the top, where a Latin byline may stand
            if not line.text:
                continue
            if first_content < _HEAD_LINES:  # the page's head: datelines, mastheads, crumbs
                kind = kind_of(line, top_pattern) or furniture_kind(line.text)
            else:
                kind = kind_of(line)
            if kind is None and first_content < 3 and _LATIN_WORDS_RE.match(line.text):
                if self._arabic_document and not names_occupation(line.text):
                    kind = "byline"  # "Anonim", "Admin"; not a job title in English ("Sales Executive")
            if kind:
                found.append(NoiseSpan(line.start, line.end, kind))
            else:
                first_content += 1
        # below it, only the lines at whose start a noise pattern matches
        starts = patterns.line_starts if cued else patterns.uncued_line_starts
        if len(self.lines) > _BYLINE_REACH:
            for m in starts.finditer(text, self.line_starts[_BYLINE_REACH] - 1):
                line = self.lines[bisect_left(self.line_starts, m.end())]
                if line.text and (kind := kind_of(line)):
                    found.append(NoiseSpan(line.start, line.end, kind))
        # lines of a few bullet or dash signs alone: scrape residue
        found += [NoiseSpan(start, end, "boilerplate") for start, end in punctuation_lines(text)]
        first = self.lines[0]
        if first.text and is_punctuation_only(first.text):
            found.append(NoiseSpan(first.start, first.end, "boilerplate"))
        found += self._related_lists(found)
        self.an.noise = sorted(_drop_overlaps(found), key=lambda n: n.start)
        self._noise_lines = {(n.start, n.end) for n in self.an.noise}

    def _related_lists(self, found: list[NoiseSpan]) -> list[NoiseSpan]:
        """The headlines a page lists under a marker of related items ("أخبار ذات صلة", "اقرأ أيضا",
        "وظائف مشابهة"): every line after the marker that reads as a headline, up to a line of running
        text. The list is a page's tail: a marker with running text close after it lists nothing."""
        if not found:
            return []
        markers = _related_markers()
        noise = {(f.start, f.end) for f in found}
        out = self._contents_items(found, noise)
        heads = [n for n in found if _key(undecorated(self.an.text[n.start : n.end]).rstrip(" :")) in markers]
        if not heads:
            return out
        prose = next((ln.start for ln in self.lines if ln.text.count(" ") >= _MAX_HEADLINE_WORDS), None)
        if prose is None:
            return out  # no running text: no tail after it
        for n in heads:
            if n.start < prose:
                continue  # (above the first paragraph a marker heads the page's own news bar, not a tail)
            k = bisect_left(self.line_starts, n.end)
            for line in self.lines[k : k + _RELATED_REACH]:
                if not line.text or (line.start, line.end) in noise:
                    continue
                if len(line.text.split()) > _MAX_HEADLINE_WORDS or line.text[-1] == ":":
                    break  # running text again: the content goes on
                out.append(NoiseSpan(line.start, line.end, "navigation"))
        return out

    def _contents_items(self, found: list[NoiseSpan], noise: set[tuple[int, int]]) -> list[NoiseSpan]:
        """The numbered or bulleted lines right under a table-of-contents marker ("جدول المحتويات" over
        "1 ماذا يفعل ..."): the entries of the contents, not the sections themselves."""
        out: list[NoiseSpan] = []
        for n in found:
            if n.kind != "toc":
                continue
            for j in range(bisect_left(self.line_starts, n.end), len(self.lines)):  # (no copy of the rest)
                line = self.lines[j]
                text = line.text
                if not text:
                    continue
                if (
                    (line.start, line.end) in noise
                    or len(text.split()) > _MAX_SHAPE_WORDS
                    or not (_BULLET_RE.match(text) or _TOC_ITEM_RE.match(text) or _NUMBERING_RE.match(text))
                ):
                    break
                out.append(NoiseSpan(line.start, line.end, "toc"))
        return out

    @cached_property
    def _arabic_document(self) -> bool:
        """Mostly Arabic letters: a lone Latin name near the top is then a byline ("Anonim")."""
        text = self.an.text
        return len(_ARABIC_RE.findall(text)) > 0.5 * sum(c.isalpha() for c in text)

    def _is_noise_line(self, line: Line) -> bool:
        return (line.start, line.end) in self._noise_lines

    def _noise_kind(self, line: Line) -> str | None:
        if (line.start, line.end) not in self._noise_lines:
            return None
        return next((n.kind for n in self.an.noise if n.start == line.start and n.end == line.end), None)

    def _top_furniture(self, top: list[Line]) -> set[int]:
        """Site names, source tags and section names above the title of a page, found by shape and
        position, reported as noise: a line of a few words ending in a dash ("اسم الجريده -"), and a line of at most
        three words standing between furniture (or the page start) and what follows it — a dateline or
        masthead after it, or a headline after it when furniture precedes it."""
        found: list[NoiseSpan] = []
        found_at: set[int] = set()
        scanning = True  # above the title
        for k, line in enumerate(top):
            text = line.text
            if text[-1] in "-–" and _is_source_tag(text) and not self._is_noise_line(line):
                found.append(NoiseSpan(line.start, line.end, "boilerplate"))  # anywhere in the top
                found_at.add(line.start)
                continue
            if not scanning or self._is_noise_line(line):
                continue
            words = text.count(" ") + 1
            if words > 3 or k + 1 >= len(top) or _DIGIT_RE.search(text) or ":" in text:
                scanning = False  # the title, or content: furniture stands above it
                continue
            nxt = top[k + 1]
            before = top[k - 1] if k else None
            after_furniture = before is not None and (
                before.start in found_at or (self._is_noise_line(before) and self._noise_kind(before) != "toc")
            )
            kind = self._noise_kind(nxt)
            dated = kind == "boilerplate" or (kind == "byline" and _DIGIT_RE.search(nxt.text))
            if dated and (before is None or after_furniture):
                found.append(NoiseSpan(line.start, line.end, "boilerplate"))
                found_at.add(line.start)
            elif after_furniture and kind is None and _headline_shaped(nxt.text):
                found.append(NoiseSpan(line.start, line.end, "navigation"))
                found_at.add(line.start)
            else:
                scanning = False
        if found:
            self.an.noise = sorted([*self.an.noise, *found], key=lambda n: n.start)
            self._noise_lines |= {(n.start, n.end) for n in found}
        return {n.start for n in found}

    # --- title -------------------------------------------------------------------------------------
    def _title(self) -> None:
        """The line naming the document: the first content line near the top that is not furniture; none
        when that line is a paragraph or follows a table-of-contents marker (the page opens on sections)."""
        top = [ln for ln in self.lines[:_TITLE_REACH] if ln.text]
        furniture = self._top_furniture(top)
        for k, line in enumerate(top):
            if self._is_noise_line(line) or line.start in furniture:
                continue
            prev = top[k - 1] if k else None
            if prev is not None and self._noise_kind(prev) == "toc":
                return
            if reads_as_paragraph(line.text, len(line.text.split())):
                return
            self.an.title = (line.start, line.end)
            self.an.occupation = _occupation(self.an.norm.original, self.an.norm.span(line.start, line.end))
            break
        if self.an.title is None:
            return
        title = self.an.text[self.an.title[0] : self.an.title[1]]
        untagged = _TAG_RE.sub("", title)  # "[بغداد] مطلوب مهندس" is repeated as "مطلوب مهندس"
        repeats: list[NoiseSpan] = []
        title_start, title_end = self.an.title
        text = self.an.text
        if text.find(title, title_end) < 0 and (untagged == title or text.find(untagged, title_end) < 0):
            return  # (in short) the title's words come back nowhere below it
        for ln in self.lines:
            t = ln.text
            if t == title or t == untagged:
                if ln.start > title_start and not self._is_noise_line(ln):
                    repeats.append(NoiseSpan(ln.start, ln.end, "repeated_title"))
            elif len(t) > 120 and ln.start > title_start and reads_as_paragraph(t, len(t.split())):
                break  # below the first paragraph the title's words head a section: "راتب X" then its text
        if repeats:
            self.an.noise = sorted([*self.an.noise, *repeats], key=lambda n: n.start)
            self._noise_lines |= {(n.start, n.end) for n in repeats}

    # --- headings and sections ---------------------------------------------------------------------
    def _sections(self) -> None:
        article = self._article_layout()
        headings: list[tuple[int, int, str]] = []
        title_line = self.an.title[0] if self.an.title else -1
        noise_lines = self._noise_lines
        heading = self._heading
        for idx, line in enumerate(self.lines):
            text = line.text
            if not text or line.start == title_line or (line.start, line.end) in noise_lines:
                continue
            if (
                ":" not in text
                and text[-1] not in "?/："
                and (text[-1] in _FINAL_PUNCT or len(text) > _MAX_SHAPE_CHARS)
            ):
                continue  # (in short) a sentence or a long line without a label: what _heading rejects first
            if idx and self._continues(idx):
                continue
            found = heading(idx, line, article)
            if found:
                headings.append(found)
        text_end = len(self.an.text)
        headings = self._typed_by_context(headings, text_end)
        sections: list[SectionSpan] = []
        first = headings[0][0] if headings else text_end
        if self.an.masked[:first].strip():
            sections.append(SectionSpan(0, 0, first, "summary"))
        for k, (start, end, category) in enumerate(headings):
            stop = headings[k + 1][0] if k + 1 < len(headings) else text_end
            sections.append(SectionSpan(k + 1, start, stop, category, (start, end)))
        self.an.sections = sections

    def _typed_by_context(self, headings: list[tuple[int, int, str]], text_end: int) -> list[tuple[int, int, str]]:
        """Headings whose words say nothing ("other"), typed from their place and section: a numbered
        sub-heading takes its parent's category; else the section's lines decide (salaries ->
        compensation, conditions -> qualifications)."""
        out: list[tuple[int, int, str]] = []
        for k, (start, end, category) in enumerate(headings):
            if category == _SUBHEADING:
                category = out[-1][2] if out and out[-1][2] != "other" else "other"
            elif category == _POST:
                out.append((start, end, "other"))  # a post's name: what its block holds does not type it
                continue
            if category == "other":
                stop = headings[k + 1][0] if k + 1 < len(headings) else text_end
                category = content_category(self.an.text[end : min(stop, end + _CONTENT_WINDOW)]) or "other"
            out.append((start, end, category))
        return out

    def _article_layout(self) -> bool:
        """Paragraphs separated by blank lines, with long lines: a career article, not a posting."""
        # (20 words take at least 39 characters: most lines are not split at all)
        blanks = sum(1 for ln in self.lines if not ln.text)
        if blanks < 2:
            return False
        long_lines = sum(1 for ln in self.lines if len(ln.text) >= 39 and len(ln.text.split()) >= 20)
        return long_lines >= 2

    def _heading(self, idx: int, line: Line, article: bool) -> tuple[int, int, str] | None:
        text = line.text
        if _BULLET_RE.match(text):
            return self._bulleted_label(line)  # a list item is a heading only as a short label ("- المزايا:")
        if len(text) > 160 and text[-1] not in ":/：" and ":" not in text[:42]:
            return None  # a paragraph: not a heading, a label line or a label-value line
        if (
            ":" not in text
            and text[-1] not in "/：?"
            and (len(text) > _MAX_SHAPE_CHARS or text[-1] in _FINAL_PUNCT or len(text.split()) > _MAX_SHAPE_WORDS)
        ):
            return None  # no label, and too long or a sentence (the checks below, in short, for most lines)
        # "📌 شروط المشاركة:" is "شروط المشاركة:" behind an emoji
        plain = text if text[0].isalnum() else undecorated(text)
        if not plain:
            return None  # an emoji or a sign alone
        # (most lines start with neither: a digit or an ordinal word, which the pattern needs)
        numbered = _NUMBERING_RE.match(plain) if plain[0].isdigit() or plain.startswith(_ORDINALS) else None
        body = plain[numbered.end() :] if numbered and numbered.end() < len(plain) else plain
        lead = len(text) - len(body)
        words = len(body.split())
        if text[-1] == "?":
            if is_question_heading(body) and self._heads_a_section(idx, numbered is not None, True, question=True):
                return self._typed(line.start + lead, line.end, body, question_category(body))
            return None
        if text[-1] in ":/：" and words <= _MAX_HEADING_WORDS:
            label = body.rstrip(":/： ")
            if label[:1].isalpha() and (_ARABIC_RE.search(label) or _LATIN3_RE.search(label)):
                return self._typed(line.start + lead, line.start + lead + len(label), label)
        lv = _LABEL_VALUE_RE.match(body) if ":" in body[:42] else None
        if lv and len(lv.group("label").split()) <= 4:
            label = lv.group("label").strip()
            # (not a post and its number of openings: "معلم لغة إنجليزية: 300 وظيفة" is an item of a list)
            if categorize(label) is not None and not names_occupation(label):
                return self._typed(line.start + lead, line.start + lead + len(label), label)
        if words > _MAX_SHAPE_WORDS or len(body) > _MAX_SHAPE_CHARS or text[-1] in _FINAL_PUNCT:
            return None
        if _looks_like_content(body) or (_DIGIT_RE.match(body) and not _YEAR_RE.match(body)):
            return None  # "354 وظيفة لحملة الدبلوم" is an item; "2016 معلومات الرواتب" is a heading
        if words > _MAX_HEADING_WORDS or len(body) > _MAX_HEADING_CHARS:
            # a long heading line only by shape and place: "توزيع رواتب X في Y حسب سنوات الخبرة"
            return (
                self._typed(line.start + lead, line.end, body)
                if self._shaped_heading(idx, body, False, plain is not text)
                else None
            )
        if numbered and self._opens_a_block(idx, body):
            found = self._typed(line.start + lead, line.end, body)  # (a post, not a sub-part of the block above)
            return (*found[:2], _POST) if found and found[2] == "other" else found
        if _is_exact_heading(body):
            return self._typed(line.start + lead, line.end, body)
        if article and self._stands_alone(idx):
            return self._typed(line.start + lead, line.end, body)
        if not article and words <= 4 and self._short_label(idx, body):
            return self._typed(line.start + lead, line.end, body)
        if self._shaped_heading(idx, body, numbered is not None, plain is not text):
            found = self._typed(line.start + lead, line.end, body)
            return (*found[:2], _SUBHEADING) if found and numbered and found[2] == "other" else found
        return None

    def _shaped_heading(self, idx: int, body: str, numbered: bool, decorated: bool) -> bool:
        """A heading by shape and place alone: no amount in it (a year or a count in brackets may stand),
        not a bracketed aside or a line ending in a dash, and heading a section."""
        nxt = self._next_text_line(idx)
        if nxt is None or (nxt.text.count(" ") < 7 and nxt.text[0].isalpha() and nxt.text[0] not in _ORDINAL_INITIALS):
            return False  # (in short) nothing, or a short line that neither opens a list nor runs as text
        if body[0] in "([" or body[-1] in "-–([" or ":" in body:
            return False  # an aside, a source tag, a line broken at a bracket, a label-value line
        if _DIGIT_RE.search(body) and _DIGIT_RE.search(_BRACKETED_RE.sub("", _YEAR_RE.sub("", body))):
            return False
        known = categorize(body) is not None
        if not known and decorated:
            return False  # "+ نسبة على المبيعات": a sign before unknown words marks an item
        return self._heads_a_section(idx, numbered, known, nxt=nxt)

    def _opens_a_block(self, idx: int, body: str) -> bool:
        """A numbered line over labelled lines ("ثانيا: فني صيانة" then "الراتب: ..." or "المهام:"), or a
        numbered post over bullets: the head of one post's block in an ad of several posts. Not the last
        item of a list: the line before it is not numbered like it."""
        if ":" in body or len(body.split()) > 8:
            return False
        nxt = self._next_text_line(idx)
        if nxt is None:
            return False
        nt = nxt.text
        label = nt[:-1] if nt[-1] in ":：/" else (m.group("label") if (m := _LABEL_VALUE_RE.match(nt)) else None)
        if label is None or len(label.split()) > 4 or categorize(label.strip()) is None:
            # or a post numbered by an ordinal word over the lines of its requirements ("ثانيا: محاسبة" over
            # "✅ خريجة محاسبة"; "٢. علاقات العملاء" over bullets is a part of the duties above it; over the
            # next ordinal line it is an item of a list of posts)
            ordinal = undecorated(self.lines[idx].text).startswith(_ORDINALS)
            numbered_next = nt.startswith(_ORDINALS) or (nt[0].isdigit() and _NUMBERING_RE.match(nt) is not None)
            if not (ordinal and not numbered_next and names_occupation(body)):
                return False
        elif fold(label.strip()) in _vacancy_labels():
            return False  # "1. محاسب" over "العدد المطلوب: 2": an item of a list of openings with their counts
        prev = self._prev_text_line(idx)
        pt = prev.text if prev is not None else ""
        return not ((pt[:1].isdigit() or pt.startswith(_ORDINALS)) and _NUMBERING_RE.match(pt))

    def _bulleted_label(self, line: Line) -> tuple[int, int, str] | None:
        """A bullet or star before a short label ending in ":" ("- للاستفسار:", "**الوظائف المتاحة:")."""
        text = line.text
        if text[-1] not in ":：" or len(text) > 50:
            return None
        m = _BULLET_RE.match(text)
        body = text[m.end() :].lstrip(" -*•") if m else text
        label = body.rstrip(":： ")
        if not label[:1].isalpha() or len(label.split()) > 4:
            return None
        start = line.start + len(text) - len(body)
        return self._typed(start, start + len(label), label)

    def _heads_a_section(
        self, idx: int, numbered: bool, known: bool, question: bool = False, nxt: Line | None = None
    ) -> bool:
        """A short line that closes nothing and opens what follows: after a section's end (the page top, a
        blank line, a bullet item, a finished sentence or a paragraph, not a line ending in ":" whose list
        it would be an item of) and before a longer line or a list. A numbered line heads a section only
        when the next line is not numbered like it ("1. المبيعات" then bullets, not "1. ..." "2. ...").
        `known`: the line's words name a section, and a long sentence ending in ":" may stand before it.
        `nxt`: the next non-blank line, when the caller has it."""
        nxt = nxt or self._next_text_line(idx)
        if nxt is None or self._is_noise_line(nxt):
            return False
        nt = nxt.text
        next_numbered = (nt[0].isdigit() or nt.startswith(_ORDINALS)) and _NUMBERING_RE.match(nt) is not None
        next_bullet = _BULLET_RE.match(nt) is not None
        if numbered and next_numbered:
            return False
        # the section is longer than its heading: an item of an unbulleted list is followed by its like
        least = 8 if known else max(8, 2 * len(self.lines[idx].text.split()))
        if (question or known) and not (next_bullet or next_numbered) and self._short_lines_follow(idx):
            # "شنو نوفرلك؟" over unbulleted items (a question ends no item); a known heading over
            # unbulleted sentences ("الشروط العامة" over "أن يكون المتقدم ...." lines)
            if question or (
                len(self.lines[idx].text.split()) <= 3  # (longer, it is one of those sentences itself)
                and self._after_a_stop(idx)
                and self._short_lines_follow(idx, sentences=True)
            ):
                return True
            if len(self.lines[idx].text.split()) <= 5 and self._after_a_break(idx):
                return True  # after a blank or a line of junk a known heading opens its list
        if not (next_bullet or next_numbered or len(nt.split()) >= least):
            return False
        if numbered and next_bullet:
            return True  # "١. تنفيذ المبيعات" over its bullets
        prev = self._prev_text_line(idx)
        if prev is None:
            return True
        ptext = prev.text
        if ptext[-1] in ":：":
            # an item of the list that line opens; but a question or a known heading may follow an intro
            return question or (known and len(ptext.split()) >= 8)
        if question:
            return True  # a question over its answer ends the list above it: no item asks
        return (
            (idx > 0 and not self.lines[idx - 1].text)
            or _BULLET_RE.match(ptext) is not None
            or ptext[-1] in ".!?"
            # after an unfinished long line, a long line or one of unknown words is the next item of a list
            or (known and len(ptext.split()) >= 12 and len(self.lines[idx].text.split()) <= 5)
            or (self.an.title is not None and prev.start == self.an.title[0])
            or ":" in ptext[:42]  # a label-value line ("الجنس: ذكر") is complete
        )

    def _after_a_break(self, idx: int) -> bool:
        """The line right before line idx is blank or junk (an advert's slot, a share button)."""
        prev = self.lines[idx - 1] if idx else None
        return prev is None or not prev.text or self._is_noise_line(prev)

    def _after_a_stop(self, idx: int) -> bool:
        """The line before line idx ends a sentence or a paragraph (a heading may follow it), or is blank."""
        prev = self.lines[idx - 1] if idx else None
        return prev is None or not prev.text or prev.text[-1] in ".!?؟"

    def _short_lines_follow(self, idx: int, sentences: bool = False) -> bool:
        """Two lines of a few words, neither a question nor a label, right after line idx: a list (with
        `sentences`, each ending with a full stop)."""
        following = self.lines[idx + 1 : idx + 3]
        return len(following) == 2 and all(
            ln.text
            and len(ln.text.split()) <= _MAX_SHAPE_WORDS
            and ln.text[-1] not in "?:："
            and (not sentences or ln.text[-1] == ".")
            for ln in following
        )

    def _prev_text_line(self, idx: int) -> Line | None:
        """The last non-blank, non-noise line before line idx."""
        for k in range(idx - 1, -1, -1):
            ln = self.lines[k]
            if ln.text and not self._is_noise_line(ln):
                return ln
        return None

    def _short_label(self, idx: int, body: str) -> bool:
        """A posting line of a few words led by a heading word ("الراتب والمزايا"), before a longer line.
        A value line ("دوام كامل") is followed by another short line, or by nothing."""
        words = body.split()
        if len(words) > 4 or _DIGIT_RE.search(body):
            return False
        if categorize(" ".join(words[:2])) in (None, "company", "other", "summary"):
            return False
        nxt = self._next_text_line(idx)
        return nxt is not None and len(nxt.text.split()) >= 6 and not _BULLET_RE.match(nxt.text)

    def _next_text_line(self, idx: int) -> Line | None:
        """The first non-blank line after line idx."""
        for k in range(idx + 1, len(self.lines)):
            if self.lines[k].text:
                return self.lines[k]
        return None

    def _typed(self, start: int, end: int, label: str, category: str | None = None) -> tuple[int, int, str] | None:
        """The heading with its category from its words; None when it reads as a sentence (a line that
        introduces a list, an instruction, a line broken before its end)."""
        if label_reads_as_sentence(label) and not _opens_with_heading_phrase(label):
            return None
        return start, end, category or question_category(label) or categorize(label) or "other"

    def _continues(self, idx: int) -> bool:
        """A line that goes on from the line right above it, a line broken before its end: that line ends
        in a word that needs more ("... عبر", "... مع"), or this one opens on a conjunction ("وطريقة
        التقديم" after "... مع الوظائف المطلوبة") while that one ends without a stop."""
        prev = self.lines[idx - 1]
        pt = prev.text
        if not pt or pt[-1] in _STOPS or self._is_noise_line(prev):
            return False
        if ends_unfinished(pt.rsplit(None, 2)[-2:]):  # (its last two words: all the test reads)
            return True
        first = self.lines[idx].text.split(None, 1)[0]
        return pt.count(" ") >= 3 and len(first) > 3 and first[0] == "و" and _key(first) not in _heading_lexicon()[0]

    def _stands_alone(self, idx: int) -> bool:
        """A blank line (or the title) before, and a paragraph of some length after."""
        prev = self.lines[idx - 1] if idx > 0 else None
        if prev is not None and prev.text and not self._is_noise_line(prev):
            return False
        nxt = self._next_text_line(idx)
        return nxt is not None and not self._is_noise_line(nxt) and len(nxt.text.split()) >= 12


def _is_source_tag(text: str) -> bool:
    """A paper's or agency's name before the dash that opens its story ("اسم الصحيفه -")."""
    return (
        len(text) > 2
        and text[-1] in "-–"
        and text[0] not in "-–"
        and ":" not in text  # "كما ادناه :-" opens a list
        and len(text.split()) <= 4
        and not _DIGIT_RE.search(text)
    )


def _headline_shaped(text: str) -> bool:
    """A line that could be a headline: five words or more, not a paragraph or a finished sentence."""
    n = len(text.split())
    return n >= 5 and text[-1] not in ".!" and not reads_as_paragraph(text, n)


def _drop_overlaps(spans: list[NoiseSpan]) -> list[NoiseSpan]:
    out: list[NoiseSpan] = []
    for s in sorted(spans, key=lambda n: (n.start, -(n.end - n.start))):
        if out and s.start < out[-1].end:
            continue
        out.append(s)
    return out


_NOT_A_JOB_TITLE_RE = re.compile(r"(?<!\w)(?:اعلان|تعلن|اعلنت|يعلن|وظائف|توظيف|مباراه|تعيين|فرص|مطلوب|عاجل)")


def _occupation(original: str, span: tuple[int, int]) -> str | None:
    """The occupation named by a title of the forms "X الوصف الوظيفي", "الوصف الوظيفي لـ X", "مطلوب X",
    or a title that is itself a short job name ("فني علوم أغذية")."""
    raw = original[span[0] : span[1]]
    raw = _TAG_RE.sub("", raw)  # "[بغداد] مطلوب موظفين"
    folded = fold(raw)
    for rx in _OCCUPATION_RES:
        m = rx.match(folded)
        if m:
            # the same words in the original spelling: cut the original at the word positions
            words, fwords = raw.split(), folded.split()
            if len(words) == len(fwords):
                o_words = m.group("o").split()
                for i in range(len(fwords) - len(o_words) + 1):
                    if fwords[i : i + len(o_words)] == o_words:
                        return " ".join(words[i : i + len(o_words)]).strip(" :-ـ")
            return m.group("o").strip()
    words = folded.split()
    if 1 <= len(words) <= 5 and _ARABIC_RE.search(folded) and not re.search(r"[\d:.,!?;()|/\[\]]", folded):
        if not _NOT_A_JOB_TITLE_RE.search(folded):
            return raw.strip()
    return None


def segment(an: Analysis) -> None:
    """Fill title, occupation, noise and sections of the analysis."""
    _Segmenter(an).run()
    if len(an.text) > _SHARED_VIEW:
        _masked_for_view(an)


#: A view longer than this (characters) is let go of after segmentation where the masked view can stand
#: for it (`_masked_for_view`).
_SHARED_VIEW = 1 << 20


def _masked_for_view(an: Analysis) -> None:
    """Make the masked view the analysis's view, where nothing can tell them apart: one copy of a large
    text less while the extractors run and the record is written.

    After segmentation the extractors read the masked view; the view itself is read only at the headings
    (pipeline.document.heading_text), in the title (the occupations) and for its length, which the masked
    view shares. Where a noise span touches a heading or the title, the two differ there: both are kept."""
    masked = an.masked
    if masked is an.text:
        return  # no noise: the masked view is the view already
    noise = sorted((n.start, n.end) for n in an.noise)
    starts = [start for start, _ in noise]
    reach = list(accumulate((end for _, end in noise), max))  # the furthest end of the noise spans so far
    for start, end in [s.heading for s in an.sections if s.heading is not None] + ([an.title] if an.title else []):
        k = bisect_left(starts, end)  # the noise spans before k start before the span ends
        if k and reach[k - 1] > start:
            return  # one of them ends after it starts
    an.norm = dataclasses.replace(an.norm, text=masked)
