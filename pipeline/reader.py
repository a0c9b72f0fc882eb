"""Reading inputs: files, folders (recursive *.txt), JSONL files and stdin, as a stream of documents.

Every input yields a `Document` or an `InputError` — never an exception and never silence. Files are
decoded as UTF-8 (a leading BOM dropped, newlines kept as they are); a file that is not UTF-8 is an error
naming the byte offset, unless an `encoding` (e.g. cp1256, common for legacy Arabic files) is given.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str) -> int | None:
    """Index of the first lone surrogate (a str that is not Unicode text and cannot be written as UTF-8)."""
    m = _SURROGATE_RE.search(text)
    return m.start() if m else None


#: Files larger than this are refused with a clear message rather than read into memory.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    source: str
    text: str


@dataclass(frozen=True, slots=True)
class InputError:
    doc_id: str
    source: str
    kind: str  # decode | binary | too_large | unreadable | jsonl | not_found
    message: str


Input = Document | InputError


def decode(data: bytes, source: str, encoding: str | None = None) -> str | tuple[str, str]:
    """The text of `data`, or (kind, message) of why it is not text."""
    if b"\x00" in data[:8192]:
        return "binary", f"{source}: binary data (NUL bytes), not a text file"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError) as exc2:
                return "decode", f"{source}: neither UTF-8 nor {encoding}: {exc2}"
        return "decode", (
            f"{source}: invalid UTF-8 at byte {exc.start} ({exc.reason}); "
            "if it is a legacy Arabic file, try --encoding cp1256"
        )


def _doc(doc_id: str, source: str, data: bytes, encoding: str | None) -> Input:
    text = decode(data, source, encoding)
    if isinstance(text, tuple):
        return InputError(doc_id, source, *text)
    return Document(doc_id, source, text)


def read_file(path: Path, doc_id: str, max_bytes: int, encoding: str | None) -> Input:
    """One text file as a document (or the error that stops it)."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputError(
                doc_id,
                source,
                "too_large",
                f"{source}: {size} bytes is over the limit of {max_bytes} (raise it with --max-bytes)",
            )
        data = path.read_bytes()
    except OSError as exc:
        return InputError(doc_id, source, "unreadable", f"{source}: {exc.strerror or exc}")
    return _doc(doc_id, source, data, encoding)


def read_jsonl(path: Path, max_bytes: int, encoding: str | None) -> Iterator[Input]:
    """Documents of a JSONL file: one {"id": ..., "text": ...} object per line."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(path.stem, source, "unreadable", f"{source}: {exc.strerror or exc}")
        return
    with handle:
        for lineno, raw in enumerate(handle, start=1):
            where = f"{source}:{lineno}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield InputError(f"{path.stem}:{lineno}", where, "too_large", f"{where}: line over {max_bytes} bytes")
                continue
            line = decode(raw, where, encoding)
            if isinstance(line, tuple):
                yield InputError(f"{path.stem}:{lineno}", where, *line)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(f"{path.stem}:{lineno}", where, "jsonl", f"{where}: not JSON: {exc.msg}")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                yield InputError(
                    f"{path.stem}:{lineno}", where, "jsonl", f'{where}: expected {{"id": ..., "text": "..."}}'
                )
                continue
            doc_id = str(obj.get("id") or obj.get("doc_id") or f"{path.stem}:{lineno}")
            if lone_surrogate(doc_id) is not None or lone_surrogate(obj["text"]) is not None:
                yield InputError(
                    f"{path.stem}:{lineno}",
                    where,
                    "jsonl",
                    f"{where}: a lone surrogate (\\ud800-\\udfff) is not Unicode text",
                )
                continue
            yield Document(doc_id, where, obj["text"])


def _folder(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".jsonl"})


def count_inputs(paths: list[str]) -> int | None:
    """How many documents `read_inputs` will yield, when that is known without reading (no JSONL, stdin)."""
    total = 0
    for p in paths:
        path = Path(p)
        files = _folder(path) if path.is_dir() else [path]
        if p == "-" or any(f.suffix.lower() == ".jsonl" for f in files):
            return None
        total += len(files)
    return total


def read_inputs(paths: list[str], max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> Iterator[Input]:
    """Stream the documents of the given paths ("-" is stdin), in the order given, folders sorted."""
    for p in paths:
        if p == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield InputError("stdin", "-", "too_large", f"stdin: over the limit of {max_bytes} bytes")
            else:
                yield _doc("stdin", "-", data, encoding)
            continue
        path = Path(p)
        if path.is_dir():
            for f in _folder(path):
                rel = f.relative_to(path).with_suffix("").as_posix()
                if f.suffix.lower() == ".jsonl":
                    yield from read_jsonl(f, max_bytes, encoding)
                else:
                    yield read_file(f, rel, max_bytes, encoding)
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            yield from read_jsonl(path, max_bytes, encoding)
        elif path.exists():
            yield read_file(path, path.stem, max_bytes, encoding)
        else:
            yield InputError(path.stem, p, "not_found", f"{p}: no such file or folder")
