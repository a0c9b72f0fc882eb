"""Scoring records against gold annotations (the format of ../shared/gold, see RECORD.md).

Matching, per document and entity type, pairs each gold item in document order with the first predicted
item of the type, not yet paired, that matches it:
- salary: the same amount, min and max, and the same currency;
- percentage and count: the same value;
- organization, certification, skill, education, heading, noise: texts that overlap after folding
  (one contains the other).
Paired items are true positives, unpaired gold items misses (false negatives), unpaired predictions
false hits (false positives); precision, recall and F1 are micro-averaged over documents. Attribute
accuracy is measured on the pairs only: for each attribute, the share of pairs that agree on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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


def _same_text(gold: str, found: str) -> bool:
    a, b = fold(gold).strip(" :/"), fold(found).strip(" :/")
    return bool(a and b) and (a in b or b in a)


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


def _overlap(gold: dict[str, Any], found: dict[str, Any]) -> bool:
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
    gold: list[dict[str, Any]], found: list[dict[str, Any]], same: Callable[[dict[str, Any], dict[str, Any]], bool]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(pairs, missed gold items, false hits): each gold item takes the first unpaired match, in order."""
    taken = [False] * len(found)
    pairs, missed = [], []
    for g in gold:
        k = next((i for i, f in enumerate(found) if not taken[i] and same(g, f)), None)
        if k is None:
            missed.append(g)
        else:
            taken[k] = True
            pairs.append((g, found[k]))
    return pairs, missed, [f for f, t in zip(found, taken, strict=True) if not t]


def score_document(gold: dict[str, Any], record: JobRecord, score: Score) -> None:
    """Add one document's counts to `score` (details under the gold file name)."""
    doc = str(gold.get("file", record.doc_id))
    notes = score.details.setdefault(doc, [])
    score.documents += 1
    if gold.get("title") is not None:
        if record.title is not None and fold(record.title).strip() == fold(gold["title"]).strip():
            score.titles_right += 1
        else:
            notes.append(f"title: {record.title!r} (gold {gold['title']!r})")
    entities = [e.model_dump() for e in record.entities]
    for key, (kind, attributes) in ENTITY_KEYS.items():
        found = [e for e in entities if e["type"] == kind]
        _compare(kind, gold.get(key, []), found, MATCHERS.get(kind, _overlap), attributes, score, notes)
    headings = [{"text": s.heading.text, "category": s.category} for s in record.sections if s.heading]
    _compare("heading", gold.get("headings", []), headings, _overlap, ("category",), score, notes)
    noise = [{"text": n.text} for n in record.noise]
    _compare("noise", [{"text": t} for t in gold.get("noise", [])], noise, _overlap, (), score, notes)


def _compare(
    kind: str,
    gold: list[dict[str, Any]],
    found: list[dict[str, Any]],
    same: Callable[[dict[str, Any], dict[str, Any]], bool],
    attributes: Iterable[str],
    score: Score,
    notes: list[str],
) -> None:
    pairs, missed, false_hits = pair(gold, found, same)
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


def report(score: Score, verbose: bool = False) -> str:
    """The evaluation as a plain-text table."""
    lines = [f"documents: {score.documents}   title accuracy: {_fmt(score.as_dict()['title_accuracy'])}", ""]
    lines.append(f"{'kind':14s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'prec':>6s} {'rec':>6s} {'f1':>6s}")
    order = [v[0] for v in ENTITY_KEYS.values()] + ["heading", "noise"]
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
