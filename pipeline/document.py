"""The in-flight analysis of one document, shared by the stages (stored on the spaCy Doc as `doc._.wasf`).

Every offset here is an offset of the folded view (`norm.text`); pipeline.assemble maps them back to the
input once, when it builds the record.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from pipeline.context import Sentences
from pipeline.lexicons import LexiconScan
from pipeline.normalize import NormalizedText


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity found by an extractor: type, view span, and the attributes of its record model."""

    type: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SectionSpan:
    """A section of the view; `heading` is the view span of its heading line (None for the preamble)."""

    index: int
    start: int
    end: int
    category: str
    heading: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class NoiseSpan:
    start: int
    end: int
    kind: str


@dataclass
class Analysis:
    """What the stages know about one document so far."""

    doc_id: str
    source: str | None
    norm: NormalizedText
    title: tuple[int, int] | None = None
    occupation: str | None = None
    noise: list[NoiseSpan] = field(default_factory=list)
    sections: list[SectionSpan] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    done: list[str] = field(default_factory=list)  # names of the stages that have run
    _section_starts: list[int] | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The folded view."""
        return self.norm.text

    @cached_property
    def masked(self) -> str:
        """The view with noise spans blanked out (same length), which is what extractors read. A repeated
        title stays: it is not junk but content said twice, and each of its mentions is a mention."""
        text = self.norm.text
        blanked = [n for n in self.noise if n.kind != "repeated_title"]
        if not blanked:
            return text
        parts, pos = [], 0
        for n in sorted(blanked, key=lambda n: n.start):
            start = max(pos, n.start)
            parts += [text[pos:start], " " * max(0, n.end - start)]
            pos = max(pos, n.end)
        parts.append(text[pos:])
        return "".join(parts)

    @cached_property
    def scan(self) -> LexiconScan:
        """Where the entries of every lexicon start in the masked view (one pass for all extractors)."""
        return LexiconScan(self.masked)

    @cached_property
    def sentences(self) -> Sentences:
        return Sentences(self.masked)

    def section_at(self, pos: int) -> SectionSpan | None:
        """The section whose [start, end) contains view offset pos (sections are final once asked)."""
        if self._section_starts is None or len(self._section_starts) != len(self.sections):
            self._section_starts = [s.start for s in self.sections]
        k = bisect_right(self._section_starts, pos) - 1
        if k >= 0 and pos < self.sections[k].end:
            return self.sections[k]
        return None

    def heading_text(self, section: SectionSpan | None) -> str:
        if section is None or section.heading is None:
            return ""
        return self.norm.text[section.heading[0] : section.heading[1]]
