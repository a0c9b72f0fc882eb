"""The stages in order, each a function on the document's Analysis, shared by both ways of running them:

- `analyse()` runs them directly: what `pipeline.extract` and the CLI use. It needs no tokens (nothing in
  the record depends on them), so it avoids the cost of spaCy's tokenizer and its 1M-character limit.
- pipeline.components registers each one as a spaCy component, for users who want a Doc (displaCy,
  their own pipelines). Both give the same record (tests/test_api.py checks it).
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline import heap
from pipeline.assemble import assemble
from pipeline.document import Analysis, Mention
from pipeline.extractors import EXTRACTORS
from pipeline.normalize import normalize
from pipeline.segment import segment
from schemas import JobRecord

Stage = Callable[[Analysis], None]


def _extending(extract: Callable[[Analysis], list[Mention]]) -> Stage:
    def stage(an: Analysis) -> None:
        an.mentions.extend(extract(an))

    stage.__doc__ = extract.__doc__
    return stage


#: name -> (stage, the stage that must have run before it)
STAGES: dict[str, tuple[Stage, str]] = {
    "wasf_segment": (segment, "wasf_normalize"),
    **{name: (_extending(fn), needs) for name, (fn, needs) in EXTRACTORS.items()},
}


def start(doc_id: str, source: str | None, text: str) -> Analysis:
    """The first stage (wasf_normalize): the folded view of the text and its offset map."""
    return Analysis(doc_id=doc_id, source=source, norm=normalize(text), done=["wasf_normalize"])


def analysed(doc_id: str, source: str | None, text: str) -> Analysis:
    """One document through every stage but the last (wasf_assemble): what the record is built from."""
    an = start(doc_id, source, text)
    large = len(text) >= heap.LARGE_TEXT
    if large:
        heap.release()
    for name, (stage, _) in STAGES.items():
        stage(an)
        an.done.append(name)
        if large:  # what the stage let go of, given back before the next one builds its own
            heap.release()
    return an


def analyse(doc_id: str, source: str | None, text: str) -> JobRecord:
    """Every stage on one document, then the validated record (the last stage, wasf_assemble)."""
    return assemble(analysed(doc_id, source, text))
