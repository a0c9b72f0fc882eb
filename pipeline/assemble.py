"""Stage last — assembly: the analysis of a document becomes one validated schemas.JobRecord.

This is the one place where view offsets are mapped back to the input, so every span of the record
satisfies `input[start:end] == text`.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from pipeline.document import Analysis
from schemas import Entity, JobRecord, Noise, Section, Span

_ENTITY = TypeAdapter(Entity)


def _span(an: Analysis, start: int, end: int) -> dict[str, Any]:
    s, e = an.norm.span(start, end)
    return {"text": an.norm.original[s:e], "start": s, "end": e}


def assemble(an: Analysis) -> JobRecord:
    """Build and validate the record of an analysed document."""
    sections = []
    for sec in an.sections:
        heading = Span(**_span(an, *sec.heading)) if sec.heading else None
        start = an.norm.start(sec.start)
        end = an.norm.start(sec.end) if sec.end < len(an.text) else len(an.norm.original)
        sections.append(Section(index=sec.index, heading=heading, category=sec.category, start=start, end=end))
    entities = []
    for m in an.mentions:
        section = an.section_at(m.start)
        entities.append(
            _ENTITY.validate_python(
                {
                    "type": m.type,
                    **_span(an, m.start, m.end),
                    "section": section.index if section else None,
                    **m.attrs,
                }
            )
        )
    entities.sort(key=lambda e: (e.start, e.end))
    return JobRecord(
        doc_id=an.doc_id,
        source=an.source,
        title=_span(an, *an.title)["text"] if an.title else None,
        title_span=Span(**_span(an, *an.title)) if an.title else None,
        occupation=an.occupation,
        sections=sections,
        noise=[Noise(**_span(an, n.start, n.end), kind=n.kind) for n in an.noise],
        entities=entities,
        warnings=list(dict.fromkeys(an.warnings)),
    )


def failed_record(doc_id: str, source: str | None, reason: str) -> JobRecord:
    """The record of a document that could not be processed: empty lists, the reason in warnings."""
    return JobRecord(doc_id=doc_id, source=source, title=None, sections=[], noise=[], entities=[], warnings=[reason])
