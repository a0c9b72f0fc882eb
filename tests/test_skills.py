"""Skills as phrases: cue words with their object, skill-noun items, competence nouns, tools and languages.

Example tables in our own phrasing, positive and negative, asserting on the records wasf returns."""

from __future__ import annotations

import pytest

from pipeline import extract


def _skills(text: str) -> list[tuple[str, str]]:
    record = extract(text)
    record.check_offsets(text)
    return [(e.text, e.name) for e in record.entities if e.type == "skill"]


def _texts(text: str) -> list[str]:
    return [t for t, _ in _skills(text)]


# (text, the skill spans) — a cue phrase runs to the end of its item or clause
CUE_PHRASES = [
    ("المتطلبات:\n- القدرة على إدارة فريق صغير وتوزيع المهام (متقدم)", ["القدرة على إدارة فريق صغير وتوزيع المهام"]),
    ("المتطلبات:\n• قادرة على التنسيق بين الأقسام، ويفضل من لديها خبرة", ["قادرة على التنسيق بين الأقسام"]),
    ("نبحث عن محاسب لديه دراية بأنظمة الضرائب المحلية، ويعمل بدوام كامل", ["دراية بأنظمة الضرائب المحلية"]),
    (
        "المؤهلات:\n- معرفة جيدة بإعداد الميزانيات والتقارير الشهرية.",
        ["معرفة جيدة بإعداد الميزانيات والتقارير الشهرية"],
    ),
    ("- خبرة في برامج التصميم ثلاثية الأبعاد", ["خبرة في برامج التصميم ثلاثية الأبعاد"]),
    ("اللغة: مستوى متوسط في اللغة الألمانية.", ["مستوى متوسط في اللغة الألمانية"]),
    ("- يجيد التعامل مع منصات التواصل الاجتماعي", ["يجيد التعامل مع منصات التواصل الاجتماعي"]),
    ("- إجادة العمل على برنامج Primavera", ["إجادة العمل على برنامج Primavera"]),
    ("- التمكن من صياغة العقود باللغتين", ["التمكن من صياغة العقود باللغتين"]),
    # a second cue ends the first phrase and starts its own
    ("- مهارات تفاوض جيدة والقدرة على إقناع الزبائن", ["مهارات تفاوض جيدة", "القدرة على إقناع الزبائن"]),
    ("المهارات: تنظيم وتخطيط ممتازين، والقدرة على الإقناع", ["تنظيم وتخطيط ممتازين", "القدرة على الإقناع"]),
    # a skill-noun item is the whole item; in running text the noun's own words
    ("- مهارات عالية في كتابة المحتوى التسويقي", ["مهارات عالية في كتابة المحتوى التسويقي"]),
    ("يحتاج الموظف إلى مهارات تنظيمية جيدة لترتيب جدوله", ["مهارات تنظيمية"]),
    ("يتطلب العمل مهارات جيدة في إعداد العروض، ودقة في المواعيد", ["مهارات جيدة في إعداد العروض"]),
    ("يمتلك مهارات في التصميم الداخلي، ويعمل بسرعة", ["مهارات في التصميم الداخلي"]),
]


@pytest.mark.parametrize(("text", "spans"), CUE_PHRASES, ids=[c[0][:30] for c in CUE_PHRASES])
def test_cue_phrases_span_to_the_end_of_their_clause(text: str, spans: list[str]) -> None:
    assert _texts(text) == spans


# (text, skills) — tools in either script with canonical names, languages, competence nouns as items
NAMED = [
    (
        "الشروط:\n- إتقان Photoshop و Illustrator.",
        [("Photoshop", "Adobe Photoshop"), ("Illustrator", "Adobe Illustrator")],
    ),
    ("يشترط إجادة الأوتوكاد والريفيت", [("الأوتوكاد", "AutoCAD"), ("الريفيت", "Revit")]),
    ("المهام:\n- إعداد التقارير باستخدام الاكسل", [("الاكسل", "Microsoft Excel")]),
    ("تُعد الجداول في Google Sheets وتُرسل أسبوعيا", [("Google Sheets", "Google Sheets")]),
    ("- إجادة اللغة الإنجليزية كتابة ومحادثة", [("إجادة اللغة الإنجليزية كتابة ومحادثة", "English")]),
    (
        "المهارات:\n- العمل بروح الفريق\n- إدارة الوقت",
        [("العمل بروح الفريق", "teamwork"), ("إدارة الوقت", "time management")],
    ),
    ("• الصبر، الأمانة، وحل المشكلات.", [("حل المشكلات", "problem solving")]),
]


@pytest.mark.parametrize(("text", "skills"), NAMED, ids=[n[0][:30] for n in NAMED])
def test_tools_languages_and_competences_keep_canonical_names(text: str, skills: list[tuple[str, str]]) -> None:
    assert _skills(text) == skills


NOT_SKILLS = [
    "- خبرة في مجال التسويق لا تقل عن ثلاث سنوات",  # experience, not a skill
    "- خبرة 5 سنوات في التسويق",  # years of experience
    "المهام:\n- متابعة العملاء وتحصيل الدفعات",  # a duty
    "المهام:\n- التفاوض مع الموردين على الأسعار",  # a competence noun that goes on is a duty
    "تسعى الجامعة إلى تطوير القدرة على البحث لدى طلابها.",  # building an ability, not asking for it
    "مطلوب معلم لغة فرنسية للمرحلة المتوسطة",  # a language taught, not a skill asked
    "أرسل سيرتك مع كتابة «SAP» في عنوان الرسالة",  # a quoted code word
    "- إتقان العمل والالتزام بالمواعيد",  # diligence
    "المهارات المطلوبة:",  # a heading naming no skill
    "يرتفع الراتب حسب مهارات المتقدم",  # the applicant's skills, unnamed
    "مطلوب منسق\nمهارات مهندس الشبكات\nيعمل المهندس على تصميم الشبكات",  # a heading: a person's skills
    "مطلوب منسق\nالمهارات الفنية والشخصية\nيعمل المهندس على تصميم الشبكات",  # which skills, none named
    "- حملة الماجستير في اللغة الفرنسية",  # the field of a degree
    "- خريجو قسم آداب اللغة الألمانية",
    "تعلن الكلية عن حاجتها لمحاضرين\nالتخصصات المطلوبة/\nاللغة الإنجليزية\nالرياضيات",  # a list of specialties
]


@pytest.mark.parametrize("text", NOT_SKILLS)
def test_not_skills(text: str) -> None:
    assert _skills(text) == []


# (text, the skill spans) — the items of a skills section, without their level; credentials, work
# conditions and stray letters are not skills
SECTION_ITEMS = [
    ("منسق فعاليات\nالمهارات:\n- التحدث أمام جمهور (متقدم)\n- ى (مبتدئ)", ["التحدث أمام جمهور"]),
    ("منسق فعاليات\nالمهارات:\n- حاصل على رخصة قيادة خاصة\n- تزيين القاعات", ["تزيين القاعات"]),
    ("منسق فعاليات\nالمهارات:\n- العمل في أيام الجمع والعطل (محترف)\n- تنسيق الحفلات (محترف)", ["تنسيق الحفلات"]),
    # "knows" opening an item, also in dialect ("تعرف تشتغل على ...": can work with)
    ("مطلوب أمين مخزن\nالشروط:\n- يعرف أنظمة الجرد الإلكتروني", ["يعرف أنظمة الجرد الإلكتروني"]),
    # an introduction to the list and a question after it are no items
    (
        "منسق فعاليات\nالمهارات:\n- ينبغي أن يملك المنسق عددا من المهارات، منها:\n- تنظيم الجداول\n- لماذا تختار هذه المهنة؟",
        ["تنظيم الجداول"],
    ),
    # a disposition or an appearance is no skill
    ("منسق فعاليات\nالمهارات:\n- شغوف بالفنون (محترف)\n- المظهر اللائق\n- إدارة الميزانيات", ["إدارة الميزانيات"]),
]


@pytest.mark.parametrize(("text", "spans"), SECTION_ITEMS, ids=[s[0][22:50] for s in SECTION_ITEMS])
def test_skills_section_items(text: str, spans: list[str]) -> None:
    assert _texts(text) == spans


def test_a_tool_in_the_title_names_the_post_not_a_skill() -> None:
    text = "مسؤول أنظمة SAP\nالمتطلبات:\n- خبرة في SAP"
    assert _texts(text) == ["خبرة في SAP"]


def test_a_long_sentence_after_a_skills_label_is_no_skill_list() -> None:
    text = "- المهارات والخبرات : يحصل الموظفون الذين يعملون منذ سنوات طويلة على أجور أعلى من غيرهم"
    assert _texts(text) == []


# (text, the skill spans) — an unknown Latin product name in an Arabic requirements list
LATIN_NAMES = [
    ("أمين مخزن\nالمؤهلات:\n- التعامل مع نظام Wareflow للمخازن", ["Wareflow"]),
    # a short skills item stays whole; in a long one the name is the skill
    ("مصمم\nالمهارات:\n- رسم المخططات في Planora Studio وتعديلها", ["رسم المخططات في Planora Studio وتعديلها"]),
    (
        "مصمم\nالمهارات:\n- رسم المخططات المعمارية والإنشائية للمشاريع السكنية والتجارية الكبيرة في Planora Studio",
        ["Planora Studio"],
    ),
    ("أمين مخزن\nالمؤهلات:\n- شهادة ELP مستوى ٤", []),  # no software word before it: a certificate
    ("أمين مخزن\nالمؤهلات:\n- العمل لدى شركة Nordex سابقا", []),  # a company
]


@pytest.mark.parametrize(("text", "spans"), LATIN_NAMES, ids=[n[0][20:50] for n in LATIN_NAMES])
def test_unknown_latin_product_names_in_requirement_lists(text: str, spans: list[str]) -> None:
    assert _texts(text) == spans


def test_a_language_keeps_its_level() -> None:
    assert _skills("- لغة فرنسية بمستوى ممتاز") == [("لغة فرنسية بمستوى ممتاز", "French")]
