"""spaCy's blank Arabic tokenizer, tuned for job text.

spaCy leaves a sentence-final period glued to a word ending in tanween or alef ("دولارًا.") and to a
percent sign ("16%."); these suffix rules split it off, so that token boundaries fall where our entity
spans end and displaCy can show them.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.util import compile_suffix_regex

_EXTRA_SUFFIXES = [
    r"(?<=[\u0600-\u06FF\u064B-\u0652%])\.",  # دولارًا.  16%.
    r"(?<=[\u0600-\u06FF])[:؛،]",  # المهام:  دولار،
    r"(?<=[0-9])[%٪]",  # 16%
]


def tune(nlp: Language) -> None:
    """Add our suffix rules to the tokenizer of `nlp` (in place)."""
    tokenizer: Any = nlp.tokenizer
    defaults: list[Any] = list(nlp.Defaults.suffixes or [])
    tokenizer.suffix_search = compile_suffix_regex([*_EXTRA_SUFFIXES, *defaults]).search
