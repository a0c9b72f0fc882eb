"""A document's text as HTML: sections as outlined blocks, and title, headings, noise and entities
marked in place, exactly at their record offsets. Every piece of text is HTML-escaped.

Marks nest; where two spans cross (rare: an organization inside a certification's issuer is nested,
not crossing), the later one is cut in two at the end of the earlier, both pieces keeping its hover
text and only the first its id.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

#: Entity keys that are not attributes (the span itself and its place).
SPAN_KEYS = frozenset({"type", "text", "start", "end", "section"})
#: Attributes shown without thousands separators.
PLAIN_NUMBERS = frozenset({"year", "percentile", "index"})


def fmt(key: str, value: Any) -> str:
    """An attribute value as a reader wants it: 144,420 for an amount, 2010 for a year."""
    if isinstance(value, bool) or key in PLAIN_NUMBERS:
        return str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0")
    return str(value)


def attributes(ent: dict[str, Any]) -> list[tuple[str, str]]:
    """An entity's attributes (key, shown value), in record order, nulls left out."""
    return [(k, fmt(k, v)) for k, v in ent.items() if k not in SPAN_KEYS and v is not None]


def describe(ent: dict[str, Any]) -> str:
    """The hover text of an entity: its type and every attribute."""
    attrs = " · ".join(f"{k}: {v}" for k, v in attributes(ent))
    return f"{ent['type']} — {attrs}" if attrs else str(ent["type"])


@dataclass(slots=True)
class Mark:
    """An inline span to wrap in an element."""

    start: int
    end: int
    order: int  # outer kinds first when two spans start and end together
    tag: str
    attrs: dict[str, str]
    first: bool = True  # the first piece of a span cut in two carries its id

    def open(self) -> str:
        attrs = {k: v for k, v in self.attrs.items() if self.first or k != "id"}
        return f"<{self.tag}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">"


def marks(record: dict[str, Any]) -> list[Mark]:
    """The inline marks of a record: title, headings, noise, entities."""
    out: list[Mark] = []
    title = record.get("title_span")
    if isinstance(title, dict):
        out.append(Mark(title["start"], title["end"], 0, "span", {"class": "title-span", "title": "title"}))
    for sec in record["sections"]:
        head = sec.get("heading")
        if head:
            label = f"heading — category: {sec.get('category')} · section {sec.get('index')}"
            attrs = {"class": "heading", "data-category": str(sec.get("category")), "title": label}
            out.append(Mark(head["start"], head["end"], 1, "span", attrs))
    for noise in record["noise"]:
        # isolated, in its own direction: Latin scrape junk ("$config[code] not found") reads left to right
        attrs = {"class": "noise", "dir": "auto", "title": f"noise — kind: {noise.get('kind')}"}
        out.append(Mark(noise["start"], noise["end"], 2, "span", attrs))
    for i, ent in enumerate(record["entities"]):
        attrs = {"class": f"ent t-{ent['type']}", "id": f"e{i}", "data-type": str(ent["type"]), "title": describe(ent)}
        out.append(Mark(ent["start"], ent["end"], 3, "mark", attrs))
    return out


def render_range(text: str, start: int, end: int, spans: list[Mark]) -> str:
    """text[start:end] escaped, with the marks (clipped to the range) nested in it."""
    pending = [
        (max(m.start, start), -min(m.end, end), m.order, i, m)
        for i, m in enumerate(spans)
        if m.start < end and m.end > start and m.end > m.start
    ]
    heapq.heapify(pending)
    out: list[str] = []
    stack: list[Mark] = []
    pos = start
    serial = len(spans)
    while pending or stack:
        next_open = pending[0][0] if pending else end + 1
        if stack and stack[-1].end <= next_open:
            top = stack.pop()
            out.append(escape(text[pos : top.end]))
            pos = top.end
            out.append(f"</{top.tag}>")
            continue
        if not pending:
            break
        s, neg_e, order, _, m = heapq.heappop(pending)
        piece = Mark(s, -neg_e, m.order, m.tag, m.attrs, m.first and s == m.start)
        if stack and piece.end > stack[-1].end:  # crossing: cut at the end of the open mark
            rest = Mark(stack[-1].end, piece.end, m.order, m.tag, m.attrs, False)
            serial += 1
            heapq.heappush(pending, (rest.start, -rest.end, order, serial, rest))
            piece.end = stack[-1].end
        out.append(escape(text[pos:s]))
        pos = s
        out.append(piece.open())
        stack.append(piece)
    out.append(escape(text[pos:end]))
    return "".join(out)


def body(text: str, record: dict[str, Any]) -> Markup:
    """The whole text: each section an outlined block labelled with its category, marks inside."""
    spans = marks(record)
    sections = sorted((s for s in record["sections"] if isinstance(s, dict)), key=lambda s: s["start"])
    out: list[str] = []
    pos = 0
    for sec in sections:
        s_start, s_end = max(int(sec["start"]), pos), min(int(sec["end"]), len(text))
        if s_end <= s_start:
            continue
        if s_start > pos:
            out.append(f'<div class="outside">{render_range(text, pos, s_start, spans)}</div>')
        category = str(sec.get("category"))
        index = escape(str(sec.get("index")))
        label = f"{sec.get('index')} · {category}"
        out.append(
            f'<section class="sec cat-{escape(category)}" id="s{index}" data-category="{escape(category)}" '
            f'data-index="{index}" data-label="{escape(label)}">'
            f"{render_range(text, s_start, s_end, spans)}</section>"
        )
        pos = s_end
    if pos < len(text):
        out.append(f'<div class="outside">{render_range(text, pos, len(text), spans)}</div>')
    return Markup("".join(out))
