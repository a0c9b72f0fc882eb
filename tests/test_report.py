"""`wasf report`: the HTML it writes (escaping, error rows, marks at their offsets, bounded figures) and,
in headless Chromium, what a reader sees: the seed's salaries and headings marked with their attributes
on hover, the corpus charts drawn as SVG, no console errors.

The browser tests skip where Chromium is absent (`make test` installs it), except under CI=true.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import extract
from pipeline.cli import main
from pipeline.report.browser import Chromium, find_chromium
from pipeline.report.markup import Mark, describe, render_range
from pipeline.report.rows import parse_row
from pipeline.report.site import build
from pipeline.report.stats import SAMPLE, CorpusStats, salary_value

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
AD = "مطلوب محاسب\nالراتب: 5000 ريال شهريا\nخبرة 3 سنوات"
HOSTILE = 'مطلوب مبرمج <script>alert("x")</script> & "مطور"\nالراتب: 9000 درهم شهريا <img src=x onerror=alert(1)>'


def _report(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", *args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows))
    return path


# -- marks in place ---------------------------------------------------------------------------------


def _m(start: int, end: int, name: str, order: int = 3) -> Mark:
    return Mark(start, end, order, "b", {"class": name, "id": name})


@pytest.mark.parametrize(
    ("text", "marks", "expected"),
    [
        ("abcdef", [], "abcdef"),
        ("abcdef", [_m(1, 3, "x")], 'a<b class="x" id="x">bc</b>def'),
        # nested: the longer span outside
        ("abcdef", [_m(2, 3, "in"), _m(1, 5, "out")], 'a<b class="out" id="out">b<b class="in" id="in">c</b>de</b>f'),
        # crossing: the later span is cut at the end of the earlier; only its first piece has the id
        (
            "abcdef",
            [_m(1, 4, "p"), _m(3, 6, "q")],
            'a<b class="p" id="p">bc<b class="q" id="q">d</b></b><b class="q">ef</b>',
        ),
        # adjacent spans do not nest
        ("abcd", [_m(0, 2, "p"), _m(2, 4, "q")], '<b class="p" id="p">ab</b><b class="q" id="q">cd</b>'),
        # special characters escaped, in text and in attributes
        ("<a&b>", [Mark(1, 2, 3, "b", {"title": '"<x>"'})], '&lt;<b title="&#34;&lt;x&gt;&#34;">a</b>&amp;b&gt;'),
        # a range cuts the spans that leave it
        ("abcdef", [_m(0, 6, "all")], '<b class="all" id="all">abcdef</b>'),
    ],
)
def test_render_range_nests_cuts_and_escapes(text: str, marks: list[Mark], expected: str) -> None:
    assert render_range(text, 0, len(text), marks) == expected


class _Balance(HTMLParser):
    """Checks that tags nest and collects the text and each id's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text: list[str] = []
        self.by_class: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(dict(attrs).get("class"))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, "a closing tag without its opening"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for name in self.stack:
            if name:
                self.by_class[name] = self.by_class.get(name, "") + data


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet="اب<>&\"' \n", min_size=1, max_size=30),
    raw=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=6),
)
def test_render_range_always_nests_and_keeps_every_span(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [(min(a, b) % len(text), max(a, b) % (len(text) + 1)) for a, b in raw]
    marks = [_m(a, b, f"m{i}") for i, (a, b) in enumerate(spans)]
    parser = _Balance()
    parser.feed(render_range(text, 0, len(text), marks))
    parser.close()
    assert parser.stack == [] and "".join(parser.text) == text
    for i, (a, b) in enumerate(spans):
        assert parser.by_class.get(f"m{i}", "") == text[a:b]


def test_render_range_clips_to_the_range() -> None:
    # a span from an earlier section continues here: its id stays with its first piece, over there
    assert render_range("abcdef", 2, 4, [_m(0, 3, "x")]) == '<b class="x">c</b>d'
    assert render_range("abcdef", 0, 2, [_m(0, 3, "x")]) == '<b class="x" id="x">ab</b>'


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        (
            {
                "type": "salary",
                "text": "t",
                "start": 0,
                "end": 1,
                "section": 1,
                "amount": 144420,
                "min": None,
                "max": None,
                "currency": "USD",
                "period": "year",
                "statistic": "percentile",
                "percentile": 90,
                "year": 2010,
            },
            "salary — amount: 144,420 · currency: USD · period: year · statistic: percentile · percentile: 90 · year: 2010",
        ),
        (
            {
                "type": "salary",
                "text": "t",
                "start": 0,
                "end": 1,
                "section": None,
                "amount": None,
                "min": 8000,
                "max": 10000.5,
                "currency": "SAR",
                "period": "month",
            },
            "salary — min: 8,000 · max: 10,000.5 · currency: SAR · period: month",
        ),
        (
            {"type": "skill", "text": "t", "start": 0, "end": 1, "section": 2, "name": "communication"},
            "skill — name: communication",
        ),
        (
            {"type": "percentage", "text": "t", "start": 0, "end": 1, "section": 2, "value": 16, "percentile": False},
            "percentage — value: 16 · percentile: false",
        ),
    ],
)
def test_hover_text_lists_every_attribute(entity: dict[str, Any], expected: str) -> None:
    assert describe(entity) == expected


# -- rows that are not records ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind", "reason"),
    [
        ("{not json", "record", "not JSON"),
        ("[1, 2]", "record", "not a JSON object"),
        ('{"doc_id": "a", "sections": []}', "record", "no list 'noise'"),
        (
            '{"doc_id": "a", "sections": [], "noise": [], "entities": [{"type": "skill", "text": "x"}], "warnings": []}',
            "record",
            "without text/start/end",
        ),
        (
            '{"doc_id": "a", "source": "a.txt", "error": {"kind": "decode", "message": "invalid UTF-8 at byte 3"}}',
            "decode",
            "byte 3",
        ),
    ],
)
def test_bad_lines_become_error_rows(line: str, kind: str, reason: str) -> None:
    row = parse_row(line, "recs.jsonl:7")
    assert row.record is None and row.error is not None
    assert row.error[0] == kind and reason in row.error[1]


def test_a_record_line_is_a_record() -> None:
    record = extract(AD, doc_id="ad").model_dump(mode="json")
    row = parse_row(json.dumps(record), "x:1")
    assert row.error is None and row.record == record and row.doc_id == "ad"


def test_script_in_an_ad_is_text_not_markup(tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "ads.jsonl", [{"id": 'x<u>"1"', "text": HOSTILE}])
    out = _report(tmp_path, str(src))
    pages = list((out / "docs").glob("*.html"))
    assert len(pages) == 1
    for html in (pages[0].read_text(), (out / "index.html").read_text()):
        assert "<script>alert" not in html and "<img" not in html and "<u>" not in html
    page = pages[0].read_text()
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "x&lt;u&gt;&#34;1&#34;" in page  # the doc_id too


def test_error_rows_and_bad_lines_are_listed_as_errors(tmp_path: Path) -> None:
    good = extract(AD, doc_id="good", source=None).model_dump(mode="json")
    recs = _jsonl(
        tmp_path / "recs.jsonl",
        [
            good,
            {"doc_id": "broken", "source": "b.txt", "error": {"kind": "decode", "message": "invalid UTF-8 at byte 12"}},
            "{torn line",
            {"doc_id": "odd", "sections": "nope", "noise": [], "entities": [], "warnings": []},
        ],
    )
    out = _report(tmp_path, str(recs))
    html = (out / "index.html").read_text()
    errors = re.findall(r'<tr class="error">(.*?)</tr>', html, re.S)
    assert len(errors) == 6  # three in the errors table, three in the documents table
    assert "invalid UTF-8 at byte 12" in html and "not JSON" in html and "no list &#39;sections&#39;" in html
    assert "<b>3</b> errors" in html and "<b>1</b> records" in html


def test_records_file_marks_text_read_back_from_source(tmp_path: Path) -> None:
    doc = tmp_path / "ad.txt"
    doc.write_text(AD, encoding="utf-8")
    recs = tmp_path / "recs.jsonl"
    assert CliRunner().invoke(main, ["extract", str(doc), "-o", str(recs), "-q"]).exit_code == 0
    page = (_report(tmp_path, str(recs)) / "docs" / "ad.html").read_text()
    assert '<mark class="ent t-salary"' in page and "amount: 5,000" in page
    doc.write_text("نص آخر تماما " + AD, encoding="utf-8")  # the source changed since extraction
    page = (_report(tmp_path, str(recs)) / "docs" / "ad.html").read_text()
    assert "has changed since extraction" in page and '<mark class="ent t-salary"' not in page
    assert "amount" in page  # still listed in the side list


def test_relative_sources_are_found_beside_the_records_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ads").mkdir()
    (tmp_path / "ads" / "ad.txt").write_text(AD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(main, ["extract", "ads", "-o", "recs.jsonl", "-q"])
    monkeypatch.chdir(tmp_path / "ads")  # "ads/ad.txt" is no longer a path from here
    page = (_report(tmp_path, str(tmp_path / "recs.jsonl")) / "docs" / "ad.html").read_text()
    assert '<mark class="ent t-salary"' in page


def test_jsonl_inputs_are_read_back_line_by_line(tmp_path: Path) -> None:
    ads = _jsonl(tmp_path / "ads.jsonl", [{"id": f"a{i}", "text": AD.replace("5000", str(5000 + i))} for i in range(3)])
    recs = tmp_path / "recs.jsonl"
    CliRunner().invoke(main, ["extract", str(ads), "-o", str(recs), "-q"])
    out = _report(tmp_path, str(recs))
    for i in range(3):
        assert f"amount: {5000 + i:,}" in (out / "docs" / f"a{i}.html").read_text()


def test_worker_processes_give_the_same_report(tmp_path: Path) -> None:
    one = _report(tmp_path / "1", str(CORPUS))
    two = _report(tmp_path / "2", str(CORPUS), "--jobs", "2")
    assert (one / "index.html").read_text() == (two / "index.html").read_text().replace(
        str(tmp_path / "2"), str(tmp_path / "1")
    )
    for page in (one / "docs").rglob("*.html"):
        assert page.read_text() == (two / page.relative_to(one)).read_text()


def test_page_cap_and_no_pages(tmp_path: Path) -> None:
    out = _report(tmp_path, str(CORPUS), "--max-pages", "2")
    assert len(list((out / "docs").rglob("*.html"))) == 2
    assert "first 2 documents" in (out / "index.html").read_text()
    out = tmp_path / "np"
    build([str(CORPUS)], out, pages=False)
    assert not (out / "docs").exists() and "--no-pages" in (out / "index.html").read_text()


def test_a_report_written_again_into_its_folder_shows_this_corpus_only(tmp_path: Path) -> None:
    """Pages an earlier report wrote for documents not in this run go; a page of the user's own stays."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "ad-one.txt").write_text("مطلوب محاسب\nالراتب 5000 ريال", encoding="utf-8")
    (first / "ad-two.txt").write_text("مطلوب سائق\nالراتب 3000 ريال", encoding="utf-8")
    (second / "ad-three.txt").write_text("مطلوب طباخ\nالراتب 4000 ريال", encoding="utf-8")
    out = tmp_path / "report"
    build([str(first)], out)
    assert sorted(p.name for p in (out / "docs").glob("*.html")) == ["ad-one.html", "ad-two.html"]
    (out / "docs" / "notes.html").write_text("<p>my notes</p>", encoding="utf-8")
    build([str(second)], out)
    assert sorted(p.name for p in (out / "docs").glob("*.html")) == ["ad-three.html", "notes.html"]


# -- figures --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "value"),
    [
        ({"amount": 5000}, 5000),
        ({"amount": None, "min": 8000, "max": 10000}, 9000),
        ({"amount": None, "min": 300, "max": None}, 300),
        ({"amount": None}, None),
    ],
)
def test_salary_value(entity: dict[str, Any], value: float | None) -> None:
    assert salary_value(entity) == value


def test_figures_stay_bounded_on_many_documents() -> None:
    from pipeline.report.rows import Row

    stats = CorpusStats()
    for i in range(3 * SAMPLE):
        ent = {"type": "salary", "text": "x", "start": 0, "end": 1, "amount": i, "currency": "SAR", "period": "month"}
        stats.add(Row(f"d{i}", None, {"sections": [], "noise": [], "entities": [ent], "warnings": []}))
        stats.add(Row(f"e{i}", None, None, ("decode", "bad")))
    sample = stats.salaries[("SAR", "month")]
    assert sample.seen == 3 * SAMPLE and len(sample.values) == SAMPLE
    assert max(sample.values) > SAMPLE  # a sample of all, not the first ones
    assert stats.errors == 3 * SAMPLE and len(stats.error_rows) == 1000


def test_ten_thousand_records_well_under_a_minute(tmp_path: Path) -> None:
    rows = [
        extract(p.read_text(encoding="utf-8"), doc_id=p.stem).model_dump(mode="json")
        for p in sorted(CORPUS.glob("*.txt"))
    ]
    recs = tmp_path / "big.jsonl"
    with recs.open("w", encoding="utf-8") as fh:
        for i in range(10_000):
            fh.write(json.dumps({**rows[i % len(rows)], "doc_id": f"d{i}", "source": None}, ensure_ascii=False) + "\n")
    started = time.perf_counter()
    report = build([str(recs)], tmp_path / "out", max_pages=500)
    seconds = time.perf_counter() - started
    assert report.stats.documents == 10_000 and report.pages == 500
    assert seconds < 30, seconds
    assert (tmp_path / "out" / "index.html").read_text().count("<tr>") >= 10_000


def test_displacy_renders_the_spans_right_to_left() -> None:
    from spacy import displacy

    from pipeline import load
    from pipeline.report import DISPLACY_OPTIONS

    doc = load()(AD)
    assert [s.label_ for s in doc.spans["wasf"]] == ["salary", "count"]
    html = displacy.render(doc, style="span", options=DISPLACY_OPTIONS)
    assert "direction: rtl" in html and DISPLACY_OPTIONS["colors"]["salary"] in html
    css = (ROOT / "pipeline" / "report" / "templates" / "report.css").read_text()
    assert all(f"--{kind}: {color};" in css for kind, color in DISPLACY_OPTIONS["colors"].items())


# -- in the browser ---------------------------------------------------------------------------------

#: The seed's salaries (amounts, in document order) and its headings' categories.
SEED_AMOUNTS = [73710, 144420, 61270, 42360, 89010]
SEED_CATEGORIES = ["qualifications", "skills", "knowledge", "responsibilities", "compensation", "compensation"]

PAGE_JS = """(() => {
  const texts = (sel) => [...document.querySelectorAll(sel)].map(e => ({text: e.textContent, title: e.title,
      width: e.getBoundingClientRect().width, height: e.getBoundingClientRect().height}));
  return {
    direction: getComputedStyle(document.querySelector('article.text')).direction,
    salaries: texts('mark.t-salary[id]'),
    headings: texts('article .heading'),
    sections: [...document.querySelectorAll('section.sec')].map(s => s.dataset.category),
    noise: texts('article .noise').map(n => getComputedStyle(document.querySelectorAll('article .noise')[0]).color),
    links: [...document.querySelectorAll('aside a[href^="#e"]')].length,
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  };
})()"""

INDEX_JS = """(() => ({
  charts: [...document.querySelectorAll('figure.chart')].map(f => {
    const svg = f.querySelector('svg'), box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    return {id: f.id, width: box.width, height: box.height, texts: svg ? [...svg.querySelectorAll('text')].map(t => t.textContent) : []};
  }),
  links: [...document.querySelectorAll('#docs a')].map(a => a.getAttribute('href')),
  rows: document.querySelectorAll('#docs tbody tr').length,
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
}))()"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    if find_chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing (make test installs it: apt-get install chromium)")
        pytest.skip("Chromium is absent (make test installs it)")
    with Chromium(width=1280, height=900) as b:
        yield b


@pytest.fixture(scope="module")
def corpus_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    build([str(CORPUS)], out)
    return out


def test_seed_page_in_the_browser(browser: Chromium, corpus_report: Path) -> None:
    browser.open(corpus_report / "docs" / "senior-sales-executive.html")
    seen = browser.evaluate(PAGE_JS)
    assert seen["direction"] == "rtl"
    assert len(seen["ids"]) == len(set(seen["ids"]))
    assert len(seen["salaries"]) == len(SEED_AMOUNTS)
    for salary, amount in zip(seen["salaries"], SEED_AMOUNTS, strict=True):
        assert f"amount: {amount:,}" in salary["title"] and "currency: USD" in salary["title"]
        assert salary["width"] > 0 and salary["height"] > 0
    record = extract((CORPUS / "senior-sales-executive.txt").read_text(encoding="utf-8"))
    assert [s["text"] for s in seen["salaries"]] == [e.text for e in record.entities if e.type == "salary"]
    assert len(seen["headings"]) == len(SEED_CATEGORIES)
    for heading, category in zip(seen["headings"], SEED_CATEGORIES, strict=True):
        assert f"category: {category}" in heading["title"] and heading["width"] > 0
    assert seen["sections"][1:] == SEED_CATEGORIES
    assert seen["noise"] and all(color != "rgb(29, 29, 31)" for color in seen["noise"])  # greyed
    assert seen["links"] == len(record.entities)
    assert browser.console_errors() == []
    page = (corpus_report / "docs" / "senior-sales-executive.html").read_text(encoding="utf-8")
    assert [o.isco08 for o in record.occupations] == ["3322"] and "<dd>3322</dd>" in page  # the occupation listed


def test_corpus_page_in_the_browser(browser: Chromium, corpus_report: Path) -> None:
    browser.open(corpus_report / "index.html")
    seen = browser.evaluate(INDEX_JS)
    charts = {c["id"]: c for c in seen["charts"]}
    expected = {"chart-entities", "chart-salaries", "chart-skills", "chart-organizations", "chart-education"}
    assert expected | {"chart-occupations"} <= set(charts)
    for chart in charts.values():
        assert chart["width"] > 50 and chart["height"] > 30, chart["id"]
    assert any("USD per year" in t for t in charts["chart-salaries"]["texts"])  # one axis per currency and period
    assert any(re.search("[\u0600-\u06ff]", t) for t in charts["chart-organizations"]["texts"])  # Arabic labels
    assert len(seen["ids"]) == len(set(seen["ids"]))  # the inline SVGs' ids do not collide
    txt = sorted(CORPUS.rglob("*.txt"))
    assert seen["rows"] == len(txt) and len(seen["links"]) == len(txt)
    assert browser.console_errors() == []
    for href in seen["links"]:
        assert (corpus_report / href).is_file()


def test_hostile_page_in_the_browser(browser: Chromium, tmp_path: Path) -> None:
    src = _jsonl(tmp_path / "ads.jsonl", [{"id": "hostile", "text": HOSTILE}])
    out = _report(tmp_path, str(src))
    browser.open(out / "docs" / "hostile.html")
    found = browser.evaluate(
        "[document.querySelectorAll('article script, article img').length, document.querySelector('article').textContent]"
    )
    assert found[0] == 0 and '<script>alert("x")</script>' in found[1]
    assert browser.console_errors() == []
