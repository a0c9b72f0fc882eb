"""Flat tables (pipeline/tables.py, `wasf tables`): one spec covers the record, the declared schema is the
one written, Parquet round-trips with row counts equal to the records', and the README's queries run."""

from __future__ import annotations

import json
import re
import statistics
import typing
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline import tables
from pipeline.cli import main
from pipeline.extras import MissingExtra, require
from schemas.record import Entity, JobRecord
from tests.conftest import ROOT

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

# --- the spec covers the record ------------------------------------------------------------------------


def _list_fields() -> set[str]:
    hints = typing.get_type_hints(JobRecord)
    return {name for name in JobRecord.model_fields if typing.get_origin(hints[name]) is list}


def test_every_list_of_the_record_has_a_table_or_says_why_not() -> None:
    tabled = {spec.items for spec in tables.TABLES if spec.items is not None}
    missing = _list_fields() - tabled - set(tables.NOT_TABLED)
    assert not missing, f"record lists without a table: add a Table to tables.TABLES or a NOT_TABLED reason: {missing}"


def test_the_spec_names_only_lists_the_record_has() -> None:
    assert {spec.items for spec in tables.TABLES if spec.items} | set(tables.NOT_TABLED) <= _list_fields()
    assert not {spec.items for spec in tables.TABLES} & set(tables.NOT_TABLED)


def test_every_entity_attribute_is_a_column() -> None:
    columns = {c.name for c in tables.table("entities").columns}
    for model in typing.get_args(typing.get_args(Entity)[0]):
        attributes = set(model.model_fields) - {"percentile"}  # salary's int, percentage's bool: two columns
        assert attributes <= columns, (model.__name__, attributes - columns)
    assert {"percentile", "is_percentile"} <= columns


def test_every_entity_type_has_a_count_column() -> None:
    types = {model.model_fields["type"].default for model in typing.get_args(typing.get_args(Entity)[0])}
    assert types == set(tables.ENTITY_TYPES)
    assert {f"n_{t}" for t in types} <= {c.name for c in tables.table("documents").columns}


# --- rows of a hand-made record ------------------------------------------------------------------------

RECORD: dict[str, Any] = {
    "doc_id": "d1",
    "source": "ads/d1.txt",
    "title": "مطلوب محاسب",
    "occupation": "محاسب",
    "sections": [
        {"index": 0, "heading": None, "category": "summary", "start": 0, "end": 12},
        {
            "index": 1,
            "heading": {"text": "الراتب", "start": 12, "end": 18},
            "category": "compensation",
            "start": 12,
            "end": 40,
        },
    ],
    "noise": [{"text": "x", "start": 0, "end": 1, "kind": "advert"}],
    "entities": [
        {
            "type": "salary",
            "text": "5000 ريال",
            "start": 19,
            "end": 28,
            "section": 1,
            "amount": 5000,
            "min": None,
            "max": None,
            "currency": "SAR",
            "period": "month",
            "statistic": "percentile",
            "percentile": 75,
            "year": None,
        },
        {"type": "percentage", "text": "75%", "start": 30, "end": 33, "section": 1, "value": 75, "percentile": True},
        {"type": "skill", "text": "Excel", "start": 34, "end": 39, "section": 1, "name": "Excel"},
    ],
    "warnings": ["currency from the country"],
}
ERROR_ROW = {"doc_id": "bad", "source": "bad.txt", "error": {"kind": "decode", "message": "not UTF-8"}}


def _rows(name: str, *records: dict[str, Any]) -> list[dict[str, Any]]:
    return tables.batch(tables.table(name), list(records)).to_pylist()  # type: ignore[no-any-return]


def test_documents_rows_count_entities_and_keep_error_rows() -> None:
    ok, bad = _rows("documents", RECORD, ERROR_ROW)
    assert (ok["doc_id"], ok["sections"], ok["noise"], ok["n_salary"], ok["n_skill"], ok["n_count"]) == (
        "d1",
        2,
        1,
        1,
        1,
        0,
    )
    assert ok["warnings"] == ["currency from the country"] and ok["error_kind"] is None
    assert (bad["error_kind"], bad["n_salary"], bad["sections"], bad["title"]) == ("decode", None, None, None)


def test_sections_rows_flatten_the_heading() -> None:
    first, second = _rows("sections", RECORD, ERROR_ROW)
    assert (first["heading"], first["heading_start"], first["category"]) == (None, None, "summary")
    assert (second["heading"], second["heading_start"], second["heading_end"], second["end"]) == ("الراتب", 12, 18, 40)


@pytest.mark.parametrize(
    ("index", "column", "expected"),
    [
        (0, "amount", 5000.0),
        (0, "currency", "SAR"),
        (0, "percentile", 75),  # a salary's percentile rank
        (0, "is_percentile", None),
        (0, "value", None),  # a salary has no value
        (1, "value", 75.0),
        (1, "is_percentile", True),  # a percentage's flag, not a rank
        (1, "percentile", None),
        (1, "currency", None),
        (2, "name", "Excel"),
        (2, "amount", None),
        (2, "section", 1),
    ],
)
def test_entity_attributes_land_in_their_column(index: int, column: str, expected: Any) -> None:
    assert _rows("entities", RECORD, ERROR_ROW)[index][column] == expected


def test_an_empty_batch_has_the_declared_schema() -> None:
    data = tables.batch(tables.table("entities"), [ERROR_ROW])
    assert data.num_rows == 0 and data.schema == tables.schema(tables.table("entities"))


# --- files: Parquet round-trip, CSV, the README's queries -----------------------------------------------


@pytest.fixture(scope="module")
def corpus_records(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus's records, as `wasf extract` writes them, plus one error row."""
    from pipeline.batch import process
    from pipeline.reader import read_inputs

    folder = tmp_path_factory.mktemp("records")
    (folder / "bad.txt").write_bytes(b"\xff\xfe not utf-8 \x81")
    path = folder / "records.jsonl"
    rows = [process(i)[1].decode("utf-8") for i in read_inputs([str(ROOT / "corpus"), str(folder / "bad.txt")])]
    path.write_text("".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_parquet_round_trip(corpus_records: Path, tmp_path: Path) -> None:
    counts = tables.write_tables([corpus_records, corpus_records], tmp_path)
    records = _records(corpus_records)
    entities = sum(len(r.get("entities", ())) for r in records)
    assert entities > 50 and any("error" in r for r in records)
    assert counts == {
        "documents": 2 * len(records),
        "sections": 2 * sum(len(r.get("sections", ())) for r in records),
        "entities": 2 * entities,
        "occupations": 2 * sum(len(r.get("occupations", ())) for r in records),
    }
    assert counts["occupations"] > 0
    for spec in tables.TABLES:
        parts = sorted((tmp_path / spec.name).glob("*.parquet"))
        assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet"]
        data = pq.read_table(parts[0])
        assert data.schema == tables.schema(spec)
        assert data.num_rows == counts[spec.name] // 2
    back = pq.read_table(tmp_path / "entities" / "part-00000.parquet").to_pylist()
    expected = Counter((r["doc_id"], e["type"], e["text"], e["start"]) for r in records for e in r.get("entities", ()))
    assert Counter((e["doc_id"], e["type"], e["text"], e["start"]) for e in back) == expected


def test_a_new_run_replaces_the_parts_of_an_earlier_one(corpus_records: Path, tmp_path: Path) -> None:
    tables.write_tables([corpus_records, corpus_records, corpus_records], tmp_path)
    tables.write_tables([corpus_records], tmp_path)
    assert [p.name for p in (tmp_path / "entities").iterdir()] == ["part-00000.parquet"]


def test_csv_joins_lists(tmp_path: Path) -> None:
    source = tmp_path / "r.jsonl"
    source.write_text(json.dumps(RECORD | {"warnings": ["a", "b"]}, ensure_ascii=False) + "\n", encoding="utf-8")
    tables.write_tables([source], tmp_path / "t", "csv")
    text = (tmp_path / "t" / "documents" / "part-00000.csv").read_text(encoding="utf-8")
    assert '"a | b"' in text and text.count("\n") == 2
    assert (tmp_path / "t" / "entities" / "part-00000.csv").read_text(encoding="utf-8").count("\n") == 4


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Flat tables for analysts") :]
    return re.findall(r"```sql\n(.*?)```", section, flags=re.S)


def test_the_readme_queries_run_and_agree_with_the_records(corpus_records: Path, tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    tables.write_tables([corpus_records], tmp_path)
    salary_sql, skills_sql = _readme_queries()
    run = lambda sql: duckdb.sql(sql.replace("DIR/", f"{tmp_path}/")).fetchall()  # noqa: E731
    salaries: dict[str, list[float]] = {}
    skills: dict[str, set[str]] = {}
    for r in _records(corpus_records):
        for e in r.get("entities", ()):
            if e["type"] == "salary" and e["period"] == "month" and e["currency"]:
                both = (e["min"] + e["max"]) / 2 if e["min"] is not None and e["max"] is not None else None
                value = next(v for v in (e["amount"], both, e["min"], e["max"]) if v is not None)
                salaries.setdefault(e["currency"], []).append(value)
            if e["type"] == "skill":
                skills.setdefault(e["name"], set()).add(r["doc_id"])
    assert salaries and skills
    got = {currency: (median, n) for currency, median, n in run(salary_sql)}
    assert got == {c: (pytest.approx(statistics.median(v)), len(v)) for c, v in salaries.items()}
    top = run(skills_sql)
    assert top == sorted(((k, len(v)) for k, v in skills.items()), key=lambda kv: (-kv[1], kv[0]))[:20]


# --- the command and the missing extra -----------------------------------------------------------------


def test_wasf_tables_command(corpus_records: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["tables", str(corpus_records), "-o", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    entities = sum(len(r.get("entities", ())) for r in _records(corpus_records))
    assert f"{entities} entities" in result.output
    assert pq.read_table(tmp_path / "t" / "entities").num_rows == entities


def test_wasf_tables_reads_a_folder_of_parts(corpus_records: Path, tmp_path: Path) -> None:
    lines = corpus_records.read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "out"
    out.mkdir()
    for i in range(3):
        (out / f"part-{i:05d}.jsonl").write_text("".join(lines[i::3]), encoding="utf-8")
    (out / "records.jsonl").write_text("".join(lines), encoding="utf-8")  # --gather's copy: not read twice
    result = CliRunner().invoke(main, ["tables", str(out), "-o", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "t" / "documents").iterdir())) == 3
    assert pq.read_table(tmp_path / "t" / "documents").num_rows == len(lines)
    result = CliRunner().invoke(main, ["tables", str(tmp_path / "t"), "-o", str(tmp_path / "t2")])
    assert result.exit_code == 2 and "no part-*.jsonl nor records.jsonl" in result.output


def test_extract_tables_option(tmp_path: Path) -> None:
    seed = str(ROOT / "corpus" / "senior-sales-executive.txt")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", seed, "-o", str(out), "-q", "--tables", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "t" / "entities").num_rows == len(_records(out)[0]["entities"])
    result = CliRunner().invoke(main, ["extract", seed, "--tables", str(tmp_path / "t")])
    assert result.exit_code == 2 and "needs -o" in result.output


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, corpus_records: Path, tmp_path: Path) -> None:
    with pytest.raises(MissingExtra, match=r"pip install 'wasf\[tables\]'"):
        require("wasf_no_such_module", "tables")

    def no_pyarrow(name: str) -> Any:
        raise ImportError(name)

    monkeypatch.setattr("pipeline.extras.importlib.import_module", no_pyarrow)
    result = CliRunner().invoke(main, ["tables", str(corpus_records), "-o", str(tmp_path / "t")])
    assert result.exit_code == 2 and "wasf[tables]" in result.output
