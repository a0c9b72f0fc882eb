"""Segmentation: title, noise and typed headings on article-style and posting-style documents."""

from __future__ import annotations

import pytest

from pipeline import extract

ARTICLE = """محاسب أول الوصف الوظيفي

Anonim

يعمل المحاسب الأول على إعداد القوائم المالية ومراجعة القيود اليومية والتأكد من دقة السجلات المحاسبية للشركة بشكل مستمر.

$config[code] not found

المسؤوليات

يقوم المحاسب الأول بإعداد التقارير الشهرية والسنوية ومتابعة التدفقات النقدية والتنسيق مع المدققين الخارجيين في نهاية السنة المالية.

الرجاء تمكين جافا سكريبت

التعليم والشهادات

يحتاج المحاسبون إلى درجة البكالوريوس في المحاسبة على الأقل، ويفضل أصحاب العمل من يحمل شهادة CPA أو ما يعادلها من الشهادات المهنية.

صورة: Getty Images

آفاق العمل

يتوقع مكتب إحصاءات العمل الأمريكي في تقريره الأخير أن يزداد الطلب على المحاسبين بنسبة 10 في المائة خلال العقد القادم.
"""

POSTING = """مطلوب مهندس مدني
شركة البناء الحديث - الرياض
المهام والمسؤوليات:
• الإشراف على تنفيذ المشاريع الإنشائية.
• مراجعة المخططات والمواصفات الفنية.
الشروط :
1. بكالوريوس هندسة مدنية.
2. خبرة لا تقل عن 3 سنوات.
3. إجادة AutoCAD.
الراتب: 9000 ريال شهريا
المميزات:
- تأمين طبي
- بدل سكن
طريقة التقديم:
إرسال السيرة الذاتية على البريد jobs@example.com
الرياض
0551234567
"""


def _headings(text: str) -> list[tuple[str, str]]:
    record = extract(text)
    record.check_offsets(text)
    return [(s.heading.text, s.category) for s in record.sections if s.heading]


def test_article_layout() -> None:
    record = extract(ARTICLE)
    assert record.title == "محاسب أول الوصف الوظيفي"
    assert record.occupation == "محاسب أول"
    assert [(n.text, n.kind) for n in record.noise] == [
        ("Anonim", "byline"),
        ("$config[code] not found", "placeholder"),
        ("الرجاء تمكين جافا سكريبت", "boilerplate"),
        ("صورة: Getty Images", "image_credit"),
    ]
    assert _headings(ARTICLE) == [
        ("المسؤوليات", "responsibilities"),
        ("التعليم والشهادات", "education"),
        ("آفاق العمل", "outlook"),
    ]
    assert record.sections[0].heading is None and record.sections[0].category == "summary"


def test_posting_layout() -> None:
    record = extract(POSTING)
    assert record.title == "مطلوب مهندس مدني"
    assert record.occupation == "مهندس مدني"
    assert _headings(POSTING) == [
        ("المهام والمسؤوليات", "responsibilities"),
        ("الشروط", "qualifications"),
        ("الراتب", "compensation"),
        ("المميزات", "benefits"),
        ("طريقة التقديم", "application"),
    ]
    salary = next(e for e in record.entities if e.type == "salary")
    comp = next(s for s in record.sections if s.category == "compensation")
    assert salary.section == comp.index and salary.amount == 9000  # the value stays in its section


@pytest.mark.parametrize(
    "line",
    [
        "الرياض",  # a city
        "0551234567",  # a phone number
        "• تأمين طبي",  # a bullet item
        "- بدل سكن",
        "دوام كامل",  # a value, not a label
        "jobs@example.com",
        "اسم المنصب : محاسب",  # a label-value line whose label is not a heading word
    ],
)
def test_short_lines_that_are_not_headings(line: str) -> None:
    text = f"مطلوب محاسب\nتعلن شركة عن حاجتها إلى محاسب\n{line}\nللتواصل عبر البريد"
    assert _headings(text) == []


@pytest.mark.parametrize(
    ("heading", "category"),
    [
        ("مؤهلات", "qualifications"),
        ("مهارات", "skills"),
        ("معرفة المنتج والسوق", "knowledge"),
        ("ادارة الحساب", "responsibilities"),
        ("دفع وتوقعات", "compensation"),
        ("المميزات:", "benefits"),
        ("طريقة التقديم:", "application"),
        ("الواجبات الوظيفية:", "responsibilities"),
        ("المؤهل العلمي:", "education"),
        ("عن الشركة:", "company"),
        ("ساعات العمل:", "work_conditions"),
        ("سنوات الخبرة:", "experience"),
        ("Skill data:", "skills"),
        ("ملاحظات جانبية غريبة:", "application"),
        ("أشياء أخرى:", "other"),
    ],
)
def test_heading_categories(heading: str, category: str) -> None:
    from pipeline.segment import categorize

    assert (categorize(heading.rstrip(":")) or "other") == category


@pytest.mark.parametrize(
    ("title", "occupation"),
    [
        ("كبار المبيعات التنفيذي الوصف الوظيفي", "كبار المبيعات التنفيذي"),
        ("الوصف الوظيفي لمدير المشاريع", "مدير المشاريع"),
        ("مطلوب: مهندس كهرباء", "مهندس كهرباء"),
        ("[بغداد] مطلوب صانع محتوى", "صانع محتوى"),
        ("فرصة عمل: معلمة لغة إنجليزية", "معلمة لغة إنجليزية"),
        ("فني علوم أغذية", "فني علوم أغذية"),
        ("اعلان .. اعلنت جامعة الفارابي عن فتح باب التقديم", None),
        ("وظائف شاغرة في وزارة الصحة", None),
        ("تعلن شركة عن حاجتها إلى موظفين للعمل في بغداد", None),
    ],
)
def test_occupation_from_the_title(title: str, occupation: str | None) -> None:
    record = extract(title + "\nنص الإعلان مع تفاصيل الوظيفة والشروط")
    assert record.title == title
    assert record.occupation == occupation


def test_repeated_title_is_noise() -> None:
    text = "فرصة عمل: محاسب\nفرصة عمل: محاسب\nتعلن شركة عن حاجتها إلى محاسب بخبرة"
    record = extract(text)
    assert [(n.text, n.kind) for n in record.noise] == [("فرصة عمل: محاسب", "repeated_title")]
    assert record.noise[0].start > 0


def test_a_repeated_title_is_noise_yet_its_mentions_count_each_time() -> None:
    """The repeat is content said twice, not junk: its employer is a second mention; the occupation
    coder reads it once."""
    text = "[أربيل] تطلب شركة الأفق للمقاولات سائقا\nتطلب شركة الأفق للمقاولات سائقا\nالدوام صباحي والراتب جيد"
    record = extract(text)
    assert [n.kind for n in record.noise] == ["repeated_title"]
    orgs = [(e.text, e.start) for e in record.entities if e.type == "organization"]
    assert [t for t, _ in orgs] == ["شركة الأفق للمقاولات"] * 2
    assert all(text[s : s + len(t)] == t for t, s in orgs)
    assert [o.isco08 for o in record.occupations] == ["8322"]


NOISE_LINES = [
    ("اقرأ أيضا:", "boilerplate"),
    ("  مقالات ذات صلة  ", "boilerplate"),
    ("الرجاء تمكين جافا سكريبت", "boilerplate"),
    ("جدول المحتويات", "toc"),
    ("برعاية شركة النور", "advert"),
    ("شارك على فيسبوك | تويتر", "navigation"),
    ("الرئيسية > وظائف > محاسب", "navigation"),
    ("المقال التالي: كيف تكتب سيرتك", "navigation"),
    ("تابعونا على تويتر", "navigation"),
    ("صورة: Getty Images", "image_credit"),
    ("Photo by Pexels user", "image_credit"),
    ("بقلم: أحمد", "byline"),
    ("#وظائف_أربيل #سائق", "navigation"),
    ("📢 شاركوا المنشور لتعم الفائدة", "navigation"),
    ("حفظ | طباعة | مشاركة", "navigation"),
]


@pytest.mark.parametrize("depth", [1, 5, 11, 12, 13, 40])
def test_noise_lines_are_found_at_any_depth(depth: int) -> None:
    """The top lines and the rest of a document are read by two paths; both find every kind."""
    filler = [f"سطر عادي رقم {i} من نص الإعلان عن الوظيفة." for i in range(depth)]
    body = "\n".join(["مطلوب محاسب", *filler, *(line for line, _ in NOISE_LINES), "نهاية الإعلان."])
    record = extract(body)
    record.check_offsets(body)
    assert [(n.text, n.kind) for n in record.noise] == [(line.strip(), kind) for line, kind in NOISE_LINES]


@pytest.mark.parametrize(
    ("lines", "noise"),
    [
        (["قدّم عبر أحد الرابطين:", "•", "أو", "•", "الشروط/"], ["•", "أو", "•"]),  # two links stripped
        (["قدّم عبر أحد الرابطين:", "-", "or", "-", "الشروط/"], ["-", "or", "-"]),
        (["يمكنك أن تختار الصباح", "أو", "المساء", "للدوام"], []),  # "or" between words is content
        (["التقديم حضوريا", "•", "أو", "عبر البريد"], ["•"]),  # one bullet: "or" joins content
    ],
)
def test_or_alone_between_two_link_residues_is_noise(lines: list[str], noise: list[str]) -> None:
    record = extract("\n".join(["إعلان عن وظائف شاغرة", *lines]))
    assert [n.text for n in record.noise] == noise


PROSE = (
    "أعلنت الوزارة اليوم عن خطة لتعيين مئات الخريجين في المدارس الحكومية خلال العام المقبل بعد إكمال إجراءات"
    " التدقيق والمقابلات في كل المحافظات."
)


def test_the_headlines_under_a_marker_of_related_items_are_noise() -> None:
    text = "\n".join(
        [
            "تعيينات جديدة في التعليم",
            PROSE,
            "مواضيع ذات صلة",
            "ارتفاع أسعار الخضار في الأسواق",
            "فوز الفريق المحلي بالكأس",
        ]
    )
    record = extract(text)
    assert [n.text for n in record.noise] == [
        "مواضيع ذات صلة",
        "ارتفاع أسعار الخضار في الأسواق",
        "فوز الفريق المحلي بالكأس",
    ]


def test_a_marker_above_the_first_paragraph_takes_no_lines_with_it() -> None:
    text = "\n".join(["الأكثر قراءة", "تعيينات جديدة في التعليم", PROSE])
    record = extract(text)
    assert record.title == "تعيينات جديدة في التعليم"


@pytest.mark.parametrize(
    "line",
    [
        "اقتصاد | الأحد 3 مارس 2024 | 10:20 ص",  # a section, the date, the time
        "الدوحة - الاثنين 5 فبراير 2024 - آخر تحديث 08:15",
        "عدد المشاهدات: 12,400",
        "Careers > Engineering > Site Engineer",
        "Apply Now",
    ],
)
def test_a_pages_head_furniture_is_noise(line: str) -> None:
    text = "\n".join([line, "تعيينات جديدة في التعليم", PROSE])
    record = extract(text)
    assert [n.text for n in record.noise] == [line]
    assert record.title == "تعيينات جديدة في التعليم"


def test_a_contents_list_its_byline_and_its_tags_are_noise() -> None:
    text = "\n".join(
        [
            "ما هو مدقق الحسابات؟",
            "بواسطة: قسم المحتوى | آخر تحديث: 3 مايو 2024",
            "جدول المحتويات",
            "1 ماذا يفعل المدقق؟",
            "2 راتب المدقق",
            PROSE,
            "الوسوم: تدقيق، محاسبة، وظائف",
        ]
    )
    record = extract(text)
    assert [(n.text, n.kind) for n in record.noise] == [
        ("بواسطة: قسم المحتوى | آخر تحديث: 3 مايو 2024", "byline"),
        ("جدول المحتويات", "toc"),
        ("1 ماذا يفعل المدقق؟", "toc"),
        ("2 راتب المدقق", "toc"),
        ("الوسوم: تدقيق، محاسبة، وظائف", "navigation"),
    ]


SITE_MESSAGES = [
    # (a line as a portal prints it, the part of it that is the site talking to its user)
    (
        "عن الوظيفة: مهندس صيانة. هذه المساحة مخصصة للتعليقات على الإعلان فحسب. شروط الترشح: دبلوم",
        "هذه المساحة مخصصة للتعليقات على الإعلان فحسب.",
    ),
    (
        "تفعيل عبر البريد الإلكتروني أرسلنا إليك رابطا لتفعيل حسابك. يرجى التحقق من صندوق بريدك",
        "تفعيل عبر البريد الإلكتروني أرسلنا إليك رابطا لتفعيل حسابك. يرجى التحقق من صندوق بريدك",
    ),
]


@pytest.mark.parametrize(("line", "junk"), SITE_MESSAGES)
def test_a_sites_messages_to_its_user_are_noise_inside_a_line(line: str, junk: str) -> None:
    record = extract("مطلوب مهندس صيانة\nيعمل في الموقع بدوام كامل.\n" + line)
    assert [(n.text, n.kind) for n in record.noise] == [(junk, "boilerplate")]


@pytest.mark.parametrize(
    "line",
    [
        "يرجى تأكيد استلام الطلب عبر البريد الإلكتروني",  # an application step, not the site's account
        "هذا المنصب مخصص للمواطنين فقط.",  # a condition of the post
        "انشر الإعلانات على صفحات الشركة يوميا",  # a duty, not an appeal to share
        "#1 في خدمة العملاء",  # a rank, not a hashtag line
    ],
)
def test_what_only_resembles_a_sites_message_is_kept(line: str) -> None:
    assert extract("مطلوب مهندس صيانة\nيعمل في الموقع بدوام كامل.\n" + line).noise == []


def test_noise_patterns_are_written_in_the_folded_alphabet() -> None:
    """They are matched against the folded view: an "على" in a pattern could never match."""
    from pipeline.lexicons import load
    from pipeline.normalize import fold

    data = load("noise")
    for entry in [*data["inline"], *data["line"]]:
        letters = [ch for ch in entry["pattern"] if "\u0600" <= ch <= "\u06ff"]
        assert [fold(ch) for ch in letters] == letters, entry["pattern"]
