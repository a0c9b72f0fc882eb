"""The `wasf report` command (registered in pipeline/cli.py). Heavy imports happen when it runs."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from pipeline.report import DEFAULT_MAX_PAGES


@click.command("report")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the report to.",
)
@click.option("--no-pages", is_flag=True, help="Only the corpus page (index.html), no page per document.")
@click.option(
    "--max-pages",
    type=click.IntRange(0),
    default=DEFAULT_MAX_PAGES,
    show_default=True,
    help="Write pages for at most this many documents (the table lists all).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes extracting texts."
)
@click.option("--title", help="The corpus page's title (default: the input names).")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def report(
    paths: tuple[str, ...], out: Path, no_pages: bool, max_pages: int, jobs: int, title: str | None, quiet: bool
) -> None:
    """Write an HTML report of PATHS into a folder: OUT/index.html for the corpus and OUT/docs/<doc>.html
    for each document. PATHS are what `wasf extract` takes (texts are extracted on the way) or the
    records JSONL it wrote (each text is read back from the record's source to mark it).

    The site is static and self-contained: open OUT/index.html from disk, no network needed. Error rows
    (and lines that are not records) are listed as errors. Charts need the `report` extra
    (pip install 'wasf[report]').

    \b
    Examples:
      wasf report corpus/ -o output/report/
      wasf report output/records.jsonl -o output/report/
      wasf report big.records.jsonl -o big-report/ --no-pages
    """
    from pipeline.report.site import build

    started = time.perf_counter()
    result = build(list(paths), out, pages=not no_pages, max_pages=max_pages, jobs=jobs, title=title)
    s = result.stats
    if not quiet:
        click.echo(
            f"wasf report: {s.documents} documents ({s.records} records, {s.errors} errors), "
            f"{result.pages} pages -> {result.index}; {time.perf_counter() - started:.2f} s",
            err=True,
        )
    if s.documents == 0:
        click.echo("wasf report: no documents found in the given paths", err=True)
        sys.exit(2)
