"""Education: every common degree form with its level, the span covering the field, and the field set.

Example tables in our own phrasing, positive and negative, asserting on the records wasf returns."""

from __future__ import annotations

import pytest

from pipeline import extract


def _education(text: str) -> list[tuple[str, str, str | None]]:
    record = extract(text)
    record.check_offsets(text)
    return [(e.text, e.level, e.field) for e in record.entities if e.type == "education"]


# (text, [(span, level, field)]) — field canonical where education.json knows it, else the Arabic text
DEGREES = [
    ("المؤهلات:\n- بكالوريوس صيدلة من جامعة معترف بها", [("بكالوريوس صيدلة", "bachelor", "pharmacy")]),
    (
        "- درجة البكالوريوس في نظم المعلومات أو علوم الحاسب",  # the field stops at أو
        [("درجة البكالوريوس في نظم المعلومات", "bachelor", "information systems")],
    ),
    (
        "- ماجستير في القانون التجاري ويفضل الدكتوراه",
        [("ماجستير في القانون التجاري", "master", "القانون التجاري"), ("الدكتوراه", "doctorate", None)],
    ),
    ("- دكتوراه في تخصص الكيمياء", [("دكتوراه في تخصص الكيمياء", "doctorate", "chemistry")]),
    ("- دبلوم في إدارة المكاتب", [("دبلوم في إدارة المكاتب", "diploma", "إدارة المكاتب")]),
    ("- الدرجة الجامعية الأولى في القانون", [("الدرجة الجامعية الأولى في القانون", "bachelor", "law")]),
    ("يشترط أن يكون المتقدم من حملة المؤهل العالي", [("المؤهل العالي", "bachelor", None)]),
    ("- مؤهل متوسط مناسب للوظيفة", [("مؤهل متوسط", "diploma", None)]),  # an adjective is no field
    ("- دبلوم سنتين بعد الثانوية", [("دبلوم", "diploma", None)]),  # a duration is no field
    ("- التعليم الفني المتوسط (تجاري)", [("التعليم الفني المتوسط", "diploma", None)]),
    ("- شهادة الثانوية العامة بمعدل لا يقل عن 80%", [("شهادة الثانوية العامة", "secondary", None)]),
    ("مطلوب خريجي المعاهد الفنية للعمل بالمصنع", [("خريجي المعاهد الفنية", "diploma", "الفنية")]),
    ("نرحب بالخريج من كلية التجارة", [("الخريج من كلية التجارة", "bachelor", "commerce")]),
    ("- دبلوم أو شهادة في المحاسبة", [("دبلوم أو شهادة في المحاسبة", "diploma", "accounting")]),
    ("بعد إنهاء دراسته الثانوية التحق بالعمل", [("دراسته الثانوية", "secondary", None)]),
    ("الشرط: السنة الثالثة من التعليم الثانوي", [("التعليم الثانوي", "secondary", None)]),
    ("- حاصلة على بكالوريوس التمريض", [("بكالوريوس التمريض", "bachelor", "nursing")]),
    ("- حملة البكالوريوس والدبلوم", [("البكالوريوس", "bachelor", None), ("الدبلوم", "diploma", None)]),
    ("أن يحمل شهادة الإعدادية في الأقل", [("شهادة الإعدادية", "secondary", None)]),
    # a graduate of a field of study; the slashed feminine "خريج/ة"
    ("- خريجة تسويق أو إعلام", [("خريجة تسويق", "bachelor", "marketing")]),
    ("- خريج/ة كلية الآداب", [("خريج/ة كلية الآداب", "bachelor", "arts")]),
    # Maghreb certificates and school years, "مستوى" before a level
    ("- شهادة مهندس دولة في الري", [("شهادة مهندس دولة في الري", "master", "الري")]),
    ("- مستوى السنة الثالثة ثانوي على الأقل", [("مستوى السنة الثالثة ثانوي", "secondary", None)]),
    # the items of a list of certificates name a school level by their first word alone
    (
        "تعلن البلدية عن عقود عمل\nالشهادات المقبولة/\nمعهد.\nإعدادية / فرع تطبيقي\nابتدائية.\nالعنوان/\nبعقوبة",
        [("معهد", "diploma", None), ("إعدادية / فرع تطبيقي", "secondary", None), ("ابتدائية", "other", None)],
    ),
]


@pytest.mark.parametrize(("text", "found"), DEGREES, ids=[d[0][:30] for d in DEGREES])
def test_degrees_with_level_and_field(text: str, found: list[tuple[str, str, str | None]]) -> None:
    assert _education(text) == found


NOT_EDUCATION = [
    "- صورة من شهادة البكالوريوس",  # a document to hand in
    "- نسخة من الدبلوم مصادق عليها",
    "حصل الموظف على الدرجة الخامسة في السلم الوظيفي",  # a pay grade
    "يتقن اللغة الإنجليزية بدرجة عالية",  # degree as extent
    "عمل أستاذا بدرجة مشارك في الجامعة",  # an academic rank
    "- شهادة خبرة من جهة العمل السابقة",  # a certificate, not a degree
    "وزارة التعليم العالي تعلن عن وظائف",  # a ministry's name
    "يدرّس في المرحلة الإعدادية منذ سنوات",  # a school stage taught
    "مطلوب سائق\nالشروط/\nمعهد اللغات قريب من السكن\nمتوسطة الطول",  # not under a heading of certificates
    "السن الأقصى: 40 سنة لمهندس دولة و45 سنة للطبيب",  # a grade, not a certificate
    "يرحب المصنع بالخريجين الجدد",  # graduates of nothing named
]


@pytest.mark.parametrize("text", NOT_EDUCATION)
def test_not_education(text: str) -> None:
    assert _education(text) == []
