"""Organizations: names after a head noun, announced names, the gazetteer, roles and generic mentions.

Example tables in our own phrasing (invented companies; well-known bodies by their public names)."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline import extract
from pipeline.extractors.organizations import _KIND_ROLE
from pipeline.lexicons import load
from pipeline.normalize import fold


def _orgs(text: str) -> list[dict[str, Any]]:
    record = extract(text)
    record.check_offsets(text)
    return [e.model_dump() for e in record.entities if e.type == "organization"]


NAMES = [
    # an indefinite proper name after a naming head, up to the stop
    ("تعلن شركة زمرد عن حاجتها إلى محاسب", "شركة زمرد", "employer"),
    ("نبحث لصالح مطاعم ليالي الشام عن طباخ", "مطاعم ليالي الشام", "employer"),
    # a Latin name right after the head
    ("تعلن شركة NovaTech عن فتح باب التقديم", "شركة NovaTech", "employer"),
    # the words an announcing verb introduces, without a head noun
    ("يعلن مركز الريان للتجميل عن توفر شاغر", "مركز الريان للتجميل", "employer"),
    ("تعلن Blue Harbor عن حاجتها لموظفة استقبال", "Blue Harbor", "employer"),
    ("مطلوب نادل في مطعم بيت الكرم الموجود في المنصور", "مطعم بيت الكرم", "employer"),
    # a quoted name after the head
    ("أصدرت حكومة “الإنقاذ الوطني” قرارا جديدا", "حكومة “الإنقاذ الوطني”", "government"),
    # a faculty named with its university
    ("يشترط أن يكون المتقدم خريج كلية العلوم بجامعة بغداد حصرا", "كلية العلوم بجامعة بغداد", "education"),
    # the gazetteer: Arabic, Latin and acronym aliases, with the canonical name
    ("يفضل من عمل سابقا في أرامكو", "أرامكو", "other"),
    ("عمل سابقا مع Schlumberger في الحقول", "Schlumberger", "other"),
    ("نشرت رويترز تقريرا عن الأجور", "رويترز", "other"),
]


@pytest.mark.parametrize(("text", "span", "role"), NAMES, ids=[n[1] for n in NAMES])
def test_names(text: str, span: str, role: str) -> None:
    assert [(o["text"], o["role"]) for o in _orgs(text)] == [(span, role)]


def test_acronym_and_english_name_share_the_canonical_name() -> None:
    text = "صدر تقرير عن SABIC ثم أعلنت سابك أرباحها"
    names = {o["name"] for o in _orgs(text)}
    assert names == {"سابك"}
    assert {o["name_en"] for o in _orgs(text)} == {"SABIC"}


ROLES = [
    # the ministry that announces its own vacancies is the employer
    ("أعلنت وزارة العدل عن حاجتها إلى كتاب عدل", "وزارة العدل", "employer"),
    # a ministry named otherwise is government
    ("يتم التصديق على الشهادات من وزارة الخارجية بعد ذلك", "وزارة الخارجية", "government"),
    # a body that issues a licence or a classification certifies
    ("التسجيل لدى الهيئة السعودية للمهندسين شرط أساسي", "الهيئة السعودية للمهندسين", "certifying_body"),
    ("يجب الحصول على اعتماد من نقابة المحامين", "نقابة المحامين", "certifying_body"),
    # a body cited for figures is a data source
    # a glued لل stays in the span, as written (ANNOTATION.md); the name is canonical
    ("وفقا للجهاز المركزي للإحصاء ارتفعت الأجور", "للجهاز المركزي للإحصاء", "data_source"),
    # an announcement of figures (أعلنت X أن ...) cites a data source
    ("وأعلنت وزارة العمل أمس أن متوسط الأجور ارتفع", "وزارة العمل", "data_source"),
    # a known channel after its head noun keeps the role of the gazetteer
    ("في حديث على قناة “إكسترا نيوز” مساء الأحد", "قناة “إكسترا نيوز”", "other"),
    # a landmark of an address is not the employer
    ("العنوان: شارع فلسطين مقابل مستشفى النور الأهلي", "مستشفى النور الأهلي", "other"),
    # a statistics office is a data source by default
    ("نشرت الهيئة العامة للإحصاء أرقاما جديدة", "الهيئة العامة للإحصاء", "data_source"),
    # a newspaper keeps its role whatever the cue
    ("بحسب صحيفة عكاظ فإن الرواتب سترتفع", "صحيفة عكاظ", "other"),
    # a body whose own name says it accredits or examines
    ("تتبع البرامج مجلس اعتماد البرامج الهندسية في الولايات", "مجلس اعتماد البرامج الهندسية", "certifying_body"),
]


@pytest.mark.parametrize(("text", "span", "role"), ROLES, ids=[r[1] for r in ROLES])
def test_roles(text: str, span: str, role: str) -> None:
    assert [(o["text"], o["role"]) for o in _orgs(text)] == [(span, role)]


def test_a_name_alone_on_a_header_line_is_the_employer_and_so_are_its_other_mentions() -> None:
    text = "مهندس مدني\nشركة الأفق الهندسية\nالرياض\nيعمل المهندس تحت إشراف مدير المشاريع في شركة الأفق الهندسية."
    assert [o["role"] for o in _orgs(text)] == ["employer", "employer"]


def test_a_known_name_after_a_head_noun_is_canonical() -> None:
    (org,) = _orgs("يفضل من عمل في شركة أرامكو سابقا")
    assert (org["name"], org["name_en"]) == ("أرامكو السعودية", "Saudi Aramco")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("أصدرت وزارة النقل مؤخرا قرارا بتعديل الرسوم", "وزارة النقل"),  # an adverb after the name
        ("صرح مكتب الإحصاء الخميس بأن", "مكتب الإحصاء"),  # a weekday
        ("قال المتحدث باسم وزارة المالية الدكتور سامي", "وزارة المالية"),  # a title
        ("تقدم جامعة الملك عبد العزيز منحا", "جامعة الملك عبد العزيز"),  # a construct goes on
        ("يطلب سوبر ماركت الندى محاسبا", "سوبر ماركت الندى"),  # a shop's head of two words
        ("تعلن جماعة سيدي قاسم عن تنظيم مباراة", "جماعة سيدي قاسم"),  # a Moroccan commune
        # a head of two words is a body already: one purpose after it names it
        ("وقال مدير الإدارة العامة للجوازات إن الطلبات", "الإدارة العامة للجوازات"),
        ("وتشرف كتابة الدولة للشباب على المباراة", "كتابة الدولة للشباب"),
    ],
)
def test_a_name_ends_where_its_construct_ends(text: str, span: str) -> None:
    assert [o["text"] for o in _orgs(text)] == [span]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a job board's header: title, employer, region; the line is the name, whatever its words
        (
            "نجار أثاث\nورشة أبناء صالح بن حمد الخشبية\nالقصيم\nتصنيع الأثاث المنزلي.",
            ["ورشة أبناء صالح بن حمد الخشبية"],
        ),
        (
            "فني تكييف\nمؤسسة نسيم البحر للتكييف (شركة شخص واحد)\nمنطقة جازان\nصيانة المكيفات.",
            ["مؤسسة نسيم البحر للتكييف (شركة شخص واحد)"],
        ),
        # not a header: the second line is a sentence, the title said again, or the third line no place
        ("محاسب\nنبحث عن محاسب متمرس.\nالرياض\nخبرة سنتين", []),
        ("[أربيل] مطلوب حلاق\nمطلوب حلاق\nأربيل\nالدوام مسائي", []),
        ("كاتب\nصالون الأناقة للحلاقة\nدوام كامل\nاستقبال الزبائن", []),
    ],
)
def test_the_line_between_a_title_and_its_place_is_the_employer(text: str, names: list[str]) -> None:
    orgs = _orgs(text)
    assert [o["text"] for o in orgs] == names
    assert all(o["role"] == "employer" for o in orgs)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the name of an announcer runs to what it announces, over a spaced و and a loan word
        ("يعلن مركز النخيل لطب و جراحة العيون عن حاجته الى ممرضة", ["مركز النخيل لطب و جراحة العيون"]),
        ("تعلن شركة الريم للبن زبادي عن حاجتها لسائق", ["شركة الريم للبن زبادي"]),
        ("دوام صباحي\nمختبر الشفاء للتحليلات و الأشعة بحاجة الى محلل", ["مختبر الشفاء للتحليلات و الأشعة"]),
        # a place or a description before what is announced is not the name
        ("تعلن شركة الريم في أربيل عن حاجتها لسائق", ["شركة الريم"]),
        ("دوام صباحي\nمطعم كبير في الكرادة بحاجة الى طباخ", []),
    ],
)
def test_an_announcers_name_runs_to_what_it_announces(text: str, names: list[str]) -> None:
    assert [o["text"] for o in _orgs(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # the body's Latin name right after its Arabic one is a second mention with the same role
        ("تعلن شركة الأفق للأدوية (Horizon Pharma) عن حاجتها", ["شركة الأفق للأدوية", "Horizon Pharma"]),
        ("درس في جامعة الرافدين - Rafidain University قبل سنتين", ["جامعة الرافدين", "Rafidain University"]),
        # a document, a branch or a product in brackets is not
        ("تعلن شركة الأفق للأدوية (CV) عن حاجتها", ["شركة الأفق للأدوية"]),
        ("تعلن شركة الأفق للأدوية (فرع الموصل) عن حاجتها", ["شركة الأفق للأدوية"]),
    ],
)
def test_a_latin_name_beside_an_arabic_one_is_the_same_body(text: str, names: list[str]) -> None:
    orgs = _orgs(text)
    assert [o["text"] for o in orgs] == names
    assert len({o["role"] for o in orgs}) == 1


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Blue Dune Trading LLC - Abu Dhabi", ["Blue Dune Trading LLC"]),  # a company by its legal form
        ("خبرة لدى Nile Crest Foods Co. لمدة عامين", ["Nile Crest Foods Co."]),
        ("ارسل سيرتك إلى jobs@example.co الآن", []),  # an address
        ("we are a small trading ltd here", []),  # not written as a name
    ],
)
def test_a_latin_company_by_its_legal_form(text: str, names: list[str]) -> None:
    assert [o["text"] for o in _orgs(text)] == names


def test_two_coordinated_names_are_two() -> None:
    text = "تتابع الملف وزارة العمل ووزارة التضامن الاجتماعي"
    assert [o["text"] for o in _orgs(text)] == ["وزارة العمل", "وزارة التضامن الاجتماعي"]


def test_every_mention_of_the_announcer_is_the_employer() -> None:
    text = "تعلن وزارة الصحة عن وظائف للأطباء.\nوتستقبل وزارة الصحة الطلبات عبر موقعها."
    assert [o["role"] for o in _orgs(text)] == ["employer", "employer"]


#: (text, the organization mentions expected): a name found once with its head noun or after an announcing
#: verb is found again where it stands alone; a definite phrase or a place named after the head is not
REPEATED = [
    (
        "تعلن شركة نجمة الصباح للإعلان عن حاجتها إلى مصمم.\nفي نجمة الصباح نؤمن بالإبداع.",
        ["شركة نجمة الصباح للإعلان", "نجمة الصباح"],
    ),
    (
        "يعلن مركز أفق جديد للتدريب عن دورات مجانية.\nللتسجيل راسلوا أفق جديد على واتساب.",
        ["مركز أفق جديد للتدريب", "أفق جديد"],
    ),
    ("تعلن مؤسسة رعاية الأيتام عن منح.\nوتشمل المنح ذوي الأيتام في المدينة.", ["مؤسسة رعاية الأيتام"]),
    ("أعلن ديوان محافظة النخيل عن وظائف.\nيقتصر التقديم على أبناء محافظة النخيل.", ["ديوان محافظة النخيل"]),
    ("تعلن شركة زمرد عن حاجتها إلى محاسب.\nزمرد تقدم رواتب مجزية.", ["شركة زمرد"]),  # one word: too plain
]


@pytest.mark.parametrize(("text", "names"), REPEATED, ids=[n[0] for _, n in REPEATED])
def test_a_name_is_found_again_where_it_stands_alone(text: str, names: list[str]) -> None:
    orgs = _orgs(text)
    assert [o["text"] for o in orgs] == names
    assert {o["role"] for o in orgs} == {"employer"}


@pytest.mark.parametrize(
    "text",
    [
        "العمل في شركة كبرى في مجال الأغذية",  # every word after the head is generic
        "خبرة في شركة مقاولات",
        "عمل سابقا في شركة محاسبة أو شركة قابضة",
        "يفضل من يحمل زمالة CIPD",  # the credential, not the institute that awards it
        "الشركة الواقعة في وسط المدينة",  # a definite head with a relative clause
        "الانتقال إلى جهة أخرى",
        "خبرة سابقة في متجر التجزئة",
        "حاصل على بكالوريوس من كلية الطب",  # a faculty without its university
        "رئيس مجلس الإدارة",  # a part of any body
        "إتقان برامج مايكروسوفت أوفيس",  # a product, not the company
        "- التدريس عبر Google Classroom",  # a company's product by a Latin word after its name
        "التواصل عبر الواتساب فقط",  # a channel to apply through
        "قدم طلبك من خلال https://docs.google.com/forms/xyz",  # a web address
        "خبرة في java و oracle",  # a product in lower case
        "تسليم الموقع إلى الشركة المنفذة للمشروع",  # a description, not a name
        "أعلن مدير الشركة عن خطة جديدة",  # a person's title after the verb
        "أعلنت اليوم نتائج المقابلات",
        "أنشئت هيئة للرقابة على الأسواق",  # a head of one word with one purpose: a description
        "تستلم الطلبات في قسم الموارد البشرية",  # a department of any body
        "مطلوب مدرسة كيمياء للصف السادس",  # a teacher asked for, not a school
        "تحتاج الروضة إلى مدرّسة موسيقى",
        "جاءت جماعة من الأهالي",  # a group of people
    ],
)
def test_generic_mentions_are_not_organizations(text: str) -> None:
    assert _orgs(text) == []


def test_common_words_are_not_aliases() -> None:
    """Gazetteer aliases that are common words would make organizations of "الرياض" (the city),
    "العربية" (the language) or "قياس" (measuring)."""
    rows = load("gazetteer")["bodies"]
    aliases = {fold(a) for _, name, en, acr, *rest in rows for a in (name, en, acr, *rest) if a}
    for word in ["الرياض", "العربية", "قياس", "الوطن", "طلبات", "جاهز", "اتصالات", "الشرق الاوسط", "هدف"]:
        assert fold(word) not in aliases, word


def test_gazetteer_rows_are_well_formed() -> None:
    rows = load("gazetteer")["bodies"]
    assert len(rows) >= 400
    for row in rows:
        kind, name, _en, _acronym, *aliases = row
        assert kind in _KIND_ROLE, row
        assert name and all(isinstance(a, str) and a for a in aliases), row
        # an Arabic alias of three letters or fewer is found inside longer words ("ساب" in "حساب")
        assert all(a.isascii() or len(fold(a)) > 3 for a in (name, *aliases)), row


def test_role_cues_are_read_only_near_the_mention() -> None:
    """A licensing word far from the body in a long sentence does not make it a certifying body."""
    text = "يشترط امتلاك رخصة قيادة ويفضل من لديه خبرة طويلة في الإشراف على فرق البيع الميدانية لدى شركة المراعي"
    assert [o["role"] for o in _orgs(text)] == ["employer"]
