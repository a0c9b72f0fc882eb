"""Shared fixtures: the bundled seed, the gold annotations and real ads of ../shared (where present)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "corpus" / "senior-sales-executive.txt"
GOLD = SHARED / "gold" / "senior-sales-executive.json"
REAL = SHARED / "corpus-real"


def real_ads() -> list[Path]:
    """The real job ads of ../shared/corpus-real, or [] where ../shared is absent."""
    return sorted(REAL.glob("*.txt")) if REAL.is_dir() else []


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    if not GOLD.is_file():
        pytest.skip("../shared/gold is absent")
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def seed_record(seed_text: str) -> Any:
    from pipeline import extract

    return extract(seed_text, doc_id="senior-sales-executive", source=str(SEED))
