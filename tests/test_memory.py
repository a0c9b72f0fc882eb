"""The ways a large document is read with less memory give the records of the ordinary ways: lines kept as
offsets and made when asked for (pipeline.segment), the lexicon scan given the text a block at a time
(pipeline.lexicons). Each is forced onto ordinary documents here, and the records compared."""

from __future__ import annotations

from pathlib import Path

import pytest

import pipeline.lexicons as lexicons
import pipeline.segment as segment
from pipeline import extract, heap

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "corpus").rglob("*.txt"))
#: lines with spaces around them, blank lines of spaces, a title said again, a last line without "\n"
SHAPES = "  عنوان الوظيفة  \n\n \t \nالمهام:\n- متابعة المبيعات بنسبة 5%\n عنوان الوظيفة\nالراتب: 3000 ريال"


def _records(texts: list[str]) -> list[str]:
    return [extract(t, doc_id=str(i)).model_dump_json() for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in CORPUS] + [SHAPES, "", "\n", "سطر واحد"]


def test_lines_made_when_asked_for_give_the_same_records(texts: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _records(texts)
    monkeypatch.setattr(segment, "_LAZY_LINES", 0)
    monkeypatch.setattr(segment, "_SPLIT_BLOCK", 7)  # blocks end within a few lines: every boundary is met
    assert _records(texts) == expected


def test_lazy_lines_are_the_listed_lines(texts: list[str]) -> None:
    for text in texts:
        listed, starts = segment._lines(text)
        lazy = segment._LazyLines(text)
        assert list(lazy) == listed and list(lazy.raw_starts) == starts
        assert lazy[:3] == listed[:3] and lazy[len(listed) - 1] == listed[-1]


@pytest.mark.parametrize("block", [1, 5, 64])
def test_the_scan_in_blocks_finds_every_entry(texts: list[str], block: int, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _records(texts)
    monkeypatch.setattr(lexicons, "_SCAN_BLOCK", block)  # entries straddle the blocks' ends
    assert _records(texts) == expected


def test_freed_memory_goes_back_where_glibc_is_the_allocator() -> None:
    """pipeline.heap asks glibc to map large blocks on their own and to trim its heap; elsewhere it does
    nothing (and never raises)."""
    heap.map_large_blocks()
    heap.release()
    libc = heap._glibc()
    if libc is None:
        pytest.skip("not glibc")
    assert libc.malloc_trim(0) in (0, 1)


def test_the_masked_view_standing_for_the_view_gives_the_same_records(
    texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    noisy = [f"{t}\n\nاعلان\n{{{{ user.name }}}}\n" for t in texts]  # noise below, away from the headings
    expected = _records(texts + noisy)
    monkeypatch.setattr(segment, "_SHARED_VIEW", 0)
    assert _records(texts + noisy) == expected


@pytest.mark.parametrize(
    ("text", "shared"),
    [
        ("مطلوب محاسب\nالمهام:\nإعداد التقارير المالية الشهرية للشركة\nاعلان\n", True),
        ("مطلوب محاسب {{ job.title }}\nالمهام:\nإعداد التقارير المالية الشهرية للشركة\n", False),  # in the title
        ("مطلوب محاسب\nالمهام {{ x }}:\nإعداد التقارير المالية الشهرية للشركة\nاعلان\n", False),  # in a heading
        ("مطلوب محاسب\nالمهام:\nإعداد التقارير المالية الشهرية للشركة\n", True),  # no noise: one view anyway
    ],
)
def test_the_view_is_let_go_only_where_no_noise_touches_a_heading_or_the_title(
    text: str, shared: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipeline.stages import start

    monkeypatch.setattr(segment, "_SHARED_VIEW", 0)
    an = start("x", None, text)
    view = an.text
    segment.segment(an)
    assert (an.text is an.masked) is shared
    assert an.text == (an.masked if shared else view)
