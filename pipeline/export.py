"""Writing records: JSONL or one JSON per document, through temporary files renamed into place.

An interrupted run never leaves a half-written output file: data goes to a temporary file in the target
folder, which replaces the target only when it is complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class Interrupted(Exception):
    """SIGTERM, turned into an exception so that output is closed as on Ctrl-C."""


@contextlib.contextmanager
def atomic_writer(target: Path, keep_partial: bool = False) -> Iterator[IO[str]]:
    """A text handle whose content replaces `target` atomically when the block ends.

    On an error the temporary file vanishes and `target` is untouched. On an interruption (Ctrl-C,
    SIGTERM) with `keep_partial`, what was written so far — whole lines, when the caller writes whole
    lines — replaces `target`, so that a resumed run can skip it.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
    try:
        yield handle
        _commit(handle, tmp, target)
    except (KeyboardInterrupt, Interrupted):
        if keep_partial:
            _commit(handle, tmp, target)
        else:
            _discard(handle, tmp)
        raise
    except BaseException:
        _discard(handle, tmp)
        raise


def _commit(handle: IO[str], tmp: str, target: Path) -> None:
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()
    os.replace(tmp, target)


def _discard(handle: IO[str], tmp: str) -> None:
    handle.close()
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def safe_file_name(doc_id: str) -> str:
    """A doc_id as a file name, one-to-one: an id that needs its awkward characters (path separators,
    spaces...) replaced gets a short hash of itself, so that "a/b" and "a_b" never share a file."""
    name = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in doc_id).strip(".")
    if name == doc_id:
        return name
    digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{name or 'doc'}-{digest}"
