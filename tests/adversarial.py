"""Inputs built to trip super-linear regular expressions and scans (used by tests and bench/)."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

#: The shapes of `adversarial`, run by tests/test_batch.py (hang guard) and bench/run.py (speed).
KINDS = ("digits", "commas", "headings", "money", "latin", "spaces", "nbsp", "placeholders", "cues", "markers")


def adversarial(kind: str, size: int = 1_000_000) -> str:
    """About `size` characters built to trip super-linear regular expressions and scans."""
    rng = random.Random(kind)
    if kind == "digits":  # digit runs with alternating separators
        return "".join(rng.choice("0123456789") + rng.choice(".,،٫٬") for _ in range(size // 2))
    if kind == "commas":  # 100k+ Arabic commas between numbers
        return "، ".join(str(rng.randint(1, 999)) for _ in range(size // 6))
    if kind == "headings":  # thousands of heading-like lines
        lines = ["المهام:", "مؤهلات", "", "الراتب: 5000 ريال", "فيديو اليوم", "ملاحظات/", "- بند"]
        return "\n".join(rng.choice(lines) for _ in range(size // 9))
    if kind == "money":  # one endless sentence of money, percents and organizations
        parts = ["5000 ريال", "بين 5 و7 آلاف درهم", "10 بالمائة", "شركة النور للتجارة", "مهارات تواصل", "من"]
        return " ".join(rng.choice(parts) for _ in range(size // 10))
    if kind == "latin":  # one Latin word without end, then digits
        return "a" * (size - 1) + "1"
    if kind == "spaces":  # a title line, then runs of spaces before a word that ends nothing
        return "مطلوب محاسب" + " " * (size // 2) + "x\n" + " " * (size // 2) + "الوصف"
    if kind == "nbsp":  # the same with no-break spaces and tabs
        return "مطلوب:" + "\u00a0" * (size // 2) + "x\n" + "\u00a0\t" * (size // 4) + "(متوسط"
    if kind == "placeholders":  # template placeholders nested into each other, never closed
        return "$a" + "[$a[z]" * (size // 6)
    if kind == "cues":  # one endless line of skill cues, then of organization heads
        return "إجادة " * (size // 12) + "شركة  " * (size // 12)
    if kind == "markers":  # line after line of contents markers, then of related-items markers over headlines
        return "عنوان\n" + "جدول المحتويات\n" * (size // 32) + "أخبار ذات صلة\nخبر قصير\n" * (size // 50)
    raise ValueError(kind)


# --- inputs built from a pattern's own parts -------------------------------------------------------------

#: Characters tried against every character class of a pattern: spaces and breaks of several kinds,
#: letters and digits of both scripts, and the punctuation patterns use as delimiters.
POOL = " \t\n\r\u00a0\u2028\u3000aAz_5٥ابلوهيةء،.,:;-–/()[]{}$@#+%*|>\"'"


def _in_class(ch: str, items: list[Any]) -> bool:
    """Whether `ch` matches a parsed character class (the items of an IN node)."""
    from re import _constants as c  # type: ignore[attr-defined]

    negate, hit = False, False
    for op, av in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            hit |= ord(ch) == av
        elif op is c.RANGE:
            hit |= av[0] <= ord(ch) <= av[1]
        elif op is c.CATEGORY:
            hit |= _in_category(ch, av)
    return hit != negate


def _in_category(ch: str, cat: Any) -> bool:
    name = str(cat).upper()
    if "DIGIT" in name:
        test = ch.isdecimal()
    elif "SPACE" in name:
        test = ch.isspace()
    elif "WORD" in name:
        test = ch.isalnum() or ch == "_"
    elif "LINEBREAK" in name:
        test = ch == "\n"
    else:
        return False
    return test != ("NOT" in name)


def pattern_parts(pattern: str, flags: int = 0, limit: int = 12) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """(atoms, terminators, groups) of a pattern: its literal strings and a member of each character
    class in the order they appear (at most `limit` branches per alternation: lexicons are large);
    characters its classes exclude (what ends a run); and for each repeated part, (what precedes it,
    its body). A class is filled, where it can be, with the start of the pattern itself, so that a
    repeated part holds a new start of the pattern (what makes "$a[$a[z]..." quadratic)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)

    def walk(seq: Any, start: str, out: list[str], stops: list[str], groups: list[tuple[str, str]]) -> None:
        run = ""
        for op, av in seq:
            if op is c.LITERAL:
                run += chr(av)
                continue
            if run:
                out.append(run)
                run = ""
            if op is c.NOT_LITERAL:
                out.append(next(ch for ch in start + POOL if ord(ch) != av))
                stops.append(chr(av))
            elif op in (c.IN, c.ANY, c.CATEGORY):
                items = av if op is c.IN else [(c.CATEGORY, av)] if op is c.CATEGORY else [(c.NEGATE, None)]
                members = [ch for ch in POOL if _in_class(ch, items)] if op is not c.ANY else list(POOL)
                head = ""
                for ch in start:
                    if not (ch in members or _in_class(ch, items)):
                        break
                    head += ch
                out.extend(([head] if head else members[:1]) + [m for m in members if m in " \u00a0ب5\n"][:2])
                stops.extend([ch for ch in POOL if ch not in members][:2])
            elif op is c.BRANCH:
                for branch in av[1][:limit]:
                    walk(branch, start, out, stops, groups)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
                before = "".join(out) + run
                body: list[str] = []
                walk(av[2], start, body, stops, groups)
                groups.append((before, "".join(body)))
                out.extend(body)
            elif op is c.SUBPATTERN:
                walk(av[-1], start, out, stops, groups)
            elif op is c.ATOMIC_GROUP:
                walk(av, start, out, stops, groups)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                walk(av[1], start, out, stops, groups)
        if run:
            out.append(run)

    plain: list[str] = []
    walk(parsed, "", plain, [], [])
    atoms: list[str] = []
    stops: list[str] = []
    groups: list[tuple[str, str]] = []
    walk(parsed, "".join(plain)[:8], atoms, stops, groups)
    unique = list(dict.fromkeys(a for a in [*plain, *atoms] if a))
    return unique, list(dict.fromkeys(stops)) or ["\n"], list(dict.fromkeys(g for g in groups if g[1]))


#: Inputs per pattern (each of `size` characters): the suite runs them all at 1 MB.
MAX_CASES = 12


def pattern_inputs(pattern: str, flags: int = 0, size: int = 1_000_000) -> Iterator[tuple[str, str]]:
    """(name, text of about `size` characters) built from the pattern's parts: each part repeated, the
    parts interleaved, the parts in pattern order (its "skeleton") repeated with and without the
    character that ends them, and the skeleton cut short of its last part."""
    atoms, stops, groups = pattern_parts(pattern, flags)

    def fill(unit: str) -> str:
        return (unit * (size // max(1, len(unit)) + 1))[:size]

    skeleton = "".join(atoms)
    cases = [("skeleton", skeleton), ("skeleton cut", "".join(atoms[:-1])), ("interleaved", " ".join(atoms))]
    cases += [(f"skeleton + {s!r}", skeleton + s) for s in stops[:2]]
    cases += [(f"first + {s!r}", atoms[0] + s) for s in stops[:2] if atoms]
    cases += [(f"{b[:20]!r} + repeat {body[:20]!r}", b + "\x00" + body) for b, body in groups[:6]]
    single = [a for a in atoms if len(a) <= 2] + [a for a in atoms if len(a) > 2]  # class members first
    cases += [(f"repeat {a!r}", a) for a in single]
    seen: set[str] = set()
    for name, unit in cases:
        if unit and unit not in seen and len(seen) < MAX_CASES:
            seen.add(unit)
            before, _, body = unit.rpartition("\x00")  # a repeated part after what leads to it
            yield name, before + fill(body)[: size - len(before)]


# --- every pattern of pipeline/, found without a list ------------------------------------------------------


def pipeline_patterns() -> list[re.Pattern[str]]:
    """Every regular expression that the modules of pipeline/ compile, found as the code runs: re's
    compile is watched (in a fresh process) while every module is imported, every argument-free cached
    builder is called and a few documents are extracted; module-level patterns are collected as well.
    Patterns added later, by any module, are found the same way."""
    import functools
    import importlib
    import pkgutil
    import sys

    import pipeline

    root = str(Path(pipeline.__file__).parent)
    found: dict[tuple[str, int], re.Pattern[str]] = {}
    original = re._compile  # type: ignore[attr-defined]

    def watching(pattern: Any, flags: Any) -> Any:
        compiled = original(pattern, flags)
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename == re.__file__:
            frame = frame.f_back  # type: ignore[assignment]
        if frame is not None and frame.f_code.co_filename.startswith(root) and isinstance(compiled.pattern, str):
            found.setdefault((compiled.pattern, compiled.flags), compiled)
        return compiled

    re._compile = watching  # type: ignore[attr-defined]
    re.purge()
    try:
        modules = []
        for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
            if info.name.endswith((".components", ".tokenizer", ".__main__")):
                continue  # spaCy's own tokenizer patterns, not ours
            try:
                modules.append(importlib.import_module(info.name))
            except Exception as exc:  # an optional extra that is not installed
                print(f"adversarial: {info.name} not imported ({exc})", file=sys.stderr)
        for module in modules:
            for value in list(vars(module).values()):
                if (
                    isinstance(value, functools._lru_cache_wrapper)
                    and getattr(value, "__module__", "") == module.__name__
                ):
                    try:
                        value()
                    except TypeError:
                        pass  # takes arguments
                _collect(value, found, depth=0)
        from pipeline import extract

        for kind in ("money", "headings", "digits"):
            extract(adversarial(kind, 20_000))
    finally:
        re._compile = original  # type: ignore[attr-defined]
    return list(found.values())


def _collect(value: Any, found: dict[tuple[str, int], re.Pattern[str]], depth: int) -> None:
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            found.setdefault((value.pattern, value.flags), value)
    elif depth < 3 and isinstance(value, list | tuple | dict):
        for item in value.values() if isinstance(value, dict) else value:
            _collect(item, found, depth + 1)


def run_patterns(size: int) -> None:
    """Run every pipeline pattern over its adversarial inputs, printing "start" and "done" lines (JSON)
    so that a parent process can tell which pattern hangs."""
    import json
    import time

    patterns = pipeline_patterns()
    print(json.dumps({"patterns": len(patterns)}), flush=True)
    for rx in patterns:
        for name, text in pattern_inputs(rx.pattern, rx.flags, size):
            print(json.dumps({"start": rx.pattern[:300], "input": name}), flush=True)
            t = time.perf_counter()
            for _ in rx.finditer(text):
                pass
            print(json.dumps({"done": round(time.perf_counter() - t, 3)}), flush=True)


if __name__ == "__main__":
    import sys

    run_patterns(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
