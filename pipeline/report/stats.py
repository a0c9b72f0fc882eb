"""Corpus figures, gathered one row at a time in bounded memory.

Counters hold one entry per distinct name (skills, organizations ...), salary values are kept as a
fixed-size random sample per (currency, period), and error rows beyond a cap are only counted, so the
report of 10,000 documents or of a million needs about the same memory.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pipeline.report.rows import Row

#: Salary values kept per (currency, period) for the distribution charts (a uniform sample beyond that).
SAMPLE = 2000
#: Error rows listed on the corpus page (all are counted).
MAX_ERRORS_LISTED = 1000


def salary_value(ent: dict[str, Any]) -> float | None:
    """The figure a salary contributes to a distribution: its amount, or the middle of its range."""
    amount, low, high = ent.get("amount"), ent.get("min"), ent.get("max")
    if isinstance(amount, int | float):
        return float(amount)
    bounds = [b for b in (low, high) if isinstance(b, int | float)]
    return sum(bounds) / len(bounds) if bounds else None


@dataclass
class SalarySample:
    """A uniform random sample (reservoir) of one (currency, period)'s salary values, and their count."""

    seen: int = 0
    values: list[float] = field(default_factory=list)

    def add(self, value: float, rng: random.Random) -> None:
        self.seen += 1
        if len(self.values) < SAMPLE:
            self.values.append(value)
        else:
            slot = rng.randrange(self.seen)
            if slot < SAMPLE:
                self.values[slot] = value


@dataclass
class CorpusStats:
    """What the corpus page shows, updated by `add(row)`."""

    documents: int = 0
    records: int = 0
    errors: int = 0
    with_salary: int = 0
    with_warnings: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    salaries: dict[tuple[str, str], SalarySample] = field(default_factory=dict)
    skills: Counter[str] = field(default_factory=Counter)
    organizations: Counter[tuple[str, str]] = field(default_factory=Counter)  # (name, role)
    certifications: Counter[str] = field(default_factory=Counter)
    education: Counter[str] = field(default_factory=Counter)
    occupations: Counter[str] = field(default_factory=Counter)  # "ISCO-08 code · label", per document
    categories: Counter[str] = field(default_factory=Counter)
    noise: Counter[str] = field(default_factory=Counter)
    error_rows: list[tuple[str, str | None, str, str]] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(0))

    def add(self, row: Row) -> None:
        self.documents += 1
        if row.record is None:
            self.errors += 1
            if len(self.error_rows) < MAX_ERRORS_LISTED and row.error is not None:
                self.error_rows.append((row.doc_id, row.source, *row.error))
            return
        rec = row.record
        self.records += 1
        self.with_warnings += bool(rec["warnings"])
        self.categories.update(str(s.get("category")) for s in rec["sections"] if isinstance(s, dict))
        self.noise.update(str(n.get("kind")) for n in rec["noise"])
        self.occupations.update(occupation_label(o) for o in rec.get("occupations") or () if isinstance(o, dict))
        has_salary = False
        for ent in rec["entities"]:
            kind = ent["type"]
            self.entities[kind] += 1
            if kind == "salary":
                has_salary = True
                self._salary(ent)
            elif kind == "skill":
                self.skills[str(ent.get("name") or ent["text"])] += 1
            elif kind == "organization":
                self.organizations[(str(ent.get("name") or ent["text"]), str(ent.get("role") or "other"))] += 1
            elif kind == "certification":
                self.certifications[str(ent.get("name") or ent["text"])] += 1
            elif kind == "education":
                self.education[str(ent.get("level") or "other")] += 1
        self.with_salary += has_salary

    def _salary(self, ent: dict[str, Any]) -> None:
        value = salary_value(ent)
        if value is None:
            return
        key = (str(ent.get("currency") or "?"), str(ent.get("period") or "?"))
        self.salaries.setdefault(key, SalarySample()).add(value, self.rng)


def occupation_label(occ: dict[str, Any]) -> str:
    """An occupation as the report names it: its ISCO-08 unit group and the ESCO label (else the mention)."""
    return f"{occ.get('isco08')} · {occ.get('label_ar') or occ.get('text')}"
