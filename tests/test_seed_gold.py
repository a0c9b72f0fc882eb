"""Acceptance: on the seed, the record matches ../shared/gold/senior-sales-executive.json exactly."""

from __future__ import annotations

from typing import Any

from schemas import JobRecord

GOLD_TYPES = {
    "salaries": ("salary", ["amount", "min", "max", "currency", "period", "statistic", "percentile", "year"]),
    "percentages": ("percentage", ["value", "percentile"]),
    "organizations": ("organization", ["role"]),
    "certifications": ("certification", []),
    "skills": ("skill", []),
    "education": ("education", ["level"]),
    "counts": ("count", ["value", "unit"]),
}


def _found(record: JobRecord, kind: str, keys: list[str]) -> list[dict[str, Any]]:
    return [{"text": e.text, **{k: getattr(e, k) for k in keys}} for e in record.entities if e.type == kind]


def _expected(gold: dict[str, Any], key: str, keys: list[str]) -> list[dict[str, Any]]:
    return [{"text": g["text"], **{k: g.get(k) for k in keys}} for g in gold[key]]


def test_title_headings_and_noise(seed_record: JobRecord, gold: dict[str, Any]) -> None:
    assert seed_record.title == gold["title"]
    headed = [s for s in seed_record.sections if s.heading is not None]
    assert [(s.heading.text, s.category) for s in headed if s.heading] == [
        (h["text"], h["category"]) for h in gold["headings"]
    ]
    assert [n.text for n in seed_record.noise] == gold["noise"]
    first = seed_record.sections[0]
    assert first.heading is None and first.category == "summary" and first.index == 0


def test_entities_of_every_type(seed_record: JobRecord, gold: dict[str, Any]) -> None:
    for gold_key, (kind, keys) in GOLD_TYPES.items():
        assert _found(seed_record, kind, keys) == _expected(gold, gold_key, keys), kind


def test_links_between_entities(seed_record: JobRecord) -> None:
    orgs = [e for e in seed_record.entities if e.type == "organization"]
    bls = {e.name for e in orgs if e.text == "BLS" or "إحصاءات" in e.text}
    assert bls == {"مكتب الولايات المتحدة لإحصاءات العمل"}
    cert = next(e for e in seed_record.entities if e.type == "certification")
    assert cert.issuer == "مؤسسة أبحاث التعليم لممثلي الشركات"
    assert seed_record.occupation == "كبار المبيعات التنفيذي"
    assert seed_record.warnings == []


def test_offsets_and_sections(seed_record: JobRecord, seed_text: str) -> None:
    seed_record.check_offsets(seed_text)
    sections = {s.index: s for s in seed_record.sections}
    for e in seed_record.entities:
        assert e.section is not None
        assert sections[e.section].start <= e.start and e.end <= sections[e.section].end
