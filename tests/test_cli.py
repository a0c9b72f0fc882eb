"""The CLI and the library surface, exercised as a user would: files, folders, JSONL, stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from schemas import JobRecord
from schemas.record import json_schema

ROOT = Path(__file__).resolve().parent.parent
AD = "مطلوب محاسب\nالراتب: 5000 ريال شهريا\nخبرة 3 سنوات"


def _lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_folder_to_jsonl_file_validates_and_keeps_offsets(tmp_path: Path) -> None:
    out = tmp_path / "recs.jsonl"
    result = CliRunner().invoke(main, ["extract", str(ROOT / "corpus"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _lines(out.read_text(encoding="utf-8"))
    assert len(rows) == len(list((ROOT / "corpus").rglob("*.txt")))
    schema = json_schema()
    for row in rows:
        jsonschema.validate(row, schema)
        record = JobRecord.model_validate(row)
        text = Path(str(record.source)).read_text(encoding="utf-8")
        record.check_offsets(text)
    assert "documents" in result.stderr


def test_output_folder_gets_records_jsonl(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(ROOT / "corpus"), "-o", f"{tmp_path}/"])
    assert result.exit_code == 0
    assert (tmp_path / "records.jsonl").is_file()
    assert not list(tmp_path.glob(".*.part"))  # no temporary file left behind


def test_stdin_to_stdout() -> None:
    result = CliRunner().invoke(main, ["extract", "-", "-q"], input=AD.encode("utf-8"))
    assert result.exit_code == 0
    (row,) = _lines(result.stdout)
    assert row["doc_id"] == "stdin"
    salary = next(e for e in row["entities"] if e["type"] == "salary")
    assert (salary["amount"], salary["currency"], salary["period"]) == (5000, "SAR", "month")


def test_jsonl_input_and_error_rows(tmp_path: Path) -> None:
    src = tmp_path / "ads.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": AD}, ensure_ascii=False)
        + "\n" + "not json\n" + '{"id": "a3"}\n' + '{"id": "a4\\ud800", "text": "x"}\n',
        encoding="utf-8",
    )  # fmt: skip
    result = CliRunner().invoke(main, ["extract", str(src), "-q"])
    assert result.exit_code == 1  # some documents failed
    rows = _lines(result.stdout)
    assert [r["doc_id"] for r in rows] == ["a1", "ads:2", "ads:3", "ads:4"]
    assert "surrogate" in rows[3]["error"]["message"]
    assert "error" not in rows[0]
    assert rows[1]["error"]["kind"] == "jsonl" and ":2" in rows[1]["error"]["message"]
    assert rows[2]["error"]["kind"] == "jsonl"


def test_bad_files_become_error_rows_and_nothing_is_lost(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(AD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)))
    (tmp_path / "latin.txt").write_bytes("الراتب".encode("cp1256"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + AD.replace("\n", "\r\n").encode("utf-8"))
    result = CliRunner().invoke(main, ["extract", str(tmp_path), "-q"])
    rows = {r["doc_id"]: r for r in _lines(result.stdout)}
    assert set(rows) == {"good", "empty", "binary", "latin", "bom"}
    assert rows["binary"]["error"]["kind"] == "binary"
    assert rows["latin"]["error"]["kind"] == "decode" and "byte 0" in rows["latin"]["error"]["message"]
    assert rows["empty"]["warnings"] == ["empty document: no text to analyse"]
    bom = JobRecord.model_validate(rows["bom"])
    bom.check_offsets(AD.replace("\n", "\r\n"))  # BOM dropped, CRLF kept
    assert result.exit_code == 1
    fallback = CliRunner().invoke(main, ["extract", str(tmp_path / "latin.txt"), "-q", "--encoding", "cp1256"])
    assert fallback.exit_code == 0 and _lines(fallback.stdout)[0]["title"] == "الراتب"


def test_json_format_writes_one_file_per_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(ROOT / "corpus"), "-o", str(tmp_path / "j"), "--format", "json"])
    assert result.exit_code == 0
    from pipeline.export import safe_file_name

    files = sorted((tmp_path / "j").glob("*.json"))
    corpus = ROOT / "corpus"
    expected = [safe_file_name(p.relative_to(corpus).with_suffix("").as_posix()) for p in corpus.rglob("*.txt")]
    assert [f.stem for f in files] == sorted(expected)
    for f in files:
        JobRecord.model_validate_json(f.read_text(encoding="utf-8"))


def test_missing_path_is_an_error_row_and_no_input_cannot_run(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt"), "-q"])
    assert result.exit_code == 1 and _lines(result.stdout)[0]["error"]["kind"] == "not_found"
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    assert CliRunner().invoke(main, ["extract", str(empty_dir), "-q"]).exit_code == 2


def test_two_jobs_give_the_same_output_as_one(tmp_path: Path) -> None:
    for i in range(6):
        (tmp_path / f"ad{i}.txt").write_text(AD + f"\nتوفير {i + 1} وظيفة", encoding="utf-8")
    one = CliRunner().invoke(main, ["extract", str(tmp_path), "-q", "--jobs", "1"])
    two = CliRunner().invoke(main, ["extract", str(tmp_path), "-q", "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and len(_lines(one.stdout)) == 6


def test_schema_command_prints_the_committed_schema() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.stdout == (ROOT / "schemas" / "job_record.schema.json").read_text(encoding="utf-8")


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_python_dash_m_pipeline_is_the_same_cli() -> None:
    result = _run("-m", "pipeline", "--help")
    assert result.returncode == 0 and "extract" in result.stdout and "Examples" in result.stdout
    result = _run("-m", "pipeline", "extract", "-", "-q", stdin=AD)
    assert result.returncode == 0 and json.loads(result.stdout)["entities"]


def test_import_pulls_in_no_torch_and_no_camel_tools_data() -> None:
    code = (
        "import sys, pipeline; pipeline.extract('الراتب 5000 ريال');"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('torch', 'transformers') or m.startswith('camel_tools.data')];"
        "print(bad)"
    )
    result = _run("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("command", [["extract", "--help"], ["schema", "--help"], ["--help"]])
def test_every_help_has_examples(command: list[str]) -> None:
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0 and "Example" in result.output


def test_json_file_names_never_collide(tmp_path: Path) -> None:
    src = tmp_path / "ads.jsonl"
    rows = [{"id": "a/b", "text": AD}, {"id": "a_b", "text": AD}, {"id": "a b", "text": AD}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "j"
    assert CliRunner().invoke(main, ["extract", str(src), "-o", str(out), "--format", "json", "-q"]).exit_code == 0
    files = sorted(out.glob("*.json"))
    assert len(files) == 3
    assert sorted(json.loads(f.read_text(encoding="utf-8"))["doc_id"] for f in files) == ["a b", "a/b", "a_b"]
