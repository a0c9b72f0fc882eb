"""RECORD.md invariants as properties: over the real ads of ../shared and over arbitrary Arabic-heavy text.

For every span `input[start:end] == text`, entities are sorted and point at an existing section that
contains them, and the record validates against the committed JSON Schema; extract() never raises.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract
from schemas import JobRecord
from schemas.record import json_schema
from tests.conftest import real_ads

SCHEMA = json_schema()


def check_invariants(record: JobRecord, text: str) -> None:
    record.check_offsets(text)
    jsonschema.validate(json.loads(record.model_dump_json()), SCHEMA)  # every record can be written
    starts = [e.start for e in record.entities]
    assert starts == sorted(starts)
    sections = {s.index: s for s in record.sections}
    for e in record.entities:
        if e.section is not None:
            assert sections[e.section].start <= e.start < max(sections[e.section].end, e.start + 1)
    for a, b in zip(record.sections, record.sections[1:], strict=False):
        assert a.end <= b.start


ADS = real_ads()


@pytest.mark.skipif(not ADS, reason="../shared/corpus-real is absent")
@pytest.mark.parametrize("path", ADS, ids=[p.stem[:12] for p in ADS])
def test_real_ads(path: Path) -> None:
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    record = extract(text, doc_id=path.stem)
    check_invariants(record, text)
    assert not [w for w in record.warnings if w.startswith("internal error")]


PIECES = [
    "الراتب",
    ": ",
    "٥٠٠٠",
    "73.710",
    "144،420",
    " دولارًا",
    " ريال",
    " شهريا",
    "\n",
    "\n\n",
    "مؤهلات",
    "٪",
    "%",
    " في المائة",
    "مكتب الولايات المتحدة لإحصاءات العمل",
    "BLS",
    "شركة",
    " ",
    "،",
    ".",
    "$config[code] not found",
    "ﻻ",
    "\u200f",
    "ـ",
    "ً",
    "\r\n",
    "مهارات تواصل",
    "بكالوريوس",
    "خبرة 3 سنوات",
    "من 8000 إلى",
    "-",
    "1.4.2.",
    "0551234567",
    "أعلى 10 بالمائة",
    "75th المئوية",
    "•",
    "الشروط:",
    "\ufeff",
    "\x00",
]
ARABIC_HEAVY = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
            st.characters(min_codepoint=0x20, max_codepoint=0x7E),
            st.sampled_from(list("\n\r\t \u00a0\u200f\u200e\ufeffﻻﷲ٫٬،٪")),
            st.characters(),
        ),
        max_size=200,
    ),
)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARABIC_HEAVY)
def test_never_raises_and_keeps_every_invariant(text: str) -> None:
    record = extract(text)
    check_invariants(record, text)
    assert not [w for w in record.warnings if w.startswith("internal error")], record.warnings
