"""The project holds no text of ../shared: its documents are third-party text, and our tests, data, code
comments and README are written in our own words. Checked as shared runs of six words (after stripping
punctuation), skipped where ../shared is absent. The bundled seed (corpus/senior-sales-executive.txt) and
its gold file are the document the project was made from and are left out; so are the names of bodies,
which any text about them repeats, and plain job-ad formulas."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

_WORD_RE = re.compile(r"[\u0600-\u06FF\w]+")
_ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_RUN = 6
_OWN = ("pipeline", "schemas", "tests", "bench", "docs", "corpus")
_SUFFIXES = {".py", ".md", ".json", ".tsv", ".txt"}
#: runs that are a body's name with the cue before it, or plain job-ad formulas any ad writes
_ALLOWED = (
    "لمكتب الولايات المتحدة لإحصاءات العمل",
    "مؤسسة أبحاث التعليم لممثلي الشركات",
    "لا تقل عن",
    "السيرة الذاتية",
    # the field labels of the Saudi job board's record form, and a masked telephone number
    "Professional certificate",
    "License data",
    "Language data",
    "Salary",
    "700 000 0000",
)


def _runs(text: str) -> set[str]:
    words = _WORD_RE.findall(text)
    return {" ".join(words[i : i + _RUN]) for i in range(len(words) - _RUN + 1)}


def _own_files() -> list[Path]:
    files = [ROOT / "README.md"]
    for folder in _OWN:
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and p.suffix in _SUFFIXES]
    return [p for p in files if p.stem != "senior-sales-executive" and "__pycache__" not in p.parts]


@pytest.mark.skipif(not (SHARED / "corpus-real").is_dir(), reason="../shared is absent")
def test_no_run_of_six_words_of_shared_documents_in_the_project() -> None:
    shared: set[str] = set()
    for folder in ("corpus-real", "corpus-web", "seed"):
        for path in (SHARED / folder).glob("*.txt"):
            shared |= _runs(path.read_text(encoding="utf-8"))
    found = []
    for path in _own_files():
        for run in _runs(path.read_text(encoding="utf-8", errors="replace")) & shared:
            if _ARABIC_RE.search(run) and not any(a in run for a in _ALLOWED):
                found.append(f"{path.relative_to(ROOT)}: {run}")
    assert found == [], "\n".join(sorted(found))
