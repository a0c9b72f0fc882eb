"""Organizations, certifications, skills and education: example tables with negative cases."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline import extract


def _entities(text: str, kind: str) -> list[dict[str, Any]]:
    record = extract(text)
    record.check_offsets(text)
    return [e.model_dump() for e in record.entities if e.type == kind]


ORGS = [
    (
        "وتقول الأرقام، وفقًا لمكتب الولايات المتحدة لإحصاءات العمل، إن الطلب زاد",
        "مكتب الولايات المتحدة لإحصاءات العمل",
        "data_source",
        "BLS",
    ),
    ("إلا أن BLS تشير إلى ذلك", "BLS", "data_source", "BLS"),
    ("بحسب مكتب إحصاءات العمل الأمريكي فإن", "مكتب إحصاءات العمل الأمريكي", "data_source", "BLS"),
    (
        "الحصول على شهادة من الجمعية الوطنية لممثلي المبيعات الطبية.",
        "الجمعية الوطنية لممثلي المبيعات الطبية",
        "certifying_body",
        "NAMSR",
    ),
    ("شهادة PMP من معهد إدارة المشاريع", "معهد إدارة المشاريع", "certifying_body", "PMI"),
    ("تصنيف من الهيئة السعودية للتخصصات الصحية", "الهيئة السعودية للتخصصات الصحية", "certifying_body", "SCFHS"),
    ("تعلن شركة النخيل لصناعة الأثاث عن حاجتها", "شركة النخيل لصناعة الأثاث", "employer", None),
    ("أعلنت وزارة الصحة عن فتح باب التعيين", "وزارة الصحة", "employer", "MOH"),
    ("اعلنت جامعة الفارابي عن فتح باب التقديم", "جامعة الفارابي", "employer", None),
    ("جامعات تعترف بها وزارة التعليم العالي والبحث العلمي", "وزارة التعليم العالي والبحث العلمي", "government", None),
    ("للعمل لدى مجموعة الفارس التجارية في جدة", "مجموعة الفارس التجارية", "employer", None),
    ("مراجعة وزارة الداخلية أثناء الدوام الرسمي", "وزارة الداخلية", "government", "MOI"),
    ("تعلن شركة مجموعة الفارس التجارية عن حاجتها", "شركة مجموعة الفارس التجارية", "employer", None),
]


@pytest.mark.parametrize(("text", "span", "role", "acronym"), ORGS, ids=[o[1][:30] for o in ORGS])
def test_organizations(text: str, span: str, role: str, acronym: str | None) -> None:
    orgs = _entities(text, "organization")
    assert [(o["text"], o["role"], o["acronym"]) for o in orgs] == [(span, role, acronym)]


def test_acronym_shares_the_canonical_name() -> None:
    text = "هذه الأرقام وفقا لمكتب الولايات المتحدة لإحصاءات العمل. وتنشر BLS تحديثا كل عام."
    assert {o["name"] for o in _entities(text, "organization")} == {"مكتب الولايات المتحدة لإحصاءات العمل"}


@pytest.mark.parametrize(
    "text",
    [
        "وهم أهم عملاء الشركة.",
        "يفضل أن يحمل المتقدم شهادة من هيئة اعتماد معروفة",
        "من الهيئات الصناعية مثل",
        "يعمل داخل الشركة على رفع جودة الخدمة",
        "حماية شركاتهم من التهديدات التنافسية",
        "مكتب مجهز بالكامل",
        "نبحث عن مصممة مبدعة ومنظمة تنضم إلى فريق العمل",  # an adjective, not an organization
        "إدارة صندوق البيع",
    ],
)
def test_generic_mentions_are_not_organizations(text: str) -> None:
    assert _entities(text, "organization") == []


CERTS = [
    ("ويفضل من يحمل لقب محترف مبيعات معتمد.", "محترف مبيعات معتمد", "Certified Sales Professional"),
    ("يفضل حاصل على شهادة PMP", "PMP", "PMP"),
    ("شهادة CPA أو CMA", "CPA", "CPA"),
    ("امتلاك رخصة قيادة سارية", "رخصة قيادة", "driving licence"),
    ("ترخيص مزاولة المهنة ساري المفعول", "ترخيص مزاولة المهنة", "professional practice licence"),
    ("درجة IELTS لا تقل عن 6", "IELTS", "IELTS"),
]


@pytest.mark.parametrize(("text", "span", "name"), CERTS, ids=[c[1] for c in CERTS])
def test_certifications(text: str, span: str, name: str) -> None:
    certs = _entities(text, "certification")
    assert [(c["text"], c["name"]) for c in certs][:1] == [(span, name)]


def test_certification_issuer_is_linked() -> None:
    text = "يستطيع المندوب التقدم إلى مؤسسة أبحاث التعليم لممثلي الشركات ، لنيل لقب محترف مبيعات معتمد."
    (cert,) = _entities(text, "certification")
    assert cert["issuer"] == "مؤسسة أبحاث التعليم لممثلي الشركات"


@pytest.mark.parametrize("text", ["درجة البكالوريوس في المحاسبة", "شهادة من هيئة اعتماد", "شهادة خبرة"])
def test_degrees_and_generic_certificates_are_not_certifications(text: str) -> None:
    assert _entities(text, "certification") == []


SKILLS = [
    ("لديهم مهارات تحليلية جيدة", ["مهارات تحليلية"], ["analytical skills"]),
    ("تتطلب مهارات تواصل ممتازة", ["مهارات تواصل"], ["communication"]),
    ("يتطلب مهارات الاتصال والتفاوض", ["مهارات الاتصال", "التفاوض"], ["communication", "negotiation"]),
    ("• القدرة على العمل تحت الضغط", ["القدرة على العمل تحت الضغط"], ["working under pressure"]),
    ("- إجادة Excel", ["Excel"], ["Microsoft Excel"]),
    ("- الإلمام بأنظمة الجودة", ["الإلمام بأنظمة الجودة"], ["الإلمام بأنظمة الجودة"]),
    ("خبرة في استخدام AutoCAD و Revit", ["خبرة في استخدام AutoCAD و Revit"], ["خبرة في استخدام AutoCAD و Revit"]),
    ("إتقان اللغة الإنجليزية تحدثا وكتابة", ["إتقان اللغة الإنجليزية تحدثا وكتابة"], ["English"]),
    ("مهارات حل المشكلات", ["مهارات حل المشكلات"], ["problem solving"]),
    ("لديه مهارات خدمة العملاء ممتازة", ["مهارات خدمة العملاء"], ["customer service"]),
    (
        "لديه مهارات تحليلية والقدرة على صنع القرار",
        ["مهارات تحليلية", "القدرة على صنع القرار"],
        ["analytical skills", "decision making"],
    ),
    ("لديه مهارات قيادية عالية", ["مهارات قيادية"], ["leadership"]),
    ("لديه مهارات تصوير احترافية", ["مهارات تصوير"], ["مهارات تصوير"]),
]


@pytest.mark.parametrize(("text", "spans", "names"), SKILLS, ids=[s[0][:25] for s in SKILLS])
def test_skills(text: str, spans: list[str], names: list[str]) -> None:
    skills = _entities(text, "skill")
    assert [s["text"] for s in skills] == spans
    assert [s["name"] for s in skills] == names


@pytest.mark.parametrize(
    "text",
    [
        "إدارة الحسابات الرئيسية للعملاء",  # a duty
        "ونقل مهاراتهم في المعرفة والمبيعات",  # a possessive, not a stated skill
        "وعلى المتدربين إثبات القدرة على التعلم السريع",  # in running text, not a requirement item
        "مهارات عالية",  # a qualifier with no skill
        "ويرتفع حسب خبرة ومهارات المتقدم",  # the applicant's skills, unnamed
    ],
)
def test_not_skills(text: str) -> None:
    assert _entities(text, "skill") == []


EDUCATION = [
    ("يكفي دبلوم المدرسة الثانوية لهذه الوظيفة", "دبلوم المدرسة الثانوية", "secondary", None),
    ("قد يطلب درجة البكالوريوس ، وفقا", "درجة البكالوريوس", "bachelor", None),
    ("بكالوريوس محاسبة", "بكالوريوس محاسبة", "bachelor", "accounting"),
    ("شهادة البكالوريوس في الهندسة المدنية", "شهادة البكالوريوس في الهندسة المدنية", "bachelor", "civil engineering"),
    ("ماجستير إدارة أعمال", "ماجستير إدارة أعمال", "master", "business administration"),
    ("يفضل حملة الدكتوراه", "الدكتوراه", "doctorate", None),
    ("دبلوم في التمريض", "دبلوم في التمريض", "diploma", "nursing"),
    ("خريج الثانوية العامة", "الثانوية العامة", "secondary", None),
    ("MBA preferred", "MBA", "master", None),
]


@pytest.mark.parametrize(("text", "span", "level", "field"), EDUCATION, ids=[e[1] for e in EDUCATION])
def test_education(text: str, span: str, level: str, field: str | None) -> None:
    edu = _entities(text, "education")
    assert [(e["text"], e["level"], e["field"]) for e in edu] == [(span, level, field)]


@pytest.mark.parametrize("text", ["التعليم المستمر مهم", "مدرسة خاصة", "الدراسات العليا"])
def test_not_education(text: str) -> None:
    assert _entities(text, "education") == []


def test_a_glued_conjunction_stays_out_of_the_span_and_the_article_in() -> None:
    text = "شهادة من الهيئات مثل والجمعية الوطنية لممثلي المبيعات الطبية."
    assert [o["text"] for o in _entities(text, "organization")] == ["الجمعية الوطنية لممثلي المبيعات الطبية"]
