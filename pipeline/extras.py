"""Optional extras: import a module of one, or fail with an error that names the extra to install.

`wasf[dask]` runs `wasf extract --engine dask`; `wasf[tables]` writes Parquet/CSV tables; `wasf[scale]` is
both. The core of wasf needs neither, so they are imported only where used, through `require`.
"""

from __future__ import annotations

import importlib
from typing import Any


class MissingExtra(ImportError):
    """An optional dependency is not installed; the message says which extra brings it."""


def require(module: str, extra: str) -> Any:
    """`module`, imported; MissingExtra naming `pip install 'wasf[extra]'` where it is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingExtra(
            f"{module} is not installed: it comes with the optional extra {extra!r} "
            f"(pip install 'wasf[{extra}]', or 'wasf[scale]' for Dask and tables both)"
        ) from exc
