"""Numerals of the folded view: digit strings with Arabic separators, multipliers and number words.

Works on the view of pipeline.normalize, where every digit is ASCII and the Arabic comma is ",";
the decimal ٫ and thousands ٬ separators are still there and unambiguous. The hard case is a single
"." or "," followed by exactly three digits ("73.710", "144,420"): thousands in money written by machine
translation, but a decimal before a multiplier ("357.192 ألف" = 357192). Such numerals carry both
readings (`value` and `decimal_value`) and the caller decides from the currency.

Phone numbers, dates, times, clause numbers ("1.4.2.") and version numbers are not numerals.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from pipeline.lexicons import LexiconScan, Prefiltered, alternation, load
from pipeline.normalize import fold


@dataclass(frozen=True, slots=True)
class Numeral:
    """A number found in the view, [start, end) including its multiplier word."""

    start: int
    end: int
    value: float
    decimal_value: float | None = None  # the other reading of an ambiguous "73.710"
    sep: str = ""  # the separator of an ambiguous numeral: "." or ","
    ordinal: bool = False  # "75th"
    words: bool = False  # written in words ("عشرة", "ألفي")

    @property
    def is_ambiguous(self) -> bool:
        return self.decimal_value is not None


# Not glued to Latin letters, other digits, or the separators of dates, times, phones and versions.
# The pattern starts with the first digit, which the regex engine scans for at C speed, and looks behind
# it from there (hence the "\d" at the end of each lookbehind).
_NUMBER_RE = re.compile(
    r"(?P<n>\d(?<![\dA-Za-z/\\]\d)(?<![\d][.,:/]\d)\d*(?:[.,٫٬]\d+)*)(?P<ord>st|nd|rd|th)?"
    r"(?![\d]|[.,٫٬:/]\d|/|(?![kK](?![A-Za-z]))[A-Za-z])"  # "15k" is 15 thousand: k may be glued
)
# Zones that are never numerals of interest: phones, dates, times, clause numbers, versions, ids.
# Every zone starts at a digit or a plus: the pattern starts with that class, which the regex engine scans
# for at C speed, and each branch then looks back at the character it started with. (An id's zone starts
# at its first digit after a letter, not at the letters: a zone starting at letters made the engine try
# the pattern at every Latin letter of the text.) No zone starts at a digit after a digit: "(?<!\d\d)"
# says so once, before the branches are tried (a long figure was tried at each of its digits).
_EXCLUDED_RE = re.compile(
    r"[\d+](?<!\d\d)"
    r"(?:(?<=[A-Za-z]\d)[\w.\-]*"  # ids and versions glued to letters: ISO9001, v2.3, ABC123-45
    r"|(?<=\+)\d{1,3}[\s\-]?(?:\(?\d\)?[\s\-]?){6,13}\d"  # international phone: +966 ...
    r"|(?<=0)(?<!\w0)0\d{1,3}[\s\-]?(?:\(?\d\)?[\s\-]?){6,13}\d"  # ... or 00966 ...
    r"|(?<=0)(?<!\d0)\d{8,11}(?!\d)"  # national phone: 0551234567
    r"|(?<=\d)(?<!\d\d)\d{2,3}[\s\-]\d{3}[\s\-]\d{3,4}(?!\d)"  # 055 123 4567
    r"|(?<=\d)(?<!\d\d)\d{0,3}[/\-.]\d{1,2}[/\-.]\d{1,4}(?!\d)"  # dates 2022/05/29, 1/8/2026, 29.05.2022
    r"|(?<=\d)(?<!\d\d)\d{0,3}/\d{1,2}(?!\d)"  # 05/2022
    r"|(?<=\d)(?<!\d\d)\d?:\d{2}(?::\d{2})?(?!\d)"  # times 9:30
    r"|(?<=\d)(?<![\d.]\d)\d{0,2}(?:\.\d{1,2}){2,}\.?(?!\d))"  # clause/version numbers 1.4.2. (not 1.813.500)
)


@cache
def _words() -> dict[str, float]:
    data = load("numbers")
    out: dict[str, float] = {}
    for key in ("units", "teens", "tens", "hundreds"):
        out.update({fold(w): float(v) for w, v in data[key].items()})
    return out


@cache
def _multipliers() -> dict[str, float]:
    return {fold(w): float(v) for w, v in load("numbers")["multipliers"].items()}


@cache
def _duals() -> dict[str, float]:
    data = load("numbers")
    out = {fold(w): float(v) for w, v in data["duals"].items()}
    out.update({fold(w): float(v) for w, v in data["fractions"].items()})
    return out


@cache
def _multiplier_re() -> re.Pattern[str]:
    return re.compile(rf"\s?(?P<m>{alternation(load('numbers')['multipliers'])})(?!\w)")


@cache
def _word_run_re() -> Prefiltered:
    """A run of number words joined by spaces and the conjunction و ("خمسة وعشرون ألف")."""
    data = load("numbers")
    vocab = [
        *data["units"],
        *data["teens"],
        *data["tens"],
        *data["hundreds"],
        *data["multipliers"],
        *data["teens_suffix"],
    ]
    vocab += [*data["duals"], *data["fractions"]]
    arabic = [w for w in vocab if not w.isascii()]
    word = rf"(?:{alternation(arabic)})"
    run = re.compile(rf"(?<!\w)(?:و)?{word}(?:\s+(?:و\s?)?{word})*(?!\w)")
    return Prefiltered(run, arabic, reach=1)  # a run starts with a word, after و at most


@cache
def _vocabulary() -> frozenset[str]:
    return frozenset({*_words(), *_multipliers(), *_duals()})


def _parse_digits(raw: str, multiplied: bool) -> tuple[float, float | None] | None:
    """Value of a digit string and its decimal reading when ambiguous; None if not a number."""
    if raw.isdecimal():
        return float(raw), None  # most numerals: no separator
    if "٫" in raw:  # Arabic decimal separator: everything else is thousands
        whole, _, frac = raw.partition("٫")
        whole = re.sub(r"[.,٬]", "", whole)
        if not frac.isdigit():
            return None
        return float(f"{whole}.{frac}"), None
    groups = re.split(r"[.,٬]", raw)
    seps = re.findall(r"[.,٬]", raw)
    if len(groups) == 1:
        return float(raw), None
    head, tail = groups[0], groups[1:]
    thousands_shape = 1 <= len(head) <= 3 and all(len(g) == 3 for g in tail)
    if len(groups) > 2:
        # 1,813,500 / 600.000.000 / 1٬234٬567: one repeated separator in thousands groups
        if thousands_shape and len(set(seps)) == 1:
            return float("".join(groups)), None
        if len(seps) == 2 and seps[0] != seps[1] and all(len(g) == 3 for g in tail[:-1]):
            # 1,234.56 or 1.234,56: the last separator is the decimal one
            return float("".join(groups[:-1]) + "." + groups[-1]), None
        return None
    sep = seps[0]
    if sep == "٬":
        return (float(head + tail[0]), None) if thousands_shape else None
    decimal = float(f"{head}.{tail[0]}")
    if not thousands_shape:
        return decimal, None  # 2.5, 4000.0, 3,5
    if multiplied:
        return decimal, None  # 357.192 ألف, 600.000 الف
    return float(head + tail[0]), decimal  # 73.710 / 144,420: thousands unless context says otherwise


_WORD_GAP_RE = re.compile(r"\s+")


@cache
def _decimal_word_re() -> re.Pattern[str]:
    """ "1 فاصلة 5", "واحد فاصلة خمسة": a whole and a fraction part joined by a decimal word
    (quantities.json `decimal_words`)."""
    return re.compile(rf"(?<!\s)\s+(?:{alternation(load('quantities')['decimal_words'])})\s+")


# ".77", "٫77": a fraction without its zero, after a space or at the start, not after a word or figure
_LEADING_DECIMAL_RE = re.compile(r"(?<![\w.,٫])[.٫](?=\d)")
# a minus glued to the figure after "(", "=" or ":" (at a line start, see _is_minus)
_MINUS_RE = re.compile(r"[(=:]\s?[-−]$")
# "77/100": a fraction over a power of ten of at least 100 ("11/10" is a date)
_FRACTION_RE = re.compile(r"(?<![\w/.,])(?P<a>\d{1,6})/(?P<b>10{2,6})(?![\w/.,])")


class _Zones:
    """Non-overlapping, sorted [start, end) zones with a bisect membership test."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covers(self, start: int, end: int) -> bool:
        k = bisect_right(self.starts, start) - 1
        return k >= 0 and end <= self.ends[k]

    def hits(self, pos: int) -> bool:
        k = bisect_right(self.starts, pos) - 1
        return k >= 0 and pos < self.ends[k]


def _word_value(run: str) -> float | None:
    """Value of a run of number words; None if it is not one well-formed number ("عشرة وعشرون" is two)."""
    words, duals, mults = _words(), _duals(), _multipliers()
    if run in duals:  # "سنة واحدة"
        return duals[run]
    total = current = 0.0
    last_multiplier = 0.0
    seen = False
    vocab = _vocabulary()
    tokens = [t[1:] if t.startswith("و") and t[1:] in vocab and t not in vocab else t for t in run.split()]
    tokens = [t for t in tokens if t != "و"]
    for i, tok in enumerate(tokens):
        if tok in duals and last_multiplier and current == 0 and duals[tok] < 1:
            total += duals[tok] * last_multiplier  # "مليون ونصف" = 1.5 million
        elif tok in duals:
            current += duals[tok]
        elif tok in words:
            v = words[tok]
            below = current % 100 if v < 100 else current
            if v == 10 and i > 0 and tokens[i - 1] in words and 0 < words[tokens[i - 1]] < 10:
                current += 10  # أحد عشر, خمسة عشر
            elif below and (v >= 100 or (v >= 10 and below >= 10) or (v < 10 and below % 10)):
                return None  # "عشرة وعشرون", "خمسة ستة": two numbers
            else:
                current += v
        elif tok in mults:
            m = mults[tok]
            total += (current or 1.0) * m
            current, last_multiplier = 0.0, m
        else:
            return None
        seen = True
    return total + current if seen else None


def _word_numbers(run: str) -> list[tuple[int, int, float]]:
    """The numbers of a run of number words, as (start, end, value) in the run: the whole run when it
    is one number, else its longest well-formed prefixes one after another ("بين عشرة وعشرين")."""
    value = _word_value(run)
    if value is not None:
        return [(0, len(run), value)]
    out: list[tuple[int, int, float]] = []
    cuts = [m.start() for m in _WORD_GAP_RE.finditer(run)] + [len(run)]
    pos = 0
    while pos < len(run):
        for cut in reversed([c for c in cuts if c > pos]):
            v = _word_value(run[pos:cut])
            if v is not None:
                out.append((pos, cut, v))
                break
        else:
            return out
        gap = _WORD_GAP_RE.match(run, cut)
        pos = gap.end() if gap else len(run)
        if gap and run.startswith("و", pos) and run[pos + 1 :].split()[0] in _vocabulary():
            pos += 1
    return out


def find_numerals(text: str, scan: LexiconScan | None = None) -> list[Numeral]:
    """All numerals of the view, in order, without phones, dates, times and clause numbers (`scan`: the
    lexicon scan of the text, where the caller has one)."""
    zones = _Zones([m.span() for m in _EXCLUDED_RE.finditer(text)])
    out: list[Numeral] = []
    mult_re = _multiplier_re()
    mults = _multipliers()
    for m in _NUMBER_RE.finditer(text):
        if zones.covers(m.start(), m.end("n")):
            continue
        end = m.end()
        mm = mult_re.match(text, end) if not m.group("ord") else None
        parsed = _parse_digits(m.group("n"), multiplied=mm is not None)
        if parsed is None:
            continue
        value, decimal = parsed
        start = m.start()
        leading = start > 0 and text[start - 1] in ".٫" and _LEADING_DECIMAL_RE.match(text, start - 1) is not None
        if leading and m.group("n").isdecimal():
            start, value, decimal = start - 1, float(f"0.{m.group('n')}"), None  # ".77" is 0.77, not 77
        if mm:
            value *= mults[mm.group("m")]
            end = mm.end()
        if start and text[start - 1] in "-−" and _is_minus(text, start, end, m.group("ord")):
            start, value, decimal = start - 1, -value, None if decimal is None else -decimal
        sep = next((c for c in m.group("n") if c in ".,"), "") if decimal is not None else ""
        out.append(Numeral(start, end, value, decimal, sep, ordinal=bool(m.group("ord"))))
    if "/10" in text:  # a fraction over 100, 1000...
        out += _fractions(text)
        out.sort(key=lambda n: n.start)
    digit_spans = _Zones([(n.start, n.end) for n in out])
    for m in _word_run_re().finditer(text, scan=scan):
        run = m.group()
        first = run.split()[0]
        lead = 1 if run.startswith("و") and first not in _vocabulary() and first[1:] in _vocabulary() else 0
        for lo, hi, word_value in _word_numbers(run[lead:]):
            start = m.start() + lead + lo
            if digit_spans.hits(start):
                continue  # the multiplier of a digit numeral ("25 ألف")
            out.append(Numeral(start, m.start() + lead + hi, word_value, words=True))
    out.sort(key=lambda n: n.start)
    return _join_decimals(text, out) if len(out) > 1 and ("فاصله" in text or "point" in text) else out


def _is_minus(text: str, start: int, end: int, ordinal: str | None) -> bool:
    """Whether the dash before the figure at start is a minus: after "(", "=" or ":", or at a line start
    when the figure is the whole line (a dash before a figure and words is a list bullet: "-5 سنوات")."""
    if ordinal:
        return False
    if _MINUS_RE.search(text, max(0, start - 3), start):
        return True
    if start >= 2 and text[start - 2] != "\n":
        return False
    line_end = text.find("\n", end)
    return not text[end : len(text) if line_end < 0 else line_end].strip()


def _fractions(text: str) -> list[Numeral]:
    return [Numeral(m.start(), m.end(), float(m.group("a")) / float(m.group("b"))) for m in _FRACTION_RE.finditer(text)]


def _join_decimals(text: str, numerals: list[Numeral]) -> list[Numeral]:
    """ "1 فاصلة 5" is 1.5: a numeral, a decimal word and a whole number make one numeral."""
    out: list[Numeral] = []
    for n in numerals:
        prev = out[-1] if out else None
        gap = _decimal_word_re().fullmatch(text, prev.end, n.start) if prev is not None else None
        if prev is not None and gap and n.value >= 0 and float(n.value).is_integer() and prev.value == int(prev.value):
            digits = str(int(n.value))
            value = prev.value + (-1 if prev.value < 0 else 1) * float(f"0.{digits}")
            out[-1] = Numeral(prev.start, n.end, value, words=prev.words)
        else:
            out.append(n)
    return out
