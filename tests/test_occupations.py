"""Occupation coding (pipeline/occupations.py): example tables of titles with their ISCO-08 unit groups,
negatives included, the seed's code, the record contract and the occupation scores of wasf eval."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline import extract
from pipeline.evaluate import Score, score_occupations
from pipeline.occupations import URI_PREFIX, _read_tsv, index, stems
from schemas import JobRecord

from .conftest import SEED, SHARED


def _codes(text: str) -> list[str]:
    record = extract(text)
    record.check_offsets(text)
    return sorted(o.isco08 for o in record.occupations)


def _ad(title: str) -> str:
    """A short ad of our own around a title line."""
    return f"{title}\n\nنبحث عن موظف جاد للانضمام إلى فريقنا.\nالمتطلبات:\n- خبرة سنتين\n- إجادة الحاسب الآلي\n"


#: (title line, ISCO-08 unit groups): job-ad phrasings of our own; [] where the page names no occupation
TITLES = [
    ("مطلوب محاسب عام لشركة تجارية", ["2411"]),
    ("محاسبة", ["2411"]),
    ("كبير المحاسبين", ["2411"]),  # seniority ignored for the code
    ("وظيفة: Senior Accountant", ["2411"]),
    ("مطلوب Sales Executive في جدة", ["3322"]),
    ("Software Engineer - Riyadh", ["2512"]),
    ("مهندسة برمجيات أولى", ["2512"]),
    ("مندوب مبيعات ميداني", ["3322"]),
    ("مندوبة مبيعات", ["3322"]),
    ("سائق خاص لعائلة", ["8322"]),
    ("عاملة نظافة", ["9112"]),
    ("فني صيانة عامة", ["7233"]),
    ("فني تكييف وتبريد", ["7127"]),
    ("ممرض / ممرضة", ["2221"]),
    ("مهندس مدني", ["2142"]),
    ("مطلوب معلمة رياضيات", ["2330"]),
    ("صيدلاني", ["2262"]),
    ("طاهٍ", ["5120"]),  # ESCO's "طاهي / طاهية" names two occupations; the variant chooses the cook
    ("أمين مستودع", ["4321"]),
    ("موظف(ة) خدمة عملاء", ["4225"]),
    ("مصمم/مصممة جرافيك", ["2166"]),
    ("فرصة عمل: مهندس كهرباء", ["2151"]),
    ("مطلوب عاملي نظافة للمستشفى", ["9112"]),  # a generic head's plural in construct
    ("نحتاج موظفي استقبال", ["4226"]),
    # not an occupation: pay reports, headings, news
    ("سلم الرواتب في القطاع الحكومي 2024", []),
    ("الحد الأدنى للأجور يرتفع الشهر المقبل", []),
    ("المقدمة", []),
    ("شروط التقديم", []),
    ("أخبار الاقتصاد اليوم", []),
]


@pytest.mark.parametrize(("title", "codes"), TITLES, ids=[t for t, _ in TITLES])
def test_title_codes(title: str, codes: list[str]) -> None:
    assert _codes(_ad(title)) == codes


def test_seed_codes_as_its_gold(seed_text: str) -> None:
    """The seed's title "كبار المبيعات التنفيذي الوصف الوظيفي" is a senior sales executive: "كبار" is a
    seniority word, "المبيعات التنفيذي" the curated variant of ESCO 3322.1 (commercial sales representative),
    so ISCO-08 3322 (commercial sales representatives), as ../shared/gold says."""
    record = extract(seed_text)
    assert [(o.isco08, o.match) for o in record.occupations] == [("3322", "variant")]
    occupation = record.occupations[0]
    assert occupation.text == "كبار المبيعات التنفيذي"
    assert occupation.esco_uri is not None and occupation.esco_uri.startswith(URI_PREFIX)
    assert occupation.label_ar == "ممثل المبيعات التجارية / ممثلة المبيعات التجارية"
    assert seed_text[occupation.start : occupation.end] == occupation.text


def test_seed_gold_agrees() -> None:
    gold_file = SHARED / "gold" / "senior-sales-executive.json"
    if not gold_file.is_file():
        pytest.skip("../shared is absent")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    assert _codes(SEED.read_text(encoding="utf-8")) == [o["isco08"] for o in gold["occupations"]]


def test_announcement_lists_posts() -> None:
    text = "تعلن شركة النخبة للمقاولات عن حاجتها إلى:\n1. مهندس مدني\n2. محاسب\n3. سائق\nللتقديم إرسال السيرة الذاتية\n"
    assert _codes(text) == ["2142", "2411", "8322"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # bare lines under a heading that announces posts: each line a post
        (
            "أعلنت مديرية الماء عن فتح باب التعيين\nملاحظات/\n- التقديم إلكتروني فقط\nالوظائف الشاغرة/\n"
            "فني كهرباء\nسائق\nطباخ / للذكور والإناث\nالشهادات المطلوبة/\nإعدادية\n",
            ["5120", "7411", "8322"],
        ),
        # bare lines under another heading, past the first lines, are not posts
        (
            "أعلنت مديرية الماء عن فتح باب التعيين\nملاحظات/\n- التقديم إلكتروني فقط\n- يقدم كل متقدم مرة واحدة\n"
            "- تعلن النتائج لاحقا\nالمستمسكات/\nهوية السائق\nإجازة طباخ صحية\n",
            [],
        ),
    ],
)
def test_bare_lines_under_a_heading_of_posts_are_posts(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


def test_numbered_blocks_of_posts_are_each_coded() -> None:
    """Each post opens its block with an ordinal; "X / Y" names one post twice, Y coding it where X does not."""
    text = (
        "يعلن مخبز الريف عن الوظائف الآتية:\nأولاً: موظف IT / دعم فني\nالراتب: 650 ألف\nالمهام:\n- صيانة الحاسبات\n"
        "ثانياً: محاسب\nالراتب: 700 ألف\nالمهام:\n- تدقيق الفواتير\n"
    )
    assert _codes(text) == ["2411", "3512"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # a college that asks for master's degrees and doctorates and names no post recruits lecturers
        (
            "أعلنت كلية النهرين الأهلية عن التعيين على ملاكها\nالاختصاصات المطلوبة/\nماجستير في الكيمياء\n"
            "دكتوراه في الفيزياء\nماجستير في الإحصاء\n",
            ["2310"],
        ),
        # one degree asked, or a post named: not so
        ("أعلنت كلية النهرين الأهلية عن حاجتها\nالمطلوب/\nماجستير في الكيمياء\n", []),
        ("أعلنت كلية النهرين الأهلية عن حاجتها إلى محاسب\nماجستير في المحاسبة أو دكتوراه في المالية\n", ["2411"]),
    ],
)
def test_a_college_seeking_higher_degrees_recruits_lecturers(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # the first column of a table of posts: each row a post
        (
            "تعلن البلدية عن مسابقة توظيف\nالرتبة | عدد المناصب | الشهادة\nمحاسب | 02 | ليسانس\nسائق | 01 | رخصة سياقة\n",
            ["2411", "8322"],
        ),
        # a table of pay by grade names no post
        ("سلم الأجور الجديد\nالدرجة | الأجر الشهري\nالأولى | 900\nالثانية | 1100\n", []),
    ],
)
def test_the_first_column_of_a_table_of_posts(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


def test_a_plural_title_is_followed_by_its_posts() -> None:
    """ "يطلب ممرضين" names people in the plural: the posts listed below count too; a singular title
    names the one post."""
    listed = "\n1- ممرض عناية مركزة\n2- محاسب\n3- طباخ"
    assert _codes("مستشفى الشفاء يطلب ممرضين" + listed) == ["2221", "2411", "5120"]
    assert _codes("مستشفى الشفاء يطلب ممرضا" + listed) == ["2221"]


def test_posts_with_their_number_of_openings_are_each_coded() -> None:
    text = (
        "أعلنت وزارة الصحة عن وظائف جديدة\nوتتوزع الوظائف على التخصصات الآتية:\nممرض: 120 وظيفة، منها 70 للإناث.\n"
        "صيدلاني: 40 وظيفة.\nسائق إسعاف: 25 وظيفة.\n"
    )
    assert _codes(text) == ["2221", "2262", "8322"]


def test_posts_numbered_by_ordinal_words_over_their_requirements() -> None:
    text = (
        "شركة الأمل للأغذية تطلب:\nأولاً: محاسب (عدد 2)\nبكالوريوس تجارة.\nخبرة سنتين.\n"
        "ثانياً: سائق شاحنة\nرخصة قيادة مهنية.\n"
    )
    assert _codes(text) == ["2411", "8332"]
    record = extract(text)
    assert [(s.heading.text, s.category) for s in record.sections if s.heading] == [
        ("محاسب (عدد 2)", "other"),
        ("سائق شاحنة", "other"),
    ]


#: (text, ISCO-08 unit groups): posts named inline, between commas or after a label and a colon; negatives
#: where commas separate skills, fields of study or a clause of prose
INLINE = [
    (
        "إعلان عن مباراة لتوظيف موظفين جماعيين\nالسن الأقصى 40 سنة: صيدلي، محاسب، سائق (الدرجة 2).\n",
        ["2262", "2411", "8322"],
    ),
    ("تعلن البلدية عن شغل مناصب\nالمناصب المتوفرة: مهندس مدني، ممرضة، كهربائي\n", ["2142", "2221", "7411"]),
    ("فرصة عمل في شركة ناشئة\nالمسمى الوظيفي: محاسب\nالدوام: كامل\n", ["2411"]),
    ("تقدم الشركة خدماتها في الخليج\nالمهارات: Excel، Word، التواصل، العمل تحت الضغط\n", []),
    ("برنامج تدريبي مجاني للخريجين\nالتخصصات: المحاسبة، الهندسة المدنية، إدارة الأعمال\n", []),
    ("أخبار المدينة اليوم\nزار الوزير المستشفى، والتقى بعدد من العاملين فيه، ثم غادر\n", []),
]


@pytest.mark.parametrize(("text", "codes"), INLINE, ids=[t.split("\n")[1][:30] for t, _ in INLINE])
def test_posts_named_inline(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


#: (title, ISCO-08 unit group): a generic head ("أخصائي", "فني", "موظف", "عامل") says the level, the next
#: words the trade, when no label or variant matches the title whole; [] where the words name no trade
TRADES = [
    ("أخصائي اكتواري", ["2120"]),  # actuaries
    ("معالج أمراض النطق والتخاطب", ["2266"]),  # speech therapists
    ("أخصائي زلازل", ["2114"]),  # geologists and geophysicists
    ("عامل مناجم", ["8111"]),  # miners
    ("أخصائي طاقة شمسية", ["2149"]),  # engineering professionals n.e.c. (solar energy engineer)
    ("فني انتاج مشتقات نفطية", ["3134"]),  # petroleum and gas refining plant operators
]


@pytest.mark.parametrize(("title", "codes"), TRADES, ids=[t for t, _ in TRADES])
def test_generic_head_is_coded_by_its_trade(title: str, codes: list[str]) -> None:
    record = extract(_ad(title))
    assert [(o.isco08, o.match) for o in record.occupations] == [(code, "label_words") for code in codes]


def test_words_of_no_trade_leave_the_head_noun_fallback() -> None:
    """Words that name no ESCO trade (days of the week) cast no vote: the head alone codes the title."""
    record = extract(_ad("أخصائي ثلاثاء أربعاء"))
    assert [(o.isco08, o.match) for o in record.occupations] == [("2422", "head_noun")]


#: (news text, ISCO-08 unit groups): a title cue ("مهنة", "وظيفة") says a title follows in prose; its
#: generic head is coded by its trade; [] where what follows names none
CUED = [
    ("أخبار العمل\nفتحت الوزارة باب التسجيل للسفر إلى الخارج في مهنة عامل مناجم الفحم ضمن برنامج جديد.\n", ["8111"]),
    ("أخبار العمل\nيتقدم الشباب لشغل وظيفة أخصائي زلازل في المرصد الوطني هذا العام.\n", ["2114"]),
    ("أخبار العمل\nيرى كثيرون أن الذكاء الاصطناعي هو مهنة المستقبل في كل البلدان.\n", []),
]


@pytest.mark.parametrize(("text", "codes"), CUED, ids=[t.split("\n")[1][:30] for t, _ in CUED])
def test_title_cue_in_prose(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


def test_list_item_coded_by_the_words_it_shares_with_a_label() -> None:
    """An item of a list of posts that no key matches whole is coded by the label sharing its words, as a
    title is ("عمال خدمة مطبخ" ~ "عمال مطبخ"), once the list holds two posts coded outright."""
    text = "وظائف لدى فندق في العقبة\nالمطلوب:\n- طباخ\n- ويتر\n- عمال خدمة مطبخ\nللتواصل هاتفيا\n"
    record = extract(text)
    record.check_offsets(text)
    assert sorted(o.isco08 for o in record.occupations) == ["5120", "5131", "9412"]
    assert [o.match for o in record.occupations if o.isco08 == "9412"] == ["label_words"]


def test_collective_labour_is_refined_by_a_farm_context() -> None:
    assert _codes("ضيعات الحمضيات تطلب اليد العاملة لموسم القطف\nيبدأ الموسم في نوفمبر.\n") == ["9211"]
    assert _codes("ورش البناء في المدينة تحتاج إلى اليد العاملة\nالأجر يومي.\n") == ["9313"]


def test_career_article_names_occupation_in_question() -> None:
    text = "كم راتب الصيدلي في الرياض؟\nيعمل الصيدلي في صرف الأدوية ومتابعة المرضى، ويتقاضى راتبا جيدا."
    record = extract(text)
    assert [o.isco08 for o in record.occupations] == ["2262"]
    assert record.occupations[0].text == "الصيدلي"


def test_article_keeps_occupations_named_together() -> None:
    text = "تعرف على سلم الرواتب الجديد\nتختلف رواتب الأطباء والممرضين حسب الدرجة الوظيفية والخبرة.\n"
    record = extract(text)
    record.check_offsets(text)
    assert sorted(o.isco08 for o in record.occupations) == ["2211", "2221"]
    assert [o.text for o in record.occupations if o.isco08 == "2221"] == ["الممرضين"]


def test_colleagues_in_an_ad_are_not_its_occupations() -> None:
    text = "فني مختبر\nيعمل مع الأطباء والممرضين في المستشفى.\nالمتطلبات:\n- دبلوم مختبرات\n"
    assert _codes(text) == ["3212"]


def test_an_ad_seeking_an_uncoded_post_does_not_take_its_clients_for_it() -> None:
    """The title seeks someone ("مطلوب") whose post no key codes; the doctors the ad names twice are the
    people the employee will visit, not the post."""
    text = (
        "مطلوب شخص للعمل الميداني\nنبحث عن شخص لزيارة الأطباء في عياداتهم وتعريفهم بمنتجاتنا.\n"
        "المتطلبات:\nعلاقات جيدة مع الأطباء\nسيارة خاصة\n"
    )
    assert _codes(text) == []


def test_title_words_after_a_title_are_its_object_not_a_second_title() -> None:
    """Without "و", "/", "،" or "أو" between them, a later title-like word of a title line is what the
    first works on ("منتجات" are products, not producers); with one, it is a second post."""
    codes = _codes(_ad("مشغل آلة تغليف منتجات غذائية"))
    assert len(codes) == 1 and codes[0].startswith("81"), codes  # a plant or machine operator, no 2654
    assert _codes(_ad("مطلوب محاسب أو سائق")) == ["2411", "8322"]


def test_a_feminine_head_noun_opening_a_line_of_prose_is_a_task() -> None:
    """ "مراجعة" would fall back to a head noun (an ESCO label starts "مراجع"); opening a line of duties it
    names a task, and the title (no key) leaves the record without an occupation."""
    text = (
        "منسق نشاطات عامة\nشركة للتجارة\nمراجعة أعمال الفرق اليومية وإعداد التقارير.\n"
        "مراجعة الطلبات الواردة من الفروع وتوزيعها على الأقسام.\n"
    )
    assert _codes(text) == []


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("مطلوب مساعد(ة) إداري(ة)\nللعمل في مكتب", "مساعد(ة) إداري(ة)"),
        ("معرض للسيارات\nنطلب (مندوبين ومندوبات) مبيعات للعمل في المعرض\nللتواصل", "(مندوبين ومندوبات) مبيعات"),
    ],
)
def test_a_mention_keeps_its_brackets_balanced(text: str, mention: str) -> None:
    record = extract(text)
    record.check_offsets(text)
    assert [o.text for o in record.occupations] == [mention]


def test_employer_name_is_not_an_occupation() -> None:
    assert _codes("تعلن مجموعة صيدليات الشفاء عن حاجتها إلى موظفة خدمة عملاء\n") == ["4225"]


def test_context_refines_a_sales_representative() -> None:
    text = "مندوب مبيعات\nتعلن شركة للأجهزة الطبية عن حاجتها إلى مندوب مبيعات في بغداد.\n"
    assert _codes(text) == ["2433"]


def test_posts_of_a_restaurant_refine_a_branch_manager() -> None:
    text = "وظائف شاغرة لدى سلسلة مطاعم\nالمطلوب:\n- مدير فرع\n- طباخ\n- ويتر\nللتواصل واتساب\n"
    assert _codes(text) == ["1412", "5120", "5131"]


def test_ambiguous_label_reports_candidates() -> None:
    """ESCO's label "بائع متجول" names two occupations (5243.1 door-to-door, 9520.1 street vendor): the record
    reports the other one as a candidate and a confidence below 1, it does not pretend to know."""
    key = index().keys[stems("بائع متجول")]
    assert len(key.targets) >= 2 and key.confidence < 1
    record = extract(_ad("بائع متجول"))
    assert record.occupations and record.occupations[0].candidates
    assert record.occupations[0].confidence < 1


def test_head_noun_fallback_codes_the_unit_group() -> None:
    record = extract(_ad("ميكانيكي"))
    assert [(o.isco08, o.esco_uri) for o in record.occupations] == [("7231", None)]


def test_no_occupation_in_an_empty_or_plain_text() -> None:
    assert _codes("") == []
    assert _codes("ارتفعت أسعار النفط اليوم في الأسواق العالمية بعد قرار أوبك.") == []


def test_record_without_occupations_still_validates() -> None:
    """Extend, never break: a record written before the field existed reads as an empty list."""
    record = JobRecord(doc_id="x", source=None, title=None, sections=[], noise=[], entities=[], warnings=[])
    assert record.occupations == []


def test_variant_codes_exist() -> None:
    esco = {row[0]: row[1] for row in _read_tsv("esco_occupations.tsv")}
    for title, code in (row[:2] for row in _read_tsv("occupation_variants.tsv")):
        assert code in esco or (len(code) == 4 and code.isdigit()), (title, code)
    assert len(esco) == 3039


def test_shipped_table_is_built_from_esco(tmp_path: Path) -> None:
    source = SHARED / "taxonomy" / "esco-occupations-ar.tsv"
    if not source.is_file():
        pytest.skip("../shared is absent")
    from pipeline.esco_build import OUTPUT, build

    out = tmp_path / "esco.tsv"
    build(source, out)
    assert out.read_text(encoding="utf-8") == OUTPUT.read_text(encoding="utf-8")
    with source.open(encoding="utf-8") as f:
        first = next(csv.DictReader(f, delimiter="\t"))
    assert first["esco_uri"].startswith(URI_PREFIX)


def test_eval_scores_unit_groups_sub_majors_and_none() -> None:
    record = JobRecord.model_validate(
        {
            "doc_id": "d",
            "source": None,
            "title": None,
            "sections": [],
            "noise": [],
            "entities": [],
            "warnings": [],
            "occupations": [
                {"text": "محاسب", "start": 0, "end": 5, "isco08": "2411", "match": "variant", "confidence": 0.95},
                {"text": "سائق", "start": 6, "end": 10, "isco08": "8322", "match": "exact", "confidence": 1},
            ],
        }
    )
    score = Score()
    score_occupations([{"isco08": "2411"}, {"isco08": "2413"}], record, score, [])
    assert (score.tally("occupation").tp, score.tally("occupation").fp, score.tally("occupation").fn) == (1, 1, 1)
    assert (score.tally("occupation_2d").tp, score.tally("occupation_2d").fp) == (1, 1)
    assert score.agreement("occupation.none").total == 0
    score_occupations([], record, score, [])
    assert (score.agreement("occupation.none").agree, score.agreement("occupation.none").total) == (0, 1)
