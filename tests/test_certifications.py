"""Certifications: credentials of the lexicon (with Arabic spellings and misspellings), licence phrases,
a credential noun before a certifying body, and what is not a credential. Our own phrasing."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline import extract
from pipeline.lexicons import load


def _certs(text: str) -> list[dict[str, Any]]:
    record = extract(text)
    record.check_offsets(text)
    return [e.model_dump() for e in record.entities if e.type == "certification"]


LEXICON = [
    ("يفضل الحاصل على شهادة CCNA", "CCNA", "CCNA"),
    ("درجة لا تقل عن 6 في الايلتس", "الايلتس", "IELTS"),  # a common Arabic spelling
    ("اجتياز اختبار التويفل بنجاح", "التويفل", "TOEFL"),  # and a misspelling
    ("امتلاك شهادة NEBOSH في السلامة المهنية", "NEBOSH", "NEBOSH"),
    ("يشترط اجتياز اختبار كفايات المعلمين", "اختبار كفايات المعلمين", "Qiyas teacher competency test"),
    ("حاصل على رخصة قيادة سارية المفعول", "رخصة قيادة", "driving licence"),
    ("يفضل حملة إجازة سوق عمومي", "إجازة سوق", "driving licence"),
    ("وجود ترخيص مزاولة المهنة", "ترخيص مزاولة المهنة", "professional practice licence"),
    ("شهادة ACLS سارية", "شهادة ACLS", "ACLS"),
    ("يفضل من يحمل PMP أو PRINCE2", "PMP", "PMP"),
    ("اجتياز اختبار STEP بدرجة 80", "STEP", "STEP"),
]


@pytest.mark.parametrize(("text", "span", "name"), LEXICON, ids=[c[1] for c in LEXICON])
def test_credentials_of_the_lexicon(text: str, span: str, name: str) -> None:
    assert [(c["text"], c["name"]) for c in _certs(text)][:1] == [(span, name)]


LICENCES = [
    ("أن يحمل رخصة طيار خاص على الأقل", "رخصة طيار خاص"),  # in the lexicon (PPL)
    ("يشترط امتلاك رخصة غواص محترف", "رخصة غواص محترف"),  # a licence phrase the lexicon does not hold
    ("حاصل على رخصة مرشد سياحي", "رخصة مرشد سياحي"),
    ("يشترط امتلاك رخصة تشغيل حفارة هيدروليكية", "رخصة تشغيل حفارة هيدروليكية"),  # operating what follows
    ("يفضل من يحمل شهادة مدرب لياقة معتمد", "شهادة مدرب لياقة معتمد"),  # a certified title
    ("يشترط حمل شهادة الإنعاش القلبي الرئوي", "شهادة الإنعاش القلبي الرئوي"),
]


@pytest.mark.parametrize(("text", "span"), LICENCES, ids=[c[1] for c in LICENCES])
def test_licence_phrases(text: str, span: str) -> None:
    assert [c["text"] for c in _certs(text)] == [span]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("يفضل حامل شهادة CKAD أو ما يعادلها", ["CKAD"]),  # an acronym the lexicon does not hold
        ("الحصول على شهادة ISO 9001 للمصنع", []),  # a standard a company meets, not a person's credential
        ("إرفاق شهادة Cv محدثة", []),  # not in capitals
    ],
)
def test_unknown_acronym_after_a_credential_word(text: str, found: list[str]) -> None:
    assert [c["text"] for c in _certs(text)] == found


def test_a_credential_noun_before_a_certifying_body_is_its_credential() -> None:
    text = "يشترط الحصول على عضوية نقابة الصيادلة قبل المباشرة"
    (cert,) = _certs(text)
    assert cert["text"] == "عضوية نقابة الصيادلة"
    assert cert["issuer"] == "نقابة الصيادلة"


def test_issuer_named_before_in_the_sentence() -> None:
    text = "يفضل الحصول على شهادة من معهد إدارة المشاريع مثل PMP"
    (cert,) = _certs(text)
    assert (cert["name"], cert["issuer"]) == ("PMP", "معهد إدارة المشاريع")


@pytest.mark.parametrize(
    "text",
    [
        "درجة البكالوريوس في الهندسة المدنية",  # a degree is education
        "شهادة خبرة من جهة العمل السابقة",  # a generic certificate
        "رخصة سارية المفعول",  # says nothing of what it licenses
        "تجديد رخصة تشغيل المحل التجاري",  # a shop's operating licence
        "إرفاق شهادة خبرة معتمدة من آخر جهة عمل",  # an accredited document, no certified title
        "الحصول على إجازة سنوية مدفوعة",  # a leave, not a licence
        "take the next step in your career",  # "step" is a word, not the test
        "a safe working environment",  # "safe" is not SAFe
        "تصنيف المنتجات في المستودع",  # classifying goods is a duty
    ],
)
def test_not_certifications(text: str) -> None:
    assert _certs(text) == []


def test_lexicon_rows_are_well_formed() -> None:
    data = load("credentials")
    rows = data["credentials"]
    assert len(rows) >= 140
    for row in rows:
        assert row["name"] and row["aliases"], row
        assert all(isinstance(a, str) and a.strip() == a and a for a in row["aliases"]), row
