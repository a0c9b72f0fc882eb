"""Salary, percentage and count extraction as a corpus of examples (tests/data), Duckling style.

Each positive phrase must yield exactly one entity of its type with the expected attributes (and its
text an exact substring); each negative phrase must yield no salary, percentage or count.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.extractors.numerals import find_numerals
from pipeline.normalize import normalize

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


def test_parts_of_a_count_take_its_unit() -> None:
    """The parts of a count, named by who they are for, are counts of the same unit."""
    text = "أعلنت الوزارة عن 800 وظيفة تعليمية، منها 300 للرجال و500 للنساء."
    record = extract(text)
    counts = [(e.text, e.value, e.unit) for e in record.entities if e.type == "count"]
    assert counts == [("800", 800, "jobs"), ("300", 300, "jobs"), ("500", 500, "jobs")]


@pytest.mark.parametrize(
    "text",
    [
        "عقد لمدة سنتين براتب 5000 ريال",  # words before the years: a contract, not a band of experience
        "من 3 حتى 6 سنوات تستغرق الدراسة",  # no pay on the line
    ],
)
def test_years_without_pay_after_them_on_their_line_are_not_experience(text: str) -> None:
    record = extract(text)
    assert [e.text for e in record.entities if e.type == "count"] == []


@pytest.mark.parametrize("phrase", NEGATIVES)
def test_negative(phrase: str) -> None:
    record = extract(phrase)
    hits = [(e.type, e.text) for e in record.entities if e.type in QUANTITY_TYPES]
    assert hits == [], f"{phrase!r} must yield no quantity, got {hits}"


# --- salaries on real pages: ranges with words between, open bounds, codes, tables, currency by country ---

#: (document, the one salary expected: its attributes)
SALARY_TABLE: list[tuple[str, dict[str, Any]]] = [
    # a range whose bounds each carry a currency, with words between them
    ("يبدأ أجر الفني من 4200 ريال في السنة الأولى ويصل إلى 6800 ريال", {"min": 4200, "max": 6800, "currency": "SAR"}),
    ("الأجر بين 700 دينار كويتي كحد أدنى و 1500 دينار كويتي كحد أقصى", {"min": 700, "max": 1500, "currency": "KWD"}),
    ("الراتب 2000 دولار (الحد الأدنى) إلى 3500 دولار (الحد الأقصى)", {"min": 2000, "max": 3500, "currency": "USD"}),
    ("راتب يتراوح من 9000 الى 12000 درهم إماراتي", {"min": 9000, "max": 12000, "currency": "AED"}),
    # open bounds, before and after the figure
    ("راتب المشرف 3000 دينار أردني على الأقل", {"amount": None, "min": 3000, "max": None, "currency": "JOD"}),
    ("الراتب حتى 11,500 ريال قطري", {"amount": None, "min": None, "max": 11500, "currency": "QAR"}),
    ("يحصل المتدرب على راتب أقل من 5000 جنيه مصري", {"amount": None, "min": None, "max": 5000, "currency": "EGP"}),
    ("يبدأ الراتب من 2500 درهم مغربي فما فوق", {"amount": None, "min": 2500, "currency": "MAD"}),
    # in a statement of shares the figure is a point of the distribution, not a bound
    ("ربع العاملين في القطاع يكسبون أقل من 7000 ريال سعودي", {"amount": 7000, "min": None, "max": None}),
    # ISO codes before and after the figure, and on the next line
    ("الراتب الشهري: EUR 3,100", {"amount": 3100, "currency": "EUR", "period": "month"}),
    ("الراتب المعروض 2,750 GBP شهريا", {"amount": 2750, "currency": "GBP", "period": "month"}),
    ("المهام: متابعة الموردين.\nالراتب\n21,000\nCNY\nالدوام كامل", {"amount": 21000, "currency": "CNY"}),
    # a figure after a pay word, the currency from the country of the document
    ("وظيفة في بغداد - الراتب الشهري 850,000 مع حوافز", {"amount": 850000, "currency": "IQD", "period": "month"}),
    ("فرع الرياض يطلب كاشير\nBenefits: بدل سكن 700", {"amount": 700, "currency": "SAR"}),
    ("وظيفة في عمّان، الأردن\nالراتب (دينار): 650", {"amount": 650, "currency": "JOD"}),
    # a pay label opening its line without a colon; the country from a region, a district or a telephone
    ("مطلوب كاشير\nالراتب 450 ألف ثابت\nالموقع: الكرادة", {"amount": 450000, "currency": "IQD"}),
    ("مطلوب كاشير\n- راتب 600.000 شهريا\nواتساب 0771 234 5678", {"amount": 600000, "currency": "IQD"}),
    ("Job: Sales\nRegion: عسير\nSalary: 4800.0", {"amount": 4800, "currency": "SAR"}),
    ("مطلوب سائق\nالراتب 420 دينار\nللتواصل 00962 79 123 4567", {"amount": 420, "currency": "JOD"}),
    ("مطلوب سائق\nالراتب 380 ألف\nللتواصل 0612345678", {"amount": 380000, "currency": None}),  # no Iraqi mobile
    # Iraqi pay is quoted in thousands: a figure under 1000 dinars is thousands
    ("مطلوب محاسب في البصرة\nالراتب (650)", {"amount": 650000, "currency": "IQD"}),
    ("مطلوب محاسب في البصرة\nالراتب 500-700 دينار", {"min": 500000, "max": 700000, "currency": "IQD"}),
    ("مطلوب محاسب في الكويت\nالراتب 650 دينار", {"amount": 650, "currency": "KWD"}),  # not in Iraq
    ("الراتب 650 دينار شهريا", {"amount": 650}),  # a bare dinar names no country: not read in thousands
    # a raise that lies in a range is a range ("بين"), not a change from one sum to the other
    ("سترتفع الأجور في المغرب بما بين 300 و450 درهم شهريا", {"min": 300, "max": 450, "currency": "MAD"}),
    # a sum in a section about pay, its heading the label
    ("مطلوب سائقين في الموصل\nالأجور:\nسائق الحافلة 700 ألف شهريا", {"amount": 700000, "currency": "IQD"}),
    # a bare currency name gets the country the document names most
    ("وظائف سلطنة عمان: في مسقط يبلغ راتب الممرض 650 ريال", {"amount": 650, "currency": "OMR"}),
    ("للعمل في الدوحة، قطر: راتب السائق 3200 ريال", {"amount": 3200, "currency": "QAR"}),
    # currency spellings
    ("راتب المترجم 1800 أورو في الشهر", {"amount": 1800, "currency": "EUR", "period": "month"}),
    ("الراتب 9000 شيكل", {"amount": 9000, "currency": "ILS"}),
    ("الراتب 2400 جنيه استرليني", {"amount": 2400, "currency": "GBP"}),
    ("الأجر 15 دولار و50 سنت في الساعة", {"amount": 15.5, "currency": "USD", "period": "hour"}),
    ("الراتب: 1,350 دينار بحريني / شهر", {"amount": 1350, "currency": "BHD", "period": "month"}),
    ("أجر الساعة 18 يورو", {"amount": 18, "currency": "EUR", "period": "hour"}),
    # a period word that belongs to another thing (leave, raises, incentives) is not the salary's
    ("الراتب: 7000 ريال سعودي + إجازة سنوية 30 يوما", {"amount": 7000, "period": None}),
    ("الأجر 900 دينار أردني والحوافز شهرية", {"amount": 900, "period": None}),
    ("الرواتب مع العلاوات السنوية تبدأ من 300 دينار كويتي", {"min": 300, "period": None}),
    ("مكافأة شهرية قدرها 1500 ريال سعودي", {"amount": 1500, "period": "month"}),
    # a raise after the salary is no commission band
    ("الراتب 6200 ريال سعودي مع 5% زيادة سنوية", {"amount": 6200, "currency": "SAR"}),
    ("الراتب بين ثلاثة وخمسة آلاف دولار", {"min": 3000, "max": 5000, "currency": "USD"}),
    # "k" glued to the figure, a code or sign before the range, a sign before each bound
    ("Salary: SAR 9k - 12k per month", {"min": 9000, "max": 12000, "currency": "SAR", "period": "month"}),
    ("الراتب: $2500-$3200", {"min": 2500, "max": 3200, "currency": "USD"}),
]

#: (document, [(amount, currency, period)] of its salaries, in order): tables and changes
SALARY_LISTS: list[tuple[str, list[tuple[float | None, str | None, str | None]]]] = [
    (
        "| الوظيفة | الراتب الشهري (درهم) |\n|---|---|\n| مصمم | 8200 |\n| مبرمج | 11400 |",
        [(8200, "AED", "month"), (11400, "AED", "month")],
    ),
    (
        "| المستوى | الأجر الشهري (دينار أردني) |\n|---|---|\n| مبتدئ | 400 - 550 |",
        [(None, "JOD", "month")],
    ),
    (
        "الوظيفة\nالأجر السنوي بالدينار الكويتي\nمهندس\n9600\nفني\n6000",
        [(9600, "KWD", "year"), (6000, "KWD", "year")],
    ),
    # a page that states the period once: the other salaries take it; where periods differ, none is guessed
    (
        "رواتب الممرضين في الأردن\nالممرض المبتدئ: 450 دينار أردني\nالممرض الخبير: 900 دينار أردني شهريا",
        [(450, "JOD", "month"), (900, "JOD", "month")],
    ),
    (
        "منحة التعيين 500 دولار. المكافأة 2000 دولار سنويا. بدل السكن 300 دولار شهريا.",
        [(500, "USD", None), (2000, "USD", "year"), (300, "USD", "month")],
    ),
    # a bonus's period is its own: it neither reaches the salary nor spreads to it
    (
        "مطلوب بائع في البصرة\nالراتب 700 ألف دينار مع مكافآت شهرية من 100 إلى 250 ألف",
        [(700000, "IQD", None), (None, "IQD", "month")],
    ),
    (
        "Job: Cashier\nRegion: تبوك\nSalary: 3500.0\nحوافز تصل الى 800 شهريا",
        [(3500, "SAR", None), (None, "SAR", "month")],
    ),
    # a sum, then a range of its own in the next clause: not one wide range from the first to the last
    (
        "يبدأ راتب المحاسب من 700 ريال قطري، فيما يتراوح راتب المدقق بين 650 و 800 ريال قطري",
        [(700, "QAR", None), (None, "QAR", None)],
    ),
    # a period stated for sums of another size is not this sum's ("an hour" is not the period of 55,000)
    (
        "متوسط الأجر السنوي 80,000 دولار، أي 38.5 دولار في الساعة.\nأدنى الأجور: 55,000 دولار",
        [(80000, "USD", "year"), (38.5, "USD", "hour"), (55000, "USD", "year")],
    ),
    # a change is two amounts, not a range; the period is the one nearest each figure
    (
        "ارتفع أجر الساعة من 12.5 درهم إلى 13.75 درهم في الساعة، والأجر الشهري من 2500 درهم إلى 2700 درهم",
        [(12.5, "AED", "hour"), (13.75, "AED", "hour"), (2500, "AED", "month"), (2700, "AED", "month")],
    ),
]

#: money that is not pay, and figures that are no money: no salary
NOT_SALARY = [
    "عمولة 3% على المبيعات من 1 إلى 50,000 ريال",
    "نظام العمولة\nمن 1 إلى 30,000 درهم: 1.5%\nمن 30,001 إلى 80,000 درهم: 3%",
    "بلغت كلفة البرنامج نصف مليون دينار سنويا",
    "بلغت نفقات الوزارة 2.3 مليار دينار",
    "تصرف الحكومة رواتب بقيمة 900 مليون دولار للقطاع العام",
    "سعر الاشتراك 49 دولار شهريا",
    "الرواتب تصرف بالدينار (الدولار = 1.41 دينار)",
    "الراتب يحدد بعد المقابلة",
    "الراتب: حسب الخبرة، خبرة 5 سنوات على الأقل",
    "راتب تنافسي ودوام 8 ساعات",
    "مكتب في الرياض: مسح الرواتب في 240 شركة",
    "في جدة الراتب الشهري يعادل 160 ساعة عمل",
    "فرع الرياض\nالراتب والمزايا\nعدد الموظفين\n320\nساعات العمل الأسبوعية\n48",
    "يتقاضى 500 حسب الاتفاق",  # a pay verb opening the line is no label: a bare figure stays too weak
    "الراتب 3 أشهر مقدما",
    "الأجور:\nتصرف في اليوم 25 من كل شهر",  # a day of the month in a section about pay
]


@pytest.mark.parametrize(("phrase", "expected"), SALARY_TABLE, ids=[p[:40] for p, _ in SALARY_TABLE])
def test_salary_on_real_page_shapes(phrase: str, expected: dict[str, Any]) -> None:
    record = extract(phrase)
    record.check_offsets(phrase)
    found = [e.model_dump() for e in record.entities if e.type == "salary"]
    assert len(found) == 1, f"expected one salary in {phrase!r}, got {found}"
    for key, value in expected.items():
        assert found[0][key] == value, f"{key}: {found[0][key]!r} != {value!r} in {phrase!r}"


@pytest.mark.parametrize(("text", "expected"), SALARY_LISTS, ids=[t[:30] for t, _ in SALARY_LISTS])
def test_salaries_of_tables_and_changes(text: str, expected: list[tuple[float | None, str | None, str | None]]) -> None:
    record = extract(text)
    record.check_offsets(text)
    got = [(e.amount, e.currency, e.period) for e in record.entities if e.type == "salary"]
    assert got == expected


@pytest.mark.parametrize("phrase", NOT_SALARY)
def test_not_a_salary(phrase: str) -> None:
    found = [e.text for e in extract(phrase).entities if e.type == "salary"]
    assert found == [], f"{phrase!r} must yield no salary, got {found}"


# --- the numeral reader ---

#: (view text, value of the one numeral spanning it)
NUMERALS: list[tuple[str, float]] = [
    ("اثنا عشر", 12),
    ("اثنتي عشرة", 12),
    ("تلتاشر", 13),
    ("تسعمية", 900),
    ("ميتين وخمسين", 250),
    ("تلاتة مليون", 3_000_000),
    ("2 فاصلة 75", 2.75),
    ("خمسة فاصلة خمسة", 5.5),
    (".5", 0.5),
    ("٫25", 0.25),
    ("-40", -40),
    ("3/1000", 0.003),
]

#: (view text, values of the numerals read in it): where a reading must NOT apply
NUMERAL_SPLITS: list[tuple[str, list[float]]] = [
    ("بين عشرة وعشرين", [10, 20]),  # two numbers, not 30
    ("من خمسين ومائة", [50, 100]),
    ("- 5 سنوات خبرة", [5]),  # a bullet, not a minus
    ("-5 سنوات خبرة", [5]),  # a dash glued to a figure followed by words is a bullet too
    ("الموعد 11/10", []),  # a date, not the fraction 1.1
    ("الإصدار 2.1.3", []),  # a version number
    ("خمسة وعشرون", [25]),  # units before tens stay one number
]


@pytest.mark.parametrize(("text", "value"), NUMERALS, ids=[t for t, _ in NUMERALS])
def test_numeral_reading(text: str, value: float) -> None:
    view = normalize(text).text
    found = find_numerals(view)
    assert len(found) == 1 and (found[0].start, found[0].end) == (0, len(view)), found
    assert abs(found[0].value - value) < 1e-9


@pytest.mark.parametrize(("text", "values"), NUMERAL_SPLITS, ids=[t for t, _ in NUMERAL_SPLITS])
def test_numerals_not_joined_or_misread(text: str, values: list[float]) -> None:
    assert [n.value for n in find_numerals(normalize(text).text)] == values


# --- percentages: the sign before the figure (bidirectional text) and glued to the next word ---

#: (phrase, values of its percentages)
PERCENT_TABLE: list[tuple[str, list[float]]] = [
    ("ارتفعت الأجور بنسبة %12 هذا العام", [12]),
    ("%8 من الراتب الأساسي", [8]),
    ("30 %من المتقدمين", [30]),
    ("زيادة +15% للمتميزين", [15]),
    ("نسبة 40% 25 موظفا", [40]),  # the sign after 40 is 40's: 25 is no percentage
    ("الكود A%5 غير صالح", []),  # a sign glued to a letter before it is no percentage of 5
    ("الشريحة المئوية 90: 120,500 دولار", [90]),  # a rank named before its number
    ("المئين 10 من العاملين يكسبون أقل", [10]),
    ("الشريحة الأولى 25 موظفا", []),  # a bracket of something else
]


def test_a_rank_named_before_its_number_is_a_percentile() -> None:
    record = extract("الشريحة المئوية 90: 120,500 دولار سنويا")
    (pct,) = [e for e in record.entities if e.type == "percentage"]
    assert (pct.text, pct.percentile) == ("الشريحة المئوية 90", True)
    (pay,) = [e for e in record.entities if e.type == "salary"]
    assert (pay.statistic, pay.percentile) == ("percentile", 90)


@pytest.mark.parametrize(("phrase", "values"), PERCENT_TABLE, ids=[p for p, _ in PERCENT_TABLE])
def test_percentages_with_the_sign_on_either_side(phrase: str, values: list[float]) -> None:
    record = extract(phrase)
    record.check_offsets(phrase)
    assert [e.value for e in record.entities if e.type == "percentage"] == values


# --- counts: the value of a label of openings ---

#: (document, [(value, unit)] of its counts)
COUNT_TABLE: list[tuple[str, list[tuple[float, str]]]] = [
    ("مطلوب فني صيانة\nالعدد المطلوب: 4\nالمؤهل: دبلوم", [(4, "jobs")]),
    ("عدد الشواغر: 15", [(15, "jobs")]),
    ("العدد المطلوب: 2 سنوات خبرة", [(2, "years_experience")]),  # a unit after the figure: not openings
    ("العدد: 7", []),  # a bare "number" label names nothing
    ("تعلن الشركة عن وظيفتين شاغرتين", [(2, "jobs")]),
    # a figure in brackets, as government notices write them
    ("يشترط خبرة لا تقل عن (4) سنوات", [(4, "years_experience")]),
    ("تعلن الدائرة عن حاجتها إلى (12) موظفا", [(12, "jobs")]),
    ("أن لا يقل العمر عن (20) سنة", []),  # an age
    ("إرفاق عدد (3) صور", []),  # copies of a document
    # a label of openings after the other parts of its line, and a column of openings in a table
    ("- محرر من الدرجة الثانية : تخصص الاقتصاد - عدد المناصب : 3", [(3, "jobs")]),
    ("الإطار | عدد المناصب | الشروط\nمهندس | 04 | ماستر\nعون | 02 | باكالوريا", [(4, "jobs"), (2, "jobs")]),
    ("الإطار | السن الأقصى\nمهندس | 40", []),  # another column
]


@pytest.mark.parametrize(("text", "expected"), COUNT_TABLE, ids=[t[:30] for t, _ in COUNT_TABLE])
def test_counts_of_openings(text: str, expected: list[tuple[float, str]]) -> None:
    record = extract(text)
    record.check_offsets(text)
    assert [(e.value, e.unit) for e in record.entities if e.type == "count"] == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["0", "00", "5", "12", "966", "+", " ", "-", ".", "/", ":", "(", ")", "a", "v", "ب"]),
        max_size=40,
    )
)
def test_excluded_zones_do_not_depend_on_the_digit_after_digit_shortcut(pieces: list[str]) -> None:
    """The "(?<!\\d\\d)" after the first character of the excluded-zone pattern only skips positions where
    no branch can start: the zones are those of the pattern without it."""
    import re

    from pipeline.extractors.numerals import _EXCLUDED_RE

    text = "".join(pieces)
    plain = re.compile(_EXCLUDED_RE.pattern.replace(r"[\d+](?<!\d\d)", r"[\d+]", 1))
    assert plain.pattern != _EXCLUDED_RE.pattern
    assert [m.span() for m in _EXCLUDED_RE.finditer(text)] == [m.span() for m in plain.finditer(text)]
