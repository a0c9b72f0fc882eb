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
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from pipeline import heap
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


class SpooledLine:
    """A record's JSON line kept in an unnamed temporary file while it is made, not in memory: the line of a
    large document is 1.6 times its text. `write_to` copies it to an output; pickled (to or from a worker
    process) it becomes the bytes of the line."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # (removed by the system when closed or when the process ends)
        self._size = 0

    def extend(self, piece: bytes | bytearray) -> None:
        """Add `piece` to the line (as bytearray.extend)."""
        self._size += self._file.write(piece)

    def __len__(self) -> int:
        return self._size

    def __bytes__(self) -> bytes:
        self._file.seek(0)
        return self._file.read()

    def __reduce__(self) -> tuple[Any, ...]:
        return bytes, (bytes(self),)

    def write_to(self, out: IO[bytes]) -> None:
        """Copy the line to `out`, a block at a time (the caller sees to it that no signal cuts it short)."""
        self._file.seek(0)
        shutil.copyfileobj(self._file, out, _COPY_BLOCK)

    def close(self) -> None:
        self._file.close()


#: Bytes copied at a time from a spooled line to the output.
_COPY_BLOCK = 1 << 20


def as_bytes(line: bytes | bytearray | SpooledLine) -> bytes | bytearray:
    """The bytes of a record's line, spooled or not."""
    return bytes(line) if isinstance(line, SpooledLine) else line


def record_json(an: Analysis, spool: bool = False) -> tuple[bytes | bytearray | SpooledLine, dict[str, int]]:
    """(the record of an analysed document as a JSON line in UTF-8, its entity counts by type). The
    analysis is spent afterwards (its lists are emptied as the line grows). A record of at most CHUNK
    items is written whole: pieces cost an assembly each, and only large documents need them. With
    `spool`, the line of a large document (heap.LARGE_TEXT characters or more) is made in a temporary
    file (SpooledLine) rather than in memory."""
    counts = dict(Counter(m.type for m in an.mentions))
    if len(an.sections) + len(an.noise) + len(an.mentions) <= CHUNK:
        return _to_json(assemble(an)), counts
    head = _to_json(assemble(_part(an, keep_title=True)))  # (its occupations read the cached masked view)
    for cache in _CACHES:  # the extractors are done: free their caches
        an.__dict__.pop(cache, None)
    # One buffer that each piece is added to, and let go of, as it is made: a list of the pieces joined at
    # the end held the line twice.
    out: bytearray | SpooledLine = SpooledLine() if spool and len(an.norm.original) >= heap.LARGE_TEXT else bytearray()
    pos, field = 0, ""
    for k, (name, piece) in enumerate(_pieces(an)):  # (in the order of the record's fields)
        if k % _RELEASE_EVERY == 0:  # the mentions written so far are freed: their memory given back
            heap.release()
        if name != field:
            empty = f'"{name}":[]'.encode()
            at = head.index(empty, pos) + len(empty) - 1
            out.extend(head[pos:at])
            pos, field = at, name
        else:
            out.extend(b",")
        out.extend(piece)
        del piece
    out.extend(head[pos:])
    return out, counts


#: Pieces written between two hand-backs of freed memory to the system (pipeline.heap).
_RELEASE_EVERY = 8
#: The caches of the extractors on an Analysis (cached properties).
_CACHES = ("masked", "scan", "sentences")


def _pieces(an: Analysis) -> Iterator[tuple[str, bytes]]:
    """The JSON of the sections, noise spans and entities, a chunk each, with the name of its list. The
    mentions and noise spans are let go of as they are written (the analysis's lists are emptied)."""
    mentions: list[Mention | None] = list(an.mentions)
    an.mentions = []
    norm = an.norm
    order = sorted(range(len(mentions)), key=lambda i: norm.span(mentions[i].start, mentions[i].end))  # type: ignore[union-attr]
    sections = an.sections
    for i in range(0, len(sections), CHUNK):
        yield "sections", _json(an, "sections", sections=sections[i : i + CHUNK])
    noise, an.noise = an.noise, []
    for i in range(0, len(noise), CHUNK):
        yield "noise", _json(an, "noise", noise=noise[i : i + CHUNK])
    del noise
    for i in range(0, len(order), CHUNK):
        chunk = order[i : i + CHUNK]
        yield "entities", _entities(an, [m for j in chunk if (m := mentions[j]) is not None])
        for j in chunk:
            mentions[j] = None
    an.sections = []


def _part(an: Analysis, keep_title: bool = False, lists: dict[str, list[Any]] | None = None) -> Analysis:
    """A copy of the analysis holding the given lists (and no title unless `keep_title`) and the
    extractors' caches that the analysis holds (not made again)."""
    part = _Chunk(**{f.name: getattr(an, f.name) for f in dataclasses.fields(Analysis)})
    part._full = an
    part.__dict__.update({cache: an.__dict__[cache] for cache in _CACHES if cache in an.__dict__})
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
