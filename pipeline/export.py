"""Writing records: JSONL or one JSON per document, without ever destroying what is not ours to replace.

- A regular file (or a new one) is written to a temporary file in its folder, which replaces it only when
  complete: an interrupted run never leaves a half-written file, and a failed final flush (disk full)
  leaves neither the temporary file nor a damaged target. The new file keeps the permissions of the file
  it replaces (a new file gets the umask's).
- A symbolic link is followed, deliberately: the file it points to is replaced; the link stays.
- What is not a regular file (a character device such as /dev/null or /dev/full, a FIFO, /dev/stdout) is
  written through, never replaced: `-o /dev/full` reports the full disk, `-o /dev/stdout` prints.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class Interrupted(Exception):
    """SIGTERM, turned into an exception so that output is closed as on Ctrl-C."""


class OutputError(Exception):
    """The output cannot be written (read-only folder, full disk, a parent that is a file...): one line."""


def describe(exc: OSError, target: Path | str) -> OutputError:
    """An OutputError naming the target and the reason (no traceback for the user)."""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        reason = "no space left on the device (disk full)"
    return OutputError(f"cannot write {target}: {reason}")


def resolve(target: Path) -> Path:
    """The path that writing `target` writes: a symbolic link is followed (to its final file)."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def is_special(target: Path) -> bool:
    """Whether `target` exists and is not a regular file nor a folder (a device, a FIFO, a socket)."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextlib.contextmanager
def atomic_writer(target: Path, keep_partial: bool = False) -> Iterator[IO[str]]:
    """A text handle whose content replaces `target` atomically when the block ends (see the module
    docstring for links and devices, which are followed and written through).

    On an error the temporary file vanishes and `target` is untouched. On an interruption (Ctrl-C,
    SIGTERM) with `keep_partial`, what was written so far — whole lines, when the caller writes whole
    lines — replaces `target`, so that a resumed run can skip it. OSError becomes OutputError.
    """
    if is_special(target):  # (through a link too: /dev/stdout is a link to a pipe or a terminal)
        with _through(target) as handle:
            yield handle
        return
    target = resolve(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:200]}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise describe(exc, target) from None
    os.chmod(tmp, _mode_for(target))
    handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
    try:
        yield handle
        _commit(handle, tmp, target)
    except (KeyboardInterrupt, Interrupted):
        if keep_partial:
            _commit(handle, tmp, target, whole_lines=True)
        else:
            _discard(handle, tmp)
        raise
    except OSError as exc:
        _discard(handle, tmp)
        raise describe(exc, target) from None
    except BaseException:
        _discard(handle, tmp)
        raise


@contextlib.contextmanager
def _through(target: Path) -> Iterator[IO[str]]:
    """Write straight into a device or FIFO (opened without creating or truncating anything else)."""
    try:
        handle = open(target, "w", encoding="utf-8", newline="\n")
    except OSError as exc:
        raise describe(exc, target) from None
    try:
        yield handle
        handle.flush()
    except BrokenPipeError:
        raise  # (the reader of a pipe is done: not an error of ours, the command line ends quietly)
    except OSError as exc:
        raise describe(exc, target) from None
    finally:
        with contextlib.suppress(OSError):
            handle.close()


def _mode_for(target: Path) -> int:
    """The permissions of the file `target` replaces, or those a new file gets under the umask."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _commit(handle: IO[str], tmp: str, target: Path, whole_lines: bool = False) -> None:
    """Replace `target` by the temporary file; with `whole_lines`, a last line without its newline (a
    write torn by a signal) is cut off first."""
    try:
        handle.flush()
        if whole_lines:
            _cut_torn_line(handle.fileno())
        os.fsync(handle.fileno())
        handle.close()
        os.replace(tmp, target)
    except OSError as exc:
        _discard(handle, tmp)
        raise describe(exc, target) from None


def _cut_torn_line(fd: int, block: int = 1 << 16) -> None:
    """Truncate the file open on `fd` after its last newline (to nothing when it has none)."""
    end = os.fstat(fd).st_size
    pos = end
    while pos > 0:
        start = max(0, pos - block)
        chunk = os.pread(fd, pos - start, start)
        cut = chunk.rfind(b"\n")
        if cut >= 0:
            pos = start + cut + 1
            break
        pos = start
    if pos != end:
        os.ftruncate(fd, pos)


def _discard(handle: IO[str], tmp: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        handle.close()  # (may fail to flush what is buffered: the data is dropped anyway)
    with contextlib.suppress(OSError):
        os.unlink(tmp)


#: File names are capped in bytes (most file systems allow 255), leaving room for the hash and ".json".
MAX_NAME_BYTES = 180


def safe_file_name(doc_id: str) -> str:
    """A doc_id as a file name, one-to-one: an id that needs its awkward characters (path separators,
    spaces...) replaced, or is too long, gets a hash of itself after a "~", which plain names never
    hold, so "a/b" and "a_b" never share a file, nor does an id that looks like another's hashed name."""
    name = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in doc_id).strip(".")
    if name == doc_id and len(name.encode("utf-8", "surrogatepass")) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    short = name.encode("utf-8", "surrogatepass")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
    return f"{short or 'doc'}~{digest}"


class FileNames:
    """File names for the documents of one run, in input order: a doc_id seen before (duplicate ids)
    gets its own name too, so every document gets its own file, always."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def name(self, doc_id: str) -> str:
        name = safe_file_name(doc_id)
        k = 1
        while name.casefold() in self._used:  # (case-insensitive file systems too)
            k += 1
            name = safe_file_name(f"{doc_id}\x00{k}")
        self._used.add(name.casefold())
        return name
