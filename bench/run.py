"""The wasf benchmark: one command (`make bench`), one table, every figure measured side by side in one run.

It builds a corpus of at least 10,000 documents and 20 MB from the real ads of ../shared/corpus-real plus
corpus/ (corpus/ alone where ../shared is absent), then measures on the same documents:
- wasf end to end through the CLI with 1 and 2 processes (chars/s, docs/s, peak RSS), and on a quarter
  of the corpus (peak RSS must stay flat as the corpus grows);
- the CLI's cold start (`wasf --help`, and the first record of one document);
- the time per stage, in process, on a sample;
- the floor: spaCy blank("ar") tokenization alone;
- a peer: Duckling's Arabic money parser (pyduckling-native-phihos), money only;
- adversarial 1 MB inputs (tests/test_batch.py's shapes);
- salary precision/recall of wasf and Duckling, side by side, on the real gold folders (../shared/corpus-real
  and ../shared/corpus-web: pages nobody here wrote), with corpus/gold and the seed's gold as a second row.
- the Dask engine on a LocalCluster of 2 workers against `--jobs 2`, side by side, with its overhead.
Ratios are the figures that matter: absolute times vary on a shared machine.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
REAL = ROOT.parent / "shared" / "corpus-real"
GOLD_SETS = [
    (ROOT / "corpus" / "gold", ROOT / "corpus"),
    (ROOT / "corpus" / "heldout" / "gold", ROOT / "corpus" / "heldout"),
    (ROOT.parent / "shared" / "gold", ROOT.parent / "shared" / "seed"),
]
#: the gold of real pages (ads and web pages nobody here wrote): where salary precision/recall is measured
REAL_GOLD_SETS = [
    (ROOT.parent / "shared" / "corpus-real" / "gold", ROOT.parent / "shared" / "corpus-real"),
    (ROOT.parent / "shared" / "corpus-web" / "gold", ROOT.parent / "shared" / "corpus-web"),
]
MIN_DOCS, MIN_BYTES = 10_000, 20_000_000
WASF = [sys.executable, "-m", "pipeline"]


def build_corpus() -> tuple[Path, int, int, str, int]:
    """bench/out/corpus.jsonl: the base documents repeated until the corpus is large enough; returns its
    path, documents, characters, origin and number of distinct documents."""
    base = sorted(REAL.glob("*.txt")) if REAL.is_dir() else []
    origin = "../shared/corpus-real + corpus/" if base else "corpus/ (../shared is absent)"
    base += sorted((ROOT / "corpus").glob("*.txt"))
    texts = [(p.stem, p.read_text(encoding="utf-8").removeprefix("\ufeff")) for p in base]
    size = sum(len(t.encode("utf-8")) for _, t in texts)
    rounds = max(math.ceil(MIN_DOCS / len(texts)), math.ceil(MIN_BYTES / size))
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "corpus.jsonl"
    docs = chars = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in range(rounds):
            for stem, text in texts:
                fh.write(json.dumps({"id": f"{stem}#{r}", "text": text}, ensure_ascii=False) + "\n")
                docs += 1
                chars += len(text)
    return path, docs, chars, origin, len(texts)


def documents(path: Path, limit: int | None = None) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)["text"]


def run_cli(args: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB of the process tree) of one wasf command."""
    start = time.perf_counter()
    proc = subprocess.Popen([*WASF, *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"wasf {' '.join(args)} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return seconds, usage.ru_maxrss // 1024


def parallel_ceiling(path: Path) -> float:
    """What two processes can gain on this machine at best: two independent wasf runs, one on each half
    of the corpus, side by side, against one half alone (2 x alone / side by side). Two virtual cores of
    a shared machine may slow each other down; the 2-process speed-up cannot beat this."""
    halves = [OUT / "half-1.jsonl", OUT / "half-2.jsonl"]
    with path.open("rb") as src:
        total = sum(1 for _ in src)
        src.seek(0)
        with halves[0].open("wb") as first, halves[1].open("wb") as second:
            for i, line in enumerate(src):  # streamed: a large parent would inflate its children's peak RSS
                (first if i < total // 2 else second).write(line)

    def args(half: Path) -> list[str]:
        return [*WASF, "extract", str(half), "-o", str(half.with_suffix(".out")), "-q"]

    alone = timed(lambda: subprocess.run(args(halves[0]), cwd=ROOT, capture_output=True, check=True), 2)

    def side_by_side() -> None:
        procs = [subprocess.Popen(args(h), cwd=ROOT, stdout=subprocess.DEVNULL) for h in halves]
        for proc in procs:
            proc.wait()

    return 2 * alone / timed(side_by_side, 2)


def dask_vs_jobs(path: Path, chars: int, out: Path = OUT) -> dict[str, Any]:
    """`wasf extract --engine dask -j 2` (a LocalCluster of 2 worker processes) against `--jobs 2` on the
    same corpus, run one after the other: chars/s of each, the overhead of Dask, and how much of it is the
    fixed cost of starting the cluster (the same two commands on one document)."""
    one = out / "dask-one.jsonl"
    with path.open(encoding="utf-8") as src:
        one.write_text(src.readline(), encoding="utf-8")
    result: dict[str, Any] = {}
    for name, args in (("jobs", ["-j", "2"]), ("dask", ["--engine", "dask", "-j", "2", "--gather"])):
        target = out / f"dask-vs-{name}"
        dest = str(target / "records.jsonl") if name == "jobs" else str(target)
        seconds, _ = run_cli(["extract", str(path), "-o", dest, "-q", *args])
        start, _ = run_cli(["extract", str(one), "-o", str(target / "one"), "-q", *args])
        result[name] = {"seconds": seconds, "chars_s": chars / seconds, "one_document_s": start}
    jobs, dask = result["jobs"], result["dask"]
    result["overhead"] = dask["seconds"] / jobs["seconds"] - 1
    result["startup_s"] = dask["one_document_s"] - jobs["one_document_s"]
    same = (out / "dask-vs-jobs" / "records.jsonl").read_bytes() == (
        out / "dask-vs-dask" / "records.jsonl"
    ).read_bytes()
    result["identical"] = same
    return result


def timed(fn: Callable[[], Any], repeat: int = 1) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def first_and_second_sight(base_docs: int) -> tuple[float, float]:
    """chars/s in process on the corpus's distinct documents, the first time wasf sees them and again.
    The corpus repeats them, and wasf caches work on short strings (folding, heading categories): the
    repeats make those caches hit more often than unique documents would."""
    from pipeline.api import extract, warm

    warm()
    texts = list(documents(OUT / "corpus.jsonl", base_docs))
    chars = sum(map(len, texts))
    first = timed(lambda: [extract(t, doc_id="b") for t in texts])
    again = timed(lambda: [extract(t, doc_id="b") for t in texts])
    return chars / first, chars / again


def stage_times(path: Path, limit: int) -> dict[str, float]:
    """chars/s of each stage, run in process on the first `limit` documents."""
    from pipeline.assemble import assemble
    from pipeline.stages import STAGES, start

    spent: dict[str, float] = {"wasf_normalize": 0.0, **dict.fromkeys(STAGES, 0.0), "wasf_assemble": 0.0}
    chars = 0
    for text in documents(path, limit):
        chars += len(text)
        t = time.perf_counter()
        an = start("b", None, text)
        spent["wasf_normalize"] += time.perf_counter() - t
        for name, (stage, _) in STAGES.items():
            t = time.perf_counter()
            stage(an)
            an.done.append(name)
            spent[name] += time.perf_counter() - t
        t = time.perf_counter()
        assemble(an)
        spent["wasf_assemble"] += time.perf_counter() - t
    return {name: chars / s for name, s in spent.items() if s > 0}


def duckling() -> Callable[[str], list[dict[str, Any]]] | None:
    """Duckling's money parser for Arabic, or None where pyduckling-native-phihos is not installed."""
    try:
        from duckling import (  # type: ignore[import-not-found]
            Context,
            default_locale_lang,
            get_current_ref_time,
            init,
            load_time_zones,
            parse_dimensions,
            parse_lang,
            parse_text,
        )
    except ImportError:
        return None
    init()
    context = Context(get_current_ref_time(load_time_zones("/usr/share/zoneinfo"), "UTC"),
                      default_locale_lang(parse_lang("AR")))  # fmt: skip
    dims = parse_dimensions(["amount-of-money"])

    def parse(text: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = json.loads(parse_text(text, context, dims, False))
        return found

    return parse


#: Duckling's money units as ISO codes (its Arabic rules know $, riyal, dinar, dirham, pound...); a vague unit
#: (Dinar, Riyal, Pound) gets the code of its usual country, as wasf's own default for a bare name
DUCKLING_UNITS = {"$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "riyal": "SAR",
                  "SAR": "SAR", "dinar": "KWD", "KWD": "KWD", "dirham": "AED", "AED": "AED", "EGP": "EGP",
                  "Dinar": "KWD", "Riyal": "SAR", "Rial": "SAR", "Dirham": "AED", "Pound": "EGP", "QAR": "QAR",
                  "JOD": "JOD", "LBP": "LBP", "ILS": "ILS", "OMR": "OMR", "BHD": "BHD",
                  "IQD": "IQD", "MAD": "MAD", "TND": "TND", "cent": "USD"}  # fmt: skip


def duckling_salaries(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Duckling's money values in the shape of wasf's salaries (amount, or min/max for an interval)."""
    out = []
    for f in found:
        v = f["value"]
        if v.get("type") == "value":
            out.append(
                {"amount": v.get("value"), "min": None, "max": None, "currency": DUCKLING_UNITS.get(v.get("unit"))}
            )
        else:
            lo, hi = v.get("from") or {}, v.get("to") or {}
            unit = lo.get("unit") or hi.get("unit")
            out.append(
                {"amount": None, "min": lo.get("value"), "max": hi.get("value"), "currency": DUCKLING_UNITS.get(unit)}
            )
    return out


def salary_scores(
    parse: Callable[[str], list[dict[str, Any]]] | None,
    gold_sets: list[tuple[Path, Path]] | None = None,
) -> dict[str, dict[str, float | int | None]]:
    """Salary precision/recall of wasf and Duckling on gold folders (same matching as `wasf eval`): the real
    gold folders by default. A folder that is absent is skipped; each document is scored once."""
    from pipeline import extract
    from pipeline.evaluate import Tally, _same_salary, pair

    tallies = {"wasf": Tally(), "duckling": Tally()}
    documents_scored = 0
    seen: set[str] = set()  # the seed's gold is in corpus/gold and in ../shared/gold: score it once
    for gold_dir, docs_dir in REAL_GOLD_SETS if gold_sets is None else gold_sets:
        for gold_path in sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            doc = docs_dir / gold["file"]
            if not doc.is_file() or gold["file"] in seen:
                continue
            seen.add(gold["file"])
            text = doc.read_text(encoding="utf-8").removeprefix("\ufeff")
            documents_scored += 1
            ours = [e.model_dump() for e in extract(text).entities if e.type == "salary"]
            theirs = duckling_salaries(parse(text)) if parse else []
            for name, found in (("wasf", ours), ("duckling", theirs)):
                if name == "duckling" and parse is None:
                    continue
                pairs, missed, false_hits = pair(gold.get("salaries", []), found, _same_salary)
                t = tallies[name]
                t.tp, t.fn, t.fp = t.tp + len(pairs), t.fn + len(missed), t.fp + len(false_hits)
    return {name: {"documents": documents_scored, **t.as_dict()} for name, t in tallies.items()}


def adversarial_rates() -> dict[str, float]:
    from pipeline import extract
    from tests.adversarial import KINDS, adversarial

    rates = {}
    for kind in KINDS:
        text = adversarial(kind)
        rates[kind] = len(text) / timed(lambda text=text: extract(text))
    return rates


def main() -> None:
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    path, docs, chars, origin, distinct = build_corpus()
    quarter = OUT / "corpus-quarter.jsonl"
    with path.open(encoding="utf-8") as src, quarter.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i < docs // 4:
                dst.write(line)
    mb = path.stat().st_size / 1e6
    print(f"corpus: {docs} documents, {chars} characters, {mb:.1f} MB, from {origin}", file=sys.stderr)

    r: dict[str, Any] = {"date": started, "documents": docs, "characters": chars, "megabytes": round(mb, 1),
                         "origin": origin}  # fmt: skip
    r["help_s"] = timed(lambda: subprocess.run([*WASF, "--help"], cwd=ROOT, capture_output=True, check=True), 5)
    seed = str(ROOT / "corpus" / "senior-sales-executive.txt")
    r["first_record_s"] = timed(
        lambda: subprocess.run([*WASF, "extract", seed, "-q"], cwd=ROOT, capture_output=True), 3
    )
    print("cold start measured", file=sys.stderr)
    for jobs in (1, 2):  # the better of two runs each: the machine is shared and its speed drifts
        runs = [run_cli(["extract", str(path), "-o", str(OUT / f"records-{jobs}.jsonl"), "-q", "-j", str(jobs)])
                for _ in range(2)]  # fmt: skip
        seconds, rss = min(s for s, _ in runs), max(m for _, m in runs)
        r[f"wasf_{jobs}p"] = {"seconds": seconds, "chars_s": chars / seconds, "docs_s": docs / seconds, "rss_mb": rss}
        print(f"wasf --jobs {jobs}: {seconds:.1f} s", file=sys.stderr)
    seconds, rss = run_cli(["extract", str(quarter), "-o", str(OUT / "records-quarter.jsonl"), "-q", "-j", "1"])
    r["wasf_quarter_rss_mb"] = rss
    r["machine_parallel_ceiling"] = parallel_ceiling(path)
    r["identical_1p_2p"] = (OUT / "records-1.jsonl").read_bytes() == (OUT / "records-2.jsonl").read_bytes()
    r["distinct_documents"] = distinct
    r["first_second_sight_chars_s"] = first_and_second_sight(distinct)
    r["stages_chars_s"] = stage_times(path, 2000)

    from pipeline.api import load

    nlp = load()
    r["tokenizer_chars_s"] = chars / timed(lambda: [nlp.make_doc(t) for t in documents(path)])
    print("tokenizer measured", file=sys.stderr)
    parse = duckling()
    if parse is not None:
        r["duckling_chars_s"] = chars / timed(lambda: [parse(t) for t in documents(path)])
        print("duckling measured", file=sys.stderr)
    r["adversarial_chars_s"] = adversarial_rates()
    r["salary_scores"] = salary_scores(parse)  # the real gold folders
    r["salary_scores_own_gold"] = salary_scores(parse, GOLD_SETS)  # corpus/gold and the seed's gold
    r["dask_vs_jobs"] = dask_vs_jobs(path, chars)
    print("dask measured", file=sys.stderr)
    (OUT / "results.json").write_text(json.dumps(r, indent=2, ensure_ascii=False), encoding="utf-8")
    print(table(r))


def table(r: dict[str, Any]) -> str:
    one, two = r["wasf_1p"], r["wasf_2p"]
    first, again = r["first_second_sight_chars_s"]
    m = 1e6
    rows = [
        f"wasf benchmark, {r['date']}: {r['documents']} documents, {r['megabytes']} MB ({r['origin']})",
        "",
        "| measure | value |",
        "|---|---|",
        f"| wasf end to end, 1 process | {one['chars_s'] / m:.2f} M chars/s, {one['docs_s']:.0f} docs/s |",
        f"| wasf end to end, 2 processes | {two['chars_s'] / m:.2f} M chars/s, {two['docs_s']:.0f} docs/s |",
        f"| 2-process speed-up | {two['chars_s'] / one['chars_s']:.2f}x (output identical: {r['identical_1p_2p']}) |",
        f"| this machine's ceiling for 2 processes (two independent runs side by side) | "
        f"{r['machine_parallel_ceiling']:.2f}x |",
        f"| peak RSS, 1 process: quarter corpus / full corpus | {r['wasf_quarter_rss_mb']} MB / {one['rss_mb']} MB |",
        f"| peak RSS, 2 processes (largest process) | {two['rss_mb']} MB |",
        f"| `wasf --help` | {r['help_s']:.2f} s |",
        f"| first record (`wasf extract` on one document) | {r['first_record_s']:.2f} s |",
        f'| floor: spaCy blank("ar") tokenization alone | {r["tokenizer_chars_s"] / m:.2f} M chars/s |',
        f"| wasf / tokenizer floor | {one['chars_s'] / r['tokenizer_chars_s']:.2f}x |",
        f"| in process, the {r['distinct_documents']} distinct documents seen for the first time / again | "
        f"{first / m:.2f} / {again / m:.2f} M chars/s |",
    ]
    if "duckling_chars_s" in r:
        rows += [
            f"| peer: Duckling money only | {r['duckling_chars_s'] / m:.2f} M chars/s |",
            f"| wasf (all types) / Duckling (money) | {one['chars_s'] / r['duckling_chars_s']:.2f}x |",
        ]
    for key, where in (("salary_scores", "real gold documents"), ("salary_scores_own_gold", "own gold documents")):
        for name, s in r.get(key, {}).items():
            if name == "duckling" and "duckling_chars_s" not in r:
                continue
            p, rec = s["precision"], s["recall"]
            rows.append(
                f"| salary precision / recall on {s['documents']} {where}: {name} | "
                f"{'-' if p is None else f'{p:.2f}'} / {'-' if rec is None else f'{rec:.2f}'} "
                f"({s['tp']} right, {s['fp']} false, {s['fn']} missed) |"
            )
    if "dask_vs_jobs" in r:
        rows.append(dask_row(r["dask_vs_jobs"]))
    rows.append("| per stage (in process) | " + ", ".join(
        f"{k.removeprefix('wasf_')} {v / m:.1f}" for k, v in r["stages_chars_s"].items()) + " M chars/s |")  # fmt: skip
    rows.append("| adversarial 1 MB inputs | " + ", ".join(
        f"{k} {v / m:.2f}" for k, v in r["adversarial_chars_s"].items()) + " M chars/s |")  # fmt: skip
    return "\n".join(rows)


def dask_row(d: dict[str, Any]) -> str:
    jobs, dask = d["jobs"], d["dask"]
    return (
        f"| Dask LocalCluster of 2 workers / `--jobs 2` | {dask['chars_s'] / 1e6:.2f} / {jobs['chars_s'] / 1e6:.2f} "
        f"M chars/s: Dask overhead {d['overhead']:+.0%}, of which {d['startup_s']:.1f} s starting the cluster "
        f"(output identical: {d['identical']}) |"
    )


if __name__ == "__main__":
    main()
