"""Salary figures, percentages and counts: numerals of the view read in their context.

- percentage: a numeral followed by a percent word ("16 في المائة", "5%", "عشرة بالمائة"); a numeral
  before المئوية ("75th المئوية") is a percentile rank (percentile true), not a share.
- salary: a numeral (or a range of two) with a currency after or a symbol before it, or the value of a
  salary label line ("الراتب: 3000"); money whose sentence speaks of prices, fees, revenue or budgets
  rather than pay is left out. Attributes come from the sentence (currency, period, statistic,
  percentile, year), then from the section heading, then from the previous salary of the section.
- count: people employed ("1،813،500 شخص"), vacancies ("3150 وظيفة"), years of experience ("خبرة 3
  سنوات", "لا تقل عن سنتين") — not ages.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from pipeline.document import Analysis, Mention
from pipeline.extractors.numerals import Numeral, find_numerals
from pipeline.lexicons import LexiconScan, WordMatcher, alternation, load, word_regex
from pipeline.normalize import fold

#: An Iraqi dinar pay figure in this range is a number of thousands ("الراتب 750" is 750,000 IQD).
_IQD_THOUSANDS = (50, 1000)


#: Two sums of pay within this factor of each other may share a period.
_SAME_SIZE = 10


def _sum_of(attrs: dict[str, Any]) -> float | None:
    """The sum a salary's attributes state: its amount, else its lower or upper bound."""
    for key in ("amount", "min", "max"):
        if attrs.get(key):
            return float(attrs[key])
    return None


class _Stated:
    """The periods the salaries of a section state, with their sums by currency and period (sorted, so
    that the periods of sums of a size are found by bisection: linear in the number of salaries)."""

    def __init__(self) -> None:
        self.periods: set[str] = set()
        self._sums: dict[tuple[str | None, str], list[float]] = {}

    def add(self, period: str, value: float | None, currency: str | None) -> None:
        self.periods.add(period)
        if value:
            self._sums.setdefault((currency, period), []).append(value)

    def sort(self) -> None:
        for sums in self._sums.values():
            sums.sort()

    def of_size(self, value: float | None, currency: str | None) -> set[str]:
        """The periods of the sums in `currency` within a factor _SAME_SIZE of `value`."""
        if not value:
            return set()
        lo, hi = value / _SAME_SIZE, value * _SAME_SIZE
        return {
            period
            for (cur, period), sums in self._sums.items()
            if cur == currency and (k := bisect_left(sums, lo)) < len(sums) and sums[k] < hi
        }


def _same_size(a: float | None, b: float | None) -> bool:
    """Whether two sums may be pay for the same period (either unknown: they may)."""
    return not a or not b or max(a, b) < _SAME_SIZE * min(a, b)


def _q() -> Any:
    return load("quantities")


@dataclass(frozen=True)
class _Currencies:
    """Currency lookup built from currencies.json, folded."""

    after_re: re.Pattern[str]
    before_re: re.Pattern[str]
    anywhere_re: re.Pattern[str]  # a currency named anywhere (a table header, "بالريال")
    rate_re: re.Pattern[str]  # a currency and "=" before a figure: an exchange rate
    codes: dict[str, str]  # folded name/symbol -> ISO code
    exact: dict[str, str]  # symbol as written -> ISO code (folding merges د.أ JOD and د.إ AED)
    bare: dict[str, str]  # folded bare form -> family key
    three_decimals: frozenset[str]
    plausible: dict[str, tuple[float, float]]


@cache
def _currencies() -> _Currencies:
    data = load("currencies")
    codes: dict[str, str] = {}
    exact: dict[str, str] = {}
    symbols: set[str] = set()
    for cur in data["currencies"]:
        for name in cur["names"]:
            codes[fold(name)] = cur["code"]
        for sym in cur["symbols"]:
            codes[fold(sym)] = cur["code"]
            exact[sym] = cur["code"]
            symbols.add(sym)
    bare = {fold(form): key for key, spec in data["bare"].items() for form in spec["forms"]}
    for form in bare:  # "﷼" folds to "ريال": the bare word stays a family name, chosen by country
        codes.pop(form, None)
    names = [*codes, *bare]
    # "5,500+ يورو", "( 9-27 ) دينارا", "18,000\nCNY": a plus, a closing bracket or a line break between
    after = re.compile(rf"\+?[ \t]?\)?(?:[ \t]|\n(?=[a-z]{{3}}\b))?(?P<c>{alternation(names)})(?!\w)")
    anywhere = re.compile(rf"(?<!\w)(?:ب|و)?(?P<c>{alternation(names)})(?!\w)")
    # "الدولار = 4.78 دنانير", "1 USD = 3.75 ريال": an exchange rate, before the figure
    rate = re.compile(rf"(?<!\w)(?:ال)?(?:{alternation([*names, *symbols])})[ \t]*=[ \t]*$")
    before = re.compile(
        rf"(?<!\w)(?P<c>{alternation([*symbols, *(c['code'].lower() for c in data['currencies'])])})\s?$"
    )
    plausible = {k: (float(v[0]), float(v[1])) for k, v in data["plausible_monthly"].items()}
    return _Currencies(after, before, anywhere, rate, codes, exact, bare, frozenset(data["three_decimals"]), plausible)


@cache
def _country_matcher(family: str) -> tuple[WordMatcher, dict[str, str]]:
    """Whole-word matcher of the country cues of a currency family, and the code of each cue."""
    code_of = {fold(c): o["code"] for o in load("currencies")["country_cues"].get(family, []) for c in o["cues"]}
    return WordMatcher(code_of or ["\x00"], clitics=True, article=True), code_of


def _most_named(matcher: WordMatcher, code_of: dict[str, str], text: str, scan: LexiconScan | None) -> str | None:
    """The code whose country cues occur most often in text (the first listed on a tie), or None."""
    tally: dict[str, int] = {}
    for m in matcher.finditer(text, scan=scan):
        w = m.group("w")
        code = code_of.get(w) or code_of.get(w[2:])  # the matcher allows an article before the cue
        if code:
            tally[code] = tally.get(code, 0) + 1
    return max(tally, key=lambda c: tally[c]) if tally else None


@cache
def _default_matcher() -> tuple[WordMatcher, dict[str, str]]:
    """Whole-word matcher of the country cues of default_by_country and of every currency family, and the
    code of each cue."""
    data = load("currencies")
    options = [o for opts in data["country_cues"].values() for o in opts] + data["default_by_country"]
    code_of = {fold(c): o["code"] for o in options for c in o["cues"]}
    return WordMatcher(code_of, clitics=True, article=True), code_of


@cache
def place_names() -> frozenset[str]:
    """The places (countries, regions, cities, districts) whose currency the country cues name, folded:
    also what organizations reads a posting's header by."""
    return frozenset(_default_matcher()[1])


@cache
def _phone_re() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex for the telephone numbers that name a country (currencies.json "phone_codes"): the
    country code after "+" or "00", or the shape of a local mobile number; and the currency of each."""
    data = load("currencies")["phone_codes"]
    code_of = {f"c{cc}": code for cc, code in data["international"].items()}
    code_of |= {f"m{k}": o["code"] for k, o in enumerate(data["local"])}
    calling = sorted(data["international"], key=len, reverse=True)  # (a longer code first: 964 before 96)
    parts = [rf"(?:\+|00)\s?(?:{'|'.join(f'(?P<c{cc}>{cc})' for cc in calling)})(?=[\s\d])"]
    parts += [rf"(?P<m{k}>{o['pattern']})(?!\d)" for k, o in enumerate(data["local"])]
    return re.compile(rf"(?<![\d+])(?:{'|'.join(parts)})"), code_of


def _phone_country(text: str) -> str | None:
    """The currency of the country of the first telephone number in the text that names one."""
    rx, code_of = _phone_re()
    m = rx.search(text)
    return code_of[m.lastgroup] if m is not None and m.lastgroup else None


@cache
def _pay_stems() -> re.Pattern[str]:
    """Three-letter stems of the pay words (the label words and pay cues, folded, without the article):
    a cheap substring test before the word matcher."""
    stems = set()
    for w in [*_q()["label_words"], *_q()["pay_cues"]]:
        word = fold(w).split()[-1]  # "الحد الأدنى للأجور": the noun of pay is last
        for article in ("بال", "لل", "ال"):
            if word.startswith(article) and len(word) - len(article) >= 3:
                word = word[len(article) :]
                break
        stems.add(word[:3])
    return re.compile(alternation(stems))


@cache
def _regexes() -> dict[str, re.Pattern[str]]:
    q = _q()
    units = [w for words in q["count_units"].values() for w in words]
    return {
        # "%" needs no word boundary after it ("25 %من المعلمين")
        "percent": re.compile(rf"\s?(?:%|(?:{alternation(q['percent_words'])})(?!\w))"),
        "percentile_after": re.compile(rf"\s?(?:ال)?(?:{alternation(q['percentile_words'])})(?!\w)"),
        "vacancy_label": re.compile(rf"^[\s\-•*·▪✅]*(?:{alternation(q['vacancy_labels'])})\s*[:\-–]\s*$"),
        # the same label after the other parts of its line, behind a dash, a bar or a comma
        "vacancy_label_after": re.compile(
            rf"(?:^|[\-–|،,][ \t]*)(?:{alternation(q['vacancy_labels'])})[ \t]*[:\-–][ \t]*$"
        ),
        "label": re.compile(
            rf"^[\s\-•*·▪✅\d.)]*(?:{alternation(q['label_words'])})(?:\s+\w+)?\s*[:\-–]\s*"
            rf"(?:من|بين|يبدا من|تبدا من|from)?\s*$"
        ),
        "bare_label": re.compile(rf"^[\s\-•*·▪✅\d.)]*(?:{alternation(q['label_words'])})(?:\s+\w+)?\s*$"),
        "to_next": re.compile(r"(?<![^\S\n])[^\S\n]*(?:[^\W\d_]{1,8}[^\S\n]+)?(?:الي|حتي|to|-|–|و)[^\S\n]*"),
        "between_before": re.compile(r"(?<!\w)(?:بين|ما بين)[ \t]*$"),
        "besides": re.compile(r"(?<!\w)(?:مع|\+)(?!\w)"),
        "range_sep": re.compile(r"(?<!\s)\s*(?:-|–|—|~|الي|حتي|او|to|and|و)\s*"),
        # a bound word right before the figure, of one of four kinds (one search instead of four)
        "bound_before": re.compile(
            rf"(?:(?P<start>{alternation(q['start_words'])})|(?P<upto>{alternation(q['upto_words'])})"
            rf"|(?<!\w)(?P<above>{alternation(q['above_words'])})|(?<!\w)(?P<below>{alternation(q['below_words'])}))"
            r"\s*$"
        ),
        "after_min": re.compile(rf"(?<![\s(])[\s(]*(?:{alternation(q['after_min_words'])})(?!\w)"),
        "after_max": re.compile(rf"(?<![\s(])[\s(]*(?:{alternation(q['after_max_words'])})(?!\w)"),
        "range_open": re.compile(rf"(?<!\w)(?:{alternation(q['range_open_words'])})[\s(]*$"),
        # what joins the bounds of a range with words between them: "... وتصل إلى", "... و", "... ليصل إلي"
        "range_join": re.compile(r"(?<!\w)(?:[وف]?ل?[يت]صل\s+)?(?:الي|حتي|و|ل)\s*$"),
        "minimum_wage": re.compile(rf"\s?(?:{alternation(q['minimum_wage_words'])})(?!\w)"),
        # between a pay word and its figure: up to three words, a colon, a bracket, من/بين
        "cue_gap": re.compile(r"[\s:()\-–]*(?:[^\W\d]+(?:[\s:()\-–]+[^\W\d]+){0,2}[\s:()\-–]*)?"),
        # a number of things after a figure ("150 شركة", "160 ساعة"), and the label of a count above a cell
        "counted": re.compile(
            rf"\s?(?:{alternation([*q['counted_nouns'], *q['year_units'], *q['measure_words'], *units])})(?!\w)"
        ),
        "count_label": re.compile(
            rf"(?<!\w)(?:ال)?(?:عدد|{alternation([*q['counted_nouns'], *q['year_units']])})(?!\w)"
        ),
        # a thing other than pay that has a period of its own, right before a period word ("إجازة سنوية")
        "periodic_noun": re.compile(rf"(?<!\w)[وبل]?(?:{alternation(q['other_periodic_nouns'])})\s+$"),
        "extra_before": re.compile(rf"(?<!\w)[وبل]?(?:{alternation(q['other_periodic_nouns'])})(?!\w)"),
        "joined_periodic_noun": re.compile(
            rf"(?:(?<!\w)مع\s+|\+[ \t]*|(?<!\w)و)(?:{alternation(q['other_periodic_nouns'])})\s+$"
        ),
        # a rate after a sum and a colon, equals sign, dash or arrow: "من 1 إلى 20,000 ريال: 2%"
        "rate_after": re.compile(r"(?<![ \t])[ \t]*[:=\-–→←][ \t]*\(?\d{1,2}(?:[.,]\d{1,2})?[ \t]?%"),
        "minor": re.compile(rf"\s?(?:{alternation(q['minor_units'])})(?!\w)"),
        "and_minor": re.compile(rf"\s?و?\s?(?P<n>\d{{1,2}})\s?(?:{alternation(q['minor_units'])})?(?![\w.,])"),
        "year": re.compile(r"(?<![\d.,])(19[5-9]\d|20[0-4]\d)(?![\d.,]\d|\d)"),
        "year_unit": re.compile(rf"\s?(?:{alternation(q['year_units'])})(?![^\W\d_])"),  # "سنوات3,200": glued cells
        "of_pay": re.compile(r"(?<!\s)\s*من\s+(?:ال)?(?:راتب|رواتب|اجر|اجور|دخل|مرتب)"),
        "percentile_before": re.compile(r"(?:المئين|الشريحه المئويه)\s?$"),
        "percentile_lead": re.compile(r"(?<!\w)(?:الشريحه المئويه|المئين|percentile)[ \t]*(?:ال|رقم[ \t]*)?$"),
        "past": re.compile(r"(?<!\w)و?تم\s+$"),
        # what may open a line before a band of years: a bullet or bar, then "من", "أقل من" ...
        "band_lead": re.compile(rf"[\s\-–•*·|]*(?:(?:{alternation(q['band_words'])})\s*)?"),
        # a part of a count named by who it is for: "منها 300 للرجال و500 للنساء", "120 من الإناث"
        "partition": re.compile(rf"\s?(?:من\s)?(?:لل|ل)?(?:{alternation(q['partition_words'])})(?!\w)"),
        # a hiring noun right before a bare figure: "تم تعيين 250 خلال العام"
        "hired_before": re.compile(rf"(?<!\w)(?:{alternation(q['hiring_words'])})\s$"),
        "past_before": re.compile(rf"(?<!\w)[وف]?(?:{alternation(q['past_words'])})\s+$"),
        "accusative_noun": re.compile(r"\s(?P<w>[\u0621-\u064a]{3,}ا)(?!\w)"),
        "plural_before": re.compile(r"[\u0621-\u064a]{2,20}(?:ين|ات)\s$"),
    }


@cache
def _word_matchers() -> dict[str, WordMatcher]:
    q = _q()
    return {
        "pay": word_regex(q["pay_cues"], clitics=True),
        "non_pay": word_regex(q["non_pay_cues"], clitics=True),
        "median_source": word_regex(q["median_sources"], clitics=True),
        "experience": word_regex(q["experience_words"], clitics=True),
        "age": word_regex(q["age_words"], clitics=True),
        "top": word_regex(q["top_words"], clitics=True),
        "bottom": word_regex(q["bottom_words"], clitics=True),
        "hiring": word_regex(q["hiring_words"], clitics=True),
        "change": word_regex(q["change_words"], clitics=True),
        "share": word_regex(q["share_words"], clitics=True),
        "bound_min": word_regex(q["bound_min_words"], clitics=True),
        "bound_max": word_regex(q["bound_max_words"], clitics=True),
        "label_cue": word_regex(q["label_words"] + q["pay_cues"], clitics=True),
    }


@cache
def _unit_regexes() -> dict[str, re.Pattern[str]]:
    units = _q()["count_units"]
    return {u: re.compile(rf"\s?(?:{alternation(words)})(?!\w)") for u, words in units.items()}


@cache
def _measure_words() -> frozenset[str]:
    return frozenset(fold(w) for w in _q()["measure_words"])


@cache
def _job_duals() -> frozenset[str]:
    """Dual nouns of openings ("وظيفتين", "فرصتين"), folded: a count of two jobs."""
    return frozenset(fold(w) for w in _q()["job_duals"])


@cache
def _dual_words() -> frozenset[str]:
    return frozenset(fold(w) for w in load("numbers")["duals"])


@cache
def _cue_matcher(group: str) -> tuple[WordMatcher, dict[str, str]]:
    """One matcher of the cues of every key of a group ("periods", "statistics"), and the key of each
    (folded) cue. No cue of one key overlaps a cue of another but by containing it ("المتوسط الحسابي",
    mean, holds "المتوسط", median), where the longer one is the one meant."""
    key_of = {fold(w): key for key, words in _q()[group].items() for w in words}
    return word_regex(key_of, clitics=True), key_of


# at a line start, then . ) or - and a space, and no figure after it ("5 - 10 آلاف ريال" is a range)
_DIGIT_RE = re.compile(r"\d")
#: currency signs that may open the second bound of a range ("$3000-$4000")
_SIGNS = frozenset("$€£¥₹₪")
_LETTER_RE = re.compile(r"[^\W\d_]")
_LIST_NUMBER_RE = re.compile(r"(?<![^\n])\d{1,2}\s?[.)\-–]\s(?!\s*\d)")
#: How far (characters) cues are looked for around a figure; sentences are usually much shorter.
_WINDOW = 300
#: How far back the start of a label line may be ("الراتب الشهري المتوقع: ").
_LABEL_REACH = 80
#: How far (characters) the second bound of a range with words between may be from the first.
_RANGE_REACH = 90
#: How many rows above a table cell its header may be.
_TABLE_REACH = 40
#: A table written one cell per line: how many lines above a figure its header may be, and how long a cell.
_CELL_REACH = 12
_CELL_WIDTH = 60
#: How far before "من X إلى Y" a verb of change still governs it (it may open the sentence for two pairs).
_CHANGE_REACH = 120
#: How far after "X ريال كحد أدنى" the second bound may start for the two to be one range (" و ", " إلى ").
_JOIN_WIDTH = 8
#: No one's pay: a sum this large is a budget, a payroll or a cost (but in currencies of tiny units).
_MAX_PAY = 1e8
_HUGE_UNIT_CURRENCIES = frozenset({"LBP", "SYP", "IRR", "IDR", "VND"})


#: the word lists of the bound words before a figure ("يبدأ من", "حتى", "أكثر من", "أقل من")
_BOUND_LISTS = ("start_words", "upto_words", "above_words", "below_words")


@cache
def _final_words(lists: tuple[str, ...]) -> frozenset[str]:
    """The last word of every phrase of the given lists of quantities.json, folded."""
    return frozenset(fold(w).split()[-1] for key in lists for w in _q()[key])


def _ends_with(text: str, lo: int, pos: int, lists: tuple[str, ...]) -> bool:
    """Whether text[lo:pos] ends with the last word of a phrase of the lists (a bracket and a glued و/ف
    allowed): the cheap test before a regex that looks for the whole phrase there."""
    piece = text[lo:pos].rstrip(" \t(")
    cut = max(piece.rfind(" "), piece.rfind("\t"), piece.rfind("\n"))
    word = piece[cut + 1 :]
    finals = _final_words(lists)
    return word in finals or (word[:1] in "وفلب" and word[1:] in finals)


def _number(v: float) -> int | float:
    """Integral values as int (73710, not 73710.0)."""
    return int(v) if float(v).is_integer() else round(v, 6)


def _nearest(pattern: re.Pattern[str] | WordMatcher, text: str, lo: int, hi: int, before: int) -> re.Match[str] | None:
    """The match of `pattern` in text[lo:hi] ending closest before `before` (or None)."""
    best = None
    for m in pattern.finditer(text, lo, hi):
        if m.end() <= before:
            best = m
    return best


class _Reader:
    """Reads the quantities of one document."""

    def __init__(self, an: Analysis) -> None:
        self.an = an
        self.text = an.masked
        self.rx = _regexes()
        self.words = _word_matchers()
        # list-item numbers ("1. دراسة", "٢- خبرة") are never quantities: drop them before any reading
        self.numerals = [n for n in find_numerals(self.text, an.scan) if not _LIST_NUMBER_RE.match(self.text, n.start)]
        self._numeral_starts = [n.start for n in self.numerals]
        self.used: set[int] = set()
        self.bls = bool(self.words["median_source"].search(self.text, scan=an.scan))
        self.out: list[Mention] = []
        self.percents: list[Mention] = []  # in document order, for the percentile of a salary
        self.percent_starts: list[int] = []
        self.last_salary: Mention | None = None
        self._bare_codes: dict[str, str] = {}
        self._country: str | bool | None = False  # False: not looked up yet
        self._windows: dict[int, tuple[int, int]] = {}
        self._salary_starts: list[int] | None = None  # of the salaries found (counts are read after them)

    def _window(self, pos: int) -> tuple[int, int]:
        """The sentence around pos, clipped to _WINDOW characters on each side (keeps the work linear)."""
        window = self._windows.get(pos)
        if window is None:  # the same figure's window is asked for by several rules
            s, e = self.an.sentences.around(pos)
            window = self._windows[pos] = (max(s, pos - _WINDOW), min(e, pos + _WINDOW))
        return window

    # --- percentages -------------------------------------------------------------------------------
    def percentages(self) -> None:
        for i, n in enumerate(self.numerals):
            pm = self.rx["percentile_after"].match(self.text, n.end)
            if pm and not n.words:
                self._add_pct(i, n, pm.end(), percentile=True)
                continue
            m = self.rx["percent"].match(self.text, n.end)
            if m:
                before = self.text[max(0, n.start - 12) : n.start]
                is_rank = bool(self.rx["percentile_before"].search(before))
                self._add_pct(i, n, m.end(), percentile=is_rank)
            elif n.start and self.text[n.start - 1] == "%" and not n.words and self._sign_first(n.start - 1):
                self._add_pct(i, n, n.end, percentile=False, start=n.start - 1)  # "%25": the sign first
            elif 0 < n.value < 100 and n.value.is_integer() and not n.words:
                lead = self.rx["percentile_lead"].search(self.text, max(0, n.start - 24), n.start)
                if lead is not None:  # "الشريحة المئوية 25": a rank named before its number
                    self._add_pct(i, n, n.end, percentile=True, start=lead.start())

    def _sign_first(self, sign: int) -> bool:
        """A percent sign before a figure is its own (bidirectional text turned "25%" into "%25") when
        nothing but a space, a bracket or the line start stands before the sign."""
        return sign == 0 or self.text[sign - 1] in " \t\n(:"

    def _add_pct(self, i: int, n: Numeral, end: int, percentile: bool, start: int | None = None) -> None:
        value = n.decimal_value if n.is_ambiguous and n.decimal_value is not None else n.value
        if not percentile and value > 1000:
            return
        self.used.add(i)
        where = n.start if start is None else start
        mention = Mention("percentage", where, end, {"value": _number(value), "percentile": percentile})
        self.out.append(mention)
        self.percents.append(mention)
        self.percent_starts.append(mention.start)

    # --- salaries ----------------------------------------------------------------------------------
    def salaries(self) -> None:
        i = 0
        while i < len(self.numerals):
            i = self._salary_at(i) + 1

    def _salary_at(self, i: int) -> int:
        """Try a salary starting at numeral i; returns the index of the last numeral consumed."""
        if i in self.used:
            return i
        n = self.numerals[i]
        if n.ordinal or n.value < 0:
            return i  # no one is paid a negative sum
        cur = _currencies()
        text = self.text
        second: Numeral | None = None
        last = i
        cur_m = cur.after_re.match(text, n.end)
        label: str | None = None
        # a range: "8000 - 10000 ريال", "من 450,000 إلى 700,000 دينار", "بين 5 و7 آلاف درهم"
        if not cur_m and n.value < 100 and self.rx["minor"].match(text, n.end):
            return self._cents(i)  # "10 سنتات"
        j = self._range_next(i, cur_m.end() if cur_m else n.end)
        if j is not None and self.rx["minor"].match(text, self.numerals[j].end):
            j = None  # "20 دولار و43 سنت": dollars and cents, not a range
        cand_cur = cur.after_re.match(text, self.numerals[j].end) if j is not None else None
        before_m = None if cur_m else cur.before_re.search(text, max(0, n.start - 8), n.start)
        if not cur_m and not cand_cur and not before_m:
            label = self._label_line(n.start) or self._cue_before(n)
            tail = self.numerals[j] if j is not None else n
            if label is None and text[tail.end : tail.end + 4].lstrip(" \t\r")[:1] in ("|", "\n", ""):
                label = self._table_header(n, tail) or self._cell_header(n, currency_after=False)
            label = label or self._pay_section(n)  # (a column's header or a label says more than the section)
            if label is None:
                return i
        if j is not None and not self._change_before(n.start):
            cand = self.numerals[j]
            if (cand_cur or cur_m or before_m or label) and cand.value >= n.value * 0.5:
                second, last = cand, j
                cur_m = cand_cur or cur_m
        elif cur_m:
            wide = self._wide_range(i, cur_m)
            if wide is not None:
                last, cand_cur = wide
                second, cur_m = self.numerals[last], cand_cur
        if cur_m:
            before_m = None  # a currency after the figure (or after the range) is the one meant
        start = before_m.start() if before_m else n.start
        if label is None:
            label = self._label_line(n.start)
        if not label and not self._is_pay(start):
            label = self._cell_header(n, currency_after=True)
            if label is None:
                return last
        found_cur = cur_m or before_m
        cur_text = found_cur.group("c") if found_cur else None
        written = self.an.norm.original[slice(*self.an.norm.span(*found_cur.span("c")))] if found_cur else ""
        end = max(n.end, second.end if second else 0, cur_m.end() if cur_m else 0)
        code = self._currency_code(cur_text, written) if cur_text else self._label_currency(label)
        if code is None and label is not None and not self._label_line(n.start):
            if not self._label_line(n.start, bare=True):
                return last  # a figure after a pay word inside a sentence, with no currency anywhere: too weak
        warn: list[str] = []
        attrs: dict[str, Any] = {"currency": code}
        low = self._money_value(n, code)
        # "الراتب (800)", "750-900" in Iraqi dinars: pay quoted in thousands (no monthly pay is under 1000 IQD)
        thousands = code == "IQD" and _IQD_THOUSANDS[0] <= low < _IQD_THOUSANDS[1] and self._in_iraq()
        if thousands and (second is None or second.value < _IQD_THOUSANDS[1]):
            low *= 1000
            warn.append("read in thousands: Iraqi pay is quoted so")
        else:
            thousands = False
        cents = None
        if code and second is None and low.is_integer() and _DIGIT_RE.search(text, end, end + 4):
            cents = self.rx["and_minor"].match(text, end)
        if cents and (cents.group().strip().endswith(("سنت", "سنتات", "سينت", "سينتات", "c", "¢")) or before_m):
            low += int(cents.group("n")) / 100  # "20 دولار و43 سنت", "$20 43"
            end = cents.end()
            if last + 1 < len(self.numerals) and self.numerals[last + 1].start == cents.start("n"):
                last += 1
        if low >= _MAX_PAY and code not in _HUGE_UNIT_CURRENCIES:
            return last  # budgets, payrolls and costs, not anyone's pay
        if "=" in text[max(0, start - 4) : start] and cur.rate_re.search(text, max(0, start - 30), start):
            return last  # "(الدولار = 4.78 دنانير)": an exchange rate
        if self.rx["rate_after"].match(text, end):
            return last  # "من 1 إلى 20,000 ريال: 2%": a band of sales and its commission rate, not pay
        if second is not None:
            high = self._money_value(second, code) * (1000 if thousands else 1)
            # "بين ثلاثة وخمسة آلاف", "750-1000000"; not "عشرة و 5000", nor a sales band "1 إلى 20,000"
            scalable = (not n.words or second.words) and (
                n.value >= 10 or _LETTER_RE.search(text, second.start, second.end)
            )
            if second.value >= 1000 and n.value < 1000 and scalable and high / max(low, 1) >= 100:
                low *= 1000  # "750-1000000", "بين 5 و7 آلاف": the multiplier of the second figure
                warn.append("range lower bound scaled by the multiplier of the upper bound")
            attrs.update(amount=None, min=_number(low), max=_number(high))
        else:
            attrs.update(self._bounds(start, end, low))
        if n.is_ambiguous and n.sep == "." and code in cur.three_decimals:
            figure = self.an.norm.original[slice(*self.an.norm.span(n.start, n.end))]
            warn.append(f"'{figure}' read as {_number(low)} {code}: the dot could be a decimal point")
        if code and label and not cur_text:
            warn.append(f"currency {code} inferred from the document's country")
        attrs.update(self._pay_context(start, end, label, _sum_of(attrs)))
        original = self.an.norm.original[slice(*self.an.norm.span(start, end))]
        for w in warn:
            self.an.warnings.append(f"salary at {original!r}: {w}")
        self.used.update(range(i, last + 1))
        self.last_salary = Mention("salary", start, end, attrs)
        self.out.append(self.last_salary)
        return last

    def _cents(self, i: int) -> int:
        """A sum in cents alone ("10 سنتات", "10¢") in pay context: a hundredth of a dollar."""
        n = self.numerals[i]
        m = self.rx["minor"].match(self.text, n.end)
        if m is None or (n.words and n.value > 99) or not self._is_pay(n.start):
            return i
        if not self._pay_near(n.start) and not self._label_line(n.start):
            return i
        attrs: dict[str, Any] = {"currency": "USD", "amount": _number(n.value / 100), "min": None, "max": None}
        attrs.update(self._pay_context(n.start, m.end(), None, _sum_of(attrs)))
        self.used.add(i)
        self.last_salary = Mention("salary", n.start, m.end(), attrs)
        self.out.append(self.last_salary)
        return i

    def _pay_near(self, pos: int) -> bool:
        s, _ = self._window(pos)
        return _nearest(self.words["pay"], self.text, s, pos, pos) is not None

    def _bounds(self, start: int, end: int, value: float) -> dict[str, Any]:
        """amount, or an open bound: "يبدأ من X" / "أكثر من X" / "X فما فوق" / "الحد الأدنى ... X" is a
        minimum, "حتى X" / "أقل من X" / "X كحد أقصى" a maximum. In a statement of shares ("25% منهم يكسبون
        أقل من X") the figure is a point of the distribution, an amount."""
        text, rx = self.text, self.rx
        v = _number(value)
        lo = max(0, start - 24)
        before = rx["bound_before"].search(text, lo, start) if _ends_with(text, lo, start, _BOUND_LISTS) else None
        kind = before.lastgroup if before else None
        if kind == "start" or (kind == "above" and not self._share_before(start)):
            return {"amount": None, "min": v, "max": None}
        if kind == "upto" or (kind == "below" and not self._share_before(start)):
            return {"amount": None, "min": None, "max": v}
        after_min = rx["after_min"].match(text, end)
        if after_min and ("كحد" in after_min.group() or not self._share_before(start)):
            return {"amount": None, "min": v, "max": None}
        if rx["after_max"].match(text, end):
            return {"amount": None, "min": None, "max": v}
        near = text[max(0, start - 70) : start]
        if "حد" not in near and "راتب" not in near:
            return {"amount": v, "min": None, "max": None}  # no bound word can be there (a cheap test)
        s, _ = self._window(start)
        lo = max(s, start - 70)
        bound_min = _nearest(self.words["bound_min"], text, lo, start, start)
        bound_max = _nearest(self.words["bound_max"], text, lo, start, start)
        bound = max((b for b in (bound_min, bound_max) if b), key=lambda b: b.end(), default=None)
        glued = bound is not None and text.startswith("ك", bound.start())  # "X كحد أقصى": the figure before's
        if bound is None or glued or _DIGIT_RE.search(text, bound.end(), start) or self._change_before(start):
            return {"amount": v, "min": None, "max": None}  # the bound is another figure's
        if bound is bound_max:
            return {"amount": None, "min": None, "max": v}
        if not self.rx["minimum_wage"].match(text, bound.end()):  # "الحد الأدنى للأجور": a statutory sum
            return {"amount": None, "min": v, "max": None}
        return {"amount": v, "min": None, "max": None}

    def _share_before(self, pos: int) -> bool:
        """A share of people earlier in the sentence or line: "ثلث العاملين يتقاضون أقل من X", "نصف
        المحاسبين يحصلون على أقل من X"."""
        s, _ = self._window(pos)
        s = min(s, self.text.rfind("\n", max(0, pos - _WINDOW), pos) + 1)
        k = bisect_left(self.percent_starts, s)
        if k < len(self.percent_starts) and self.percent_starts[k] < pos:
            return True
        return self.words["share"].search(self.text, max(s, pos - 80), pos) is not None  # "نصف المهندسين"

    def _change_before(self, pos: int) -> bool:
        """A change is told before "من X إلى Y" ("ارتفع الأجر من X إلى Y"): two amounts, not a range. Not
        after "بين" ("رفع الدخل بما بين X و Y": a raise that lies in a range)."""
        if self.rx["between_before"].search(self.text, max(0, pos - 8), pos):
            return False
        s, _ = self._window(pos)
        return _nearest(self.words["change"], self.text, max(s, pos - _CHANGE_REACH), pos, pos) is not None

    def _wide_range(self, i: int, cur_m: re.Match[str]) -> tuple[int, re.Match[str]] | None:
        """A range with words between its bounds, each with its currency: "من 300 دينار للمبتدئ،
        وقد تصل إلى 700 دينار", "بين 4000 ريال كحد أدنى إلى 9000 ريال كحد أقصى". Opened by من/بين before the
        first bound, closed by إلى/و/حتى (after تصل) before the second, in the same sentence."""
        n, text, cur = self.numerals[i], self.text, _currencies()
        # "من X ريال ... إلى Y ريال"; "X ريال كحد أدنى و Y ريال كحد أقصى" (the joiner right after the bound)
        lo = max(0, n.start - 14)
        opened = _ends_with(text, lo, n.start, ("range_open_words",)) and self.rx["range_open"].search(
            text, lo, n.start
        )
        bound = None if opened else self.rx["after_min"].match(text, cur_m.end())
        if not (opened or bound):
            return None
        _, e = self._window(n.start)
        limit = min(e, cur_m.end() + _RANGE_REACH)
        for j in range(i + 1, len(self.numerals)):
            cand = self.numerals[j]
            if cand.start >= limit or j in self.used:
                return None
            cand_cur = cur.after_re.match(text, cand.end)
            if cand_cur is None:
                if not cand.words and self._range_next(j, cand.end) is not None:
                    return None  # "من 850 ريالا، فيما يتراوح ... بين 780 و 900 ريال": a range of its own
                continue  # "في الدرجة الثامنة عشر": a number word that is no sum
            if not self.rx["range_join"].search(text, cur_m.end(), cand.start) or cand.value < n.value:
                return None
            if bound is not None and cand.start - bound.end() > _JOIN_WIDTH:
                return None  # "X كحد أدنى للفنيين، بينما يبلغ الحد الأعلى للمهندسين Y": two bounds of two things
            same = (
                cur.codes.get(cand_cur.group("c"), cand_cur.group("c"))
                == cur.codes.get(cur_m.group("c"), cur_m.group("c"))
                or cand_cur.group("c") in cur.bare
                or cur_m.group("c") in cur.bare
            )
            return (j, cand_cur) if same and not self._change_before(n.start) else None
        return None

    def _pay_word_in(self, lo: int, hi: int) -> re.Match[str] | None:
        """The last pay word ending in text[lo:hi], looked for only where one of their stems occurs (a
        substring test: most figures have no pay word near them)."""
        if not _pay_stems().search(self.text, lo, hi):
            return None
        return _nearest(self.words["label_cue"], self.text, lo, hi, hi)

    def _cue_before(self, n: Numeral) -> str | None:
        """A figure right after a pay word in its line, with at most three words between ("الراتب الشهري
        450,000", "راتب أساسي (900,000 الى ...)", "بدل سكن 700"): the text from the pay word."""
        if n.words or n.value < 100:
            return None
        text = self.text
        if self.rx["year"].fullmatch(text, n.start, n.end) or self.rx["counted"].match(text, n.end):
            return None  # a year, or a number of things ("الرواتب في 150 شركة", "يعادل 150 ساعة")
        line_start = text.rfind("\n", max(0, n.start - 60), n.start) + 1
        lo = max(line_start, n.start - 60)
        cue = self._pay_word_in(lo, n.start)
        if cue is None:
            return None
        cue_start, cue_end = cue.span()
        if not self.rx["cue_gap"].fullmatch(text, cue_end, n.start):
            return None
        return text[cue_start : n.start]

    def _pay_section(self, n: Numeral) -> str | None:
        """A figure of a section about pay ("الراتب:" over "المعلمون من 500 الف الى 800 الف"): the section's
        heading, when the figure is a sum (a multiplier word, or three digits at least) that is neither a
        year nor a number of things."""
        section = self.an.section_at(n.start)
        if section is None or section.category != "compensation" or n.value < 100:
            return None
        text = self.text
        if self.rx["year"].fullmatch(text, n.start, n.end) or self.rx["counted"].match(text, n.end):
            return None
        heading = self.an.heading_text(section)
        return heading or None

    def _table_header(self, n: Numeral, tail: Numeral) -> str | None:
        """A figure (or a range n..tail) alone in a cell of a pipe table whose column header names pay
        ("الراتب الشهري بالريال"): the header cell."""
        header = self._column_header(n, tail)
        return header if header is not None and self.words["label_cue"].search(header) else None

    def _column_header(self, n: Numeral, tail: Numeral) -> str | None:
        """The header cell of the column of a pipe table in which a figure (or a range n..tail) stands
        alone in its cell."""
        text = self.text
        rest = text[tail.end : tail.end + 4].lstrip(" \t\r")[:1]
        if rest not in ("|", "\n", ""):
            return None  # the cheap test first: a cell ends at a bar or at the end of its row
        ls = text.rfind("\n", 0, n.start) + 1
        if text.rfind("|", ls, n.start) < 0:
            return None
        le = text.find("\n", n.end)
        le = len(text) if le < 0 else le
        line = text[ls:le]
        col = line.count("|", 0, n.start - ls)
        cell_lo = text.rfind("|", ls, n.start) + 1 if col else ls
        cell_hi = text.find("|", tail.end, le)
        cell_hi = le if cell_hi < 0 else cell_hi
        if text[cell_lo : n.start].strip() or text[tail.end : cell_hi].strip():
            return None
        pos = ls - 1
        for _ in range(_TABLE_REACH):
            if pos <= 0:
                return None
            prev_start = text.rfind("\n", 0, pos) + 1
            row = text[prev_start:pos]
            pos = prev_start - 1
            if "|" not in row:
                return None
            if any(c.isdigit() for c in row) or set(row) <= set("|-: "):
                continue
            cells = row.split("|")
            return cells[col] if col < len(cells) else None
        return None

    def _cell_header(self, n: Numeral, currency_after: bool) -> str | None:
        """A figure alone on its line (or with its currency) under a header line that names pay, with only
        short lines (the cells of a table written one per line) between: "الراتب الشهري بالدينار\nمحاسب\n900"."""
        text = self.text
        rest = text[n.end : n.end + 2]
        if not currency_after and rest[:1] not in ("\n", "") and rest.strip():
            return None  # words after the figure on its line: not a cell (the cheap test first)
        ls = text.rfind("\n", 0, n.start) + 1
        if ls == 0 or text[ls : n.start].strip(" \t-•*·|"):
            return None
        pos = ls - 1
        for row in range(_CELL_REACH):
            prev = text.rfind("\n", 0, pos) + 1
            line = text[prev:pos]
            if not line.strip() or len(line) > _CELL_WIDTH:
                return None
            if row == 0 and self.rx["count_label"].search(line):
                return None  # "عدد الموظفين\n250", "ساعات العمل\n48": the label of a count
            if not _DIGIT_RE.search(line) and self._pay_word_in(prev, pos):
                return line
            if prev == 0:
                return None
            pos = prev - 1
        return None

    def _label_currency(self, label: str | None) -> str | None:
        """The currency a label or column header names ("بالريال", "بالدينار الكويتي"), else the
        document's country."""
        if label:
            m = _currencies().anywhere_re.search(label)
            if m:
                family = _currencies().bare.get(m.group("c"))
                if family is not None:  # a bare name: the country named in the label, if any
                    named = _most_named(*_country_matcher(family), label, None)
                    if named:
                        return named
                return self._currency_code(m.group("c"), m.group("c"))
        return self._country_default()

    def _range_next(self, i: int, pos: int) -> int | None:
        """Index of the numeral that closes a range opened by numeral i ("8000 - 10000", "2 إلى 5",
        "$3000-$4000": a currency sign may stand before the second bound too)."""
        sep = self.rx["range_sep"].match(self.text, pos)
        j = i + 1
        if not sep or j >= len(self.numerals) or j in self.used:
            return None
        at = sep.end()
        if self.text[at : at + 1] in _SIGNS:
            at += 2 if self.text[at + 1 : at + 2] == " " else 1
        return j if self.numerals[j].start == at else None

    def _label_line(self, pos: int, bare: bool = False) -> str | None:
        """The label before a figure at the start of its line ("الراتب: "), if there is one; with `bare`,
        also one without its colon ("الراتب 500.000 ثابت", "- راتب 600 ألف")."""
        lo = max(0, pos - _LABEL_REACH)
        line_start = self.text.rfind("\n", lo, pos) + 1
        if line_start == 0 and lo > 0:
            return None  # the line starts too far back for a label
        head = self.text[line_start:pos]
        m = self.rx["label"].match(head) or (self.rx["bare_label"].match(head) if bare else None)
        return head if m else None

    def _is_pay(self, pos: int) -> bool:
        s, _ = self._window(pos)
        pay = _nearest(self.words["pay"], self.text, s, pos, pos)
        non = _nearest(self.words["non_pay"], self.text, s, pos, pos)
        return non is None or (pay is not None and pay.end() > non.end())

    def _currency_code(self, matched: str | None, written: str) -> str | None:
        """ISO code of a currency as matched in the view and as written (for symbols folding merges)."""
        cur = _currencies()
        if matched is None:
            return self._country_default()
        if written in cur.exact:
            return cur.exact[written]
        if matched in cur.codes:
            return cur.codes[matched]
        family = cur.bare.get(matched)
        if family is None:
            return None
        return self._bare_code(family)

    def _bare_code(self, family: str) -> str:
        """The code of a bare currency name (ريال) from the country cues of the document: the country
        named most often ("سلطنة عمان" ×6 beats one "السعودية" in a link), else the country of its telephone
        numbers where that country uses the family's currency, else the family's default."""
        if family not in self._bare_codes:
            data = load("currencies")
            found = _most_named(*_country_matcher(family), self.text, self.an.scan)
            if found is None:
                phone = _phone_country(self.text)
                found = phone if any(o["code"] == phone for o in data["country_cues"].get(family, [])) else None
            self._bare_codes[family] = str(found or data["bare"][family]["default"])
        return self._bare_codes[family]

    def _in_iraq(self) -> bool:
        """Whether the document is Iraqi by its words or its telephone numbers (not by a bare دينار)."""
        return self._country_default() == "IQD"

    def _country_default(self) -> str | None:
        """The currency of the document's country, for a salary label without any currency: the country
        named most often (whole words), looked up once."""
        if self._country is False:
            self._country = _most_named(*_default_matcher(), self.text, self.an.scan) or _phone_country(self.text)
        return self._country if isinstance(self._country, str) else None

    def _money_value(self, n: Numeral, code: str | None) -> float:
        if not n.is_ambiguous or n.decimal_value is None or n.sep != ".":
            return n.value
        cur = _currencies()
        if code in cur.three_decimals:
            lo, _ = cur.plausible.get(code, (0.0, 0.0))
            return n.decimal_value if n.decimal_value >= lo else n.value
        return n.value

    def _pay_context(self, start: int, end: int, label: str | None, value: float | None = None) -> dict[str, Any]:
        """period, statistic, percentile and year from the sentence, heading and previous salary."""
        s, e = self._window(start)
        text = self.text
        clause = text[s:start]
        after = text[end : self._clause_end(end, e)]
        attrs: dict[str, Any] = {"period": None, "statistic": None, "percentile": None, "year": None}
        attrs["period"] = self._period(after, clause, label)
        matcher, statistic_of = _cue_matcher("statistics")
        cue = _nearest(matcher, text, s, start, start)  # the cue closest to the amount (the longest there)
        if cue is not None:
            attrs["statistic"] = statistic_of[cue.group("w")]
        if attrs["statistic"] == "median" and not self.bls and "وسيط" not in clause and "median" not in clause:
            attrs["statistic"] = "mean"
        rank = self._percentile(s, start)
        if rank is not None:
            attrs["statistic"], attrs["percentile"] = "percentile", rank
        years = [m for m in self.rx["year"].finditer(text, s, e) if not (start <= m.start() < end)]
        if years:
            attrs["year"] = int(min(years, key=lambda m: abs(m.start() - start)).group(1))
        self._inherit(start, attrs, value)
        return attrs

    def _clause_end(self, end: int, limit: int) -> int:
        """Where the words about an amount end after it: at the line's end, at the next figure (its period
        is its own: "Salary: 4000\nمكافآت تصل الى 1000 شهريا") or at "مع" (a thing paid besides it)."""
        text = self.text
        stop = text.find("\n", end, limit)
        stop = limit if stop < 0 else stop
        starts, pos = self._numeral_starts, end
        k = bisect_left(starts, end)
        # the other bound of a change or a range shares the words after it ("زاد من 40 إلى 45 دينارا عن كل ساعة")
        while k < len(starts) and starts[k] < stop and self.rx["to_next"].fullmatch(text, pos, starts[k]):
            pos, k = self.numerals[k].end, k + 1
        if k < len(starts):
            stop = min(stop, max(end, starts[k]))
        besides = self.rx["besides"].search(text, end, stop)
        return besides.start() if besides else stop

    @staticmethod
    def _period(after: str, clause: str, label: str | None) -> str | None:
        """The period whose cue is nearest the amount: after it (distance from its end) or before it in
        its clause or label (distance to its start) — "16.30 درهم في الساعة، ... الشهري من 2990 درهم" is
        monthly. One matcher of every period's cues, read once per piece of text."""
        matcher, period_of = _cue_matcher("periods")
        other, joined = _regexes()["periodic_noun"], _regexes()["joined_periodic_noun"]
        nearest: dict[str, int] = {}
        for piece, before in ((after, False), (clause, True), (label or "", True)):
            for m in matcher.finditer(piece):
                # the period of another thing: after the amount "+ إجازة سنوية", "حوافز شهرية"; before it only
                # a thing joined by مع/و/+ ("ويرتفع مع العلاوة السنوية إلى X"), not the thing paid
                # itself ("مكافأة شهرية قدرها X")
                owner = joined if before else other
                if owner.search(piece, max(0, m.start() - 20), m.start()):
                    continue
                key = period_of[m.group("w")]
                distance = len(piece) - m.end() if before else m.start()
                nearest[key] = min(distance, nearest.get(key, distance))
        order = list(_q()["periods"])
        return min(nearest, key=lambda k: (nearest[k], order.index(k))) if nearest else None

    def _percentile(self, s: int, pos: int) -> int | None:
        """Percentile rank stated before the amount in its sentence, from the percentages found there."""
        rank = None
        k = bisect_left(self.percent_starts, s)
        for m in self.percents[k:]:
            if m.start >= pos:
                break
            if m.end > pos:
                continue
            value = int(m.attrs["value"])
            if m.attrs["percentile"]:
                rank = value
            elif _nearest(self.words["top"], self.text, max(s, m.start - 12), m.start, m.start):
                rank = 100 - value
            elif _nearest(self.words["bottom"], self.text, max(s, m.start - 12), m.start, m.start):
                rank = value
            elif self.rx["of_pay"].match(self.text, m.end):
                rank = value
        return rank if rank is not None and 0 < rank < 100 else None

    def _inherit(self, pos: int, attrs: dict[str, Any], value: float | None = None) -> None:
        """Fill year and period from the section heading, then from the previous salary of the section —
        its period only for a sum of its size ("46.98 دولار في الساعة" then "72.150 دولار" is no wage an hour)."""
        section = self.an.section_at(pos)
        if attrs["year"] is None and section is not None:
            m = self.rx["year"].search(self.an.heading_text(section))
            if m:
                attrs["year"] = int(m.group(1))
        prev = self.last_salary
        if prev is None or self.an.section_at(prev.start) is not section:
            return
        if attrs["year"] is None:
            attrs["year"] = prev.attrs["year"]
        if attrs["period"] is None and _same_size(value, _sum_of(prev.attrs)):
            attrs["period"] = prev.attrs["period"]

    def agree_periods(self) -> None:
        """A salary without a period takes the one period that the other salaries of its section state
        (a page that says "per month" once, in one of its figures), else that of the whole document; where
        they state several, the one of the sums of its size in its currency. A bonus's period is its own
        ("750 ألف مع مكافآت شهرية من 100 إلى 300 ألف")."""
        salaries = [m for m in self.out if m.type == "salary"]
        if not any(m.attrs["period"] is None for m in salaries):
            return
        by_section: dict[int, _Stated] = {}
        everywhere = _Stated()
        for m in salaries:
            if m.attrs["period"] is not None and not self._extra(m.start):
                for stated in (by_section.setdefault(id(self.an.section_at(m.start)), _Stated()), everywhere):
                    stated.add(m.attrs["period"], _sum_of(m.attrs), m.attrs["currency"])
        for stated in (everywhere, *by_section.values()):
            stated.sort()
        for m in salaries:
            if m.attrs["period"] is None:
                stated = by_section.get(id(self.an.section_at(m.start))) or everywhere
                periods = stated.periods
                if len(periods) > 1:  # "97.720 دولار سنويا ... 46.98 دولار في الساعة ... 72.150 دولار": by size
                    periods = stated.of_size(_sum_of(m.attrs), m.attrs["currency"])
                if len(periods) == 1:
                    m.attrs["period"] = next(iter(periods))

    def _extra(self, pos: int) -> bool:
        """Whether the amount at pos is paid besides the salary (a bonus, an allowance, a commission):
        such a word stands before it on its line."""
        line_start = self.text.rfind("\n", max(0, pos - _LABEL_REACH), pos) + 1
        return self.rx["extra_before"].search(self.text, max(line_start, pos - _LABEL_REACH), pos) is not None

    # --- counts ------------------------------------------------------------------------------------
    def counts(self) -> None:
        for i, n in enumerate(self.numerals):
            if i in self.used or n.ordinal:
                continue
            if n.words and self.text[n.start : n.end] in _job_duals():
                self._add_count(i, n, "jobs")  # "نعلن عن فرصتين": two openings in one word
                continue
            j = self._range_next(i, n.end)
            upper = self.numerals[j] if j is not None and self.numerals[j].value > n.value else None
            tail = self._unbracketed(n, upper or n)
            for unit, rx in _unit_regexes().items():
                if rx.match(self.text, tail.end):
                    self._add_count(i, n, self._hiring(n.start, unit), upper)
                    break
            else:
                if self._is_experience(n, tail):
                    self._add_count(i, n, "years_experience", upper)
                elif self._counted_hire(n, tail) or self._vacancy_label(n) or self._vacancy_column(n, tail):
                    self._add_count(i, n, "jobs", upper)
                elif self.rx["partition"].match(self.text, tail.end):
                    self._add_count(i, n, self._part_of(n), upper)
                elif (hired := self._hired(n, tail)) is not None:
                    self._add_count(i, n, hired, upper)

    def _unbracketed(self, n: Numeral, tail: Numeral) -> Numeral:
        """The tail of a figure in brackets, its closing bracket included: what counts it comes after it
        ("لا تقل عن (5) سنوات", "حاجتها إلى (20) متعاقدا")."""
        text = self.text
        if n.start and text[n.start - 1] in "([" and text[tail.end : tail.end + 1] in (")", "]"):
            return replace(tail, end=tail.end + 1)
        return tail

    def _vacancy_label(self, n: Numeral) -> bool:
        """A figure that is the value of a label of openings ("العدد المطلوب: 3", "عدد الشواغر: 12"), also
        after the other parts of its line ("مهندس مدني - عدد المناصب : 2")."""
        if self.text[max(0, n.start - 3) : n.start].rstrip()[-1:] not in (":", "-", "–") or n.words:
            return False  # the cheap test first: a label ends at a colon or dash
        if self.rx["counted"].match(self.text, n.end):
            return False  # "عدد الشواغر: 3 سنوات خبرة" would count something else
        line_start = self.text.rfind("\n", max(0, n.start - _LABEL_REACH), n.start) + 1
        head = self.text[line_start : n.start]
        return bool(self.rx["vacancy_label"].match(head) or self.rx["vacancy_label_after"].search(head))

    def _vacancy_column(self, n: Numeral, tail: Numeral) -> bool:
        """A figure alone in a cell of a column of openings ("الرتبة | عدد المناصب" over "ممرض | 06")."""
        if n.words or self.text[tail.end : tail.end + 4].lstrip(" \t\r")[:1] not in ("|", "\n", ""):
            return False
        header = self._column_header(n, tail)
        return header is not None and bool(self.rx["vacancy_label"].match(header.strip() + ":"))

    def _hiring(self, pos: int, unit: str) -> str:
        """People to be hired are vacancies: "توظيف 12 مهندسا" counts jobs, "يعمل 250 موظفا" people."""
        if unit != "people":
            return unit
        return "jobs" if self._hiring_before(pos) else unit

    def _hiring_before(self, pos: int) -> bool:
        """A word of hiring shortly before pos that speaks of openings, not of the past ("تم توظيف")."""
        s, _ = self._window(pos)
        cue = _nearest(self.words["hiring"], self.text, max(s, pos - 60), pos, pos)
        return cue is not None and not self.rx["past"].search(self.text, max(0, cue.start() - 6), cue.start())

    def _counted_hire(self, n: Numeral, tail: Numeral) -> bool:
        """A number of people in a hiring sentence, with a noun the lexicon does not list: the noun in the
        accusative after the number ("لتوظيف 12 متصرفا"), or a plural before a number word ("حاجتها إلى
        مطورين اثنين")."""
        text = self.text
        s, _ = self._window(n.start)
        if not self._hiring_before(n.start):
            return False
        noun_after = self.rx["accusative_noun"].match(text, tail.end)
        if noun_after and not n.words and noun_after.group("w") not in _measure_words():
            return True
        noun_before = self.rx["plural_before"].search(text, max(s, n.start - 20), n.start)
        return bool(n.words and n.value <= 10 and noun_before)

    def _pay_band(self, n: Numeral, tail: Numeral) -> bool:
        """Years opening a line whose pay follows on it ("من 3 حتى 6 سنوات | 9000 ريال", "أقل من سنتين:
        4500 دينار"): a band of experience of a pay table or list, though "خبرة" stands only in its header."""
        text = self.text
        ls = text.rfind("\n", 0, n.start) + 1
        if not self.rx["band_lead"].fullmatch(text, ls, n.start):
            return False
        le = text.find("\n", tail.end)
        le = len(text) if le < 0 else le
        if self._salary_starts is None:
            self._salary_starts = sorted(m.start for m in self.out if m.type == "salary")
        k = bisect_left(self._salary_starts, tail.end)
        return k < len(self._salary_starts) and self._salary_starts[k] < le

    def _part_of(self, n: Numeral) -> str:
        """The unit of a part of a count ("800 وظيفة، منها 300 للرجال"): that of the count before it in the
        sentence, else people."""
        s, _ = self._window(n.start)
        for m in reversed(self.out):  # the counts found so far, last first (they close the list)
            if m.type != "count" or m.start < s:
                break
            if m.start < n.start:
                return str(m.attrs["unit"])
        return "people"

    def _hired(self, n: Numeral, tail: Numeral) -> str | None:
        """A bare figure right after a hiring noun ("تم تعيين 250 خلال العام"): people hired when the
        hiring is past (تم، جرى), else openings; None for a year ("توظيف 2025") or a figure of something
        counted."""
        text = self.text
        cue = self.rx["hired_before"].search(text, max(0, n.start - 12), n.start)
        if cue is None or self.rx["year"].fullmatch(text, n.start, n.end) or self.rx["counted"].match(text, tail.end):
            return None
        past = self.rx["past_before"].search(text, max(0, cue.start() - 8), cue.start())
        return "people" if past else "jobs"

    def _is_experience(self, n: Numeral, tail: Numeral) -> bool:
        """A number of years (n, or the range n..tail) stated as experience, not as an age."""
        text = self.text
        dual = tail.words and text[tail.start : tail.end] in _dual_words()
        if not dual and not self.rx["year_unit"].match(text, tail.end):
            return False
        s, e = self._window(n.start)
        exp = _nearest(self.words["experience"], text, max(s, n.start - 60), n.start, n.start)
        exp_after = self.words["experience"].search(text, tail.end, min(e, tail.end + 25))
        if exp is None and exp_after is None:
            return self._pay_band(n, tail)
        age = _nearest(self.words["age"], text, max(s, n.start - 40), n.start, n.start)
        return age is None or (exp is not None and exp.end() > age.end())

    def _add_count(self, i: int, n: Numeral, unit: str, upper: Numeral | None = None) -> None:
        value = n.value
        if value <= 0 or (unit == "years_experience" and value > 50):
            return
        self.used.add(i)
        attrs = {"value": _number(value), "unit": unit, "max": _number(upper.value) if upper else None}
        if upper is not None:
            self.used.add(i + 1)
        self.out.append(Mention("count", n.start, upper.end if upper else n.end, attrs))


def extract_quantities(an: Analysis) -> list[Mention]:
    """Percentages, salaries and counts of the document, in document order."""
    reader = _Reader(an)
    reader.percentages()
    reader.salaries()
    reader.agree_periods()
    reader.counts()
    return sorted(reader.out, key=lambda m: m.start)
