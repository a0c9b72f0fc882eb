"""The CLI's record writer (pipeline.streamed via api.extract_json) writes exactly what
`extract(...).model_dump_json()` gives: whole for an ordinary document, in pieces for a large one."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import pipeline.streamed as streamed
from pipeline import extract
from pipeline.api import extract_json

CORPUS = sorted((Path(__file__).resolve().parent.parent / "corpus").rglob("*.txt"))


def _expected(text: str, doc_id: str) -> tuple[bytes, dict[str, int]]:
    record = extract(text, doc_id=doc_id, source="s.txt")
    return record.model_dump_json().encode("utf-8"), dict(Counter(e.type for e in record.entities))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_an_ordinary_document_is_written_as_its_record(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert extract_json(text, doc_id=path.stem, source="s.txt") == _expected(text, path.stem)


@pytest.mark.parametrize("chunk", [1, 3, 50])
@pytest.mark.parametrize("path", CORPUS[:3], ids=lambda p: p.stem)
def test_a_record_written_in_pieces_is_the_same_record(path: Path, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    text = path.read_text(encoding="utf-8")
    expected = _expected(text, path.stem)
    monkeypatch.setattr(streamed, "CHUNK", chunk)  # pieces of `chunk` items: the path of a large document
    assert extract_json(text, doc_id=path.stem, source="s.txt") == expected


def test_the_seed_keeps_its_occupation_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    path = next(p for p in CORPUS if p.stem == "senior-sales-executive")
    monkeypatch.setattr(streamed, "CHUNK", 5)
    line, _ = extract_json(path.read_text(encoding="utf-8"), doc_id="seed")
    assert b'"isco08":"3322"' in line


def test_a_large_documents_line_is_spooled_to_a_file_and_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With spool (the CLI), a large document's line is made in a temporary file, not in memory: its bytes,
    pickled or copied to an output, are the record's line; an ordinary document's line stays bytes."""
    import pickle

    from pipeline import heap
    from pipeline.batch import _write_line

    path = CORPUS[0]
    text = path.read_text(encoding="utf-8")
    expected = _expected(text, path.stem)
    assert isinstance(extract_json(text, doc_id=path.stem, source="s.txt", spool=True)[0], bytes)
    monkeypatch.setattr(streamed, "CHUNK", 5)
    monkeypatch.setattr(heap, "LARGE_TEXT", 10)  # every document is "large"
    line, counts = extract_json(text, doc_id=path.stem, source="s.txt", spool=True)
    assert isinstance(line, streamed.SpooledLine)
    assert (bytes(line), counts) == expected and len(line) == len(expected[0])
    assert pickle.loads(pickle.dumps(line)) == expected[0]  # (to or from a worker process: the bytes)
    out = tmp_path / "out.jsonl"
    with out.open("wb") as fh:
        _write_line(fh, line)
    assert out.read_bytes() == expected[0] + b"\n"


def test_a_spooled_row_is_written_whole_though_ctrl_c_comes_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a spooled line is copied to the output is held back until the row and its newline are
    written: an interrupted run keeps whole rows only (--resume reads them back)."""
    import os
    import signal

    from pipeline.batch import _write_line

    line = streamed.SpooledLine()
    line.extend(b'{"doc_id":"x"}')

    def interrupted(self: streamed.SpooledLine, out: Any) -> None:
        out.write(b'{"doc_id"')
        os.kill(os.getpid(), signal.SIGINT)  # (held back: no KeyboardInterrupt here)
        out.write(b':"x"}')

    monkeypatch.setattr(streamed.SpooledLine, "write_to", interrupted)
    out = tmp_path / "out.jsonl"
    with out.open("wb") as fh, pytest.raises(KeyboardInterrupt):
        _write_line(fh, line)
    assert out.read_bytes() == b'{"doc_id":"x"}\n'
