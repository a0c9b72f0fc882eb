"""`wasf report`: a static, self-contained HTML report of a corpus and of each of its documents.

- site.build() writes DIR/index.html (counts, charts, the documents table, the error rows) and one page
  per document (the text right-to-left with sections, headings, noise and entities marked in place).
- Charts are Vega-Lite (Altair) rendered offline to SVG by vl-convert (the `report` extra).
- browser.py drives headless Chromium over the DevTools pipe, for screenshots and the tests.

Importing this package is light (the CLI registers the command at start-up); site.py loads the rest.
"""

from __future__ import annotations

from typing import Any

#: Per-document pages written by default; past this the documents table lists documents without links.
DEFAULT_MAX_PAGES = 2000

#: Colors of the entity types, as in the report's style sheet.
COLORS = {
    "salary": "#f6c445",
    "percentage": "#9ad0f5",
    "count": "#c5b0e6",
    "organization": "#8fd694",
    "certification": "#f4a6a6",
    "skill": "#ffd1a1",
    "education": "#a7e3dc",
}

#: displaCy options for the wasf spans in the report's colors: displacy.render(doc, style="span",
#: options=DISPLACY_OPTIONS). The direction comes from the language: load() is blank("ar"), whose
#: writing system is right-to-left, so displaCy draws the text and its span labels right to left.
DISPLACY_OPTIONS: dict[str, Any] = {"spans_key": "wasf", "colors": COLORS}
