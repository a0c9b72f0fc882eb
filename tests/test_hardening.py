"""Issue 16, as a hostile user meets it: the CLI in a subprocess (the library where it is the subject).

One test per item of the issue; each failed on the main branch of the time and passes now.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AD = "مطلوب محاسب\nالراتب: 5000 ريال شهريا\nخبرة 3 سنوات"


def wasf(
    *args: str, stdin: bytes | None = None, timeout: float = 120, **kw: object
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True, text=True, cwd=ROOT, timeout=timeout, **kw,  # type: ignore[arg-type]
    )  # fmt: skip
    return proc


def rows(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr, proc.stderr
    assert proc.stderr.strip(), "an error says what happened"


@pytest.fixture
def ad(tmp_path: Path) -> Path:
    path = tmp_path / "ad.txt"
    path.write_text(AD, encoding="utf-8")
    return path


# 1. -o onto a device, a FIFO or a symbolic link


def test_1_output_to_a_full_device_through_a_link_is_exit_2_and_the_link_stays(tmp_path: Path, ad: Path) -> None:
    link = tmp_path / "full.jsonl"
    link.symlink_to("/dev/full")
    proc = wasf(str(ad), "-o", str(link), "-q")
    assert proc.returncode == 2 and "disk full" in proc.stderr, proc.stderr
    no_traceback(proc)
    assert link.is_symlink() and os.readlink(link) == "/dev/full"


def test_1_output_to_dev_stdout_prints(tmp_path: Path, ad: Path) -> None:
    link = tmp_path / "out.jsonl"
    link.symlink_to("/dev/stdout")
    proc = wasf(str(ad), "-o", str(link), "-q")
    assert proc.returncode == 0, proc.stderr
    assert rows(proc.stdout)[0]["doc_id"] == "ad"
    assert link.is_symlink()


def test_1_output_to_a_fifo_writes_through(tmp_path: Path, ad: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = wasf(str(ad), "-o", str(fifo), "-q")
    reader.join(30)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert rows(got[0].decode("utf-8"))[0]["doc_id"] == "ad"


def test_1_output_through_a_link_to_a_file_replaces_the_file_not_the_link(tmp_path: Path, ad: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    proc = wasf(str(ad), "-o", str(link), "-q")
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and rows(real.read_text(encoding="utf-8"))[0]["doc_id"] == "ad"


# 2. -o naming an input


def test_2_output_naming_an_input_is_refused_also_through_links(tmp_path: Path, ad: Path) -> None:
    before = ad.read_bytes()
    hard = tmp_path / "hard.txt"
    os.link(ad, hard)
    soft = tmp_path / "soft.jsonl"
    soft.symlink_to(ad)
    for out in (ad, hard, soft):
        proc = wasf(str(ad), "-o", str(out), "-q")
        assert proc.returncode == 2 and "input" in proc.stderr, proc.stderr
        no_traceback(proc)
    assert ad.read_bytes() == before


def test_2_a_second_run_into_the_input_folder_does_not_read_its_output(tmp_path: Path) -> None:
    folder = tmp_path / "ads"
    folder.mkdir()
    (folder / "a.txt").write_text(AD, encoding="utf-8")
    (folder / "b.txt").write_text(AD, encoding="utf-8")
    for _ in range(2):
        proc = wasf(str(folder), "-o", f"{folder}/", "-q")
        assert proc.returncode == 0, proc.stderr
        assert [r["doc_id"] for r in rows((folder / "records.jsonl").read_text(encoding="utf-8"))] == ["a", "b"]


# 3. a file name that is not UTF-8


def test_3_a_cp1256_file_name_is_carried_escaped_and_breaks_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "zip"
    folder.mkdir()
    name = "الراتب".encode("cp1256") + b".txt"
    with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
        fh.write(AD.encode("utf-8"))
    (folder / "ok.txt").write_text(AD, encoding="utf-8")
    proc = wasf(str(folder), "-q")
    assert proc.returncode == 0, proc.stderr
    got = rows(proc.stdout)
    assert len(got) == 2 and all("error" not in r for r in got)
    assert "\\xc7\\xe1" in str(got[0]["source"]) + str(got[1]["source"])


# 4. --format json: long and duplicate ids


def test_4_every_document_gets_its_own_file_whatever_its_id(tmp_path: Path) -> None:
    from pipeline.export import safe_file_name

    src = tmp_path / "ads.jsonl"
    ids = ["ب" * 200, "https://example.com/" + "x" * 400, "dup", "dup", "a/b", safe_file_name("a/b"), "a_b"]
    src.write_text("".join(json.dumps({"id": i, "text": AD}) + "\n" for i in ids), encoding="utf-8")
    out = tmp_path / "json"
    proc = wasf(str(src), "-o", f"{out}/", "--format", "json", "-q")
    assert proc.returncode == 0, proc.stderr
    files = sorted(out.glob("*.json"))
    assert len(files) == len(ids)
    assert all(len(f.name.encode("utf-8")) <= 255 for f in files)
    assert sorted(json.loads(f.read_text(encoding="utf-8"))["doc_id"] for f in files) == sorted(ids)
    proc = wasf(str(src), "-o", f"{out}/", "--format", "json", "--resume")  # all kept, none lost
    assert proc.returncode == 0 and f"{len(ids)} kept" in proc.stderr, proc.stderr


# 5. an interrupted --resume keeps all it had


def test_5_an_interrupted_resume_keeps_every_earlier_record(tmp_path: Path) -> None:
    old = tmp_path / "old.jsonl"
    old.write_text("".join(json.dumps({"id": f"d{i}", "text": AD}) + "\n" for i in range(300)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert wasf(str(old), "-o", str(out), "-q").returncode == 0
    before = out.read_text(encoding="utf-8").splitlines()
    fifo = tmp_path / "new.txt"
    os.mkfifo(fifo)  # the resume blocks reading it, before any earlier record is copied: then Ctrl-C
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(fifo), str(old), "-o", str(out), "--resume", "-q"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.jsonl.*.part")) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert sorted(out.read_text(encoding="utf-8").splitlines()) == sorted(before)


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("row 1\nrow 2\nrow 3 torn", "row 1\nrow 2\n"),
        ("row 1\nrow 2\n", "row 1\nrow 2\n"),
        ("torn only", ""),
        ("row 1\n" + "x" * 200_000, "row 1\n"),  # (the torn line longer than a block read back)
    ],
)
def test_5_an_interrupted_output_keeps_whole_lines_only(tmp_path: Path, written: str, kept: str) -> None:
    from pipeline import export

    target = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt), export.atomic_writer(target, keep_partial=True) as fh:
        fh.write(written)
        raise KeyboardInterrupt  # (as a signal between the row and its newline)
    assert target.read_text(encoding="utf-8") == kept
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("to", ["process", "another thread"])
def test_5_ctrl_c_while_a_row_is_written_comes_after_its_newline(to: str) -> None:
    """As with --jobs 2, where the pool's threads may be the ones the kernel hands the signal to."""
    import io

    from pipeline.batch import _write_line

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()

    class Interrupting(io.BytesIO):
        """Ctrl-C arrives while the row (not yet its newline) is being written."""

        def write(self, data: object) -> int:
            if not self.tell():
                if to == "process":
                    os.kill(os.getpid(), signal.SIGINT)
                else:
                    signal.pthread_kill(other.ident or 0, signal.SIGINT)
                time.sleep(0.2)  # (time for the signal to reach Python)
            return super().write(data)  # type: ignore[arg-type]

    out = Interrupting()
    try:
        with pytest.raises(KeyboardInterrupt):
            _write_line(out, b'{"doc_id": "a"}')
    finally:
        stop.set()
        other.join()
    assert out.getvalue() == b'{"doc_id": "a"}\n'


# 7. FIFOs and devices as inputs


def test_7_a_fifo_in_a_folder_is_an_error_row_not_a_hang(tmp_path: Path, ad: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    proc = wasf(str(tmp_path), "-q", timeout=60)
    got = rows(proc.stdout)
    assert proc.returncode == 1 and [r["doc_id"] for r in got] == ["ad", "pipe"]
    assert got[1]["error"]["kind"] == "not_a_file"  # type: ignore[index]


def test_7_max_bytes_holds_for_devices_and_pipes(tmp_path: Path) -> None:
    proc = wasf("/dev/zero", "--max-bytes", "100000", "-q", timeout=60)
    assert proc.returncode == 1 and rows(proc.stdout)[0]["error"]["kind"] == "too_large"  # type: ignore[index]
    big = subprocess.Popen(["yes", "مطلوب محاسب"], stdout=subprocess.PIPE)
    try:
        proc2 = subprocess.run(
            [sys.executable, "-m", "pipeline", "extract", "-", "--max-bytes", "100000", "-q"],
            stdin=big.stdout, capture_output=True, text=True, cwd=ROOT, timeout=60,
        )  # fmt: skip
    finally:
        big.kill()
    assert proc2.returncode == 1 and rows(proc2.stdout)[0]["error"]["kind"] == "too_large"  # type: ignore[index]


# 8. memory: see test_memory_peak_is_a_small_multiple_of_the_document


# 9. clear errors instead of tracebacks


def test_9_an_output_whose_parent_is_a_file_is_one_line_and_exit_2(tmp_path: Path, ad: Path) -> None:
    proc = wasf(str(ad), "-o", str(ad) + "/sub/out.jsonl", "-q")
    assert proc.returncode == 2, proc.stderr
    no_traceback(proc)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_9_a_read_only_output_folder_is_one_line_and_exit_2(tmp_path: Path, ad: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    proc = wasf(str(ad), "-o", str(ro / "out.jsonl"), "-q")
    assert proc.returncode == 2
    no_traceback(proc)


def test_9_stdout_to_a_full_device_is_one_line_and_exit_2(ad: Path) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", "extract", str(ad), "-q"],
            stdout=full, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
    assert proc.returncode == 2 and "disk full" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


def test_9_closed_stdin_is_an_error_row() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", "-", "-q"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, cwd=ROOT, timeout=120,
        preexec_fn=lambda: os.close(0),
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert rows(proc.stdout)[0]["error"]["kind"] == "unreadable"  # type: ignore[index]


def test_9_closed_stdout_is_one_line_and_exit_2(ad: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(ad), "-q"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        timeout=120, preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert proc.returncode == 2 and "stdout" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_9_a_corrupt_file_given_to_resume_is_refused_untouched(tmp_path: Path, ad: Path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_bytes(b"my notes\n\x00\xff\n[1, 2]\n")
    before = out.read_bytes()
    proc = wasf(str(ad), "-o", str(out), "--resume", "-q")
    assert proc.returncode == 2 and "resume" in proc.stderr
    no_traceback(proc)
    assert out.read_bytes() == before


def test_9_a_path_longer_than_path_max_in_a_folder_is_an_error_row(tmp_path: Path, ad: Path) -> None:
    root = tmp_path / "deep"
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(20):  # 20 x 250 characters: over PATH_MAX (4096), made relative to open folders
            os.mkdir("d" * 250, dir_fd=fd)
            nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as fh:
            fh.write(AD)
    finally:
        os.close(fd)
    (root / "a.txt").write_text(AD, encoding="utf-8")
    proc = wasf(str(root), "-q")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    got = rows(proc.stdout)
    assert got[0]["doc_id"] == "a" and any("error" in r for r in got)


def test_9_ctrl_c_at_once_is_exit_130_without_a_traceback(ad: Path) -> None:
    """While the modules load, then while the lexicons load and the document runs. (The interpreter's
    own start-up, its first tens of milliseconds before any wasf code runs, is out of wasf's reach.)"""
    for delay in (0.25, 0.5, 1.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "extract", str(ad), "-q"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode in (130, 0, -2), err  # (0: it finished first)
        assert "Traceback" not in err, err


def test_9_ctrl_c_while_the_resume_index_is_built_is_exit_130_and_keeps_the_output(tmp_path: Path, ad: Path) -> None:
    out = tmp_path / "out.jsonl"
    # (indexing these takes seconds)
    out.write_text("".join(f'{{"doc_id": "d{i}", "source": "s", "entities": []}}\n' for i in range(1_500_000)))
    size = out.stat().st_size
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(ad), "-o", str(out), "--resume", "-q"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert out.stat().st_size >= size


def test_9_a_failed_final_flush_leaves_no_part_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from pipeline import export

    target = tmp_path / "out.jsonl"
    target.write_text("earlier\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", full)
    with pytest.raises(export.OutputError, match="disk full"), export.atomic_writer(target) as fh:
        fh.write("new\n")
    assert target.read_text(encoding="utf-8") == "earlier\n"
    assert not list(tmp_path.glob("*.part"))


# 10. silent skips become error rows


def test_10_what_a_folder_holds_that_cannot_be_read_is_an_error_row(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(AD, encoding="utf-8")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "late-nul.txt").write_bytes(AD.encode("utf-8") * 400 + b"\x00" + AD.encode("utf-8"))
    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "inner.txt").write_text(AD, encoding="utf-8")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a loop of folders
    proc = wasf(str(tmp_path), "-q", timeout=60)
    got = {r["doc_id"]: r for r in rows(proc.stdout)}
    assert set(got) == {"good", "broken", "loop", "late-nul", "fifo", "sub/inner", "sub/up"}, proc.stdout
    assert "loop" in got["sub/up"]["error"]["message"]  # type: ignore[index]
    assert "error" not in got["good"]
    assert got["late-nul"]["error"]["kind"] == "binary"  # type: ignore[index]
    assert "loop" in got["loop"]["error"]["message"]  # type: ignore[index]
    assert "broken" in got["broken"]["error"]["message"]  # type: ignore[index]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable folders")
def test_10_an_unreadable_sub_folder_is_an_error_row(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(AD, encoding="utf-8")
    sub = tmp_path / "locked"
    sub.mkdir()
    (sub / "x.txt").write_text(AD, encoding="utf-8")
    sub.chmod(0)
    try:
        proc = wasf(str(tmp_path), "-q")
    finally:
        sub.chmod(0o700)
    assert proc.returncode == 1 and len(rows(proc.stdout)) == 2


# 11. codecs, usage errors, ids, permissions, pipes, line breaks


def test_11_utf16_files_work_with_their_encoding(tmp_path: Path) -> None:
    path = tmp_path / "ad16.txt"
    path.write_bytes(AD.encode("utf-16"))
    proc = wasf(str(path), "--encoding", "utf-16", "-q")
    assert proc.returncode == 0, proc.stdout
    assert any(e["type"] == "salary" for e in rows(proc.stdout)[0]["entities"])  # type: ignore[attr-defined]


def test_11_usage_errors(ad: Path) -> None:
    for args in (["--encoding", "nonsense"], ["--format", "json"]):
        proc = wasf(str(ad), *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_11_falsy_jsonl_ids_are_ids_and_a_list_is_an_error(tmp_path: Path) -> None:
    src = tmp_path / "ids.jsonl"
    lines = [{"id": 0, "text": AD}, {"id": "", "text": AD}, {"id": False, "text": AD}, {"id": None, "text": AD}]
    lines.append({"id": [1], "text": AD})
    src.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    proc = wasf(str(src), "-q")
    got = rows(proc.stdout)
    assert [r["doc_id"] for r in got] == ["0", "", "false", "ids:4", "ids:5"]
    assert "error" in got[4] and proc.returncode == 1


def test_11_output_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path, ad: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("", encoding="utf-8")
    out.chmod(0o644)
    assert wasf(str(ad), "-o", str(out), "-q").returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    new = tmp_path / "new.jsonl"
    assert wasf(str(ad), "-o", str(new), "-q").returncode == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask


@pytest.mark.parametrize("output", ["", "-o /dev/stdout"], ids=["stdout", "o-dev-stdout"])
def test_11_a_closed_pipe_ends_quietly_with_exit_0(tmp_path: Path, output: str) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": AD}) + "\n" for i in range(3000)), encoding="utf-8")
    proc = subprocess.run(
        f"{sys.executable} -m pipeline extract {src} -q {output} | head -c 100 > /dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True, executable="/bin/bash", capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert proc.stdout.strip() == "0", proc.stderr
    assert proc.stderr == ""


@pytest.mark.parametrize("brk", ["\r", "\u2028", "\x85"])
def test_11_other_line_breaks_separate_lines(tmp_path: Path, brk: str) -> None:
    path = tmp_path / "ad.txt"
    path.write_text(
        brk.join(["مطلوب محاسب", "المهام:", "إعداد التقارير المالية", "المؤهلات:", "بكالوريوس محاسبة"]),
        encoding="utf-8",
        newline="",
    )
    proc = wasf(str(path), "-q")
    record = rows(proc.stdout)[0]
    assert record["title"] == "مطلوب محاسب"
    headings = [s["heading"]["text"] for s in record["sections"] if s["heading"]]  # type: ignore[attr-defined]
    assert headings == ["المهام", "المؤهلات"]


# 12. the library


def test_12_an_id_with_a_lone_surrogate_gives_a_writable_record() -> None:
    from pipeline import extract

    record = extract(AD, doc_id="ad\ud800")
    assert json.loads(record.model_dump_json())["doc_id"] == "ad\\ud800"


def test_12_extract_many_raises_the_same_type_error_on_workers() -> None:
    from pipeline import extract, extract_many

    with pytest.raises(TypeError) as one:
        extract(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError) as two:
        list(extract_many([("a", AD), ("b", None)], n_process=2))  # type: ignore[list-item]
    assert str(one.value) == str(two.value)


# 8. memory


def _cli_peak_bytes(path: Path, out: Path) -> int:
    """The peak resident memory of `wasf extract PATH -o OUT` (measured by a parent of its own)."""
    code = (
        "import resource, subprocess, sys\n"
        "args = [sys.executable, '-m', 'pipeline', 'extract', sys.argv[1], '-o', sys.argv[2], '-q', '--max-bytes', '99999999']\n"
        "assert subprocess.run(args).returncode == 0\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path), str(out)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return int(proc.stdout)


@pytest.mark.parametrize("size", [8_000_000, 50_000_000], ids=["8MB", "50MB"])
def test_8_memory_peak_is_a_small_multiple_of_the_document(tmp_path: Path, ad: Path, size: int) -> None:
    """One 8 MB and one 50 MB document (the project's example ads, over and over: many lines, sections and
    entities) through the CLI: the peak memory (resident set size, less that of the same command on a
    small ad) stays under 8 times the document's size. Measured 2026-12-03 11:23 UTC: 6.7 (8 MB), 6.8
    (50 MB); 7.3-7.5 and 7.0-7.2 before the record's line went to a temporary file; 12.1 and 11.7 before
    the lines, the views and the lexicon scan were kept compact and freed memory given back
    (pipeline/heap.py); 31 before the record was written in pieces."""
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt")))
    path = tmp_path / "big.txt"
    path.write_text(unit * (size // len(unit.encode("utf-8"))), encoding="utf-8")
    base = _cli_peak_bytes(ad, tmp_path / "small.jsonl")
    peak = _cli_peak_bytes(path, tmp_path / "big.jsonl")
    multiple = (peak - base) / path.stat().st_size
    assert multiple < 8, multiple
    print(multiple)
