"""Writing the report: DIR/index.html (the corpus), DIR/docs/<doc>.html (one page per document) and
DIR/report.css. Rows are streamed: each page is written as its row arrives, the documents table goes to
a temporary file spliced into index.html at the end, and the corpus figures are bounded (stats.py).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import IO, Any

import jinja2
from markupsafe import Markup

from pipeline.export import atomic_writer
from pipeline.report import DEFAULT_MAX_PAGES, charts
from pipeline.report.markup import attributes, body
from pipeline.report.rows import Row, read_rows
from pipeline.report.stats import SAMPLE, CorpusStats

#: Entity types of RECORD.md, in the order of the documents table's columns.
KINDS = ("salary", "percentage", "count", "organization", "certification", "skill", "education")
#: Salary groups (currency, period) charted, the most frequent first.
MAX_SALARY_GROUPS = 8


@dataclass
class Chart:
    key: str
    title: str
    svg: Markup
    note: str = ""


@dataclass
class Report:
    """What was written."""

    stats: CorpusStats
    pages: int = 0
    index: Path = field(default_factory=Path)


def environment() -> jinja2.Environment:
    """Templates of pipeline/report/templates, every value HTML-escaped unless marked safe."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("pipeline.report", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
    )


class _Pages:
    """Document pages under DIR/docs, named after their doc_id (one file per document, even for a
    doc_id given twice)."""

    def __init__(self, folder: Path, env: jinja2.Environment, limit: int | None) -> None:
        self.folder, self.limit, self.written = folder, limit, 0
        self.template = env.get_template("document.html")
        self.names: set[str] = set()

    def write(self, row: Row) -> str | None:
        """Write the page of `row`; its path relative to the index, or None past the limit."""
        from pipeline.export import safe_file_name

        if row.record is None or (self.limit is not None and self.written >= self.limit):
            return None
        name = base = safe_file_name(row.doc_id) or "doc"
        serial = 1
        while name in self.names:
            serial += 1
            name = f"{base}~{serial}"
        self.names.add(name)
        rec = row.record
        groups: dict[str, list[tuple[int, dict[str, Any], list[tuple[str, str]]]]] = {}
        for i, ent in enumerate(rec["entities"]):
            groups.setdefault(ent["type"], []).append((i, ent, attributes(ent)))
        html = self.template.render(
            doc_id=row.doc_id,
            source=row.source,
            record=rec,
            kinds=[(k, len(groups[k])) for k in groups],
            groups=list(groups.items()),
            text_html=body(row.text, rec) if row.text is not None else None,
            text_note=row.text_note,
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / f"{name}.html").write_text(html, encoding="utf-8")
        self.written += 1
        return f"docs/{name}.html"


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def build_charts(stats: CorpusStats) -> tuple[list[Chart], str]:
    """The corpus charts as inline SVG, and a note when they cannot be drawn."""
    if not charts.available():
        return [], "Charts need the report extra: pip install 'wasf[report]' (altair, vl-convert-python)."
    out: list[Chart] = []

    def add(key: str, title: str, draw: Callable[[], str], note: str = "") -> None:
        try:
            out.append(Chart(key, title, Markup(draw()), note))
        except Exception as exc:  # one chart that fails must not take the report down
            out.append(Chart(key, title, Markup(""), f"this chart failed: {type(exc).__name__}: {exc}"))

    if stats.entities:
        add("entities", "Entities by type", partial(charts.bar, stats.entities.most_common(), "entities", "entities"))
    groups = sorted(stats.salaries.items(), key=lambda kv: -kv[1].seen)
    if groups:
        shown = groups[:MAX_SALARY_GROUPS]
        notes = []
        if any(s.seen > len(s.values) for _, s in shown):
            notes.append(f"large groups are drawn from a uniform sample of {SAMPLE} salaries")
        if len(groups) > len(shown):
            rest = sum(s.seen for _, s in groups[len(shown) :])
            notes.append(f"{len(groups) - len(shown)} rarer currency/period groups ({rest} salaries) not charted")
        title = "Salaries by currency and period (each on its own axis; a range counts at its middle)"
        add("salaries", title, partial(charts.salaries, shown, "salaries"), "; ".join(notes))
    tops: list[tuple[str, str, Counter[str], int, str, str]] = [
        (
            "occupations",
            "Most frequent occupations (ISCO-08 unit group · ESCO label)",
            stats.occupations,
            15,
            "#59a14f",
            "documents",
        ),
        ("skills", "Most frequent skills", stats.skills, 20, "#f28e2b", "mentions"),
        ("certifications", "Most frequent certifications", stats.certifications, 15, "#e15759", "mentions"),
        ("education", "Education levels", stats.education, 10, "#76b7b2", "requirements"),
        ("categories", "Section categories", stats.categories, 14, "#4e79a7", "sections"),
        ("noise", "Noise kinds", stats.noise, 10, "#9c9c9c", "noise spans"),
    ]
    for key, title, counter, k, color, unit in tops:
        if counter:
            add(key, title, partial(charts.bar, counter.most_common(k), unit, key, color))
        if key == "certifications" and stats.organizations:
            orgs = stats.organizations.most_common(15)
            add("organizations", "Most frequent organizations, by role", partial(charts.organizations, orgs, "orgs"))
    return out, ""


def build(
    paths: list[str],
    out_dir: Path,
    pages: bool = True,
    max_pages: int | None = DEFAULT_MAX_PAGES,
    progress: Callable[[int], None] | None = None,
    jobs: int = 1,
    title: str | None = None,
) -> Report:
    """Write the report of `paths` (texts, folders, JSONL inputs or records files) into `out_dir`."""
    env = environment()
    out_dir.mkdir(parents=True, exist_ok=True)
    css = resources.files("pipeline.report").joinpath("templates/report.css").read_text(encoding="utf-8")
    (out_dir / "report.css").write_text(css, encoding="utf-8")
    stats = CorpusStats()
    page_writer = _Pages(out_dir / "docs", env, max_pages) if pages else None
    row_template = env.get_template("row.html")
    fd, tmp = tempfile.mkstemp(prefix=".rows.", suffix=".part", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as table:
            for n, row in enumerate(read_rows(paths, with_text=pages, jobs=jobs), start=1):
                href = _add(row, stats, page_writer)
                table.write(_table_row(row_template, n, row, href) + "\n")
                if progress is not None:
                    progress(n)
        chart_list, charts_note = build_charts(stats)
        written = page_writer.written if page_writer else 0
        _remove_stale_pages(out_dir / "docs", page_writer.names if page_writer else set())
        pages_note = _pages_note(pages, written, stats.records, max_pages)
        index = out_dir / "index.html"
        with open(tmp, encoding="utf-8") as rows_in, atomic_writer(index) as fh:
            stream = env.get_template("index.html").generate(
                name=title or ", ".join(Path(p).name or p for p in paths),
                inputs=" ".join(paths),
                s=stats,
                pct=_pct,
                entity_counts=stats.entities.most_common(),
                charts=chart_list,
                charts_note=charts_note,
                kinds=KINDS,
                rows=_lines(rows_in),
                pages_note=pages_note,
            )
            fh.writelines(stream)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return Report(stats, written, index)


#: What marks a document page as written by this report (templates/document.html).
_GENERATOR = '<meta name="generator" content="wasf report">'


def _remove_stale_pages(folder: Path, names: set[str]) -> None:
    """Remove the pages an earlier report left in `folder` for documents this run has not (a report
    written again into its folder shows this corpus only); a file the report did not write is kept."""
    if not folder.is_dir():
        return
    for page in folder.glob("*.html"):
        if page.stem in names:
            continue
        try:
            with open(page, encoding="utf-8", errors="replace") as fh:
                if _GENERATOR in fh.read(2048):
                    page.unlink()
        except OSError:
            continue  # unreadable or gone: not ours to fix


def _lines(handle: IO[str]) -> Iterator[Markup]:
    for line in handle:
        yield Markup(line)


def _add(row: Row, stats: CorpusStats, pages: _Pages | None) -> str | None:
    """Count the row and write its page; a record the report cannot handle becomes an error row."""
    try:
        href = pages.write(row) if pages is not None else None
        stats.add(row)
        return href
    except Exception as exc:
        row.record, row.error = None, ("report", f"this record could not be reported: {type(exc).__name__}: {exc}")
        stats.add(row)
        return None


def _table_row(template: jinja2.Template, n: int, row: Row, href: str | None) -> str:
    rec = row.record or {}
    counts = Counter(e["type"] for e in rec.get("entities", []))
    return template.render(
        n=n,
        href=href,
        doc_id=row.doc_id,
        error=row.error if row.record is None else None,
        title=rec.get("title"),
        sections=len(rec.get("sections", [])),
        kinds=KINDS,
        counts=counts,
        warnings=len(rec.get("warnings", [])) if row.record is not None else "",
    ).strip()


def _pages_note(pages: bool, written: int, records: int, limit: int | None) -> str:
    if not pages:
        return "Document pages were not written (--no-pages)."
    if written < records:
        return f"Pages were written for the first {written} documents (--max-pages {limit})."
    return ""
