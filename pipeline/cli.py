"""The command line: `wasf extract`, `wasf schema` (also `python -m pipeline`).

Heavy imports (spaCy, camel-tools) happen inside the commands, so `wasf --help` answers at once.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import click

from pipeline.reader import DEFAULT_MAX_BYTES, Document, Input, InputError, count_inputs, read_inputs

EXIT_OK, EXIT_SOME_FAILED, EXIT_CANNOT_RUN = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="wasf")
def main() -> None:
    """wasf — Arabic job descriptions in, validated structured JSON out.

    \b
    Examples:
      wasf extract corpus/ -o output/            # every *.txt under corpus/ -> output/records.jsonl
      wasf extract ad.txt                        # one record as a JSON line on stdout
      printf 'الراتب: 5000 ريال' | wasf extract -
      wasf schema > job_record.schema.json
    """


def _process(inp: Input) -> tuple[str, str, dict[str, int] | None]:
    """(doc_id, JSON of the record or error row, entity counts or None for an error) of one input."""
    from pipeline.api import extract
    from schemas import ErrorRow

    if isinstance(inp, InputError):
        row = ErrorRow(doc_id=inp.doc_id, source=inp.source, error={"kind": inp.kind, "message": inp.message})
        return inp.doc_id, row.model_dump_json(), None
    record = extract(inp.text, doc_id=inp.doc_id, source=inp.source)
    return inp.doc_id, record.model_dump_json(), dict(Counter(e.type for e in record.entities))


def _results(inputs: Iterator[Input], jobs: int) -> Iterator[tuple[str, str, dict[str, int] | None]]:
    if jobs <= 1:
        yield from map(_process, inputs)
        return
    import multiprocessing as mp

    from pipeline.api import warm

    with mp.get_context("fork").Pool(jobs, initializer=warm) as pool:
        yield from pool.imap(_process, inputs, chunksize=4)


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
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
def extract(
    paths: tuple[str, ...],
    out: str | None,
    fmt: str,
    jobs: int,
    encoding: str | None,
    max_bytes: int,
    quiet: bool,
) -> None:
    """Extract records from PATHS: files, folders (recursive *.txt and *.jsonl), JSONL files
    ({"id": ..., "text": ...} per line) or - for stdin.

    Every input yields a record or an error row {"doc_id", "source", "error": {"kind", "message"}} in the
    same output. Exit code: 0 all documents ok, 1 some documents failed (error rows), 2 could not run.

    \b
    Examples:
      wasf extract corpus/ -o output/                 # -> output/records.jsonl
      wasf extract corpus/ -o output/ --format json   # -> output/<doc_id>.json each
      wasf extract ads.jsonl -o ads.records.jsonl --jobs 2
      wasf extract old/ --encoding cp1256 -o out.jsonl
      cat ad.txt | wasf extract -
    """
    from pipeline.export import atomic_writer, safe_file_name

    jsonl_path, json_dir = _destination(out, fmt)
    started = time.perf_counter()
    by_type: Counter[str] = Counter()
    docs = errors = 0
    total = count_inputs(list(paths))
    show = not quiet and sys.stderr.isatty()
    results = _results(read_inputs(list(paths), max_bytes, encoding), jobs)

    def consume(write: IO[str] | None) -> None:
        nonlocal docs, errors
        with (
            click.progressbar(results, length=total, label="wasf", file=sys.stderr) if show else _plain(results) as bar
        ):
            for doc_id, line, counts in bar:
                docs += 1
                if counts is None:
                    errors += 1
                else:
                    by_type.update(counts)
                if json_dir is not None:
                    with atomic_writer(json_dir / f"{safe_file_name(doc_id)}.json") as fh:
                        fh.write(json.dumps(json.loads(line), ensure_ascii=False, indent=2) + "\n")
                elif write is not None:
                    write.write(line + "\n")

    if jsonl_path is not None:
        with atomic_writer(jsonl_path) as handle:
            consume(handle)
    elif json_dir is not None:
        consume(None)
    else:
        consume(sys.stdout)
        sys.stdout.flush()
    if not quiet:
        seconds = time.perf_counter() - started
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(by_type.items())) or "none"
        where = str(jsonl_path or json_dir or "stdout")
        click.echo(
            f"wasf: {docs} documents ({docs - errors} records, {errors} errors) -> {where}; "
            f"entities: {kinds}; {seconds:.2f} s",
            err=True,
        )
    if docs == 0:
        click.echo("wasf: no documents found in the given paths", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    sys.exit(EXIT_SOME_FAILED if errors else EXIT_OK)


class _plain:
    """A stand-in for click.progressbar when stderr is not a terminal."""

    def __init__(self, it: Iterator[tuple[str, str, dict[str, int] | None]]) -> None:
        self.it = it

    def __enter__(self) -> Iterator[tuple[str, str, dict[str, int] | None]]:
        return self.it

    def __exit__(self, *_: object) -> None:
        return None


@main.command()
def schema() -> None:
    """Print the JSON Schema of the record (as committed in schemas/job_record.schema.json).

    \b
    Example:
      wasf schema > job_record.schema.json
    """
    from schemas.record import json_schema_text

    click.echo(json_schema_text(), nl=False)


__all__ = ["Document", "main"]
