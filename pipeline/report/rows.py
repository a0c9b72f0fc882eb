"""The report's input, as a stream of rows: each document's record (or error row) with its text.

`wasf report` takes what `wasf extract` takes (texts are extracted here) or the records JSONL that
`wasf extract` wrote. A records file holds no text: a document's text is read back from its `source`
(a file, or a line of a JSONL input read forward, since records come in input order) and used only
when every span of the record still matches it. A line that is not a record becomes an error row:
bad input shows in the report as an error and never stops it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any

from pipeline.reader import DEFAULT_MAX_BYTES, Document, InputError, decode, read_file, read_inputs


@dataclass(slots=True)
class Row:
    """One document of the report: a record, or an error (kind, message), and the text when known."""

    doc_id: str
    source: str | None
    record: dict[str, Any] | None
    error: tuple[str, str] | None = None
    text: str | None = None
    text_note: str | None = None  # why the text is not shown, when it is not


def is_records_file(path: Path) -> bool:
    """Whether `path` is a JSONL of wasf records / error rows (rather than {"id", "text"} inputs)."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    with path.open("rb") as fh:
        for raw in fh:
            if raw.strip():
                try:
                    obj = json.loads(raw)
                except ValueError:
                    return False
                return isinstance(obj, dict) and "text" not in obj and ("schema_version" in obj or "error" in obj)
    return False


def read_rows(
    paths: list[str], with_text: bool = True, max_bytes: int = DEFAULT_MAX_BYTES, jobs: int = 1
) -> Iterator[Row]:
    """Rows of the given inputs, in order; `with_text` False skips reading texts back (no pages);
    texts are extracted on `jobs` worker processes."""
    texts = _SourceTexts(max_bytes) if with_text else None
    for p in paths:
        path = Path(p)
        if is_records_file(path):
            yield from _record_rows(path, texts)
        else:
            yield from _extracted_rows(p, max_bytes, jobs, with_text)


def _extracted_rows(path: str, max_bytes: int, jobs: int, with_text: bool) -> Iterator[Row]:
    inputs = read_inputs([path], max_bytes)
    if jobs <= 1:
        yield from (extract_row(inp, with_text) for inp in inputs)
    else:
        from pipeline.batch import in_workers

        size = lambda inp: len(inp.text) if isinstance(inp, Document) else 0  # noqa: E731
        yield from in_workers(partial(extract_row, with_text=with_text), inputs, size, jobs)


def extract_row(inp: Document | InputError, with_text: bool = True) -> Row:
    """The row of one input: its record (and text), or its error."""
    from pipeline.api import extract

    if isinstance(inp, InputError):
        return Row(inp.doc_id, inp.source, None, (inp.kind, inp.message))
    try:
        record = extract(inp.text, doc_id=inp.doc_id, source=inp.source).model_dump(mode="json")
    except Exception as exc:  # a bug must not take the report down: the document is an error row
        return Row(inp.doc_id, inp.source, None, ("internal", f"{type(exc).__name__}: {exc}"))
    return Row(inp.doc_id, inp.source, record, text=inp.text if with_text else None)


def _record_rows(path: Path, texts: _SourceTexts | None) -> Iterator[Row]:
    if texts is not None:
        texts.base = path.parent
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            row = parse_row(raw, f"{path}:{lineno}")
            if row.record is not None and texts is not None:
                texts.attach(row)
            yield row
    if texts is not None:
        texts.close()


def parse_row(raw: bytes | str, where: str) -> Row:
    """A records-file line as a Row; anything but a record or an error row is an error row itself."""
    try:
        obj = json.loads(raw)
    except ValueError as exc:
        return Row(where, where, None, ("record", f"{where}: not JSON ({exc})"))
    if not isinstance(obj, dict):
        return Row(where, where, None, ("record", f"{where}: not a JSON object"))
    doc_id, source = str(obj.get("doc_id") or where), obj.get("source")
    source = None if source is None else str(source)
    if "error" in obj:
        err = obj["error"] if isinstance(obj["error"], dict) else {"message": obj["error"]}
        return Row(doc_id, source, None, (str(err.get("kind") or "error"), str(err.get("message") or "")))
    problem = record_problem(obj)
    if problem:
        return Row(doc_id, source, None, ("record", f"{where}: {problem}"))
    return Row(doc_id, source, obj)


def record_problem(obj: dict[str, Any]) -> str | None:
    """Why `obj` is not a record the report can show, or None (extra fields are fine)."""
    for key in ("sections", "noise", "entities", "warnings"):
        if not isinstance(obj.get(key), list):
            return f"not a wasf record (no list '{key}')"
    spans = [s.get("heading") for s in obj["sections"] if isinstance(s, dict)] + obj["noise"] + obj["entities"]
    for span in spans:
        if span is None:
            continue
        if not (
            isinstance(span, dict)
            and isinstance(span.get("text"), str)
            and isinstance(span.get("start"), int)
            and isinstance(span.get("end"), int)
        ):
            return f"a span without text/start/end: {str(span)[:80]}"
    for ent in obj["entities"]:
        if not isinstance(ent.get("type"), str):
            return "an entity without a type"
    return None


def spans_match(record: dict[str, Any], text: str) -> bool:
    """Whether every span of the record is exactly its text in `text` (input[start:end] == text)."""
    spans = [s.get("heading") for s in record["sections"]] + record["noise"] + record["entities"]
    return all(s is None or text[s["start"] : s["end"]] == s["text"] for s in spans)


class _SourceTexts:
    """Texts of records read back from their sources: files, or lines of JSONL inputs read forward."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.base = Path()  # a relative source is looked for here too: the records file's folder
        self.jsonl: tuple[str, IO[bytes], int] | None = None  # (path, handle, next line number)

    def attach(self, row: Row) -> None:
        assert row.record is not None
        text = self._read(row.source or "")
        if text is None:
            row.text_note = f"the text of {row.source!r} could not be read: entities are listed, not marked"
        elif not spans_match(row.record, text):
            row.text_note = f"{row.source} has changed since extraction: entities are listed, not marked"
        else:
            row.text = text

    def _find(self, source: str) -> str | None:
        """The source as a path from the working folder, else from the records file's folder."""
        if not source:
            return None
        for where in (Path(source), self.base / source):
            if where.is_file():
                return str(where)
        return None

    def _read(self, source: str) -> str | None:
        path, _, line = source.rpartition(":")
        if path.lower().endswith(".jsonl") and line.isdigit():
            found = self._find(path)
            return self._jsonl_line(found, int(line)) if found else None
        found = self._find(source)
        if found is None:
            return None
        doc = read_file(Path(found), "", self.max_bytes, None)
        return doc.text if isinstance(doc, Document) else None

    def _jsonl_line(self, path: str, lineno: int) -> str | None:
        if self.jsonl is None or self.jsonl[0] != path or self.jsonl[2] > lineno:
            self.close()
            try:
                self.jsonl = (path, Path(path).open("rb"), 1)
            except OSError:
                return None
        name, fh, at = self.jsonl
        raw = b""
        while at <= lineno:
            raw = fh.readline()
            at += 1
            if not raw:
                break
        self.jsonl = (name, fh, at)
        text = decode(raw, path)
        if isinstance(text, tuple):
            return None
        try:
            obj = json.loads(text)
        except ValueError:
            return None
        return obj.get("text") if isinstance(obj, dict) and isinstance(obj.get("text"), str) else None

    def close(self) -> None:
        if self.jsonl is not None:
            self.jsonl[1].close()
            self.jsonl = None
