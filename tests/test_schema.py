"""The record model: its committed JSON Schema stays in sync, and its validators reject broken records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from schemas import JobRecord, Salary
from schemas.record import json_schema, json_schema_text

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "job_record.schema.json"


def test_committed_schema_is_in_sync_with_the_models() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == json_schema_text(), "run `make schema` and commit"


def test_seed_record_validates_against_the_json_schema(seed_record: JobRecord) -> None:
    jsonschema.validate(json.loads(seed_record.model_dump_json()), json_schema())


def _record(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "doc_id": "d",
        "source": None,
        "title": None,
        "sections": [{"index": 0, "heading": None, "category": "summary", "start": 0, "end": 10}],
        "noise": [],
        "entities": [],
        "warnings": [],
    }
    base.update(changes)
    return base


def _salary(start: int, **changes: Any) -> dict[str, Any]:
    sal = {"type": "salary", "text": "5000 ريال", "start": start, "end": start + 9, "section": 0, "amount": 5000,
           "min": None, "max": None, "currency": "SAR", "period": "month", "statistic": None, "percentile": None,
           "year": None}  # fmt: skip
    sal.update(changes)
    return sal


def test_a_valid_record_round_trips() -> None:
    rec = JobRecord.model_validate(_record(entities=[_salary(0)]))
    assert JobRecord.model_validate_json(rec.model_dump_json()) == rec
    assert isinstance(rec.entities[0], Salary)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"entities": [_salary(5), _salary(0)]}, "sorted"),
        ({"entities": [_salary(0, section=3)]}, "missing section"),
        ({"entities": [_salary(0, currency="riyal")]}, "pattern"),
        ({"entities": [_salary(0, amount=None)]}, "amount or a min/max"),
        ({"entities": [_salary(0, amount=None, min=9000, max=8000)]}, "min > max"),
        ({"entities": [_salary(0, statistic="percentile")]}, "percentile"),
        ({"entities": [_salary(0, end=3)]}, "length"),
        ({"entities": [_salary(0, period="fortnight")]}, "period"),
        ({"entities": [{**_salary(0), "type": "bonus"}]}, "type"),
        ({"schema_version": "2"}, "schema_version"),
        ({"sections": [{"index": 0, "heading": None, "category": "summary", "start": 5, "end": 1}]}, "end"),
    ],
)
def test_broken_records_are_rejected(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        JobRecord.model_validate(_record(**changes))


def test_check_offsets_catches_a_span_that_does_not_match_the_input() -> None:
    rec = JobRecord.model_validate(_record(entities=[_salary(0)]))
    rec.check_offsets("5000 ريال شهريا")
    with pytest.raises(ValueError, match="does not match"):
        rec.check_offsets("6000 ريال شهريا")
