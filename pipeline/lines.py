"""The shape of a line: does it read as a sentence, a paragraph, a question heading, a list item?

Segmentation decides what a line is from its shape and its neighbours before it types it from its words
(the heading lexicon is one signal, not the gate). These checks work on one stripped folded line of the
view (ا for أ إ آ, ي for ى, ه for ة, Western digits) and are cheap: the caller runs them only on the
few lines its first length checks let through. The word lists are data (headings.json, "shape").
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.lexicons import load
from pipeline.normalize import fold

#: symbols that may lead a heading: emoji, pictographs, stars, bullets ("📌 شروط المشاركة:", "**المهام:")
_DECORATION_RE = re.compile(r"^[^\w\s(«\"'“\[{]{1,4}\s*")
#: a line with no letter or digit at all: scrape residue of a stripped link or a split list ("•", "-", ").")
_PUNCT_ONLY_RE = re.compile(r"[-–—•*·▪◦●○■□|/×]{1,4}")
#: a horizontal rule: a line of dashes, underscores, equals signs or stars
_RULE_RE = re.compile(r"[-–—_=*~]{5,}")
_QUESTION_END = "?"  # the view folds "؟" to "?"


@cache
def _shape_words() -> dict[str, frozenset[str]]:
    """Folded word sets of headings.json "shape": sentence starters, line-ending particles, question words."""
    data = load("headings")["shape"]
    return {k: frozenset(fold(w) for w in v) for k, v in data.items() if not k.startswith("_")}


def undecorated(text: str) -> str:
    """The line without the emoji, stars or bullet signs before its first word."""
    m = _DECORATION_RE.match(text)
    return text[m.end() :] if m else text


#: the same lines found in a whole text, from the newline before them (a scan the regex engine runs from
#: newline to newline); the first line of a text is left to is_punctuation_only
_PUNCT_LINE_RE = re.compile(r"\n[^\S\n]*((?:[-–—•*·▪◦●○■□|/×]{1,4}|[-–—_=*~]{5,}))[^\S\n]*(?=\n|\Z)")


#: "or" alone between two such lines: the word that stood between two stripped links ("•\nأو\n•")
_LINK_CHOICE_RE = re.compile(
    r"\n[^\S\n]*[-–—•*·▪◦●○■□]{1,4}[^\S\n]*\n[^\S\n]*(او|or)[^\S\n]*(?=\n[^\S\n]*[-–—•*·▪◦●○■□]{1,4}[^\S\n]*(?:\n|\Z))"
)


def punctuation_lines(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every line but the first that is_punctuation_only accepts, and of an "or"
    alone between two of them."""
    found = [m.span(1) for m in _PUNCT_LINE_RE.finditer(text)]
    if "\nاو" in text or "\nor" in text:
        found += [m.span(1) for m in _LINK_CHOICE_RE.finditer(text)]
    return found


def is_punctuation_only(text: str) -> bool:
    """A line of one to four bullet or dash signs and nothing else (residue of a stripped link or of a list
    split from its items), or a horizontal rule ("----------"). A lone bracket or colon is content split
    across lines, an emoji decoration."""
    if len(text) <= 4:
        return _PUNCT_ONLY_RE.fullmatch(text) is not None
    return text[0] in "-–—_=*~" and _RULE_RE.fullmatch(text) is not None


def reads_as_paragraph(text: str, words: int) -> bool:
    """A line of running prose: long, with clause punctuation or a sentence end. Never a title."""
    if words >= 40:
        return True
    if words >= 20 and (text[-1] in ".!?" or "," in text or ";" in text):
        return True
    return words >= 12 and text.count(",") >= 2


def is_question_heading(text: str) -> bool:
    """A short question led by a question word ("ما هو المحاسب؟", "كم يكسب X؟", "X: كيف يرتفع الدخل؟")."""
    if text[-1] not in _QUESTION_END:
        return False
    body = text.rsplit(":", 1)[-1].split()
    return 1 < len(body) <= 12 and fold(body[0]) in _shape_words()["question_words"]


@lru_cache(maxsize=8192)
def label_reads_as_sentence(label: str) -> bool:
    """`reads_as_sentence` of a heading text (cached: the same labels come back in every posting)."""
    words = label.split()
    return not words or reads_as_sentence(words)


def reads_as_sentence(words: list[str]) -> bool:
    """Led by a verb or particle that opens a sentence ("يجب", "تعلن"), holding an instruction verb
    ("يرجى", "ارسال"), or ending in a word that needs a continuation ("عبر", "الى", "بـ"): such a line
    introduces or carries text, it heads nothing. `words` are folded."""
    shape = _shape_words()
    first = words[0]
    if " ".join(words[:2]) in shape["question_summary"]:
        return False  # "من هو الصيدلي" is a question heading without its question mark
    if not shape["sentence_words"].isdisjoint(words):
        return True
    if first in shape["sentence_starts"] or (
        len(first) > 3 and first[0] == "و" and first[1:] in shape["sentence_starts"]
    ):
        return True
    return ends_unfinished(words)


def ends_unfinished(words: list[str]) -> bool:
    """Whether a line's last word needs a continuation ("عبر", "الى", "بـ", a lone "و"). `words` are folded."""
    last = words[-1].rstrip(":")
    return last in _shape_words()["continuation_ends"] or (len(words) > 1 and last in ("ب", "ل", "و"))


@lru_cache(maxsize=8192)
def question_category(text: str) -> str | None:
    """What a question heading asks about: "what is X"/"who is X" -> summary, "what does X do" ->
    responsibilities; None when its words must decide."""
    body = text.rsplit(":", 1)[-1].split()
    shape = _shape_words()
    head = " ".join(body[:2])
    if head in shape["question_summary"]:
        return "summary"
    if head in shape["question_duties"]:
        return "responsibilities"
    return None


@cache
def _content_words() -> dict[str, re.Pattern[str]]:
    data = load("headings")["section_content"]
    return {
        category: re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in sorted(ws, key=len, reverse=True)) + r")(?!\w)"
        )
        for category, ws in data.items()
        if not category.startswith("_")
    }


def content_category(section: str) -> str | None:
    """The category of a section from what it holds (headings.json "section_content"): the category whose
    words occur most often, twice at least (once in a section of a line or two); a salary table is
    compensation, a list of conditions qualifications."""
    least = 1 if section.strip().count("\n") <= 1 else 2  # a section of a line or two: that line decides
    best, best_n = None, least - 1
    for category, rx in _content_words().items():
        n = len(rx.findall(section))
        if n > best_n:
            best, best_n = category, n
    return best


@cache
def _furniture_words() -> tuple[list[tuple[tuple[str, ...], str]], list[tuple[re.Pattern[str], str]]]:
    """noise.json "top_endswith" as (endings, kind) and "top_contains" as (one pattern of the words, kind)."""
    data = load("noise")

    def groups(key: str) -> list[tuple[str, list[str]]]:
        return [(kind, [fold(w) for w in ws]) for kind, ws in data[key].items() if not kind.startswith("_")]

    ends = [(tuple(ws), kind) for kind, ws in groups("top_endswith")]
    holds = [(re.compile("|".join(map(re.escape, ws))), kind) for kind, ws in groups("top_contains")]
    return ends, holds


def furniture_kind(text: str) -> str | None:
    """The noise kind of a short line at a page's head that holds a masthead word or ends in a caption
    word ("اسم الصحيفه رئيس التحرير فلان", "عمال في مصنع - ارشيفيه"); None for other lines. Plain
    substring tests: cheaper than a pattern that would have to skip an unknown name first."""
    if len(text) > 120:
        return None
    ends, holds = _furniture_words()
    for endings, kind in ends:
        if text.endswith(endings):
            return kind
    for rx, kind in holds:
        if rx.search(text):
            return kind
    return None
