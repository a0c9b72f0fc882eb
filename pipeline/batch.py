"""The batch runner behind `wasf extract`: inputs -> records or error rows, streamed, nothing lost.

- Every input yields one output row, in input order, whatever `jobs` is (worker processes keep order),
  so `--jobs 2` writes byte-identical output to `--jobs 1`.
- Output goes through pipeline.export.atomic_writer: a crash leaves the previous output untouched; an
  interruption (Ctrl-C, SIGTERM) keeps the complete rows written so far, which `resume` then skips.
- `resume` reads the existing output once and indexes the byte offsets of its records (not their text):
  their lines are copied, in input order, instead of extracting those documents again. Error rows are
  retried.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

from pipeline.export import Interrupted
from pipeline.reader import Document, Input, InputError

if TYPE_CHECKING:
    from pipeline.streamed import SpooledLine

#: What one input becomes: (doc_id, the JSON line in UTF-8 without its newline, entity counts by type or
#: None for an error row). Bytes (a bytearray for a large record, built in place: pipeline.streamed): a large
#: document's line, mostly ASCII, takes half the memory of a str
#: (one Arabic letter makes a str take two bytes a character).
Row = tuple[str, "bytes | bytearray | SpooledLine", dict[str, int] | None]


@dataclass
class Summary:
    documents: int = 0
    errors: int = 0
    resumed: int = 0
    entities: Counter[str] = field(default_factory=Counter)

    def add(self, row: Row) -> None:
        self.documents += 1
        if row[2] is None:
            self.errors += 1
        else:
            self.entities.update(row[2])


def process(inp: Input | Row) -> Row:
    """The output row of one input (a row kept from a resumed output passes through unchanged)."""
    if isinstance(inp, tuple):
        return inp
    from pipeline.api import extract_json
    from schemas import ErrorRow

    if isinstance(inp, InputError):
        row = ErrorRow(doc_id=inp.doc_id, source=inp.source, error={"kind": inp.kind, "message": inp.message})
        return inp.doc_id, row.model_dump_json().encode("utf-8"), None
    try:
        line, counts = extract_json(inp.text, doc_id=inp.doc_id, source=inp.source, spool=True)
        return inp.doc_id, line, counts
    except Exception as exc:  # a bug must not take the batch down: the document becomes an error row
        message = f"{type(exc).__name__}: {exc}".encode("utf-8", "replace").decode("utf-8")
        row = ErrorRow(doc_id=inp.doc_id, source=inp.source, error={"kind": "internal", "message": message})
        return inp.doc_id, row.model_dump_json().encode("utf-8"), None


def _worker_init() -> None:
    """Workers leave Ctrl-C to the parent, which stops them (with SIGTERM, whose default action they
    get back: a fork inherits the parent's handler) and keeps what was written."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


#: A task for a worker process: this many documents, or this many characters, whichever comes first.
#: Handing documents over one by one cost the parent process so much that two processes ran at 1.3x one.
BATCH_DOCS, BATCH_CHARS = 64, 64_000

T = TypeVar("T")
R = TypeVar("R")


def batches(
    items: Iterable[T], size: Callable[[T], int] | None = None, max_docs: int = BATCH_DOCS
) -> Iterator[list[T]]:
    """The items in order, grouped into tasks of at most `max_docs` items and, where `size` is given,
    about BATCH_CHARS characters by `size` (a large document is a task of its own; small inputs still
    spread over the workers)."""
    batch: list[T] = []
    chars = 0
    for item in items:
        n = size(item) if size is not None else 0
        if batch and (len(batch) >= max_docs or chars + n > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += n
    if batch:
        yield batch


def _input_size(inp: Input | Row) -> int:
    return len(inp.text) if isinstance(inp, Document) else 0


def _map_batch(fn: Callable[[T], R], batch: list[T]) -> list[R]:
    return [fn(item) for item in batch]


def _start_worker(init: Callable[[], None] | None, load: bool) -> None:
    if init is not None:
        init()
    if load:
        from pipeline.api import warm

        warm()


def in_workers(
    fn: Callable[[T], R],
    items: Iterable[T],
    size: Callable[[T], int],
    jobs: int,
    init: Callable[[], None] | None = None,
    max_docs: int = BATCH_DOCS,
) -> Iterator[R]:
    """fn(item) for every item, in input order, on `jobs` worker processes fed with `batches` (`init`
    runs in each worker first). The lexicons are loaded once before a fork, which the workers inherit;
    where processes are spawned instead, each worker loads them."""
    import multiprocessing as mp
    from functools import partial

    from pipeline.api import warm

    fork = "fork" in mp.get_all_start_methods()
    if fork:
        warm()
    with mp.get_context("fork" if fork else "spawn").Pool(
        jobs, initializer=_start_worker, initargs=(init, not fork)
    ) as pool:
        for done in pool.imap(partial(_map_batch, fn), batches(items, size, max_docs)):
            yield from done


def rows(inputs: Iterator[Input | Row], jobs: int) -> Iterator[Row]:
    """Output rows in input order, on `jobs` processes."""
    if jobs <= 1:
        yield from map(process, inputs)
    else:
        yield from in_workers(process, inputs, _input_size, jobs, init=_worker_init)


class NotRecords(ValueError):
    """The file given to --resume is not an output of wasf: resuming would replace it."""


class ResumeIndex:
    """Records of an earlier output, by (doc_id, source): where their lines are, not the lines.

    Error rows are indexed too (they are retried, but an interrupted resume keeps them): `rest` writes
    every row of the earlier output that the new one has not written yet. A file that holds anything
    but records and error rows (a torn last line aside) is refused: NotRecords.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.offsets: dict[tuple[str, str | None], tuple[int, int, dict[str, int]]] = {}
        self.rows: dict[tuple[str, str | None], tuple[int, int]] = {}  # every row, records and errors
        self.passed: list[tuple[str, str | None]] = []  # the keys of the inputs, in order
        if path is None or not path.is_file():
            return
        with path.open("rb") as fh:
            offset = 0
            for lineno, raw in enumerate(fh, start=1):
                if not self._index(raw, offset) and raw.strip() and raw.endswith(b"\n"):
                    raise NotRecords(f"{path}:{lineno} is not a wasf record nor an error row")
                offset += len(raw)

    def _index(self, raw: bytes, offset: int) -> bool:
        if not raw.endswith(b"\n"):
            return False  # a torn last line is not a record
        try:
            row = json.loads(raw)
        except ValueError:
            return False
        if not isinstance(row, dict) or not isinstance(row.get("doc_id"), str):
            return False
        source = row.get("source")
        key = (row["doc_id"], source if isinstance(source, str) else None)
        if "error" in row:
            self.rows[key] = (offset, len(raw))
            return True
        if not isinstance(row.get("entities"), list):
            return False
        counts = Counter(str(e.get("type")) for e in row["entities"] if isinstance(e, dict))
        self.offsets[key] = (offset, len(raw), dict(counts))
        self.rows[key] = (offset, len(raw))
        return True

    def rest(self, written: int, out: IO[bytes]) -> int:
        """Write the rows of the earlier output whose inputs are not among the first `written` rows of
        the new one (after an interruption: what was there is kept). Returns how many."""
        if self.path is None or not self.rows:
            return 0
        done = set(self.passed[:written])
        kept = 0
        with self.path.open("rb") as fh:
            for key, (offset, length) in sorted(self.rows.items(), key=lambda kv: kv[1][0]):
                if key not in done:
                    fh.seek(offset)
                    out.write(fh.read(length))
                    kept += 1
        return kept

    def keep(self, inputs: Iterator[Input], summary: Summary) -> Iterator[Input | Row]:
        """The inputs, with those already in the index replaced by their stored row."""
        if not self.offsets or self.path is None:
            for inp in inputs:
                self.passed.append((inp.doc_id, inp.source))
                yield inp
            return
        with self.path.open("rb") as fh:
            for inp in inputs:
                self.passed.append((inp.doc_id, inp.source))
                hit = self.offsets.get((inp.doc_id, inp.source))
                if hit is None or isinstance(inp, InputError):
                    yield inp
                    continue
                offset, length, counts = hit
                fh.seek(offset)
                summary.resumed += 1
                yield inp.doc_id, fh.read(length).rstrip(b"\n"), counts


def _on_sigterm(*_: Any) -> None:
    raise Interrupted


def run(
    inputs: Iterator[Input | Row],
    jobs: int,
    write: IO[str] | None,
    per_doc: Path | None,
    summary: Summary,
    progress: Any = None,
) -> None:
    """Write the rows of `inputs` to `write` (JSONL) or as one pretty JSON file each under `per_doc`."""
    from pipeline.export import FileNames, atomic_writer

    names = FileNames()
    out = write.buffer if write is not None else None  # type: ignore[attr-defined]  # (rows are bytes)
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    _HOLD.install()  # (once for the run: a handler set per row cost more than the row's write)
    try:
        for row in rows(inputs, jobs):
            if per_doc is not None:
                name = names.name(row[0])  # (for every row: the names follow the input order)
                if row[1]:  # (empty: resumed, its file is already there)
                    from pipeline.streamed import as_bytes

                    with atomic_writer(per_doc / f"{name}.json") as fh:
                        fh.write(json.dumps(json.loads(as_bytes(row[1])), ensure_ascii=False, indent=2) + "\n")
            elif out is not None:
                _write_line(out, row[1])
            summary.add(row)  # (counted once written: an interrupted resume keeps the rest from here)
            if progress is not None:
                progress.update(1)
    finally:
        _HOLD.uninstall()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _write_line(out: IO[bytes], line: bytes | bytearray | SpooledLine) -> None:
    """Write a row and its newline with Ctrl-C and SIGTERM held back until both are written (an
    interrupted run keeps whole rows only: --resume reads them back); a spooled line is copied a block at
    a time."""
    try:
        with _HOLD.held():
            if isinstance(line, bytes | bytearray):
                out.write(line)  # (not line + b"\n": a copy of a large document's line)
            else:
                line.write_to(out)
            out.write(b"\n")
    finally:
        if not isinstance(line, bytes | bytearray):
            line.close()


_HELD = (signal.SIGINT, signal.SIGTERM)


class _Holder:
    """Ctrl-C and SIGTERM that come while a row is written take effect when it is whole.

    Done with Python handlers, not a signal mask: a mask is the calling thread's, and the kernel hands a
    process's signal to any thread that does not block it (the pool's threads with --jobs 2), after which
    the main thread would still raise at once. `run` installs the handlers once; outside a run each
    `held()` block installs them for itself."""

    def __init__(self) -> None:
        self.previous: list[Any] | None = None  # the handlers the installed ones stand in for
        self.writing = False
        self.came: list[int] = []

    def install(self) -> None:
        if self.previous is None and _main_thread():
            self.previous = [signal.signal(sig, self._handler) for sig in _HELD]

    def uninstall(self) -> None:
        if self.previous is not None:
            for sig, handler in zip(_HELD, self.previous, strict=True):
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)  # (None: set outside Python)
            self.previous = None

    def _handler(self, signum: int, _frame: Any) -> None:
        if self.writing:
            self.came.append(signum)
        else:
            self._act(signum)

    def _act(self, signum: int) -> None:
        """Do what the handler the run stood in for would have done."""
        handler = self.previous[_HELD.index(signum)] if self.previous is not None else signal.SIG_DFL
        if callable(handler):
            handler(signum, None)
        elif handler in (signal.SIG_DFL, None):
            self.uninstall()
            os.kill(os.getpid(), signum)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        own = self.previous is None and _main_thread()
        if own:
            self.install()
        self.writing = True
        try:
            yield
        finally:
            self.writing = False
            came, self.came = self.came[:1], []
            try:
                for signum in came:  # a signal that came meanwhile acts now, the row whole
                    self._act(signum)
            finally:
                if own:
                    self.uninstall()


_HOLD = _Holder()


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def keep_files(inputs: Iterator[Input], folder: Path, summary: Summary) -> Iterator[Input | Row]:
    """For --format json: inputs whose FOLDER/<doc_id>.json already holds a record become empty rows."""
    from pipeline.export import FileNames

    names = FileNames()
    for inp in inputs:
        path = folder / f"{names.name(inp.doc_id)}.json"
        row = _read_json(path) if not isinstance(inp, InputError) and path.is_file() else None
        if isinstance(row, dict) and "error" not in row and row.get("source") == inp.source:
            summary.resumed += 1
            counts = Counter(str(e.get("type")) for e in row.get("entities", []) if isinstance(e, dict))
            yield inp.doc_id, b"", dict(counts)
        else:
            yield inp


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
