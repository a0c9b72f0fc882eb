"""The corpus page's charts: Vega-Lite specs built with Altair, rendered offline to SVG by vl-convert.

The SVG keeps its labels as <text>, so the browser shapes and orders Arabic labels itself. Each chart's
ids are prefixed so that several SVGs can sit inline in one page. Without the `report` extra
(altair, vl-convert-python) the page says how to get charts instead of showing them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pipeline.report.stats import SalarySample

FONT = "'Noto Sans Arabic', 'Noto Naskh Arabic', 'DejaVu Sans', Tahoma, sans-serif"
#: Points drawn per salary group (the box plot uses the whole sample).
TICKS = 400
_ID_RE = re.compile(r'\bid="([^"]+)"')


class ChartsUnavailable(RuntimeError):
    """altair / vl-convert-python are not installed."""


def available() -> bool:
    try:
        import altair  # noqa: F401
        import vl_convert  # noqa: F401
    except ImportError:
        return False
    return True


def short(label: str, limit: int = 42) -> str:
    """A label cut to `limit` characters, so that one long name does not squeeze the chart."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def to_svg(chart: Any, prefix: str) -> str:
    """The chart as an inline SVG whose ids (clip paths, gradients) start with `prefix`."""
    import vl_convert

    spec = chart.to_dict()
    spec.setdefault("config", {}).update(
        {"font": FONT, "axis": {"labelLimit": 320, "labelFontSize": 12, "titleFontSize": 12}}
    )
    svg: str = vl_convert.vegalite_to_svg(spec)
    ids = set(_ID_RE.findall(svg))
    for name in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{name}"', f'id="{prefix}-{name}"').replace(f"#{name})", f"#{prefix}-{name})")
    return svg


def bar(items: Iterable[tuple[str, int]], x_title: str, prefix: str, color: str = "#4c78a8") -> str:
    """Horizontal bars, largest first: one per (label, count)."""
    import altair as alt

    data = [{"label": short(label), "n": n} for label, n in items]
    chart = (
        alt.Chart({"values": data})
        .mark_bar(color=color)
        .encode(
            y=alt.Y("label:N", sort="-x", title=None),
            x=alt.X("n:Q", title=x_title, axis=alt.Axis(tickMinStep=1)),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("n:Q")],
        )
        .properties(width=360, height=alt.Step(18))
    )
    return to_svg(chart, prefix)


def organizations(items: Iterable[tuple[tuple[str, str], int]], prefix: str) -> str:
    """The most frequent organizations, colored by their role."""
    import altair as alt

    data = [{"label": short(name), "role": role, "n": n} for (name, role), n in items]
    chart = (
        alt.Chart({"values": data})
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort="-x", title=None),
            x=alt.X("n:Q", title="mentions", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("role:N", title="role", scale=alt.Scale(scheme="tableau10")),
        )
        .properties(width=360, height=alt.Step(18))
    )
    return to_svg(chart, prefix)


def salaries(groups: list[tuple[tuple[str, str], SalarySample]], prefix: str) -> str:
    """Each (currency, period)'s salaries on its own axis (one row each, never one mixed axis):
    a box plot over a strip of the values."""
    import altair as alt

    data = []
    for rank, ((currency, period), sample) in enumerate(groups):
        label = f"{currency} per {period}" if period != "?" else f"{currency}, period not stated"
        group = f"{label} ({sample.seen})"
        data += [{"group": group, "rank": rank, "v": v, "strip": i < TICKS} for i, v in enumerate(sample.values)]
    x = alt.X("v:Q", title=None, scale=alt.Scale(zero=False, nice=True), axis=alt.Axis(format="~s"))
    box = alt.Chart().mark_boxplot(extent="min-max", size=16, color="#59a14f").encode(x=x)
    ticks = (
        alt.Chart()
        .transform_filter("datum.strip")
        .mark_tick(color="#1f4e79", opacity=0.7, thickness=1.5, size=12)
        .encode(x=x)
    )
    chart = (
        alt.layer(box, ticks, data={"values": data})
        .properties(width=440, height=30)
        .facet(
            row=alt.Row(
                "group:N",
                sort=alt.SortField("rank"),
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=12),
            )
        )
        .resolve_scale(x="independent")
    )
    return to_svg(chart, prefix)
