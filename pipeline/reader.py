"""Reading inputs: files, folders (recursive *.txt), JSONL files and stdin, as a stream of documents.

Every input yields a `Document` or an `InputError` — never an exception and never silence: in a folder,
a broken link, a FIFO or device named *.txt, an unreadable sub-folder, a link loop, a path too long are
each an error row. Files are decoded as UTF-8 (a leading BOM dropped, newlines kept as they are); a file
that is not UTF-8 is an error naming the byte offset, unless an `encoding` (e.g. cp1256, common for legacy
Arabic files, or utf-16) is given. A text is binary when it holds NUL bytes anywhere (after decoding, so
that UTF-16 works). The size limit is enforced while reading, so it holds for pipes and devices too.
A file name that is not UTF-8 (a cp1256 name from a Windows zip) is carried with its bytes escaped
("\\xc7"), so that it can be written as JSON.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

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
    kind: str  # decode | binary | too_large | unreadable | jsonl | not_found | not_a_file
    message: str


Input = Document | InputError


def shown(name: str) -> str:
    """A path or id as Unicode text: the bytes of a name that is not UTF-8 (the surrogate escapes of the
    file system's decoding) written as \\xNN escapes; other lone surrogates as \\udNNN."""
    if lone_surrogate(name) is None:
        return name
    if _escaped_bytes(name):
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _escaped_bytes(name: str) -> bool:
    """Whether every lone surrogate of `name` is a surrogate escape (U+DC80-U+DCFF) of an undecodable byte."""
    return all("\udc80" <= ch <= "\udcff" for ch in _SURROGATE_RE.findall(name))


def decode(data: bytes, source: str, encoding: str | None = None) -> str | tuple[str, str]:
    """The text of `data`, or (kind, message) of why it is not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if encoding:
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError) as exc2:
                if b"\x00" in data:
                    return "binary", f"{source}: binary data (NUL bytes), not a text file"
                return "decode", f"{source}: neither UTF-8 nor {encoding}: {exc2}"
        elif b"\x00" in data:
            return "binary", f"{source}: binary data (NUL bytes), not a text file"
        else:
            return "decode", (
                f"{source}: invalid UTF-8 at byte {exc.start} ({exc.reason}); "
                "if it is a legacy Arabic file, try --encoding cp1256"
            )
    if "\x00" in text:
        if encoding and b"\x00" in data:
            try:  # UTF-8 by accident (UTF-16 of Latin text is valid UTF-8 with NULs): the given codec
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                pass
        if "\x00" in text:
            return "binary", f"{source}: binary data (NUL bytes), not a text file"
    return text


def _doc(doc_id: str, source: str, data: bytes, encoding: str | None) -> Input:
    text = decode(data, source, encoding)
    if isinstance(text, tuple):
        return InputError(doc_id, source, *text)
    return Document(doc_id, source, text)


def _too_large(doc_id: str, source: str, max_bytes: int, size: str = "over") -> InputError:
    return InputError(
        doc_id, source, "too_large", f"{source}: {size} the limit of {max_bytes} bytes (raise it with --max-bytes)"
    )


def _unreadable(doc_id: str, source: str, exc: OSError) -> InputError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ELOOP:
        reason = "a loop of symbolic links"
    kind = "not_found" if exc.errno == errno.ENOENT else "unreadable"
    return InputError(doc_id, source, kind, f"{source}: {reason}")


def read_bounded(handle: IO[bytes], max_bytes: int, expect: int = 1 << 16) -> bytes | None:
    """At most `max_bytes` bytes of `handle`, read in pieces (the first of `expect` bytes: a file's size,
    read at once); None if there is more (a pipe or a device has no size to check first: the limit holds
    while reading, never past max_bytes + 1)."""
    chunks: list[bytes] = []
    left = max_bytes + 1
    size = expect
    while left > 0:
        chunk = handle.read(min(left, size))
        size = 1 << 20
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    if left <= 0:
        return None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_file(path: Path, doc_id: str, max_bytes: int, encoding: str | None) -> Input:
    """One text file (or FIFO, device, process substitution named on the command line) as a document,
    or the error that stops it."""
    source = shown(str(path))
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                return InputError(doc_id, source, "not_a_file", f"{source}: a folder where a file was expected")
            if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
                return _too_large(doc_id, source, max_bytes, f"{info.st_size} bytes is over")
            data = read_bounded(handle, max_bytes, info.st_size + 1 if stat.S_ISREG(info.st_mode) else 1 << 16)
    except OSError as exc:
        return _unreadable(doc_id, source, exc)
    if data is None:
        return _too_large(doc_id, source, max_bytes)
    return _doc(doc_id, source, data, encoding)


def _jsonl_id(obj: dict[str, Any]) -> str | tuple[()] | None:
    """The id of a JSONL object: "id" (else "doc_id") when present and not null, as text (0, "" and
    false are ids); None when there is none; () when it is not a scalar."""
    for key in ("id", "doc_id"):
        value = obj.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            return value
        if isinstance(value, bool | int | float):
            return json.dumps(value)
        return ()
    return None


def read_jsonl(path: Path, max_bytes: int, encoding: str | None) -> Iterator[Input]:
    """Documents of a JSONL file: one {"id": ..., "text": ...} object per line."""
    source = shown(str(path))
    stem = shown(path.stem)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _unreadable(stem, source, exc)
        return
    with handle:
        lineno = 0
        while True:
            raw = handle.readline(max_bytes + 2)
            if not raw:
                break
            lineno += 1
            where = f"{source}:{lineno}"
            if len(raw) > max_bytes + (raw.endswith(b"\n")):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line, in bounded pieces
                    raw = handle.readline(1 << 20)
                yield InputError(f"{stem}:{lineno}", where, "too_large", f"{where}: line over {max_bytes} bytes")
                continue
            if not raw.strip():
                continue
            line = decode(raw, where, encoding)
            if isinstance(line, tuple):
                yield InputError(f"{stem}:{lineno}", where, *line)
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(f"{stem}:{lineno}", where, "jsonl", f"{where}: not JSON: {exc.msg}")
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                yield InputError(f"{stem}:{lineno}", where, "jsonl", f'{where}: expected {{"id": ..., "text": "..."}}')
                continue
            doc_id = _jsonl_id(obj)
            if doc_id == ():
                yield InputError(f"{stem}:{lineno}", where, "jsonl", f"{where}: the id must be a string or a number")
                continue
            doc_id = f"{stem}:{lineno}" if doc_id is None else doc_id
            if lone_surrogate(str(doc_id)) is not None or lone_surrogate(obj["text"]) is not None:
                yield InputError(
                    f"{stem}:{lineno}",
                    where,
                    "jsonl",
                    f"{where}: a lone surrogate (\\ud800-\\udfff) is not Unicode text",
                )
                continue
            yield Document(str(doc_id), where, obj["text"])


#: What a folder holds that becomes an input: a file (path) or the error row of what cannot be one.
Entry = tuple[Path, InputError | None]

_INPUT_SUFFIXES = {".txt", ".jsonl"}


def _folder(root: Path, skip: frozenset[tuple[int, int]] = frozenset()) -> list[Entry]:
    """The *.txt and *.jsonl of a folder, recursively (sorted), through links to folders (a folder met a
    second time, by a loop of links or another link, is an error row, not read again). What cannot be
    read is an entry with its error row: nothing is dropped in silence. A FIFO is never opened (it would
    block). Files whose (device, inode) is in `skip` (our own output) are left out."""
    entries: list[Entry] = []

    def problem(path: Path, exc: OSError) -> None:
        rel = shown(path.relative_to(root).with_suffix("").as_posix()) if path != root else shown(path.name)
        entries.append((path, _unreadable(rel, shown(str(path)), exc)))

    def on_error(exc: OSError) -> None:
        problem(Path(exc.filename) if exc.filename else root, exc)

    seen: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, onerror=on_error, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError as exc:
            problem(Path(folder), exc)
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in seen:
            problem(Path(folder), OSError(errno.ELOOP, "a folder met a second time (a loop of symbolic links?)"))
            dirs[:] = []
            continue
        seen.add((info.st_dev, info.st_ino))
        for name in files:
            path = Path(folder, name)
            if path.suffix.lower() not in _INPUT_SUFFIXES:
                continue
            try:
                info = path.stat()
            except OSError as exc:
                if exc.errno == errno.ENOENT and path.is_symlink():
                    exc = OSError(errno.ENOENT, "a broken symbolic link")
                problem(path, exc)
                continue
            if (info.st_dev, info.st_ino) in skip:
                continue
            if not stat.S_ISREG(info.st_mode):
                rel = shown(path.relative_to(root).with_suffix("").as_posix())
                what = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
                entries.append((path, InputError(rel, shown(str(path)), "not_a_file", f"{shown(str(path))}: {what}")))
                continue
            entries.append((path, None))
    return sorted(entries, key=lambda e: e[0])


def count_inputs(paths: list[str]) -> int | None:
    """How many documents `read_inputs` will yield, when that is known without reading (no JSONL, stdin)."""
    total = 0
    for p in paths:
        path = Path(p)
        files = [f for f, _ in _folder(path)] if path.is_dir() else [path]
        if p == "-" or any(f.suffix.lower() == ".jsonl" for f in files):
            return None
        total += len(files)
    return total


def read_inputs(
    paths: list[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    encoding: str | None = None,
    skip: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[Input]:
    """Stream the documents of the given paths ("-" is stdin), in the order given, folders sorted.
    Files whose (device, inode) is in `skip` (the output) are not read from folders."""
    for p in paths:
        if p == "-":
            yield _stdin(max_bytes, encoding)
            continue
        path = Path(p)
        name = shown(p)
        try:
            is_dir = path.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            for f, error in _folder(path, skip):
                if error is not None:
                    yield error
                    continue
                rel = shown(f.relative_to(path).with_suffix("").as_posix())
                if f.suffix.lower() == ".jsonl":
                    yield from read_jsonl(f, max_bytes, encoding)
                else:
                    yield read_file(f, rel, max_bytes, encoding)
        elif path.suffix.lower() == ".jsonl" and path.is_file():
            yield from read_jsonl(path, max_bytes, encoding)
        elif path.exists() or path.is_symlink():
            yield read_file(path, shown(path.stem), max_bytes, encoding)
        else:
            yield InputError(shown(path.stem), name, "not_found", f"{name}: no such file or folder")


def _stdin(max_bytes: int, encoding: str | None) -> Input:
    stdin = sys.stdin
    if stdin is None:
        return InputError("stdin", "-", "unreadable", "stdin: closed (there is no standard input)")
    try:
        data = read_bounded(stdin.buffer, max_bytes)
    except (OSError, ValueError) as exc:
        return InputError("stdin", "-", "unreadable", f"stdin: {getattr(exc, 'strerror', None) or exc}")
    if data is None:
        return _too_large("stdin", "-", max_bytes)
    return _doc("stdin", "-", data, encoding)
