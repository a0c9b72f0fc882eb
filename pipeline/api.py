"""The library API: extract(), extract_many(), load()."""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

from pipeline.reader import lone_surrogate as lone_surrogate_at
from pipeline.reader import shown
from schemas import JobRecord

if TYPE_CHECKING:
    from spacy.language import Language

    from pipeline.streamed import SpooledLine

#: What extract_many accepts per document: the text alone, (doc_id, text) or (doc_id, text, source).
Item = str | tuple[str, str] | tuple[str, str, str | None]


def default_doc_id(text: str) -> str:
    """A stable id for a text that came without one."""
    return "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def extract(text: str, doc_id: str | None = None, source: str | None = None) -> JobRecord:
    """The record of one document. Never raises for a str: a failure is a record with a warning.

    Runs the stages of pipeline.stages directly (no spaCy tokenization: nothing in the record needs
    tokens); `load()(text)._.wasf_record` is the same record through spaCy.
    """
    from pipeline.assemble import failed_record
    from pipeline.stages import analyse

    if not isinstance(text, str):
        raise TypeError(f"extract() takes the text as str, not {type(text).__name__}")
    doc_id = shown_id(doc_id, text)  # (lone surrogates escaped: a record is always JSON-writable)
    source = shown(source) if source is not None else None
    if not text or text.isspace():  # (no stripped copy of the whole text)
        return failed_record(doc_id, source, "empty document: no text to analyse")
    surrogate = lone_surrogate_at(text)
    if surrogate is not None:  # not Unicode text: no span of it could be written as UTF-8 JSON
        return failed_record(doc_id, source, f"invalid text: a lone surrogate at index {surrogate}")
    try:
        return analyse(doc_id, source, text)
    except Exception as exc:  # a bug must not take a batch down: report it in the record
        return failed_record(doc_id, source, f"internal error: {type(exc).__name__}: {exc}")


def extract_json(
    text: str, doc_id: str | None = None, source: str | None = None, spool: bool = False
) -> tuple[bytes | bytearray | SpooledLine, dict[str, int]]:
    """(`extract(text, doc_id, source).model_dump_json()` in UTF-8, its entity counts by type), built in
    pieces (pipeline.streamed): what the CLI writes, at a fraction of the memory for a large document.
    With `spool` (the CLI), a large document's line is made in a temporary file: a SpooledLine."""
    from pipeline.stages import analysed
    from pipeline.streamed import record_json

    if not isinstance(text, str):
        raise TypeError(f"extract() takes the text as str, not {type(text).__name__}")
    record = None
    if not text or text.isspace() or lone_surrogate_at(text) is not None:
        record = extract(text, doc_id, source)  # the record of a failure: small
    else:
        try:
            an = analysed(shown_id(doc_id, text), shown(source) if source is not None else None, text)
            return record_json(an, spool=spool)
        except Exception:  # a bug: the record that says so, as extract() gives it
            record = extract(text, doc_id, source)
    return record.model_dump_json().encode("utf-8"), dict(Counter(e.type for e in record.entities))


def shown_id(doc_id: str | None, text: str) -> str:
    """The doc_id of the record: the given one (lone surrogates escaped) or one made from the text."""
    return shown(doc_id) if doc_id is not None else default_doc_id(text)


def _normalize_item(item: Item) -> tuple[str, str, str | None]:
    """(doc_id, text, source) of an item; a text that is not a str is the TypeError of extract(), raised
    here in the caller's process whatever n_process is."""
    if isinstance(item, str):
        return default_doc_id(item), item, None
    if not isinstance(item, tuple) or len(item) not in (2, 3):
        raise TypeError(f"extract_many() takes str or (doc_id, text[, source]) tuples, not {type(item).__name__}")
    text = item[1]
    if not isinstance(text, str):
        raise TypeError(f"extract() takes the text as str, not {type(text).__name__}")
    return item[0], text, item[2] if len(item) == 3 else None


def _extract_item(item: tuple[str, str, str | None]) -> JobRecord:
    doc_id, text, source = item
    return extract(text, doc_id=doc_id, source=source)


def _item_size(item: tuple[str, str, str | None]) -> int:
    return len(item[1])


def warm(*_: Any) -> None:
    """Load every lexicon once (before worker processes fork, or in each spawned worker)."""
    extract("الراتب 5000 ريال، شركة النور للتجارة، مهارات تواصل، بكالوريوس، PMP، 5%", doc_id="warm")


def extract_many(items: Iterable[Item], n_process: int = 1, chunksize: int = 64) -> Iterator[JobRecord]:
    """Records for many documents, streamed in input order; `n_process` > 1 uses worker processes, each
    handed tasks of at most `chunksize` documents (and about 64k characters), as `wasf extract --jobs`."""
    from pipeline.batch import in_workers

    normalized = (_normalize_item(i) for i in items)
    if n_process <= 1:
        yield from (_extract_item(i) for i in normalized)
    else:
        yield from in_workers(_extract_item, normalized, _item_size, n_process, max_docs=chunksize)


@contextlib.contextmanager
def _torch_hidden() -> Iterator[None]:
    """Import spaCy without torch.

    camel-tools makes torch a dependency, and spaCy's thinc imports torch at import time when it is
    installed (seconds of start-up and hundreds of MB, for nothing: wasf runs no neural model). While
    spaCy is first imported, `import torch` fails, so thinc records "no torch"; afterwards torch is
    importable again for users who want it. A process that already imported torch is left alone.
    """
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # None in sys.modules makes the import fail
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


@cache
def load() -> Language:
    """The wasf spaCy pipeline: blank("ar"), a tuned tokenizer, and the wasf components (loaded once).

    `load()(text)._.wasf_record` is the record of `extract(text)`; `doc.spans["wasf"]` holds the entities
    for displaCy. Set `doc.user_data["wasf_doc_id"]` on a Doc from `nlp.make_doc` to name it.
    """
    with _torch_hidden():
        import spacy

        from pipeline import components, tokenizer

    nlp = spacy.blank("ar")
    tokenizer.tune(nlp)
    for name in components.COMPONENTS:
        nlp.add_pipe(name)
    return nlp
