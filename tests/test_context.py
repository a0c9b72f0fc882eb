"""Sentences.around must give the sentence of every offset as a scan of all the sentence ends would,
whatever the order of the questions (sentences are found when first asked for, then kept)."""

from __future__ import annotations

import re
from bisect import bisect_right

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import context
from pipeline.context import Sentences

_ENDS_RE = re.compile(r"[\n.!?;](?:(?<=\n)|(?=\s|$))")


def _by_all_ends(text: str, i: int) -> tuple[int, int]:
    ends = [m.end() for m in _ENDS_RE.finditer(text)]
    k = bisect_right(ends, i)
    return (ends[k - 1] if k > 0 else 0), (ends[k] if k < len(ends) else len(text))


@pytest.mark.parametrize(
    ("text", "i", "expected"),
    [
        ("الراتب 73.710 ريال. ثم", 10, (0, 19)),  # the dot of a number ends nothing
        ("اول. ثاني", 6, (4, 9)),
        ("اول.ثاني", 6, (0, 8)),  # a dot glued to a letter ("ر.س") ends nothing
        ("سطر\nسطر", 5, (4, 7)),
        ("نص!", 3, (3, 3)),  # the end of the text, after a final end
        ("", 0, (0, 0)),
    ],
)
def test_examples(text: str, i: int, expected: tuple[int, int]) -> None:
    assert Sentences(text).around(i) == expected


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(["كلمه", "x", "1", " ", "\n", ".", "!", "?", ";", "\u00a0", ".5"]), max_size=40),
    data=st.data(),
)
def test_same_sentences_as_a_scan_of_all_ends(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    look_back = data.draw(st.sampled_from([1, 2, 3, 256]))  # small: the windows that grow backwards are used
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(context, "_LOOK_BACK", look_back)
        sentences = Sentences(text)
        for i in data.draw(st.lists(st.integers(0, len(text) + 1), max_size=12)):
            assert sentences.around(i) == _by_all_ends(text, i)
