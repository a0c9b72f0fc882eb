"""Writing records: JSONL or one JSON per document, through temporary files renamed into place.

An interrupted run never leaves a half-written output file: data goes to a temporary file in the target
folder, which replaces the target only when it is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_writer(target: Path) -> Iterator[IO[str]]:
    """A text handle whose content replaces `target` atomically on success, and vanishes on failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def safe_file_name(doc_id: str) -> str:
    """A doc_id as a file name: path separators and other awkward characters replaced."""
    name = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in doc_id).strip(".")
    return name or "doc"
