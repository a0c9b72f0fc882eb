"""Scoring records against gold annotations (the format of ../shared/gold, see RECORD.md).

Matching, per document and entity type, pairs each gold item in document order with the first predicted
item of the type, not yet paired, that matches it (for headings and noise, the closest of them by Dice):
- salary: the same amount, min and max, and the same currency;
- percentage and count: the same value (a predicted range of counts, "من 3 حتى 6 سنوات", is matched by both
  ends: gold counts have no max and list each end);
- organization, certification, skill, education, heading, noise: texts whose words agree, after folding
  and stripping a glued clitic or the article from each word, with a Dice coefficient of at least 0.5
  (2 * shared words / all words): a span must cover most of the gold phrase and not much more.
Neutral items, neither hit nor false hit: a predicted heading that is the label of a label-value line
("الراتب: 3000 درهم", "Salary: 5500.0" — ANNOTATION.md: gold lists no such labels), and a table-of-contents
marker ("جدول المحتويات") as a heading or noise, in gold or predicted.
Paired items are true positives, unpaired gold items misses (false negatives), unpaired predictions
false hits (false positives); precision, recall and F1 are micro-averaged over documents. Attribute
accuracy is measured on the pairs only: for each attribute, the share of pairs that agree on it.
Title: right when the predicted title is the gold title line (folded), or when both are null (a document
without a title line); a predicted title for a document without one is wrong. Noise texts without any word
(a lone "•" or "-" line) match when they are the same characters.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.normalize import fold
from schemas import JobRecord

#: gold key -> (entity type, attributes whose accuracy is measured on matched pairs)
ENTITY_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "salaries": ("salary", ("period", "statistic", "percentile", "year")),
    "percentages": ("percentage", ("percentile",)),
    "counts": ("count", ("unit",)),
    "organizations": ("organization", ("role",)),
    "certifications": ("certification", ()),
    "skills": ("skill", ()),
    "education": ("education", ("level",)),
}


#: the least Dice coefficient of two texts' words for them to match
DICE_THRESHOLD = 0.5
_WORD = re.compile(r"[^\W_]+")
#: glued clitics and the article, longest first: stripped from a word before words are compared
_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "لل", "ال")
_PROCLITICS = "وبلفك"
_TOC = fold("جدول المحتويات")


def words(text: str) -> Counter[str]:
    """The folded words of a text, each without a glued clitic or article (a multiset)."""
    out: Counter[str] = Counter()
    for w in _WORD.findall(fold(text).lower()):
        for prefix in _PREFIXES:
            if w.startswith(prefix) and len(w) - len(prefix) >= 2:
                w = w[len(prefix) :]
                break
        else:
            if len(w) >= 4 and w[0] in _PROCLITICS:
                w = w[1:]
        out[w] += 1
    return out


def dice(a: str, b: str) -> float:
    """Dice coefficient of two texts' words (1.0 for the same words, 0.0 for none shared)."""
    wa, wb = words(a), words(b)
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 0.0


def _same_text(gold: str, found: str) -> bool:
    """Dice of the words; texts without words (a lone "•" or "-" line of noise) match when they are equal."""
    if not words(gold) and not words(found):
        return bool(gold.strip()) and gold.strip() == found.strip()
    return dice(gold, found) >= DICE_THRESHOLD


#: kinds whose gold items pair with the closest matching prediction, not the first: a page has several
#: headings sharing a word ("الخبرة المطلوبة", "المؤهلات المطلوبة"), and the first is not the one meant
_CLOSEST_KINDS = frozenset({"heading", "noise"})


def _text_closeness(gold: dict[str, Any], found: dict[str, Any]) -> float:
    return dice(str(gold.get("text", "")), str(found.get("text", "")))


def _same_title(gold: str | None, found: str | None) -> bool:
    """The same folded line; a document without a title (gold null) is right when none is predicted."""
    if gold is None or found is None:
        return gold is found
    return fold(found).strip() == fold(gold).strip()


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) < 1e-6


def _same_salary(gold: dict[str, Any], found: dict[str, Any]) -> bool:
    return all(_same_number(gold.get(k), found.get(k)) for k in ("amount", "min", "max")) and gold.get(
        "currency"
    ) == found.get("currency")


def _same_value(gold: dict[str, Any], found: dict[str, Any]) -> bool:
    return _same_number(gold.get("value"), found.get("value"))


def _similar_text(gold: dict[str, Any], found: dict[str, Any]) -> bool:
    return _same_text(str(gold.get("text", "")), str(found.get("text", "")))


MATCHERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], bool]] = {
    "salary": _same_salary,
    "percentage": _same_value,
    "count": _same_value,
}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Tally) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision, "recall": self.recall,
                "f1": self.f1}  # fmt: skip


@dataclass
class Agreement:
    agree: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.agree / self.total if self.total else None


@dataclass
class Score:
    """What an evaluation counted: tallies by kind, attribute agreement, and per-document details."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    attributes: dict[str, Agreement] = field(default_factory=dict)
    details: dict[str, list[str]] = field(default_factory=dict)
    documents: int = 0
    titles_right: int = 0

    def add(self, other: Score) -> None:
        """Add another score's counts (the details of both are kept, keyed by document)."""
        for kind, t in other.tallies.items():
            self.tally(kind).add(t)
        for name, a in other.attributes.items():
            mine = self.agreement(name)
            mine.agree, mine.total = mine.agree + a.agree, mine.total + a.total
        self.details.update(other.details)
        self.documents += other.documents
        self.titles_right += other.titles_right

    def tally(self, kind: str) -> Tally:
        return self.tallies.setdefault(kind, Tally())

    def agreement(self, name: str) -> Agreement:
        return self.attributes.setdefault(name, Agreement())

    def as_dict(self) -> dict[str, Any]:
        total = Tally()
        for kind, t in self.tallies.items():
            if kind in {v[0] for v in ENTITY_KEYS.values()}:
                total.add(t)
        return {
            "documents": self.documents,
            "title_accuracy": self.titles_right / self.documents if self.documents else None,
            "types": {k: t.as_dict() for k, t in sorted(self.tallies.items())},
            "entities_total": total.as_dict(),
            "attributes": {
                k: {"agree": a.agree, "total": a.total, "accuracy": a.accuracy}
                for k, a in sorted(self.attributes.items())
            },
            "details": self.details,
        }


def pair(
    gold: list[dict[str, Any]],
    found: list[dict[str, Any]],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
    closeness: Callable[[dict[str, Any], dict[str, Any]], float] | None = None,
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(pairs, missed gold items, false hits): each gold item takes the first unpaired match, in order, or
    with `closeness` the closest unpaired match (the first of equals)."""
    taken = [False] * len(found)
    pairs, missed = [], []
    for g in gold:
        matches = [i for i, f in enumerate(found) if not taken[i] and same(g, f)]
        if closeness is not None and len(matches) > 1:
            matches = [max(matches, key=lambda i: (closeness(g, found[i]), -i))]
        k = matches[0] if matches else None
        if k is None:
            missed.append(g)
        else:
            taken[k] = True
            pairs.append((g, found[k]))
    return pairs, missed, [f for f, t in zip(found, taken, strict=True) if not t]


def _is_toc(item: dict[str, Any]) -> bool:
    return fold(str(item.get("text", ""))).strip().startswith(_TOC)


def label_of_value(text: str, end: int) -> bool:
    """Whether the span ending at `end` is the label of a label-value line: a value follows on its line."""
    line_end = text.find("\n", end)
    rest = text[end : line_end if line_end >= 0 else len(text)]
    return bool(rest.strip(" \t\r:：-–—|"))


def score_document(gold: dict[str, Any], record: JobRecord, score: Score, text: str | None = None) -> None:
    """Add one document's counts to `score` (details under the gold file name).

    `text` is the document the record was made from: with it, a predicted heading that is the label of a
    label-value line is neutral when no gold heading matches it.
    """
    doc = str(gold.get("file", record.doc_id))
    notes = score.details.setdefault(doc, [])
    score.documents += 1
    if _same_title(gold.get("title"), record.title):
        score.titles_right += 1
    else:
        notes.append(f"title: {record.title!r} (gold {gold.get('title')!r})")
    entities = [e.model_dump() for e in record.entities]
    # a range of counts ("من 3 حتى 6 سنوات") is one entity with a max; gold, whose counts have no max,
    # lists both ends: the max is matched as a count of its own
    entities += [{**e, "value": e["max"]} for e in entities if e["type"] == "count" and e.get("max") is not None]
    for key, (kind, attributes) in ENTITY_KEYS.items():
        found = [e for e in entities if e["type"] == kind]
        _compare(kind, gold.get(key, []), found, MATCHERS.get(kind, _similar_text), attributes, score, notes)
    headings = [
        {
            "text": s.heading.text,
            "category": s.category,
            "label": text is not None and label_of_value(text, s.heading.end),
        }
        for s in record.sections
        if s.heading
    ]
    gold_headings = [h for h in gold.get("headings", []) if not _is_toc(h)]
    headings = [h for h in headings if not _is_toc(h)]
    _compare("heading", gold_headings, headings, _similar_text, ("category",), score, notes, neutral="label")
    noise = [{"text": n.text} for n in record.noise]
    gold_noise = [{"text": t} for t in gold.get("noise", [])]
    gold_noise = [n for n in gold_noise if not _is_toc(n)]
    _compare("noise", gold_noise, [n for n in noise if not _is_toc(n)], _similar_text, (), score, notes)
    if "occupations" in gold:
        score_occupations(gold["occupations"], record, score, notes)


#: the tallies of occupation coding: ISCO-08 unit groups (4 digits) and sub-major groups (2 digits)
OCCUPATION_KINDS = {"occupation": 4, "occupation_2d": 2}


def score_occupations(gold: list[dict[str, Any]], record: JobRecord, score: Score, notes: list[str]) -> None:
    """Occupation coding of one document: its set of gold ISCO-08 codes against the predicted set, at the unit
    group (4 digits) and the sub-major group (2 digits); and, where gold lists none (a general pay report),
    whether none was predicted ("occupation.none" agreement)."""
    for kind, digits in OCCUPATION_KINDS.items():
        want = {str(o["isco08"])[:digits] for o in gold if o.get("isco08")}
        got = {o.isco08[:digits] for o in record.occupations}
        tally = score.tally(kind)
        tally.tp += len(want & got)
        tally.fn += len(want - got)
        tally.fp += len(got - want)
        if digits == 4:
            notes += [f"{kind} missed: {c}" for c in sorted(want - got)]
            notes += [f"{kind} false hit: {c} {o.text!r}" for o in record.occupations if (c := o.isco08) not in want]
    if not gold:
        none = score.agreement("occupation.none")
        none.total += 1
        none.agree += not record.occupations


def _compare(
    kind: str,
    gold: list[dict[str, Any]],
    found: list[dict[str, Any]],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
    attributes: Iterable[str],
    score: Score,
    notes: list[str],
    neutral: str | None = None,
) -> None:
    """Count one kind's pairs, misses and false hits; a false hit whose `neutral` key is true is not counted."""
    pairs, missed, false_hits = pair(gold, found, same, _text_closeness if kind in _CLOSEST_KINDS else None)
    if neutral:
        false_hits = [f for f in false_hits if not f.get(neutral)]
    tally = score.tally(kind)
    tally.tp += len(pairs)
    tally.fn += len(missed)
    tally.fp += len(false_hits)
    notes += [f"{kind} missed: {g.get('text')!r}" for g in missed]
    notes += [f"{kind} false hit: {f.get('text')!r}" for f in false_hits]
    for attribute in attributes:
        agreement = score.agreement(f"{kind}.{attribute}")
        for g, f in pairs:
            if attribute not in g:
                continue
            agreement.total += 1
            if g[attribute] == f.get(attribute) or _same_number_attr(g[attribute], f.get(attribute)):
                agreement.agree += 1
            else:
                notes.append(f"{kind} {g.get('text')!r}: {attribute} {f.get(attribute)!r} (gold {g[attribute]!r})")


def _same_number_attr(a: Any, b: Any) -> bool:
    return isinstance(a, int | float) and isinstance(b, int | float) and _same_number(a, b)


def _fmt(x: float | None) -> str:
    return "   –" if x is None else f"{x:.2f}"


def report_folders(scores: dict[str, Score], verbose: bool = False) -> str:
    """A table per gold folder and, for several, one over all of them."""
    if len(scores) == 1:
        return report(next(iter(scores.values())), verbose)
    overall = Score()
    parts = []
    for name, score in scores.items():
        overall.add(score)
        parts.append(f"### {name}\n{report(score, verbose)}")
    parts.append(f"### all {len(scores)} gold folders\n{report(overall)}")
    return "\n\n".join(parts)


def scores_as_dict(scores: dict[str, Score]) -> dict[str, Any]:
    """The overall scores (the shape of Score.as_dict) and, for several folders, each under "folders"."""
    overall = Score()
    for score in scores.values():
        overall.add(score)
    out = overall.as_dict()
    if len(scores) > 1:
        out["folders"] = {name: score.as_dict() for name, score in scores.items()}
    return out


def report(score: Score, verbose: bool = False) -> str:
    """The evaluation as a plain-text table."""
    lines = [f"documents: {score.documents}   title accuracy: {_fmt(score.as_dict()['title_accuracy'])}", ""]
    lines.append(f"{'kind':14s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'prec':>6s} {'rec':>6s} {'f1':>6s}")
    order = [v[0] for v in ENTITY_KEYS.values()] + ["heading", "noise", *OCCUPATION_KINDS]
    for kind in order:
        t = score.tallies.get(kind, Tally())
        lines.append(
            f"{kind:14s} {t.tp:4d} {t.fp:4d} {t.fn:4d} {_fmt(t.precision):>6s} {_fmt(t.recall):>6s} {_fmt(t.f1):>6s}"
        )
    total = score.as_dict()["entities_total"]
    lines.append(
        f"{'all entities':14s} {total['tp']:4d} {total['fp']:4d} {total['fn']:4d} {_fmt(total['precision']):>6s} "
        f"{_fmt(total['recall']):>6s} {_fmt(total['f1']):>6s}"
    )
    lines += ["", f"{'attribute':24s} {'agree':>6s} {'of':>4s} {'accuracy':>9s}"]
    for name, a in sorted(score.attributes.items()):
        lines.append(f"{name:24s} {a.agree:6d} {a.total:4d} {_fmt(a.accuracy):>9s}")
    if verbose:
        for doc, notes in score.details.items():
            lines += ["", f"== {doc}: {len(notes)} differences", *[f"  {n}" for n in notes]]
    return "\n".join(lines)


@dataclass
class GoldSet:
    """A gold folder and where its documents are: `docs_dir`, else beside the gold files or one folder up."""

    gold_dir: Path
    docs_dir: Path | None = None

    def document(self, name: str) -> Path:
        if self.docs_dir is not None:
            return self.docs_dir / name
        beside = self.gold_dir / name
        return beside if beside.exists() else self.gold_dir.parent / name


def gold_sets(folders: Iterable[Path]) -> list[GoldSet]:
    """Read `wasf eval` arguments: a folder holding *.json files is a gold folder; a folder without any,
    right after a gold folder, holds that gold folder's documents."""
    sets: list[GoldSet] = []
    for folder in folders:
        if any(folder.glob("*.json")):
            sets.append(GoldSet(folder))
        elif sets and sets[-1].docs_dir is None:
            sets[-1].docs_dir = folder
        else:
            raise ValueError(f"no gold files (*.json) in {folder}")
    return sets


def score_gold_set(gold_set: GoldSet, on_skip: Callable[[str], None] = lambda _: None) -> Score:
    """Run wasf on every document a gold folder names and score it; `on_skip` hears of unreadable ones."""
    from pipeline.api import extract
    from pipeline.reader import Document, read_file

    score = Score()
    for path in sorted(gold_set.gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        name = gold.get("file") or f"{path.stem}.txt"
        doc = read_file(gold_set.document(name), Path(name).stem, 1 << 30, None)
        if not isinstance(doc, Document):
            on_skip(f"skipping {path.name}: {doc.message}")
            continue
        score_document(gold, extract(doc.text, doc_id=doc.doc_id, source=doc.source), score, doc.text)
    return score
