"""Linear time, as a property of every regular expression in pipeline/ (issue 16, item 6).

tests/adversarial.py finds the patterns by itself (it watches re.compile while the modules load and a
few documents are extracted, so a pattern another module adds later is covered too) and builds, for each,
1 MB inputs from the pattern's own literals and character classes: each part repeated, the parts
interleaved, the pattern's "skeleton" with and without its terminating character, and each repeated
part repeated after what leads to it. A linear pattern runs through all of them in well under a second;
one that backtracks over a run (nested or adjacent quantifiers over overlapping classes, a match retried
at every position of a run) takes minutes. The work runs in a child process, which is killed when one
input takes longer than the hang guard.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.api import extract
from tests.adversarial import adversarial, pattern_inputs

ROOT = Path(__file__).resolve().parent.parent
#: Seconds one 1 MB input may take: generous (a linear pattern takes milliseconds to a second on a busy
#: machine); a quadratic one takes minutes.
GUARD = 20.0


def _lines(stream: object, out: queue.Queue[str | None]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        out.put(line)
    out.put(None)


def test_every_pipeline_pattern_is_linear_on_inputs_built_from_itself() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.adversarial", "1000000"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, lines), daemon=True).start()
    current: dict[str, object] = {}
    cases = patterns = 0
    try:
        while True:
            try:
                line = lines.get(timeout=GUARD * 3 if not patterns else GUARD)
            except queue.Empty:
                pytest.fail(f"over {GUARD} s (a super-linear pattern): {current}")
            if line is None:
                break
            row = json.loads(line)
            if "patterns" in row:
                patterns = int(row["patterns"])
            elif "start" in row:
                current = row
            else:
                cases += 1
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode in (0, -9), proc.stderr.read() if proc.stderr else ""
    assert patterns > 50 and cases > 5 * patterns  # the patterns were found, and each was tried


def test_the_generator_finds_the_quadratic_cases_of_issue_16() -> None:
    """The inputs built from a pattern reach its backtracking: each of these (the forms of the three
    cases of issue 16, before their fix) is super-linear on one of its own inputs (tried at 10 KB,
    where a linear pattern takes a millisecond or less and these take 30 ms to seconds)."""
    import re

    for pattern in [
        r"^(?P<o>.+?)\s+(?:الوصف الوظيفي|وصف الوظيفه)$",
        r"\$[a-z_]+(?:\[[^\]\n]{0,40}\])+ not found",
        r"[ \t]*(?P<w>[^\W\d_]+|[a-z][\w+#.]*)",
    ]:
        rx = re.compile(pattern)
        worst = 0.0
        for _, text in pattern_inputs(pattern, size=10_000):
            t = time.perf_counter()
            for _ in rx.finditer(text):
                pass
            worst = max(worst, time.perf_counter() - t)
            if worst > 0.02:
                break
        assert worst > 0.02, pattern


CASES = {
    "title spaces": "مطلوب محاسب" + " " * 1_000_000 + "x\nنص",
    "title nbsp": "مطلوب محاسب" + "\u00a0" * 1_000_000 + "x\nنص",
    "placeholders": "$a" + "[$a[z]" * 170_000,
    "skill cue line": "إجادة " * 170_000,
}


@pytest.mark.parametrize("kind", CASES)
def test_the_megabyte_cases_of_issue_16_complete(kind: str) -> None:
    """End to end, in a child process with a hang guard (these took 30 s to 13 minutes before)."""
    code = (
        "import sys, time\n"
        "from pipeline import extract\n"
        "from tests.test_linear_time import CASES\n"
        "extract('x')\n"
        f"text = CASES[{kind!r}]\n"
        "t = time.perf_counter(); extract(text); print(time.perf_counter() - t)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=GUARD * 3)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout) < GUARD


def test_offsets_hold_on_the_adversarial_shapes() -> None:
    for kind in ("spaces", "nbsp", "placeholders", "cues"):
        text = adversarial(kind, 20_000)
        extract(text).check_offsets(text)
