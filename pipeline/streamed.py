"""A record written as JSON in pieces, for large documents: the same line as
`extract(text).model_dump_json()`, at a fraction of the memory.

A validated JobRecord holds one pydantic model per entity: for a 50 MB document (hundreds of thousands of
entities) the model and the plain data it is validated from took thirteen times the document's size, on
top of the analysis. Here the record is validated and written without its entities, then the entities
(and the sections, and the noise spans) are validated and written a chunk at a time (through
pipeline.assemble itself, on a copy of the analysis that holds one chunk and the sections it refers to)
and spliced into their lists; the caches of the
extractors (the masked view, the lexicon scan, the sentences) are dropped before that.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from pipeline.assemble import assemble
from pipeline.document import Analysis, Mention, SectionSpan
from schemas import JobRecord

#: Items (sections, noise spans, entities) validated and written at a time.
CHUNK = 2000


class _Chunk(Analysis):
    """An analysis that holds one chunk of the mentions and the sections they fall in; `section_at`
    answers from every section of the document."""

    _full: Analysis

    def section_at(self, pos: int) -> SectionSpan | None:
        return self._full.section_at(pos)


def record_json(an: Analysis) -> tuple[bytes, dict[str, int]]:
    """(the record of an analysed document as a JSON line in UTF-8, its entity counts by type). The
    analysis is spent afterwards (its lists are emptied: freed before the line is joined). A record of at
    most CHUNK items is written whole: pieces cost an assembly each, and only large documents need them."""
    counts = dict(Counter(m.type for m in an.mentions))
    if len(an.sections) + len(an.noise) + len(an.mentions) <= CHUNK:
        return _to_json(assemble(an)), counts
    for cache in ("masked", "scan", "sentences"):  # the extractors are done: free their caches
        an.__dict__.pop(cache, None)
    head = _to_json(assemble(_part(an, keep_title=True)))
    out, pos = [], 0
    for name, parts in _pieces(an).items():  # (in the order of the record's fields)
        empty = f'"{name}":[]'.encode()
        at = head.index(empty, pos) + len(empty) - 1
        out.append(head[pos:at])
        for k, part in enumerate(parts):
            out += [b",", part] if k else [part]
        pos = at
    out.append(head[pos:])
    return b"".join(out), counts


def _pieces(an: Analysis) -> dict[str, list[bytes]]:
    """The JSON of the sections, noise spans and entities, a chunk each. The mentions and noise spans
    are let go of as they are written (the analysis's lists are emptied)."""
    mentions: list[Mention | None] = list(an.mentions)
    an.mentions = []
    norm = an.norm
    order = sorted(range(len(mentions)), key=lambda i: norm.span(mentions[i].start, mentions[i].end))  # type: ignore[union-attr]
    sections = an.sections
    pieces: dict[str, list[bytes]] = {"sections": [], "noise": [], "entities": []}
    for i in range(0, len(sections), CHUNK):
        pieces["sections"].append(_json(an, "sections", sections=sections[i : i + CHUNK]))
    noise, an.noise = an.noise, []
    for i in range(0, len(noise), CHUNK):
        pieces["noise"].append(_json(an, "noise", noise=noise[i : i + CHUNK]))
    del noise
    for i in range(0, len(order), CHUNK):
        chunk = order[i : i + CHUNK]
        pieces["entities"].append(_entities(an, [m for j in chunk if (m := mentions[j]) is not None]))
        for j in chunk:
            mentions[j] = None
    an.sections = []
    return pieces


def _part(an: Analysis, keep_title: bool = False, lists: dict[str, list[Any]] | None = None) -> Analysis:
    """A copy of the analysis holding the given lists (and no title unless `keep_title`)."""
    part = _Chunk(**{f.name: getattr(an, f.name) for f in dataclasses.fields(Analysis)})
    part._full = an
    part.sections, part.noise, part.mentions = [], [], []
    if not keep_title:
        part.title, part.warnings = None, []
    for name, value in (lists or {}).items():
        setattr(part, name, value)
    return part


def _to_json(record: JobRecord, **options: Any) -> bytes:
    """record.model_dump_json(**options), in UTF-8 (pydantic's serializer writes bytes)."""
    return bytes(JobRecord.__pydantic_serializer__.to_json(record, **options))


def _json(an: Analysis, field: str, **lists: list[Any]) -> bytes:
    """One list of the record, for the given part of it, validated, as JSON without the brackets."""
    text = _to_json(assemble(_part(an, lists=lists), occupations=False), include={field})
    return text[len(field) + 5 : -2]  # {"field":[ ... ]}


def _entities(an: Analysis, chunk: list[Mention]) -> bytes:
    """The entities of `chunk`, validated with the sections they fall in."""
    used = {s.index for m in chunk if (s := an.section_at(m.start)) is not None}
    return _json(an, "entities", mentions=chunk, sections=[s for s in an.sections if s.index in used])
