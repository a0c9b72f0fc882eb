"""Stage last — assembly: the analysis of a document becomes one validated schemas.JobRecord.

This is the one place where view offsets are mapped back to the input, so every span of the record
satisfies `input[start:end] == text`.
"""

from __future__ import annotations

from bisect import bisect_right
from operator import itemgetter
from typing import Any

from pipeline.document import Analysis
from pipeline.occupations import find_occupations
from schemas import JobRecord

_BY_SPAN = itemgetter("start", "end")


def assemble(an: Analysis, occupations: bool = True) -> JobRecord:
    """Build and validate the record of an analysed document (without its occupations when
    `occupations` is false: a part of the record written in pieces, see pipeline/streamed.py).

    The record is built as plain data and validated in one call (pydantic-core validates the nested
    sections, noise and entities in Rust; one call per entity cost several times more). This runs for
    every span of every document: spans are mapped by one local function, sections found by bisection."""
    norm = an.norm
    original, to_input = norm.original, norm.span

    def span(start: int, end: int) -> dict[str, Any]:
        s, e = to_input(start, end)
        return {"text": original[s:e], "start": s, "end": e}

    view_length = len(norm.text)
    sections = [
        {
            "index": sec.index,
            "heading": span(*sec.heading) if sec.heading else None,
            "category": sec.category,
            "start": norm.start(sec.start),
            "end": norm.start(sec.end) if sec.end < view_length else len(original),
        }
        for sec in an.sections
    ]
    starts = [sec.start for sec in an.sections]
    entities = []
    for m in an.mentions:
        k = bisect_right(starts, m.start) - 1  # the section whose [start, end) holds the mention
        section = an.sections[k].index if k >= 0 and m.start < an.sections[k].end else None
        entities.append({"type": m.type, **span(m.start, m.end), "section": section, **m.attrs})
    entities.sort(key=_BY_SPAN)
    title = span(*an.title) if an.title else None
    return JobRecord.model_validate(
        {
            "doc_id": an.doc_id,
            "source": an.source,
            "title": title["text"] if title else None,
            "title_span": title,
            "occupation": an.occupation,
            "sections": sections,
            "noise": [{**span(n.start, n.end), "kind": n.kind} for n in an.noise],
            "entities": entities,
            "warnings": list(dict.fromkeys(an.warnings)),
            "occupations": [{**o, **span(o["start"], o["end"])} for o in find_occupations(an)] if occupations else [],
        }
    )


def failed_record(doc_id: str, source: str | None, reason: str) -> JobRecord:
    """The record of a document that could not be processed: empty lists, the reason in warnings."""
    return JobRecord(doc_id=doc_id, source=source, title=None, sections=[], noise=[], entities=[], warnings=[reason])
