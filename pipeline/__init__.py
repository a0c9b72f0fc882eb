"""wasf: Arabic job descriptions in, validated structured JSON out.

    >>> from pipeline import extract
    >>> record = extract("الراتب: 5000 ريال شهريا", doc_id="ad-1")
    >>> record.entities[0].amount
    5000

`extract` returns a schemas.JobRecord; `extract_many` streams records for many documents (on several
processes if asked); `load` returns the spaCy Language for users who want the Doc (`doc._.wasf_record`,
`doc.spans["wasf"]` for displaCy). spaCy is imported on first use, so `import pipeline` stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.api import extract, extract_many, load

__all__ = ["extract", "extract_many", "load"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """extract, extract_many and load, imported on first use: the command line starts (and answers
    Ctrl-C) before pydantic and the schemas are loaded."""
    if name in __all__:
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
