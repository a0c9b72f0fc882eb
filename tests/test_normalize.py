"""Normalization: the folded view (example table) and its offset map (Hypothesis properties)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize import AR_DIAC, fold, normalize

FOLDS = [
    ("إدارة", "اداره"),
    ("أحمد آمن ٱلله", "احمد امن الله"),
    ("مستشفى", "مستشفي"),
    ("دولارًا", "دولارا"),
    ("مـــهـــارات", "مهارات"),
    ("١٤٤،٤٢٠", "144,420"),
    ("۱۲۳۴", "1234"),
    ("٣٫٥٪", "3٫5%"),  # the decimal separator is kept: it is unambiguous
    ("١٬٢٣٤", "1٬234"),  # so is the thousands separator
    ("ما هذا؟ نعم؛ لا", "ما هذا? نعم; لا"),
    ("\u200fالراتب\u200e", "الراتب"),
    ("a\u00a0b\u202fc", "a b c"),
    ("ﻻ ﻷ", "لا لا"),
    ("ﺍﻟﺮﺍﺗﺐ", "الراتب"),
    ("BLS Excel", "bls excel"),
    ("سطر\r\nسطر", "سطر\nسطر"),
    ("زيادة\rسطر", "زياده\nسطر"),  # a lone CR (old Mac files) is a line break
    ("سطر\u2028سطر\x85سطر", "سطر\nسطر\nسطر"),  # so are U+2028 and NEL
    ("", ""),
]


@pytest.mark.parametrize(("raw", "folded"), FOLDS)
def test_fold(raw: str, folded: str) -> None:
    assert normalize(raw).text == folded


def test_diacritics_are_camel_tools_set() -> None:
    from camel_tools.utils.charsets import AR_DIAC_CHARSET

    assert frozenset(AR_DIAC_CHARSET) == AR_DIAC


def test_fold_is_idempotent_on_the_table() -> None:
    for raw, _ in FOLDS:
        assert fold(fold(raw)) == fold(raw)


def test_span_back_to_the_original_keeps_the_trailing_diacritics() -> None:
    raw = "حصل على ١٤٤،٤٢٠ دولارًا\u200f. مؤسسةٌ"
    n = normalize(raw)
    i = n.text.index("دولارا")
    assert raw[slice(*n.span(i, i + 6))] == "دولارًا"
    j = n.text.index("مؤسسه")
    assert raw[slice(*n.span(j, j + 5))] == "مؤسسةٌ"
    k = n.text.index("144,420")
    assert raw[slice(*n.span(k, k + 7))] == "١٤٤،٤٢٠"


# Arabic-heavy text with every kind of character the normalizer treats specially.
SPECIAL = "ًٌٍَُِّْٰـ\u200b\u200c\u200d\u200e\u200f\u061c\u202a\u202e\u2066\ufeff\u00ad\r\n \u00a0ﻻﻷﷲ﷼ﺍﻟ٫٬،٪"
ARABIC_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from(list(SPECIAL)),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFC),
    ),
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(ARABIC_TEXT)
def test_offset_map_is_monotonic_and_in_bounds(raw: str) -> None:
    n = normalize(raw)
    starts = [n.start(i) for i in range(len(n.text) + 1)]
    assert starts == sorted(starts)
    assert all(0 <= s <= len(raw) for s in starts)
    assert starts[-1] == len(raw)
    for i in range(len(n.text)):
        assert n.start(i) < n.end(i) <= len(raw)


@settings(max_examples=300, deadline=None)
@given(ARABIC_TEXT, st.data())
def test_any_view_span_maps_to_a_valid_original_span(raw: str, data: st.DataObject) -> None:
    n = normalize(raw)
    a = data.draw(st.integers(0, len(n.text)))
    b = data.draw(st.integers(a, len(n.text)))
    s, e = n.span(a, b)
    assert 0 <= s <= e <= len(raw)
    if b > a:
        # the original span folds back to (at least) the view span's text
        assert n.text[a:b] in fold(raw[s:e])


@settings(max_examples=300, deadline=None)
@given(ARABIC_TEXT)
def test_fast_fold_equals_translate(raw: str) -> None:
    from pipeline.normalize import FOLD_TABLE, _fold_chars

    assert _fold_chars(raw) == raw.translate(FOLD_TABLE)
