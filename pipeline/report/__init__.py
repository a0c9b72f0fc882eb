"""`wasf report`: a static, self-contained HTML report of a corpus and of each of its documents.

- site.build() writes DIR/index.html (counts, charts, the documents table, the error rows) and one page
  per document (the text right-to-left with sections, headings, noise and entities marked in place).
- Charts are Vega-Lite (Altair) rendered offline to SVG by vl-convert (the `report` extra).
- browser.py drives headless Chromium over the DevTools pipe, for screenshots and the tests.

Importing this package is light (the CLI registers the command at start-up); site.py loads the rest.
"""

from __future__ import annotations

#: Per-document pages written by default; past this the documents table lists documents without links.
DEFAULT_MAX_PAGES = 2000
