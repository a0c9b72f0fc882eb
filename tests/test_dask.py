"""The Dask engine (pipeline/distributed.py, `wasf extract --engine dask`): the same bytes as `--jobs 1`
on a 2-worker LocalCluster and on a scheduler started here, nothing lost when a worker is killed mid-run,
and the library's bag and DataFrame functions."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline.batch import Row, batches, process
from pipeline.cli import main
from pipeline.reader import Input, read_inputs
from tests.conftest import REAL, ROOT

distributed = pytest.importorskip("distributed")
db = pytest.importorskip("dask.bag")
pytest.importorskip("pyarrow")

from pipeline.distributed import (  # noqa: E402
    Engine,
    count_documents,
    entities_frame,
    extract_to,
    partition_size,
    records,
    rows_of,
)

CORPUS = str(ROOT / "corpus")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A LocalCluster of 2 single-threaded worker processes, shared by the tests of this module."""
    import logging

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as local:
        yield local


@pytest.fixture(scope="module")
def odd_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Inputs that become error rows: a file that is not UTF-8, a JSONL file with a broken line."""
    folder = tmp_path_factory.mktemp("odd")
    (folder / "latin.txt").write_bytes(b"caf\xe9 \xff")
    (folder / "ads.jsonl").write_text(
        '{"id": "a1", "text": "الراتب 4000 دينار شهريا"}\n{not json\n{"id": "a3", "text": ""}\n', encoding="utf-8"
    )
    return folder


def local_output(paths: list[str]) -> bytes:
    """What `wasf extract PATHS --jobs 1 -o FILE` writes."""
    return b"".join(process(i)[1] + b"\n" for i in read_inputs(paths))


def run_cli(args: list[str]) -> Any:
    result = CliRunner().invoke(main, ["extract", *args, "-q"])
    assert result.exit_code in (0, 1), result.output
    return result


# --- the same records as --jobs 1 ----------------------------------------------------------------------


def test_local_cluster_of_the_cli_equals_jobs_1(tmp_path: Path, odd_inputs: Path) -> None:
    paths = [CORPUS, str(odd_inputs)]
    run_cli([*paths, "-o", str(tmp_path), "--engine", "dask", "-j", "2", "--gather", "--partitions", "3"])
    expected = local_output(paths)
    assert expected.count(b'"error"') == 2  # error rows, as today (the empty text is a failed record)
    assert (tmp_path / "records.jsonl").read_bytes() == expected
    parts = sorted(tmp_path.glob("part-*.jsonl"))
    assert len(parts) == 3 and b"".join(p.read_bytes() for p in parts) == expected


def test_parts_without_gather(cluster: Any, tmp_path: Path) -> None:
    (tmp_path / "part-00042.jsonl").write_text("left by an earlier run\n", encoding="utf-8")
    address = cluster.scheduler_address
    run_cli([CORPUS, "-o", str(tmp_path), "--engine", "dask", "--scheduler", address, "--tables", str(tmp_path / "t")])
    parts = sorted(tmp_path.glob("part-*.jsonl"))
    assert not (tmp_path / "records.jsonl").exists() and len(parts) > 1
    assert b"".join(p.read_bytes() for p in parts) == local_output([CORPUS])
    import pyarrow.parquet as pq

    entities = sum(
        len(json.loads(line).get("entities", ())) for p in parts for line in p.read_text("utf-8").splitlines()
    )
    assert len(list((tmp_path / "t" / "entities").glob("*.parquet"))) == len(parts)  # a table part per part
    assert pq.read_table(tmp_path / "t" / "entities").num_rows == entities


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus-real is absent")
def test_real_ads_equal_jobs_1(cluster: Any, tmp_path: Path) -> None:
    paths = [str(p) for p in sorted(REAL.glob("*.txt"))]
    extract_to(paths, tmp_path, scheduler=cluster.scheduler_address, gather_to=tmp_path / "all.jsonl")
    assert (tmp_path / "all.jsonl").read_bytes() == local_output(paths)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_a_scheduler_started_apart(tmp_path: Path) -> None:
    """`dask scheduler` and `dask worker` processes on 127.0.0.1, as on a cluster; wasf only connects."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    dask = [str(Path(sys.executable).with_name("dask"))]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": tmp_path}
    scheduler = subprocess.Popen(
        [*dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"], **quiet
    )
    worker = subprocess.Popen(
        [*dask, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
        **quiet,
    )
    try:
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(1, timeout=60)
        run_cli([CORPUS, "-o", str(tmp_path / "out"), "--engine", "dask", "--scheduler", address, "--gather"])
        assert (tmp_path / "out" / "records.jsonl").read_bytes() == local_output([CORPUS])
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
        for proc in (worker, scheduler):
            proc.wait(timeout=30)


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    import dask

    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(
            main, ["extract", CORPUS, "-o", str(tmp_path), "--engine", "dask", "--scheduler", address]
        )
    assert result.exit_code == 2 and "cannot reach the Dask scheduler at tcp://127.0.0.1" in result.output


# --- a killed worker loses nothing ---------------------------------------------------------------------


def slow_rows(inputs: list[Input]) -> list[Row]:
    """rows_of, slowed down so that a partition is still running when the test kills its worker."""
    time.sleep(0.3)
    return rows_of(inputs)


class KillOnFirstPart:
    """A progress hook: when the first part is written, SIGKILL one worker process of the cluster."""

    def __init__(self, client: Any) -> None:
        self.pids: list[int] = sorted(client.run(os.getpid).values())
        self.killed: int | None = None

    def update(self, _n: int) -> None:
        if self.killed is None:
            self.killed = self.pids[0]
            os.kill(self.killed, signal.SIGKILL)


def _worker_replaced(client: Any, dead: int, seconds: float = 60) -> bool:
    """Whether, within `seconds`, the cluster has 2 workers again and none is the process `dead`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pids = set(client.run(os.getpid).values())
        except Exception:  # a worker leaving while we ask
            pids = set()
        if len(pids) == 2 and dead not in pids:
            return True
        time.sleep(0.2)
    return False


def test_a_killed_worker_loses_nothing(cluster: Any, tmp_path: Path) -> None:
    paths = [CORPUS, str(ROOT / "corpus" / "heldout")]
    summary_docs = count_documents(paths)
    with distributed.Client(cluster) as client:
        from pipeline.batch import Summary

        hook = KillOnFirstPart(client)
        engine = Engine(client, tmp_path, Summary(), progress=hook, work=slow_rows)
        written = engine.run(read_inputs(paths), size=1)
        assert hook.killed is not None
        replaced = _worker_replaced(client, hook.killed)
    assert replaced  # the worker really died, and its nanny started another
    assert written == summary_docs == engine.summary.documents
    output = b"".join((tmp_path / f"part-{i:05d}.jsonl").read_bytes() for i in range(written))
    assert output == local_output(paths)


# --- the library ---------------------------------------------------------------------------------------


def _pairs() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]


def test_records_of_a_bag(cluster: Any) -> None:
    from pipeline.api import extract

    pairs = _pairs()
    with distributed.Client(cluster):
        got = records(db.from_sequence([*pairs, ("empty", "")], npartitions=3)).compute()
    expected = [json.loads(extract(text, doc_id=doc_id).model_dump_json()) for doc_id, text in pairs]
    assert got[:-1] == expected
    assert got[-1]["doc_id"] == "empty" and got[-1]["warnings"]  # a failed record, as extract() gives


def test_entities_frame(cluster: Any) -> None:
    from pipeline.api import extract

    pairs = _pairs()
    with distributed.Client(cluster):
        frame = entities_frame(db.from_sequence(pairs, npartitions=2)).compute()
    expected = [e for doc_id, text in pairs for e in extract(text, doc_id=doc_id).entities]
    assert len(frame) == len(expected) > 50
    assert list(frame["text"]) == [e.text for e in expected]
    salaries = frame[frame["type"] == "salary"]
    assert salaries["amount"].notna().any() and salaries["name"].isna().all()
    assert str(frame["start"].dtype).startswith("int64")


@pytest.mark.parametrize(("items", "size", "expected"), [(5, 2, [2, 2, 1]), (4, 4, [4]), (0, 3, []), (3, 1, [1, 1, 1])])
def test_partitions_keep_order(items: int, size: int, expected: list[int]) -> None:
    parts = list(batches(list(range(items)), max_docs=size))
    assert [len(p) for p in parts] == expected
    assert [x for p in parts for x in p] == list(range(items))


@pytest.mark.parametrize(
    ("total", "requested", "nthreads", "size"),
    [
        (100, None, 2, 13),  # 4 partitions per thread
        (100, 3, 2, 34),  # --partitions 3
        (5, None, 2, 1),  # fewer documents than partitions: one each
        (0, None, 2, 1),
        (50_000, None, 2, 1000),  # a large corpus: more partitions, not larger ones
        (50_000, 10, 2, 5000),  # unless --partitions says so
    ],
)
def test_partition_size(total: int, requested: int | None, nthreads: int, size: int) -> None:
    assert partition_size(total, requested, nthreads) == size


def test_count_documents(odd_inputs: Path) -> None:
    assert count_documents([CORPUS]) == len(list(read_inputs([CORPUS])))
    assert count_documents([str(odd_inputs), CORPUS]) == len(list(read_inputs([str(odd_inputs), CORPUS])))


def test_missing_dask_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def no_dask(name: str) -> Any:
        raise ImportError(name)

    monkeypatch.setattr("pipeline.extras.importlib.import_module", no_dask)
    result = CliRunner().invoke(main, ["extract", CORPUS, "-o", str(tmp_path), "--engine", "dask"])
    assert result.exit_code == 2 and "wasf[dask]" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["--engine", "dask"],  # no -o
        ["-o", "OUT", "--engine", "dask", "--format", "json"],
        ["-o", "OUT", "--engine", "dask", "--resume"],
        ["-o", "OUT", "--gather"],  # a dask option without the dask engine
        ["-o", "OUT", "--scheduler", "tcp://127.0.0.1:1"],
    ],
)
def test_usage_errors(args: list[str], tmp_path: Path) -> None:
    args = [str(tmp_path / "o") if a == "OUT" else a for a in args]
    result = CliRunner().invoke(main, ["extract", CORPUS, *args])
    assert result.exit_code == 2, result.output
