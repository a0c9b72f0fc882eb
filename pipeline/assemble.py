"""Stage last — assembly: the analysis of a document becomes one validated schemas.JobRecord.

This is the one place where view offsets are mapped back to the input, so every span of the record
satisfies `input[start:end] == text`.
"""

from __future__ import annotations

from typing import Any

from pipeline.document import Analysis
from pipeline.occupations import find_occupations
from schemas import JobRecord


def _span(an: Analysis, start: int, end: int) -> dict[str, Any]:
    s, e = an.norm.span(start, end)
    return {"text": an.norm.original[s:e], "start": s, "end": e}


def assemble(an: Analysis) -> JobRecord:
    """Build and validate the record of an analysed document.

    The record is built as plain data and validated in one call (pydantic-core validates the nested
    sections, noise and entities in Rust; one call per entity cost several times more)."""
    norm = an.norm
    sections = []
    for sec in an.sections:
        end = norm.start(sec.end) if sec.end < len(an.text) else len(norm.original)
        heading = _span(an, *sec.heading) if sec.heading else None
        sections.append(
            {
                "index": sec.index,
                "heading": heading,
                "category": sec.category,
                "start": norm.start(sec.start),
                "end": end,
            }
        )
    entities = []
    for m in an.mentions:
        section = an.section_at(m.start)
        entities.append(
            {"type": m.type, **_span(an, m.start, m.end), "section": section.index if section else None, **m.attrs}
        )
    entities.sort(key=lambda e: (e["start"], e["end"]))
    title = _span(an, *an.title) if an.title else None
    return JobRecord.model_validate(
        {
            "doc_id": an.doc_id,
            "source": an.source,
            "title": title["text"] if title else None,
            "title_span": title,
            "occupation": an.occupation,
            "sections": sections,
            "noise": [{**_span(an, n.start, n.end), "kind": n.kind} for n in an.noise],
            "entities": entities,
            "warnings": list(dict.fromkeys(an.warnings)),
            "occupations": [{**o, **_span(an, o["start"], o["end"])} for o in find_occupations(an)],
        }
    )


def failed_record(doc_id: str, source: str | None, reason: str) -> JobRecord:
    """The record of a document that could not be processed: empty lists, the reason in warnings."""
    return JobRecord(doc_id=doc_id, source=source, title=None, sections=[], noise=[], entities=[], warnings=[reason])
