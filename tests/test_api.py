"""The library API: extract() and the spaCy pipeline of load() give the same record."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import extract, extract_many, load
from tests.conftest import SEED, real_ads

DOCS = [SEED, *real_ads()[::7]]


@pytest.mark.parametrize("path", DOCS, ids=[p.stem[:14] for p in DOCS])
def test_spacy_pipeline_gives_the_same_record_as_extract(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    nlp = load()
    doc = nlp.make_doc(text)
    doc.user_data["wasf_doc_id"] = path.stem
    doc = nlp(doc)
    assert doc._.wasf_record == extract(text, doc_id=path.stem)
    labels = {s.label_ for s in doc.spans["wasf"]}
    assert labels == {e.type for e in doc._.wasf_record.entities}


def test_components_fail_early_when_a_stage_is_missing() -> None:
    import spacy

    nlp = spacy.blank("ar")
    nlp.add_pipe("wasf_normalize")
    nlp.add_pipe("wasf_quantities")
    with pytest.raises(ValueError, match=r"\[wasf_quantities\] requires 'wasf_segment'"):
        nlp("الراتب 5000 ريال")


def test_tokenizer_splits_final_periods() -> None:
    tokens = [t.text for t in load().make_doc("حصل على 144،420 دولارًا. وبلغ 16%.")]
    assert tokens == ["حصل", "على", "144،420", "دولارًا", ".", "وبلغ", "16", "%", "."]


def test_extract_many_streams_in_order_on_two_processes() -> None:
    items = [(f"d{i}", f"الراتب {1000 + i} ريال") for i in range(10)]
    records = list(extract_many(items, n_process=2))
    assert [r.doc_id for r in records] == [f"d{i}" for i in range(10)]
    assert [r.entities[0].amount for r in records] == [1000 + i for i in range(10)]


def test_extract_never_raises_and_rejects_non_text() -> None:
    assert extract("   \n").warnings == ["empty document: no text to analyse"]
    broken = extract("الراتب 5000 ريال \ud800")
    assert broken.warnings == ["invalid text: a lone surrogate at index 17"] and broken.entities == []
    broken.model_dump_json()  # and it can be written
    with pytest.raises(TypeError):
        extract(b"bytes")  # type: ignore[arg-type]
