"""The command line: `wasf extract`, `wasf schema` (also `python -m pipeline`).

Heavy imports (spaCy, camel-tools) happen inside the commands, so `wasf --help` answers at once.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from pipeline.cli_scale import scale_options, tables
from pipeline.reader import DEFAULT_MAX_BYTES, count_inputs, read_inputs

EXIT_OK, EXIT_SOME_FAILED, EXIT_CANNOT_RUN, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Wasf(click.Group):
    """The command group: Ctrl-C at any moment (while modules load, while a resume index is built) is a
    one-line message and exit code 130, not a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        import signal

        # the record models are built on import; pydantic turns a KeyboardInterrupt raised meanwhile into a
        # SchemaError, so they are built while Ctrl-C still ends the program at once (pipeline/__main__.py)
        import pipeline.api  # noqa: F401

        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # (a background job ignores Ctrl-C)
            signal.signal(signal.SIGINT, signal.default_int_handler)  # (see pipeline/__main__.py)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _quiet_stdout()
            click.echo("wasf: interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of a broken pipe or a full device
    adds no message of its own."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@click.group(cls=_Wasf, context_settings={"help_option_names": ["-h", "--help"]})
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


main.add_command(tables)  # wasf tables: pipeline/cli_scale.py


def _destination(out: str | None, fmt: str) -> tuple[Path | None, Path | None]:
    """(JSONL file, JSON folder) to write to; (None, None) means stdout."""
    if out is None:
        if fmt == "json":
            raise click.UsageError("--format json writes one file per document: give the folder with -o")
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
@scale_options  # --engine dask, --scheduler, --partitions, --gather, --tables: pipeline/cli_scale.py
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
    from pipeline import batch, heap
    from pipeline.export import Interrupted, OutputError, atomic_writer

    heap.map_large_blocks()  # a large document's freed copies are given back, not kept in the heap

    jsonl_path, json_dir = _destination(out, fmt)
    if resume and jsonl_path is None and json_dir is None:
        raise click.UsageError("--resume needs -o: the output to resume")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    if jsonl_path is None and json_dir is None and sys.stdout is None:
        _fail("stdout is closed: nowhere to write the records (give -o)")
    skip = _refuse_inputs_as_output(paths, jsonl_path)
    started = time.perf_counter()
    summary = batch.Summary()
    inputs: Iterator[Any] = read_inputs(list(paths), max_bytes, encoding, skip)
    index: batch.ResumeIndex | None = None
    total = count_inputs(list(paths))
    show = not quiet and sys.stderr.isatty()
    bar = click.progressbar(length=total, label="wasf", file=sys.stderr) if show and total else None
    interrupted = broken_pipe = False
    where = str(jsonl_path or json_dir or "stdout")
    try:
        if resume and json_dir is not None:
            inputs = batch.keep_files(inputs, json_dir, summary)
        elif resume:
            index = batch.ResumeIndex(jsonl_path)
            inputs = index.keep(inputs, summary)
        with bar or contextlib.nullcontext():
            if jsonl_path is not None:
                with atomic_writer(jsonl_path, keep_partial=True) as handle:
                    try:
                        batch.run(inputs, jobs, handle, None, summary, bar)
                    except (KeyboardInterrupt, Interrupted):
                        if index is not None:  # keep what the earlier output held beyond this point
                            with _no_interrupts():
                                index.rest(summary.documents, handle.buffer)  # type: ignore[attr-defined]
                        raise
            else:
                batch.run(inputs, jobs, None if json_dir else sys.stdout, json_dir, summary, bar)
                if json_dir is None:
                    sys.stdout.flush()
    except (KeyboardInterrupt, Interrupted):
        interrupted = True
    except batch.NotRecords as exc:
        _fail(f"{exc}: --resume would replace it (move it away, or run without --resume)")
    except OutputError as exc:
        _quiet_stdout()
        _fail(str(exc))
    except BrokenPipeError:  # `wasf extract ... | head`: the reader has what it wanted
        _quiet_stdout()
        broken_pipe = True
    except OSError as exc:
        if json_dir is not None or jsonl_path is not None:
            raise
        _quiet_stdout()
        _fail(f"cannot write to stdout: {'disk full' if exc.errno == errno.ENOSPC else exc.strerror or exc}")
    if broken_pipe:
        sys.exit(EXIT_SOME_FAILED if summary.errors else EXIT_OK)
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


def _fail(message: str) -> None:
    click.echo(f"wasf: {message}", err=True)
    sys.exit(EXIT_CANNOT_RUN)


@contextlib.contextmanager
def _no_interrupts() -> Iterator[None]:
    """Hold Ctrl-C while the rows of an earlier output are copied after an interruption."""
    import signal

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _identity(path: str | Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _refuse_inputs_as_output(paths: tuple[str, ...], output: Path | None) -> frozenset[tuple[int, int]]:
    """A usage error if the output file is one of the inputs (the same file by device and inode, so
    through links too); else the identity of the output, which reading a folder skips (an output written
    into the input folder is not read back as input on the next run)."""
    if output is None:
        return frozenset()
    out = _identity(output)
    if out is None:
        return frozenset()
    for p in paths:
        if p != "-" and _identity(p) == out:
            raise click.UsageError(f"-o {output} is the input {p}: writing it would destroy it")
    return frozenset({out})


@main.command("eval")
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("-v", "--verbose", is_flag=True, help="List each document's misses, false hits and attribute errors.")
def evaluate(folders: tuple[Path, ...], as_json: bool, verbose: bool) -> None:
    """Score wasf against gold annotations: GOLD_DIR [DOCS_DIR] ... .

    Each GOLD_DIR holds *.json gold files naming their document ("file"), found in the DOCS_DIR that
    follows it, else beside the gold files or in the folder above. Several gold folders give a table
    each and one over all. Per entity type precision, recall and F1 (salaries matched by amount/min/max
    and currency, percentages and counts by value, other types, headings and noise by a Dice of at least
    0.5 over their folded words), heading category and attribute accuracy on matched pairs, title accuracy.

    \b
    Examples:
      wasf eval corpus/gold corpus/
      wasf eval ../shared/corpus-real/gold ../shared/corpus-web/gold ../shared/gold ../shared/seed
      wasf eval corpus/gold corpus/ --json > scores.json
    """
    import json

    from pipeline.evaluate import gold_sets, report_folders, score_gold_set, scores_as_dict

    try:
        sets = gold_sets(folders)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    scores = {}
    for gold_set in sets:
        score = score_gold_set(gold_set, lambda message: click.echo(f"wasf eval: {message}", err=True))
        if score.documents == 0:
            click.echo(f"wasf eval: none of the gold files of {gold_set.gold_dir} has its document", err=True)
            sys.exit(EXIT_CANNOT_RUN)
        scores[str(gold_set.gold_dir)] = score
    click.echo(
        json.dumps(scores_as_dict(scores), ensure_ascii=False, indent=2) if as_json else report_folders(scores, verbose)
    )


@main.command()
def schema() -> None:
    """Print the JSON Schema of the record (as committed in schemas/job_record.schema.json).

    \b
    Example:
      wasf schema > job_record.schema.json
    """
    from schemas.record import json_schema_text

    click.echo(json_schema_text(), nl=False)


from pipeline.report.command import report  # noqa: E402  (registered last: its module is light)

main.add_command(report)

__all__ = ["main"]
