"""Robust batch runs: bad input of every kind, resume, interruption, parallel determinism, linear time."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from schemas import JobRecord
from tests.adversarial import KINDS, adversarial

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "senior-sales-executive.txt"
AD = "مطلوب محاسب\nالراتب: 5000 ريال شهريا\nخبرة 3 سنوات\n"


def _run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
    )


def _rows(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("kind", KINDS)
def test_adversarial_megabyte_completes(kind: str) -> None:
    """A hang guard, not a speed test (bench/ measures speed): linear work takes seconds, a regular
    expression that backtracks super-linearly on 1 MB takes hours."""
    from pipeline import extract

    text = adversarial(kind)
    signal.signal(signal.SIGALRM, lambda *_: (_ for _ in ()).throw(TimeoutError(kind)))
    signal.alarm(240)
    try:
        record = extract(text, doc_id=kind)
    finally:
        signal.alarm(0)
    record.check_offsets(text)
    assert not [w for w in record.warnings if w.startswith("internal error")]


def _mixed_folder(folder: Path) -> None:
    folder.mkdir()
    (folder / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(random.Random(1).randbytes(4096))
    (folder / "legacy.txt").write_bytes("مطلوب محاسب\nالراتب: 5000 ريال".encode("cp1256"))
    (folder / "broken.txt").write_bytes("مطلوب محاسب ".encode() + b"\xff\xfe" + "الراتب".encode())
    (folder / "bom_crlf.txt").write_bytes(b"\xef\xbb\xbf" + AD.replace("\n", "\r\n").encode("utf-8"))
    (folder / "adversarial.txt").write_text(adversarial("money"), encoding="utf-8")


def test_a_mixed_folder_yields_one_row_per_input_and_jobs_do_not_change_it(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _mixed_folder(folder)
    one = _run_cli("extract", str(folder), "-o", str(tmp_path / "one.jsonl"), "-j", "1")
    two = _run_cli("extract", str(folder), "-o", str(tmp_path / "two.jsonl"), "-j", "2")
    assert one.returncode == two.returncode == 1, one.stderr  # 1: some documents failed
    assert "Traceback" not in one.stderr + two.stderr
    out_one = (tmp_path / "one.jsonl").read_bytes()
    assert out_one == (tmp_path / "two.jsonl").read_bytes()
    rows = {r["doc_id"]: r for r in _rows(out_one.decode("utf-8"))}
    assert sorted(rows) == sorted(p.stem for p in folder.iterdir())
    errors = {k: r["error"]["kind"] for k, r in rows.items() if "error" in r}  # type: ignore[index]
    assert errors == {"binary": "binary", "legacy": "decode", "broken": "decode"}
    offset = len("مطلوب محاسب ".encode())
    assert f"byte {offset}" in rows["broken"]["error"]["message"]  # type: ignore[index]
    assert "7 documents (4 records, 3 errors)" in one.stderr
    for doc_id in ("good", "bom_crlf", "adversarial", "empty"):
        JobRecord.model_validate(rows[doc_id])


def test_too_large_documents_are_refused_without_reading_them(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a sparse 50 MB file: refusing it must not read it
    result = CliRunner().invoke(main, ["extract", str(big), "-q"])
    (row,) = _rows(result.stdout)
    assert row["error"] == {"kind": "too_large", "message": row["error"]["message"]}  # type: ignore[index]
    assert "52428800 bytes" in row["error"]["message"]  # type: ignore[index]
    assert result.exit_code == 1


def test_resume_keeps_records_and_retries_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"ad{i}.txt").write_text(AD + f"توفير {i + 1} وظيفة\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    full = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out), "-q"])
    assert full.exit_code == 0
    complete = out.read_bytes()
    lines = complete.splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[2] + lines[3][:40])  # as if interrupted, with a torn last line
    resumed = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out), "--resume"])
    assert resumed.exit_code == 0
    assert "2 kept from the earlier output" in resumed.stderr
    assert out.read_bytes() == complete  # same bytes, same order as one uninterrupted run


def test_resume_with_one_json_file_per_document(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"ad{i}.txt").write_text(AD, encoding="utf-8")
    out = tmp_path / "json"
    assert CliRunner().invoke(main, ["extract", str(folder), "-o", str(out), "--format", "json", "-q"]).exit_code == 0
    (out / "ad1.json").unlink()
    before = (out / "ad0.json").stat().st_mtime_ns
    resumed = CliRunner().invoke(main, ["extract", str(folder), "-o", str(out), "--format", "json", "--resume"])
    assert resumed.exit_code == 0 and "2 kept" in resumed.stderr
    assert (out / "ad1.json").is_file() and (out / "ad0.json").stat().st_mtime_ns == before


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_keeps_whole_rows_and_can_be_resumed(tmp_path: Path, sig: signal.Signals) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    n = 3000
    for i in range(n):
        (folder / f"ad{i:04d}.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(folder), "-o", str(out), "-j", "2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p.stat().st_size for p in tmp_path.glob(".out.jsonl.*")):
        time.sleep(0.05)  # wait until rows are being written
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal")
    assert proc.returncode == 130, err
    assert "rerun with --resume" in err and "Traceback" not in err
    assert not list(tmp_path.glob(".out.jsonl.*"))  # no temporary file left
    partial = out.read_bytes()
    assert partial.endswith(b"\n") or partial == b""
    kept = len(_rows(partial.decode("utf-8")))
    assert 0 < kept < n
    resumed = _run_cli("extract", str(folder), "-o", str(out), "--resume", "-j", "2")
    assert resumed.returncode == 0
    assert f"{kept} kept" in resumed.stderr
    assert [r["doc_id"] for r in _rows(out.read_text(encoding="utf-8"))] == [f"ad{i:04d}" for i in range(n)]
    assert os.path.getsize(out) > len(partial)


def test_worker_tasks_group_documents_in_order_by_count_and_size() -> None:
    from pipeline.batch import BATCH_CHARS, BATCH_DOCS, _input_size, batches
    from pipeline.reader import Document, InputError

    small = [Document(f"d{i}", "s", "نص قصير") for i in range(BATCH_DOCS + 3)]
    groups = list(batches(iter(small), _input_size))
    assert [len(g) for g in groups] == [BATCH_DOCS, 3]
    assert [d for g in groups for d in g] == small

    big = Document("big", "s", "ا" * (BATCH_CHARS + 1))
    error = InputError("bad", "s", "decode", "not UTF-8")
    resumed = ("old", "{}", {})
    mixed = [small[0], big, error, resumed, small[1]]
    assert list(batches(iter(mixed), _input_size)) == [[small[0]], [big], [error, resumed, small[1]]]
    assert list(batches(iter([]), _input_size)) == []
