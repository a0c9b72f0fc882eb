"""Memory that a large document's analysis frees, given back to the system (glibc's allocator, on Linux).

CPython returns what it frees to the C allocator, which keeps it: a freed copy of a large text stays in the
heap when glibc has raised its threshold for mapping large blocks on their own (it does so, up to 32 MB, as
such blocks are freed), and the pages of many small freed objects stay resident until the heap is trimmed.
The resident memory of a large document then grew by half again over what it held. `map_large_blocks`
(for the CLI's process) fixes the threshold, so that every large block is unmapped when freed; `release`
(between the stages of a large document) hands free heap pages back. Elsewhere both do nothing.
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache
from typing import Any

#: mallopt's parameter for the size from which blocks are mapped on their own (glibc's malloc.h)
_M_MMAP_THRESHOLD = -3
#: Blocks of this many bytes or more are mapped on their own (glibc's initial value, kept fixed).
LARGE_BLOCK = 128 * 1024
#: A document of this many characters or more has its freed memory given back between stages (trimming
#: costs a few milliseconds; a small document frees little).
LARGE_TEXT = 1 << 20


@cache
def _glibc() -> Any:
    """The C library when it is glibc (it has malloc_trim and mallopt), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    except (OSError, AttributeError):  # another C library (musl), or none to load
        return None
    return libc


def map_large_blocks() -> None:
    """Map every block of LARGE_BLOCK bytes or more on its own, and unmap it when freed (for this process)."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)


def release() -> None:
    """Give the free pages of the heap back to the system."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
