"""The stages as spaCy pipeline components, registered by name with what they assign and require.

Each component is a thin wrapper around a stage of pipeline.stages (plain functions tested without
spaCy). A component fails early, with a clear message, when a stage it needs has not run. Users can add
these components to their own pipelines (`nlp.add_pipe("wasf_normalize")` ...), or take the whole
pipeline from `pipeline.load()`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.assemble import assemble
from pipeline.document import Analysis
from pipeline.stages import STAGES, Stage, start

for _attr in ("wasf", "wasf_record"):
    if not Doc.has_extension(_attr):
        Doc.set_extension(_attr, default=None)


def _analysis(doc: Doc, component: str, needs: str) -> Analysis:
    """The document's analysis, or a clear error when the stage `needs` has not run before `component`."""
    an = doc._.wasf
    if not isinstance(an, Analysis) or needs not in an.done:
        raise ValueError(f"[{component}] requires '{needs}' earlier in the pipeline (see pipeline.COMPONENTS)")
    return an


@Language.component("wasf_normalize", assigns=["doc._.wasf"])
def normalize_component(doc: Doc) -> Doc:
    """Start the analysis: the folded view of doc.text and its offset map."""
    doc._.wasf = start(str(doc.user_data.get("wasf_doc_id", "doc")), doc.user_data.get("wasf_source"), doc.text)
    return doc


def _register(name: str, stage: Stage, needs: str) -> None:
    def component(doc: Doc) -> Doc:
        an = _analysis(doc, name, needs)
        stage(an)
        an.done.append(name)
        return doc

    component.__doc__ = stage.__doc__
    Language.component(name, assigns=["doc._.wasf"], requires=["doc._.wasf"], func=component)


for _name, (_stage, _needs) in STAGES.items():
    _register(_name, _stage, _needs)


@Language.component("wasf_assemble", assigns=["doc._.wasf_record", "doc.spans"], requires=["doc._.wasf"])
def assemble_component(doc: Doc) -> Doc:
    """The validated JobRecord (doc._.wasf_record) and doc.spans["wasf"] for displaCy."""
    record = assemble(_analysis(doc, "wasf_assemble", "wasf_normalize"))
    doc._.wasf_record = record
    spans: list[Span] = []
    for ent in record.entities:
        span = doc.char_span(ent.start, ent.end, label=ent.type, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans["wasf"] = spans
    return doc


COMPONENTS = ["wasf_normalize", *STAGES, "wasf_assemble"]
