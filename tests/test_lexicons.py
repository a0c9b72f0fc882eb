"""WordMatcher must give exactly the matches of its whole-word pattern, only faster, whether the entries
are found by one pass for all lexicons (LexiconScan) or by the matcher's own regex."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lexicons import LexiconScan, WordMatcher, alternation, word_regex

ENTRIES = ["شركه", "مكتب", "مكتب العمل", "هيئه", "bls", "c++", "عمل", "ال"]
PIECES = [*ENTRIES, "و", "ب", "لل", "ال", "وال", " ", " ", "\n", "x", "ا", "ه", "1", ".", "-"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال مكتب العمل", ["مكتب العمل"]),  # the longest entry
        ("لمكتب والشركه", ["مكتب", "شركه"]),  # a clitic (ل، وال) stays out of w
        ("مكتبه", []),  # not a whole word
        ("تعمل", []),  # an entry inside a word
        ("bls, c++ و c++x", ["bls", "c++"]),
    ],
)
def test_examples(text: str, expected: list[str]) -> None:
    assert [m.group("w") for m in word_regex(ENTRIES, clitics=True).finditer(text)] == expected


def test_article_option() -> None:
    matcher = WordMatcher(["شركه", "هيئه"], clitics=True, article=True)
    assert [m.group("w") for m in matcher.finditer("الشركه وهيئه كالهيئه")] == ["الشركه", "هيئه", "الهيئه"]
    assert [m.group("w") for m in WordMatcher(["شركه"]).finditer("الشركه شركه")] == ["شركه"]


@settings(max_examples=400, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=40),
    clitics=st.booleans(),
    article=st.booleans(),
    data=st.data(),
)
def test_same_matches_as_the_pattern(pieces: list[str], clitics: bool, article: bool, data: st.DataObject) -> None:
    text = "".join(pieces)
    matcher = WordMatcher(ENTRIES, clitics=clitics, article=article)
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    want = [m.span("w") for m in matcher.pattern.finditer(text, pos, endpos)]
    assert [m.span("w") for m in matcher.finditer(text, pos, endpos)] == want
    first = matcher.pattern.search(text, pos, endpos)
    got = matcher.search(text, pos, endpos)
    assert (got.span() if got else None) == (first.span() if first else None)
    whole = [m.span("w") for m in matcher.pattern.finditer(text)]
    assert [m.span("w") for m in matcher.finditer(text, scan=LexiconScan(text))] == whole


def test_a_scan_made_before_a_matcher_exists_scans_again_for_it() -> None:
    text = "نقابه المهندسين ومكتب العمل"  # a folded view (ة is ه)
    scan = LexiconScan(text)
    early = WordMatcher(["نقابه"])
    assert [m.group("w") for m in early.finditer(text, scan=scan)] == ["نقابه"]
    late = WordMatcher(["مكتب العمل"], clitics=True)  # registered after the scan
    assert [m.group("w") for m in late.finditer(text, scan=scan)] == ["مكتب العمل"]
    assert [m.group("w") for m in early.finditer(text, scan=scan)] == ["نقابه"]


def test_a_scan_of_another_text_is_not_used() -> None:
    matcher = WordMatcher(["مكتب"])
    scan = LexiconScan("مكتب")
    assert list(matcher.finditer("لا شيء", scan=scan)) == []


def test_alternation_prefers_the_longest() -> None:
    import re

    m = re.match(alternation(["ال", "الف", "الاف"]), "الاف ")
    assert m is not None and m.group() == "الاف"


LINE_PIECES = ["القدره علي", "اجاده", "\n", " ", "-", "•", "1", "2)", ".", "x", "ا", "\t"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(LINE_PIECES), max_size=30))
def test_line_start_matcher_finds_the_matches_of_its_pattern(pieces: list[str]) -> None:
    import re

    from pipeline.lexicons import LineStartMatcher

    keys = ["القدره علي", "اجاده"]
    pattern = re.compile(rf"(?:^|\n)[ \t]*(?:[-•]|\d{{1,2}}[ \t]*[-.)])?[ \t]*(?P<c>{alternation(keys)})")
    matcher = LineStartMatcher(pattern, keys)
    text = "".join(pieces)
    want = [m.span("c") for m in pattern.finditer(text)]
    assert [m.span("c") for m in matcher.finditer(text)] == want
    assert [m.span("c") for m in matcher.finditer(text, scan=LexiconScan(text))] == want


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_education_and_number_word_matchers_find_the_matches_of_their_patterns(data: st.DataObject) -> None:
    """The two Prefiltered matchers whose patterns reach past one lexicon entry (a carrier before the
    degree, a run of number words) against their own patterns, on text made of their words."""
    from pipeline.extractors.education import _lexicon
    from pipeline.extractors.numerals import _word_run_re
    from pipeline.normalize import fold

    pieces = ["شهاده", "حاصل علي", "بكالوريوس", "ماجستير", "دبلوم", "خمسه", "عشر", "الف", "ست", "مستوي",
              "و", "ب", " ", "  ", "\n", "في", "ا", "1"]  # fmt: skip
    text = fold("".join(data.draw(st.lists(st.sampled_from(pieces), max_size=30))))
    for matcher in (_lexicon()["pattern"], _word_run_re()):
        want = [m.span() for m in matcher.pattern.finditer(text)]
        assert [m.span() for m in matcher.finditer(text)] == want
        assert [m.span() for m in matcher.finditer(text, scan=LexiconScan(text))] == want
