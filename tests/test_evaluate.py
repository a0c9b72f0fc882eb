"""The scorer: matching rules and counts checked by hand on small cases, and `wasf eval` end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pipeline import extract
from pipeline.cli import main
from pipeline.evaluate import Score, dice, pair, score_document

ROOT = Path(__file__).resolve().parent.parent


def _gold(**parts: Any) -> dict[str, Any]:
    return {"file": "x.txt", "title": "مطلوب محاسب", **parts}


def test_pairing_takes_the_first_unpaired_match_in_order() -> None:
    gold = [{"text": "a"}, {"text": "a"}, {"text": "b"}]
    found = [{"text": "a"}, {"text": "c"}, {"text": "a"}]
    pairs, missed, false_hits = pair(gold, found, lambda g, f: g["text"] == f["text"])
    assert [(g["text"], f["text"]) for g, f in pairs] == [("a", "a"), ("a", "a")]
    assert missed == [{"text": "b"}] and false_hits == [{"text": "c"}]


def test_counts_on_a_small_document() -> None:
    text = "مطلوب محاسب\nالراتب: 5000 ريال شهريا\nخبرة 3 سنوات\nنسبة 5%"
    record = extract(text, doc_id="x")
    gold = _gold(
        salaries=[{"text": "5000 ريال", "amount": 5000, "min": None, "max": None, "currency": "SAR",
                   "period": "year"}],  # wrong period on purpose: an attribute error, still a match
        percentages=[{"text": "5%", "value": 5, "percentile": False}, {"text": "7%", "value": 7, "percentile": False}],
        counts=[],  # the found count is a false hit
        headings=[{"text": "الراتب", "category": "compensation"}],
    )  # fmt: skip
    score = Score()
    score_document(gold, record, score)
    s = score.as_dict()
    assert (s["types"]["salary"]["tp"], s["types"]["salary"]["fp"], s["types"]["salary"]["fn"]) == (1, 0, 0)
    assert (s["types"]["percentage"]["tp"], s["types"]["percentage"]["fn"]) == (1, 1)
    assert s["types"]["percentage"]["recall"] == 0.5
    assert s["types"]["count"]["fp"] == 1 and s["types"]["count"]["precision"] == 0.0
    assert s["attributes"]["salary.period"] == {"agree": 0, "total": 1, "accuracy": 0.0}
    assert s["types"]["heading"]["tp"] == 1 and s["attributes"]["heading.category"]["accuracy"] == 1.0
    assert s["title_accuracy"] == 1.0
    notes = s["details"]["x.txt"]
    assert "percentage missed: '7%'" in notes and "count false hit: '3'" in notes


def test_a_range_of_counts_matches_both_ends_in_gold() -> None:
    """Gold counts have no max: a range of years is listed as its two ends, which the predicted range
    (one entity, value and max) matches both; an end the range does not have is still missed."""
    record = extract("مطلوب مبرمج\nخبرة من 3 إلى 6 سنوات في البرمجة", doc_id="x")
    years = [{"value": 3, "unit": "years_experience"}, {"value": 6, "unit": "years_experience"}]
    score = Score()
    score_document(_gold(counts=years), record, score)
    assert (score.tally("count").tp, score.tally("count").fn, score.tally("count").fp) == (2, 0, 0)
    score = Score()
    score_document(_gold(counts=[*years, {"value": 9, "unit": "years_experience"}]), record, score)
    assert (score.tally("count").tp, score.tally("count").fn) == (2, 1)


def test_salary_needs_the_same_currency_to_match() -> None:
    record = extract("الراتب 5000 درهم", doc_id="x")
    gold = _gold(salaries=[{"text": "5000 درهم", "amount": 5000, "min": None, "max": None, "currency": "MAD"}])
    score = Score()
    score_document(gold, record, score)
    assert (score.tally("salary").tp, score.tally("salary").fp, score.tally("salary").fn) == (0, 1, 1)


def test_wasf_eval_on_the_bundled_gold_set() -> None:
    result = CliRunner().invoke(main, ["eval", str(ROOT / "corpus" / "gold"), str(ROOT / "corpus"), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    golds = list((ROOT / "corpus" / "gold").glob("*.json"))
    assert scores["documents"] == len(golds)
    expected_salaries = sum(len(json.loads(g.read_text(encoding="utf-8"))["salaries"]) for g in golds)
    salary = scores["types"]["salary"]
    assert salary["tp"] + salary["fn"] == expected_salaries  # every gold salary is counted once
    text = CliRunner().invoke(main, ["eval", str(ROOT / "corpus" / "gold"), str(ROOT / "corpus"), "-v"])
    assert "all entities" in text.stdout and "== senior-sales-executive.txt" in text.stdout


def test_wasf_eval_without_gold_files_is_a_usage_error(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["eval", str(tmp_path), str(tmp_path)]).exit_code == 2


@pytest.mark.parametrize(
    ("gold", "found", "expected"),
    [
        ("مهارات التواصل", "مهارات التواصل", 1.0),
        ("مهارات التواصل", "والمهارات التواصل", 1.0),  # a glued conjunction and the article do not count
        ("لمكتب العمل الدولي", "مكتب العمل الدولي", 1.0),
        ("مهارات التواصل الجيدة", "مهارات التواصل", 0.8),  # 2 * 2 shared / 5 words
        ("درجة البكالوريوس", "درجة البكالوريوس في المحاسبة أو المالية أو إدارة الأعمال", 4 / 11),
        ("Excel", "excel", 1.0),
        ("إدارة الوقت", "إدارة المشاريع", 0.5),
        ("الراتب", "الراتب الشهري والمزايا الإضافية للموظفين", 2 / 6),
        ("التفاوض", "الإقناع", 0.0),
    ],
)
def test_text_matching_is_dice_over_folded_words(gold: str, found: str, expected: float) -> None:
    assert dice(gold, found) == pytest.approx(expected)


def test_a_label_value_label_is_neutral_and_a_toc_marker_ignored() -> None:
    text = "مطلوب محاسب\nالراتب: 5000 ريال\nجدول المحتويات\nالمهام\nإعداد التقارير"
    record = extract(text, doc_id="x")
    assert any(s.heading and s.heading.text.startswith("الراتب") for s in record.sections)
    score = Score()
    score_document(_gold(headings=[{"text": "المهام", "category": "responsibilities"}]), record, score, text)
    heading = score.tally("heading")
    assert (heading.tp, heading.fp, heading.fn) == (1, 0, 0)
    score = Score()  # without the text the label cannot be told from a heading: a false hit
    score_document(_gold(headings=[{"text": "المهام", "category": "responsibilities"}]), record, score)
    assert score.tally("heading").fp == 1


def test_wasf_eval_takes_several_gold_folders(tmp_path: Path) -> None:
    beside = tmp_path / "set-a"
    (beside / "gold").mkdir(parents=True)
    (beside / "a.txt").write_text("الراتب: 7000 درهم شهريا", encoding="utf-8")
    gold_a = {"file": "a.txt", "title": None, "salaries": [{"text": "7000 درهم", "amount": 7000, "min": None,
              "max": None, "currency": "AED", "period": "month"}]}  # fmt: skip
    (beside / "gold" / "a.json").write_text(json.dumps(gold_a, ensure_ascii=False), encoding="utf-8")
    args = ["eval", str(beside / "gold"), str(ROOT / "corpus" / "gold"), str(ROOT / "corpus")]
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert set(scores["folders"]) == {str(beside / "gold"), str(ROOT / "corpus" / "gold")}
    assert scores["folders"][str(beside / "gold")]["types"]["salary"]["tp"] == 1
    assert scores["documents"] == 1 + len(list((ROOT / "corpus" / "gold").glob("*.json")))
    text = CliRunner().invoke(main, args).stdout
    assert "### all 2 gold folders" in text


@pytest.mark.parametrize(
    ("gold_title", "text", "right"),
    [
        (None, "الراتب الشهري يبلغ خمسة آلاف ريال لكل موظف في الشركة، بحسب ما أعلنته الإدارة أمس.", True),
        (None, "مطلوب محاسب\nخبرة سنتان", False),  # a title where gold has none is wrong
        ("مطلوب محاسب", "مطلوب محاسب\nخبرة سنتان", True),
        ("مطلوب محاسب", "الراتب الشهري يبلغ خمسة آلاف ريال لكل موظف في الشركة، بحسب ما أعلنته الإدارة أمس.", False),
    ],
)
def test_a_null_title_is_right_when_none_is_predicted(gold_title: str | None, text: str, right: bool) -> None:
    record = extract(text, doc_id="x")
    if gold_title is None and right:
        record = record.model_copy(update={"title": None})
    score = Score()
    score_document({"file": "x.txt", "title": gold_title}, record, score)
    assert score.titles_right == int(right)


def test_noise_without_words_matches_the_same_characters() -> None:
    from pipeline.evaluate import _same_text

    assert _same_text("•", "•") and _same_text("-", " - ")
    assert not _same_text("•", "-") and not _same_text("", "")
    assert not _same_text("•", "شارك")


def test_a_gold_heading_pairs_with_the_closest_heading_not_the_first() -> None:
    found = [{"text": "الخبرة المطلوبة"}, {"text": "المؤهلات المطلوبة"}]
    gold = [{"text": "المؤهلات المطلوبة:"}]
    from pipeline.evaluate import _similar_text, _text_closeness

    pairs, _, false_hits = pair(gold, found, _similar_text, _text_closeness)
    assert pairs[0][1]["text"] == "المؤهلات المطلوبة" and false_hits == [{"text": "الخبرة المطلوبة"}]
    pairs, _, _ = pair(gold, found, _similar_text)  # without closeness: the first that matches
    assert pairs[0][1]["text"] == "الخبرة المطلوبة"
