"""Duckling's Arabic test corpora (../shared/peer/duckling-ar.json) as a peer's yardstick.

Numerals go through the numeral reader directly: the example must read as one numeral covering it, with
Duckling's value. Money goes through salary extraction in a pay sentence ("الراتب: {example}"): one salary
with Duckling's amount (or min/max for an interval) and a currency of Duckling's unit. The file is
third-party data and is read from ../shared only; without it the module is skipped.

Cases wasf does not report by design are listed in EXCLUDED, each with its reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pipeline import extract
from pipeline.extractors.numerals import find_numerals
from pipeline.normalize import normalize

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "peer" / "duckling-ar.json"

#: Duckling's unit -> the ISO codes wasf may report for it (vague units accept their whole family)
UNITS: dict[str, set[str]] = {
    "Dollar": {"USD", "CAD", "AUD"},
    "Cent": {"USD", "CAD", "AUD", "EUR"},
    "Pound": {"EGP", "GBP", "SDG"},
    "Dinar": {"IQD", "KWD", "JOD", "BHD", "LYD", "TND", "DZD"},
    "Dirham": {"AED", "MAD"},
    "Riyal": {"SAR", "QAR", "OMR", "YER"},
    "Rial": {"SAR", "QAR", "OMR", "YER", "IRR"},
}

#: (locale, example) -> why wasf does not report it as Duckling does
EXCLUDED: dict[tuple[str, str], str] = {
    ("AR", "من عشرة لعشرين دولار"): "a number word glued to لـ ('to') is not split: 'لست' would read as 6",
    ("AR", "١١/١٠"): "a date in job text (11 October), not the fraction 11/10",
    ("AR", "-١٢/١٠"): "a date in job text (12 October) after a dash, not the fraction -12/10",
    ("AR_EG", "١١/١٠"): "a date in job text (11 October), not the fraction 11/10",
    ("AR_EG", "-١٢/١٠"): "a date in job text (12 October) after a dash, not the fraction -12/10",
}


def _cases() -> list[dict[str, Any]]:
    if not CORPUS.exists():
        return []
    return list(json.loads(CORPUS.read_text(encoding="utf-8"))["cases"])


CASES = _cases()
NUMERALS = [c for c in CASES if c["dimension"] == "numeral"]
MONEY = [c for c in CASES if c["dimension"] == "money"]
needs_corpus = pytest.mark.skipif(not CASES, reason="../shared/peer/duckling-ar.json is absent")


def _id(case: dict[str, Any]) -> str:
    return f"{case['locale']}:{case['example']}"


def _numeral_right(case: dict[str, Any]) -> bool:
    """The example reads as one numeral spanning it all, of Duckling's value."""
    text = normalize(case["example"]).text
    found = find_numerals(text)
    if len(found) != 1:
        return False
    n = found[0]
    return text[: n.start].strip() == "" and text[n.end :].strip() == "" and abs(n.value - case["expected"]) < 1e-9


def _same(a: float | None, b: float | None) -> bool:
    return (a is None) == (b is None) and (a is None or b is None or abs(a - b) < 1e-6)


def _money_right(case: dict[str, Any]) -> bool:
    """One salary in "الراتب: {example}" with Duckling's value(s) and a currency of its unit."""
    phrase = f"الراتب: {case['example']}"
    record = extract(phrase)
    record.check_offsets(phrase)
    salaries = [e for e in record.entities if e.type == "salary"]
    if len(salaries) != 1:
        return False
    s = salaries[0]
    unit, expected = case["currency"], case["expected"]
    if s.currency not in UNITS.get(unit, {unit}):
        return False
    scale = 0.01 if unit == "Cent" else 1.0
    if isinstance(expected, dict):
        lo = None if expected["min"] is None else expected["min"] * scale
        hi = None if expected["max"] is None else expected["max"] * scale
        return s.amount is None and _same(s.min, lo) and _same(s.max, hi)
    return _same(s.amount, expected * scale) and s.min is None and s.max is None


@needs_corpus
@pytest.mark.parametrize("case", [c for c in NUMERALS if (c["locale"], c["example"]) not in EXCLUDED], ids=_id)
def test_numeral(case: dict[str, Any]) -> None:
    text = normalize(case["example"]).text
    assert _numeral_right(case), f"{case['example']!r}: {find_numerals(text)} (expected {case['expected']})"


@needs_corpus
@pytest.mark.parametrize("case", [c for c in MONEY if (c["locale"], c["example"]) not in EXCLUDED], ids=_id)
def test_money(case: dict[str, Any]) -> None:
    phrase = f"الراتب: {case['example']}"
    got = [e.model_dump(exclude={"section"}) for e in extract(phrase).entities if e.type == "salary"]
    assert _money_right(case), f"{phrase!r}: {got} (expected {case['expected']} {case['currency']})"


@needs_corpus
def test_pass_rates_meet_the_bar() -> None:
    """At least 98% of the numerals (each locale) and 95% of the money cases, exclusions counted as misses."""
    for locale in ("AR", "AR_EG"):
        cases = [c for c in NUMERALS if c["locale"] == locale]
        assert sum(map(_numeral_right, cases)) / len(cases) >= 0.98, locale
    assert sum(map(_money_right, MONEY)) / len(MONEY) >= 0.95


@needs_corpus
def test_every_exclusion_names_a_case_of_the_corpus() -> None:
    examples = {(c["locale"], c["example"]) for c in CASES}
    assert set(EXCLUDED) <= examples
