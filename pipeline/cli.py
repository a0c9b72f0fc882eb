"""The command line: `wasf extract`, `wasf schema` (also `python -m pipeline`).

Heavy imports (spaCy, camel-tools) happen inside the commands, so `wasf --help` answers at once.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from pipeline.reader import DEFAULT_MAX_BYTES, count_inputs, read_inputs

EXIT_OK, EXIT_SOME_FAILED, EXIT_CANNOT_RUN, EXIT_INTERRUPTED = 0, 1, 2, 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wasf")
def main() -> None:
    """wasf — Arabic job descriptions in, validated structured JSON out.

    \b
    Examples:
      wasf extract corpus/ -o output/            # every *.txt under corpus/ -> output/records.jsonl
      wasf extract ad.txt                        # one record as a JSON line on stdout
      printf 'الراتب: 5000 ريال' | wasf extract -
      wasf eval corpus/gold corpus/              # precision/recall against gold annotations
      wasf schema > job_record.schema.json
    """


def _destination(out: str | None, fmt: str) -> tuple[Path | None, Path | None]:
    """(JSONL file, JSON folder) to write to; (None, None) means stdout."""
    if out is None:
        return None, None
    path = Path(out)
    is_dir = out.endswith(("/", "\\")) or path.is_dir() or (fmt == "json" and not path.suffix)
    if fmt == "json":
        if not is_dir:
            raise click.UsageError("--format json writes one file per document: -o must be a folder")
        return None, path
    return (path / "records.jsonl" if is_dir else path), None


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o", "--output", "out", help="A .jsonl file, or a folder (JSONL: FOLDER/records.jsonl). Default: stdout."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one record per line; json: one pretty FOLDER/<doc_id>.json per document.",
)
@click.option("-j", "--jobs", type=click.IntRange(1, 64), default=1, show_default=True, help="Worker processes.")
@click.option("--encoding", default=None, help="Fallback encoding for files that are not UTF-8 (e.g. cp1256).")
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse (as an error row) documents larger than this.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Keep the records already in the output (e.g. of an interrupted run); process the rest.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def extract(
    paths: tuple[str, ...],
    out: str | None,
    fmt: str,
    jobs: int,
    encoding: str | None,
    max_bytes: int,
    resume: bool,
    quiet: bool,
) -> None:
    """Extract records from PATHS: files, folders (recursive *.txt and *.jsonl), JSONL files
    ({"id": ..., "text": ...} per line) or - for stdin.

    Every input yields a record or an error row {"doc_id", "source", "error": {"kind", "message"}} in the
    same output, in input order. Exit code: 0 all documents ok, 1 some documents failed (error rows),
    2 could not run, 130 interrupted (the rows written so far are kept: rerun with --resume).

    \b
    Examples:
      wasf extract corpus/ -o output/                 # -> output/records.jsonl
      wasf extract corpus/ -o output/ --format json   # -> output/<doc_id>.json each
      wasf extract ads.jsonl -o ads.records.jsonl --jobs 2
      wasf extract big/ -o out.jsonl --resume         # finish an interrupted run
      wasf extract old/ --encoding cp1256 -o out.jsonl
      cat ad.txt | wasf extract -
    """
    from pipeline import batch
    from pipeline.export import Interrupted, atomic_writer

    jsonl_path, json_dir = _destination(out, fmt)
    if resume and jsonl_path is None and json_dir is None:
        raise click.UsageError("--resume needs -o: the output to resume")
    started = time.perf_counter()
    summary = batch.Summary()
    inputs: Iterator[Any] = read_inputs(list(paths), max_bytes, encoding)
    if resume and json_dir is not None:
        inputs = batch.keep_files(inputs, json_dir, summary)
    elif resume:
        inputs = batch.ResumeIndex(jsonl_path).keep(inputs, summary)
    total = count_inputs(list(paths))
    show = not quiet and sys.stderr.isatty()
    bar = click.progressbar(length=total, label="wasf", file=sys.stderr) if show and total else None
    interrupted = False
    try:
        with bar or contextlib.nullcontext():
            if jsonl_path is not None:
                with atomic_writer(jsonl_path, keep_partial=True) as handle:
                    batch.run(inputs, jobs, handle, None, summary, bar)
            else:
                batch.run(inputs, jobs, None if json_dir else sys.stdout, json_dir, summary, bar)
                sys.stdout.flush()
    except (KeyboardInterrupt, Interrupted):
        interrupted = True
    where = str(jsonl_path or json_dir or "stdout")
    if not quiet or interrupted:
        seconds = time.perf_counter() - started
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.entities.items())) or "none"
        resumed = f", {summary.resumed} kept from the earlier output" if summary.resumed else ""
        click.echo(
            f"wasf: {summary.documents} documents ({summary.documents - summary.errors} records, "
            f"{summary.errors} errors{resumed}) -> {where}; entities: {kinds}; {seconds:.2f} s",
            err=True,
        )
    if interrupted:
        click.echo(f"wasf: interrupted; the rows written so far are in {where}: rerun with --resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if summary.documents == 0:
        click.echo("wasf: no documents found in the given paths", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    sys.exit(EXIT_SOME_FAILED if summary.errors else EXIT_OK)


@main.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("docs_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List each document's misses, false hits and attribute errors.")
def evaluate(gold_dir: Path, docs_dir: Path, as_json: bool, verbose: bool) -> None:
    """Score wasf against gold annotations: GOLD_DIR/*.json name their document ("file") in DOCS_DIR.

    Per entity type precision, recall and F1 (salaries matched by amount/min/max and currency,
    percentages and counts by value, other types and headings by overlapping text after folding),
    heading category and attribute accuracy on matched pairs, title accuracy.

    \b
    Examples:
      wasf eval corpus/gold corpus/
      wasf eval ../shared/gold ../shared/seed --verbose
      wasf eval corpus/gold corpus/ --json > scores.json
    """
    import json

    from pipeline.api import extract
    from pipeline.evaluate import Score, report, score_document
    from pipeline.reader import Document, read_file

    score = Score()
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        raise click.UsageError(f"no gold files (*.json) in {gold_dir}")
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        name = gold.get("file") or f"{path.stem}.txt"
        doc = read_file(docs_dir / name, Path(name).stem, 1 << 30, None)
        if not isinstance(doc, Document):
            click.echo(f"wasf eval: skipping {path.name}: {doc.message}", err=True)
            continue
        score_document(gold, extract(doc.text, doc_id=doc.doc_id, source=doc.source), score)
    if score.documents == 0:
        click.echo("wasf eval: none of the gold files has its document in DOCS_DIR", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    click.echo(json.dumps(score.as_dict(), ensure_ascii=False, indent=2) if as_json else report(score, verbose))


@main.command()
def schema() -> None:
    """Print the JSON Schema of the record (as committed in schemas/job_record.schema.json).

    \b
    Example:
      wasf schema > job_record.schema.json
    """
    from schemas.record import json_schema_text

    click.echo(json_schema_text(), nl=False)


__all__ = ["main"]
