"""The command-line side of the scale extras: `wasf extract --engine dask ...` and `wasf tables`.

Kept out of cli.py so that `extract` gains its options through one decorator (`scale_options`): the local
engine runs the command exactly as before (writing tables afterwards on request); the Dask engine
delegates to pipeline.distributed. Dask and pyarrow are imported only when used.
"""

from __future__ import annotations

import contextlib
import functools
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipeline.extras import MissingExtra

EXIT_OK, EXIT_SOME_FAILED, EXIT_CANNOT_RUN, EXIT_INTERRUPTED = 0, 1, 2, 130

_OPTIONS = (
    click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="local: this process (and --jobs workers); dask: a Dask cluster (pip install 'wasf[dask]').",
    ),
    click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="With --engine dask: a running scheduler (tcp://host:8786). Default: a LocalCluster of --jobs workers.",
    ),
    click.option(
        "--partitions",
        type=click.IntRange(1),
        help="With --engine dask: split the inputs into N partitions (OUT/part-00000.jsonl ...). "
        "Default: 4 per worker thread.",
    ),
    click.option(
        "--gather",
        is_flag=True,
        help="With --engine dask: also write the parts, in input order, as one OUT/records.jsonl.",
    ),
    click.option(
        "--tables",
        "tables_dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Also write the documents, sections, entities and occupations tables as Parquet under this folder "
        "(pip install 'wasf[tables]'); CSV: see `wasf tables`.",
    ),
)


def scale_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give `wasf extract` the options of `_OPTIONS`: the Dask engine and tables."""

    @functools.wraps(command)
    def run(
        *args: Any,
        engine: str,
        scheduler: str | None,
        partitions: int | None,
        gather: bool,
        tables_dir: Path | None,
        **kwargs: Any,
    ) -> Any:
        if engine == "dask":
            return _extract_dask(kwargs, scheduler, partitions, gather, tables_dir)
        if scheduler or partitions or gather:
            raise click.UsageError("--scheduler, --partitions and --gather go with --engine dask")
        if tables_dir is None:
            return command(*args, **kwargs)
        records = _local_output(kwargs)
        try:
            return command(*args, **kwargs)
        except SystemExit as done:
            if done.code in (None, EXIT_OK, EXIT_SOME_FAILED) and records.is_file():
                _write_tables([records], tables_dir, "parquet")
            raise

    for option in reversed(_OPTIONS):
        run = option(run)
    return run


def _local_output(kwargs: dict[str, Any]) -> Path:
    """The JSONL file `wasf extract -o` writes, which --tables reads back."""
    out = kwargs.get("out")
    if out is None or kwargs.get("fmt", "jsonl") != "jsonl":
        raise click.UsageError("--tables reads the records back: it needs -o and JSONL output")
    path = Path(out)
    return path / "records.jsonl" if out.endswith(("/", "\\")) or path.is_dir() else path


def _extract_dask(
    kwargs: dict[str, Any], scheduler: str | None, partitions: int | None, gather: bool, tables_dir: Path | None
) -> None:
    from pipeline.distributed import SchedulerUnreachable, count_documents, extract_to
    from pipeline.reader import DEFAULT_MAX_BYTES, read_inputs

    out = kwargs.get("out")
    if out is None or kwargs.get("fmt", "jsonl") != "jsonl":
        raise click.UsageError("--engine dask writes OUT/part-00000.jsonl ...: it needs -o FOLDER and JSONL output")
    if kwargs.get("resume"):
        raise click.UsageError("--resume is for the local engine")
    paths = list(kwargs["paths"])
    max_bytes, encoding = kwargs.get("max_bytes", DEFAULT_MAX_BYTES), kwargs.get("encoding")
    out_dir, quiet = Path(out), kwargs.get("quiet", False)
    started = time.perf_counter()
    show = not quiet and sys.stderr.isatty()
    bar = click.progressbar(length=count_documents(paths), label="wasf (dask)", file=sys.stderr) if show else None
    try:
        with bar or contextlib.nullcontext():
            summary = extract_to(
                paths,
                out_dir,
                scheduler=scheduler,
                workers=kwargs.get("jobs", 1),
                npartitions=partitions,
                gather_to=out_dir / "records.jsonl" if gather else None,
                tables_dir=tables_dir,
                read=lambda p: read_inputs(p, max_bytes, encoding),
                progress=bar,
            )
    except (MissingExtra, SchedulerUnreachable) as exc:
        click.echo(f"wasf: {exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    except KeyboardInterrupt:
        click.echo(f"wasf: interrupted; the complete parts are in {out_dir}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # e.g. KilledWorker: a task that killed its workers again and again
        click.echo(
            f"wasf: the Dask run stopped: {type(exc).__name__}: {exc}; complete parts are in {out_dir}", err=True
        )
        sys.exit(EXIT_CANNOT_RUN)
    if not quiet:
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(summary.entities.items())) or "none"
        click.echo(
            f"wasf: {summary.documents} documents ({summary.documents - summary.errors} records, "
            f"{summary.errors} errors) -> {out_dir} (dask); entities: {kinds}; "
            f"{time.perf_counter() - started:.2f} s",
            err=True,
        )
    if summary.documents == 0:
        click.echo("wasf: no documents found in the given paths", err=True)
        sys.exit(EXIT_CANNOT_RUN)
    sys.exit(EXIT_SOME_FAILED if summary.errors else EXIT_OK)


def _write_tables(paths: list[Path], out_dir: Path, fmt: str) -> dict[str, int]:
    from pipeline.tables import write_tables

    try:
        return write_tables(paths, out_dir, fmt)
    except MissingExtra as exc:
        click.echo(f"wasf: {exc}", err=True)
        sys.exit(EXIT_CANNOT_RUN)


def _record_files(path: Path) -> list[Path]:
    """A JSONL file, or a folder's Dask parts (else its records.jsonl)."""
    if path.is_file():
        return [path]
    parts = sorted(path.glob("part-*.jsonl"))
    if parts:
        return parts
    if (path / "records.jsonl").is_file():
        return [path / "records.jsonl"]
    raise click.UsageError(f"{path}: no part-*.jsonl nor records.jsonl in this folder")


@click.command("tables")
@click.argument("records", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
def tables(records: tuple[Path, ...], out_dir: Path, fmt: str) -> None:
    """Flat tables of wasf records: OUT/documents, OUT/sections, OUT/entities, one part file per input.

    RECORDS are JSONL outputs of `wasf extract` (or folders of `--engine dask` parts). Every table has a
    declared Arrow schema (pipeline/tables.py), so a query over the folder works in DuckDB, Polars,
    Spark or pandas; error rows are documents rows with error_kind and error_message.

    \b
    Examples:
      wasf tables output/records.jsonl -o tables/
      wasf tables out/ -o tables/ --format csv
      duckdb -c "SELECT type, count(*) FROM 'tables/entities/*.parquet' GROUP BY type"
    """
    files = [f for path in records for f in _record_files(path)]
    counts = _write_tables(files, out_dir, fmt)
    click.echo(f"wasf: {', '.join(f'{n} {name}' for name, n in counts.items())} rows -> {out_dir}", err=True)


__all__ = ["scale_options", "tables"]
