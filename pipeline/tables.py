"""Flat tables of records for analysts: documents, sections, entities and occupations, as Parquet or CSV.

One spec (`TABLES`) defines every table: its rows come from one list of the record (or one row per
record), its columns each have a declared Arrow type, so every file of every run has the same schema and a
DuckDB, Polars, Spark or pandas query over a folder of them works without casts. A list the record gains
later is one more entry here, or one in `NOT_TABLED` saying why not (tests/test_tables.py checks that every
list of the record model is one or the other).

Layout: DIR/<table>/part-NNNNN.parquet (or .csv), one part per input JSONL file, so that the parts of a
`wasf extract --engine dask` run map one to one onto table parts.

pyarrow is the optional extra `wasf[tables]`: it is imported only when tables are written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.batch import batches
from pipeline.extras import require

if TYPE_CHECKING:
    import pyarrow as pa

#: A record or error row, as parsed from a JSONL line.
Row = dict[str, Any]

#: The entity types of the record, in the order of their count columns in `documents`.
ENTITY_TYPES = ("salary", "percentage", "count", "organization", "certification", "skill", "education")


@dataclass(frozen=True)
class Column:
    """One column: its name, Arrow type name (see `_ARROW`) and how to read it from (record, item)."""

    name: str
    type: str
    get: Callable[[Row, Row], Any]


@dataclass(frozen=True)
class Table:
    """A table: one row per item of `record[items]`, or per record when `items` is None."""

    name: str
    items: str | None
    columns: tuple[Column, ...]

    def rows(self, record: Row) -> Iterator[tuple[Any, ...]]:
        """The rows this record contributes (an error row contributes to `documents` only)."""
        if self.items is None:
            yield tuple(c.get(record, record) for c in self.columns)
            return
        for item in record.get(self.items) or ():
            yield tuple(c.get(record, item) for c in self.columns)


def _of_record(key: str) -> Callable[[Row, Row], Any]:
    return lambda record, _item: record.get(key)


def _of_item(key: str) -> Callable[[Row, Row], Any]:
    return lambda _record, item: item.get(key)


def _heading(key: str) -> Callable[[Row, Row], Any]:
    return lambda _record, item: (item.get("heading") or {}).get(key)


def _count_of(kind: str) -> Callable[[Row, Row], Any]:
    def count(record: Row, _item: Row) -> int | None:
        if "error" in record:
            return None
        return sum(1 for e in record.get("entities") or () if e.get("type") == kind)

    return count


def _length_of(key: str) -> Callable[[Row, Row], Any]:
    return lambda record, _item: None if "error" in record else len(record.get(key) or ())


def _error(key: str) -> Callable[[Row, Row], Any]:
    return lambda record, _item: (record.get("error") or {}).get(key)


def _salary_percentile(_record: Row, item: Row) -> Any:
    """A salary's percentile rank (an int); a percentage's `percentile` (a bool) is `is_percentile`."""
    value = item.get("percentile")
    return None if isinstance(value, bool) else value


def _candidate_codes(_record: Row, item: Row) -> list[str]:
    """The ISCO-08 codes an ambiguous occupation mention may also mean."""
    return [c.get("isco08") for c in item.get("candidates") or ()]


def _percentage_is_percentile(_record: Row, item: Row) -> Any:
    value = item.get("percentile")
    return value if isinstance(value, bool) else None


_DOC_ID = Column("doc_id", "string", _of_record("doc_id"))

#: Entity attributes, each its own column; null where the entity's type has no such attribute.
ENTITY_ATTRIBUTES: tuple[Column, ...] = (
    Column("amount", "float64", _of_item("amount")),
    Column("min", "float64", _of_item("min")),
    Column("max", "float64", _of_item("max")),
    Column("currency", "string", _of_item("currency")),
    Column("period", "string", _of_item("period")),
    Column("statistic", "string", _of_item("statistic")),
    Column("percentile", "int32", _salary_percentile),
    Column("is_percentile", "bool", _percentage_is_percentile),
    Column("year", "int32", _of_item("year")),
    Column("value", "float64", _of_item("value")),
    Column("unit", "string", _of_item("unit")),
    Column("name", "string", _of_item("name")),
    Column("name_en", "string", _of_item("name_en")),
    Column("role", "string", _of_item("role")),
    Column("acronym", "string", _of_item("acronym")),
    Column("issuer", "string", _of_item("issuer")),
    Column("level", "string", _of_item("level")),
    Column("field", "string", _of_item("field")),
)

#: A mention's text and offsets into the input (of an entity, of an occupation).
_SPAN = (
    Column("text", "string", _of_item("text")),
    Column("start", "int64", _of_item("start")),
    Column("end", "int64", _of_item("end")),
)

TABLES: tuple[Table, ...] = (
    Table(
        "documents",
        None,
        (
            _DOC_ID,
            Column("source", "string", _of_record("source")),
            Column("title", "string", _of_record("title")),
            Column("occupation", "string", _of_record("occupation")),
            Column("sections", "int32", _length_of("sections")),
            Column("noise", "int32", _length_of("noise")),
            *(Column(f"n_{kind}", "int32", _count_of(kind)) for kind in ENTITY_TYPES),
            Column("warnings", "list<string>", _of_record("warnings")),
            Column("error_kind", "string", _error("kind")),
            Column("error_message", "string", _error("message")),
        ),
    ),
    Table(
        "sections",
        "sections",
        (
            _DOC_ID,
            Column("index", "int32", _of_item("index")),
            Column("heading", "string", _heading("text")),
            Column("heading_start", "int64", _heading("start")),
            Column("heading_end", "int64", _heading("end")),
            Column("category", "string", _of_item("category")),
            Column("start", "int64", _of_item("start")),
            Column("end", "int64", _of_item("end")),
        ),
    ),
    Table(
        "entities",
        "entities",
        (
            _DOC_ID,
            Column("type", "string", _of_item("type")),
            *_SPAN,
            Column("section", "int32", _of_item("section")),
            *ENTITY_ATTRIBUTES,
        ),
    ),
    Table(
        "occupations",
        "occupations",
        (
            _DOC_ID,
            *_SPAN,
            Column("isco08", "string", _of_item("isco08")),
            Column("esco_uri", "string", _of_item("esco_uri")),
            Column("label_ar", "string", _of_item("label_ar")),
            Column("label_en", "string", _of_item("label_en")),
            Column("match", "string", _of_item("match")),
            Column("confidence", "float64", _of_item("confidence")),
            Column("candidates", "list<string>", _candidate_codes),
        ),
    ),
)

#: Lists of the record that have no table, and why.
NOT_TABLED: dict[str, str] = {
    "noise": "scrape junk excluded from extraction; counted in documents.noise",
    "warnings": "a list<string> column of documents",
}

FORMATS = ("parquet", "csv")

#: Records read before their rows are written (one Parquet row group per table): bounds memory.
BATCH_RECORDS = 5_000


def table(name: str) -> Table:
    """The spec of one table, by name."""
    for spec in TABLES:
        if spec.name == name:
            return spec
    raise KeyError(name)


def _arrow_type(pa: Any, name: str) -> pa.DataType:
    if name == "list<string>":
        return pa.list_(pa.string())
    return getattr(pa, "bool_" if name == "bool" else name)()


def schema(spec: Table) -> pa.Schema:
    """The declared Arrow schema of a table."""
    pa = require("pyarrow", "tables")
    return pa.schema([pa.field(c.name, _arrow_type(pa, c.type)) for c in spec.columns])


def batch(spec: Table, records: Iterable[Row]) -> pa.RecordBatch:
    """The rows of `records` for one table, as an Arrow record batch of its declared schema."""
    pa = require("pyarrow", "tables")
    rows = [row for record in records for row in spec.rows(record)]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in spec.columns]
    arrow_schema = schema(spec)
    arrays = [pa.array(list(col), type=field.type) for col, field in zip(columns, arrow_schema, strict=True)]
    return pa.RecordBatch.from_arrays(arrays, schema=arrow_schema)


def read_records(path: Path) -> Iterator[Row]:
    """The rows of a wasf JSONL output (records and error rows), streamed."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


class _PartWriter:
    """One part file of one table, written batch by batch through a temporary name."""

    def __init__(self, path: Path, spec: Table, fmt: str) -> None:
        self.path, self.tmp = path, path.with_name(f".{path.name}.part")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.arrow_schema = schema(spec)
        if fmt == "parquet":
            pq = require("pyarrow.parquet", "tables")
            self.writer: Any = pq.ParquetWriter(self.tmp, self.arrow_schema, compression="zstd")
        else:
            csv = require("pyarrow.csv", "tables")
            self.writer = csv.CSVWriter(self.tmp, _csv_schema(self.arrow_schema))

    def write(self, data: pa.RecordBatch, fmt: str) -> None:
        self.writer.write_batch(data if fmt == "parquet" else _csv_batch(data))

    def close(self) -> None:
        self.writer.close()
        self.tmp.replace(self.path)


def _csv_schema(arrow_schema: pa.Schema) -> pa.Schema:
    """CSV has no lists: a list<string> column is written as its items joined by ' | '."""
    pa = require("pyarrow", "tables")
    return pa.schema([pa.field(f.name, pa.string()) if pa.types.is_list(f.type) else f for f in arrow_schema])


def _csv_batch(data: pa.RecordBatch) -> pa.RecordBatch:
    pa = require("pyarrow", "tables")
    pc = require("pyarrow.compute", "tables")
    arrays = [pc.binary_join(col, " | ") if pa.types.is_list(col.type) else col for col in data.columns]
    return pa.RecordBatch.from_arrays(arrays, schema=_csv_schema(data.schema))


def write_part(records: Iterable[Row], out_dir: Path, part: int, fmt: str = "parquet") -> dict[str, int]:
    """Write part `part` of every table under `out_dir` from `records`; returns the rows per table."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    writers = {spec.name: _PartWriter(out_dir / spec.name / f"part-{part:05d}.{fmt}", spec, fmt) for spec in TABLES}
    counts = dict.fromkeys(writers, 0)
    for chunk in batches(records, max_docs=BATCH_RECORDS):
        for spec in TABLES:
            data = batch(spec, chunk)
            counts[spec.name] += data.num_rows
            writers[spec.name].write(data, fmt)
    for writer in writers.values():
        writer.close()
    return counts


def clear(out_dir: Path, fmt: str) -> None:
    """Remove the parts of an earlier run, which would otherwise mix with the new ones."""
    for spec in TABLES:
        for old in (out_dir / spec.name).glob(f"part-*.{fmt}"):
            old.unlink()


def write_tables(paths: Iterable[Path], out_dir: Path, fmt: str = "parquet") -> dict[str, int]:
    """Tables of wasf JSONL outputs: part i of every table from the i-th file. Returns rows per table."""
    require("pyarrow", "tables")
    clear(out_dir, fmt)
    totals = {spec.name: 0 for spec in TABLES}
    for part, path in enumerate(paths):
        for name, n in write_part(read_records(path), out_dir, part, fmt).items():
            totals[name] += n
    return totals
