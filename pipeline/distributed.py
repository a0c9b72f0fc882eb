"""wasf on Dask: the same records as `wasf extract`, computed by a Dask cluster (a LocalCluster on this
machine, or any running `dask scheduler` with its workers: Kubernetes, YARN, Slurm, a cloud cluster).

- Library: `records(bag)` maps a dask.bag of (id, text) or (id, text, source) to a bag of record dicts
  (error rows as today: {"doc_id", "source", "error"}); `entities_frame(bag)` gives a Dask DataFrame of
  the entities, with the columns and types of the `entities` table (pipeline/tables.py).
- CLI (`wasf extract --engine dask`): the client reads the inputs in order and submits them in
  partitions, at most a few partitions ahead of the workers (memory stays bounded on the client); each
  partition's rows come back and are written to OUT/part-NNNNN.jsonl, and on request gathered in input
  order into OUT/records.jsonl, byte-identical to `wasf extract --jobs 1`.
- Nothing lost: a partition's documents travel inside its task (not scattered into a worker's memory), so
  when a worker dies the scheduler runs the task again on another worker; a document that fails is an
  error row, as with the local engine.

Dask is the optional extra `wasf[dask]`, imported only here and only when used. Workers need wasf
installed (the same version as the client).
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import shutil
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.batch import Row, Summary, batches, process
from pipeline.export import atomic_writer
from pipeline.extras import require
from pipeline.reader import Document, Input, InputError
from pipeline.streamed import as_bytes

if TYPE_CHECKING:
    from dask.bag import Bag
    from dask.dataframe import DataFrame
    from distributed import Client

#: Partitions per worker thread when --partitions is not given: enough to balance uneven documents and to
#: lose little when a worker dies, few enough that per-task overhead stays small.
PARTITIONS_PER_THREAD = 4

#: Documents per partition at most when --partitions is not given: a large corpus gets more partitions,
#: not larger ones (a task's inputs and rows travel through the scheduler and stay small).
MAX_DOCS_PER_PARTITION = 1000

#: Partitions submitted ahead of those written: bounds the inputs held by the client and the scheduler.
AHEAD_PER_THREAD = 2


def rows_of(inputs: list[Input]) -> list[Row]:
    """The output rows of one partition's inputs (runs on a worker)."""
    return [process(inp) for inp in inputs]


# --- library -------------------------------------------------------------------------------------------


def _as_input(item: Any) -> Input:
    if isinstance(item, Document | InputError):
        return item
    doc_id, text, *rest = item
    return Document(str(doc_id), rest[0] if rest else None, text)  # type: ignore[arg-type]  # as extract()


def _record_dicts(items: list[Any]) -> list[dict[str, Any]]:
    import json

    return [json.loads(as_bytes(line)) for _, line, _ in rows_of([_as_input(i) for i in items])]


def records(bag: Bag) -> Bag:
    """A bag of record dicts (or error rows) from a bag of (id, text) or (id, text, source), partition
    for partition, in order."""
    require("dask.bag", "dask")
    return bag.map_partitions(_record_dicts)


def _entity_dicts(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from pipeline.tables import table

    spec = table("entities")
    names = [c.name for c in spec.columns]
    return [dict(zip(names, row, strict=True)) for rec in recs for row in spec.rows(rec)]


def entities_frame(bag: Bag) -> DataFrame:
    """A Dask DataFrame of the entities of a bag of (id, text): one row per entity, the columns and
    Arrow-backed types of the `entities` table (needs `wasf[tables]` too, for the schema)."""
    require("dask.dataframe", "dask")
    import pandas as pd

    from pipeline.tables import schema, table

    meta = schema(table("entities")).empty_table().to_pandas(types_mapper=pd.ArrowDtype)
    return records(bag).map_partitions(_entity_dicts).to_dataframe(meta=meta)


# --- the engine of `wasf extract --engine dask` ----------------------------------------------------------


def count_documents(paths: list[str]) -> int:
    """About how many documents `read_inputs(paths)` yields (files, non-blank JSONL lines, stdin): only
    the partition size depends on it."""
    from pipeline.reader import count_inputs

    known = count_inputs(paths)
    if known is not None:
        return known
    total = 0
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files = [f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in {".txt", ".jsonl"}]
        else:
            files = [path]
        for f in files:
            if p != "-" and f.suffix.lower() == ".jsonl" and f.is_file():
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            else:
                total += 1
    return total


class SchedulerUnreachable(ConnectionError):
    """--scheduler names an address where no Dask scheduler answers."""


@contextlib.contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `scheduler`, or of a LocalCluster of `workers` single-threaded worker
    processes (the work holds the GIL: processes, not threads, run it in parallel)."""
    distributed = require("distributed", "dask")
    if scheduler:
        try:  # the timeout is dask's distributed.comm.timeouts.connect (30 s)
            client = distributed.Client(scheduler)
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnreachable(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def threads(client: Client) -> int:
    """Worker threads of the cluster (at least 1, for a cluster whose workers are still starting)."""
    return max(1, int(sum(client.nthreads().values())))


def part_path(out_dir: Path, index: int) -> Path:
    return out_dir / f"part-{index:05d}.jsonl"


@dataclass
class Engine:
    """One run of the Dask engine: where parts and tables go, and what to report."""

    client: Client
    out_dir: Path
    summary: Summary
    tables_dir: Path | None = None
    progress: Any = None
    #: The function a worker runs on a partition's inputs (tests wrap it to kill a worker mid-run).
    work: Callable[[list[Input]], list[Row]] = rows_of

    def run(self, inputs: Iterable[Input], size: int) -> int:
        """Extract `inputs` in partitions of `size`; returns the number of parts written."""
        distributed = require("distributed", "dask")
        self._clear()
        token = uuid.uuid4().hex[:12]
        parts = enumerate(batches(inputs, max_docs=size))  # `size` inputs per partition, in order
        pending = distributed.as_completed()
        index_of: dict[str, int] = {}
        ahead = AHEAD_PER_THREAD * threads(self.client)
        written = 0

        def submit_next() -> bool:
            nxt = next(parts, None)
            if nxt is None:
                return False
            i, part = nxt
            future = self.client.submit(self.work, part, key=f"wasf-{token}-{i:05d}", pure=False)
            index_of[str(future.key)] = i
            pending.add(future)
            return True

        for _ in range(ahead):
            if not submit_next():
                break
        for future in pending:
            rows = future.result()
            self._write(index_of.pop(str(future.key)), rows)
            written += 1
            future.release()
            submit_next()
        return written

    def _clear(self) -> None:
        """Remove the parts of an earlier run: they would mix with this run's."""
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for old in self.out_dir.glob("part-*.jsonl"):
            old.unlink()
        if self.tables_dir is not None:
            from pipeline.tables import clear

            clear(self.tables_dir, "parquet")

    def _write(self, index: int, rows: list[Row]) -> None:
        with atomic_writer(part_path(self.out_dir, index)) as fh:
            for row in rows:
                fh.write(as_bytes(row[1]).decode("utf-8") + "\n")  # (rows are UTF-8: pipeline.batch.Row)
        for row in rows:
            self.summary.add(row)
        if self.progress is not None:
            self.progress.update(len(rows))
        if self.tables_dir is not None:
            from pipeline.tables import write_part

            write_part((json.loads(as_bytes(row[1])) for row in rows), self.tables_dir, index)


def gather(out_dir: Path, parts: int, target: Path) -> None:
    """Concatenate OUT/part-00000.jsonl ... in order into `target` (the records in input order)."""
    with atomic_writer(target) as out:
        for i in range(parts):
            with part_path(out_dir, i).open(encoding="utf-8") as part:
                shutil.copyfileobj(part, out)


def partition_size(total: int, requested: int | None, nthreads: int) -> int:
    """Documents per partition: `requested` partitions, else PARTITIONS_PER_THREAD per worker thread or
    more, of at most MAX_DOCS_PER_PARTITION documents."""
    count = requested or max(PARTITIONS_PER_THREAD * nthreads, math.ceil(total / MAX_DOCS_PER_PARTITION))
    return max(1, math.ceil(total / count))


def extract_to(
    paths: list[str],
    out_dir: Path,
    scheduler: str | None = None,
    workers: int = 2,
    npartitions: int | None = None,
    gather_to: Path | None = None,
    tables_dir: Path | None = None,
    read: Callable[[list[str]], Iterable[Input]] | None = None,
    progress: Any = None,
    work: Callable[[list[Input]], list[Row]] = rows_of,
) -> Summary:
    """`wasf extract PATHS -o OUT --engine dask` as a function: parts (and optionally one gathered
    file and Parquet tables) under `out_dir`; returns the summary of documents, errors and entities."""
    from pipeline.reader import read_inputs

    summary = Summary()
    with connect(scheduler, workers) as client:
        size = partition_size(count_documents(paths), npartitions, threads(client))
        engine = Engine(client, out_dir, summary, tables_dir, progress, work)
        written = engine.run((read or read_inputs)(paths), size)
    if gather_to is not None:
        gather(out_dir, written, gather_to)
    return summary
