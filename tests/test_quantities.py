"""Salary, percentage and count extraction as a corpus of examples (tests/data), Duckling style.

Each positive phrase must yield exactly one entity of its type with the expected attributes (and its
text an exact substring); each negative phrase must yield no salary, percentage or count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline import extract

DATA = Path(__file__).resolve().parent / "data"


def _rows() -> list[tuple[str, str, dict[str, Any]]]:
    rows = []
    for line in (DATA / "quantities.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        phrase, kind, expected = line.split("\t")
        rows.append((phrase, kind, json.loads(expected)))
    return rows


def _negatives() -> list[str]:
    lines = (DATA / "quantities_negative.txt").read_text(encoding="utf-8").splitlines()
    return [ln for ln in lines if ln.strip() and not ln.startswith("#")]


ROWS = _rows()
NEGATIVES = _negatives()
QUANTITY_TYPES = {"salary", "percentage", "count"}


def test_the_corpus_is_as_large_as_promised() -> None:
    assert len(ROWS) >= 150
    assert len(NEGATIVES) >= 40


@pytest.mark.parametrize(("phrase", "kind", "expected"), ROWS, ids=[r[0][:40] for r in ROWS])
def test_positive(phrase: str, kind: str, expected: dict[str, Any]) -> None:
    record = extract(phrase)
    record.check_offsets(phrase)
    found = [e for e in record.entities if e.type == kind]
    assert len(found) == 1, f"expected one {kind} in {phrase!r}, got {[e.text for e in record.entities]}"
    entity = found[0].model_dump()
    for key, value in expected.items():
        assert entity[key] == value, f"{key}: {entity[key]!r} != {value!r} in {phrase!r}"


@pytest.mark.parametrize("phrase", NEGATIVES)
def test_negative(phrase: str) -> None:
    record = extract(phrase)
    hits = [(e.type, e.text) for e in record.entities if e.type in QUANTITY_TYPES]
    assert hits == [], f"{phrase!r} must yield no quantity, got {hits}"
