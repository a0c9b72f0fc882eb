"""Document structure on real-looking pages: headings by shape and place, the title among page furniture,
noise by shape and position. The cases are tables in tests/data (headings.tsv, titles.tsv,
furniture.tsv), written for wasf; every table holds negative rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.lines import is_question_heading, reads_as_paragraph, reads_as_sentence
from pipeline.normalize import fold

DATA = Path(__file__).parent / "data"
FILLER = "نبحث عن موظف لديه خبرة ثلاث سنوات في العمل المكتبي وخدمة المراجعين في المدينة."


def _table(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        rows = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE))


def _doc(cell: str) -> str:
    return cell.replace("\\n", "\n")


HEADINGS = _table("headings.tsv")
TITLES = _table("titles.tsv")
FURNITURE = _table("furniture.tsv")


def test_the_tables_cover_positive_and_negative_cases() -> None:
    assert sum(r["category"] != "-" for r in HEADINGS) >= 15 and sum(r["category"] == "-" for r in HEADINGS) >= 8
    assert sum(r["title"] != "-" for r in TITLES) >= 5 and sum(r["title"] == "-" for r in TITLES) >= 3
    assert sum(r["kind"] != "-" for r in FURNITURE) >= 15 and sum(r["kind"] == "-" for r in FURNITURE) >= 5


@pytest.mark.parametrize("row", HEADINGS, ids=[r["shape"] for r in HEADINGS])
def test_heading_table(row: dict[str, str]) -> None:
    text = _doc(row["document"])
    record = extract(text)
    record.check_offsets(text)
    found = {s.heading.text: s.category for s in record.sections if s.heading}
    if row["category"] == "-":
        line = next(ln for ln in text.split("\n") if row["heading"] in ln)
        start = text.index(line)
        inside = [s.heading.text for s in record.sections if s.heading and start <= s.heading.start < start + len(line)]
        assert inside == [], f"{row['shape']}: {inside}"
    else:
        assert found.get(row["heading"]) == row["category"], f"{row['shape']}: {found}"


@pytest.mark.parametrize("row", TITLES, ids=[r["shape"] for r in TITLES])
def test_title_table(row: dict[str, str]) -> None:
    record = extract(_doc(row["document"]))
    assert record.title == (None if row["title"] == "-" else row["title"])


@pytest.mark.parametrize("row", FURNITURE, ids=[r["line"] for r in FURNITURE])
def test_furniture_table(row: dict[str, str]) -> None:
    text = f"مطلوب موظف استقبال\n{row['line']}\n{FILLER}\n"
    record = extract(text)
    kinds = {n.text: n.kind for n in record.noise}
    if row["kind"] == "-":
        assert row["line"] not in kinds and not any(row["line"] in t for t in kinds)
    else:
        assert kinds.get(row["line"]) == row["kind"], kinds


def test_a_heading_repeated_in_a_page_is_found_each_time() -> None:
    text = (
        "وظيفتان في شركة الشرق\n"
        "أولا: محاسب\n"
        "المهام:\n- تسجيل القيود اليومية\n- إعداد الميزانية\n"
        "ثانيا: أمين صندوق\n"
        "المهام:\n- استلام النقد\n- إصدار الإيصالات\n"
    )
    headings = [(s.heading.text, s.category) for s in extract(text).sections if s.heading]
    assert headings.count(("المهام", "responsibilities")) == 2


def test_a_title_repeated_below_the_first_paragraph_heads_a_section() -> None:
    text = (
        "رواتب المعلمين في الأردن\n"
        "تختلف رواتب المعلمين في الأردن باختلاف الرتبة والمؤهل العلمي وسنوات الخدمة في وزارة التربية، "
        "وتعلن الوزارة جداولها كل عام مع بداية السنة المالية الجديدة.\n"
        "رواتب المعلمين في الأردن\n"
        "يبدأ راتب المعلم المساعد من مبلغ محدد ويرتفع مع كل رتبة يحصل عليها المعلم بعد اجتياز التقييم.\n"
    )
    record = extract(text)
    assert [n.kind for n in record.noise] == []
    assert [(s.heading.text, s.category) for s in record.sections if s.heading] == [
        ("رواتب المعلمين في الأردن", "compensation")
    ]
    just_below = "رواتب المعلمين في الأردن\nرواتب المعلمين في الأردن\n" + FILLER
    assert [n.kind for n in extract(just_below).noise] == ["repeated_title"]


@pytest.mark.parametrize(
    ("line", "paragraph"),
    [
        ("مطلوب محاسب", False),
        (
            "مباراة لتوظيف أستاذ محاضر تخصص الكيمياء بكلية العلوم جامعة المدينة الإعلان منصب واحد آخر أجل 20 أكتوبر",
            False,
        ),
        ("أعلنت الوزارة، في بيانها الصادر اليوم، عن فتح باب التقديم على الوظائف", True),
        (
            "يعمل المحاسب على إعداد القوائم المالية ومراجعة القيود اليومية والتأكد من دقة السجلات، ويتابع الميزانية "
            "السنوية مع الإدارة العليا للشركة",
            True,
        ),
        (
            "يعمل المحاسب على إعداد القوائم المالية ومراجعة القيود اليومية والتأكد من دقة السجلات، ويتابع الميزانية",
            False,
        ),
    ],
)
def test_reads_as_paragraph(line: str, paragraph: bool) -> None:
    folded = fold(line)
    assert reads_as_paragraph(folded, len(folded.split())) is paragraph


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("يجب أن يعرف المحاسب", True),
        ("ويكون التعيين بعقد سنوي", True),
        ("يرجى مراسلتنا على الرقم", True),
        ("نبحث عن كادر يتميز بـ", True),
        ("من هو المحاسب", False),
        ("المهارات المطلوبة", False),
        ("راتب المحاسب في الرياض", False),
    ],
)
def test_reads_as_sentence(line: str, sentence: bool) -> None:
    assert reads_as_sentence(fold(line).split()) is sentence


@pytest.mark.parametrize(
    ("line", "question"),
    [("ما هو المحاسب؟", True), ("مسار المهنة: كيف يرتفع الدخل؟", True), ("هل أنت مستعد؟", True),
     ("المحاسب؟", False), ("الراتب جيد جدا؟", False)],
)  # fmt: skip
def test_is_question_heading(line: str, question: bool) -> None:
    assert is_question_heading(fold(line)) is question
