"""Builds pipeline/data/esco_occupations.tsv, the compact ESCO table wasf ships, from the published one.

Run by `make occupations-data` (python -m pipeline.esco_build SOURCE.tsv [occupations_en.csv]). The source
is the ESCO v1.2 Arabic occupations table (esco_uri, isco08, esco_code, label_ar, alt_ar; see
../shared/taxonomy/README.md).
The shipped file keeps, per occupation: ESCO code, ISCO-08 unit group, the UUID of the ESCO URI (the
prefix is the same for all and added back on load), the Arabic preferred label and the alternative
labels, as published. Duplicate rows of the export are kept once. ESCO may be reused with
acknowledgement of the source, which the file's header carries.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

URI_PREFIX = "http://data.europa.eu/esco/occupation/"
ATTRIBUTION = (
    "# ESCO occupations (classification v1.2), Arabic labels and ISCO-08 unit groups.\n"
    "# Source: ESCO, European Commission - https://esco.ec.europa.eu (reused with acknowledgement of the source).\n"
    "# Built by pipeline/esco_build.py (make occupations-data); columns: esco_code, isco08, uuid, label_ar, alt_ar"
    " [, label_en].\n"
)
OUTPUT = Path(__file__).parent / "data" / "esco_occupations.tsv"


def english_labels(path: Path) -> dict[str, str]:
    """URI -> English preferred label, from ESCO's English occupations export (occupations_en.csv:
    columns conceptUri, preferredLabel)."""
    with path.open(encoding="utf-8", newline="") as f:
        return {row["conceptUri"].strip(): row["preferredLabel"].strip() for row in csv.DictReader(f)}


def build(source: Path, output: Path = OUTPUT, english: Path | None = None) -> int:
    """Write the compact table from the published one (with a sixth column, label_en, when ESCO's English
    export is given); returns the number of occupations written."""
    labels_en = english_labels(english) if english else {}
    seen: set[str] = set()
    lines: list[str] = []
    with source.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            uri = row["esco_uri"].strip()
            if not uri.startswith(URI_PREFIX) or uri in seen:
                continue
            seen.add(uri)
            isco = row["isco08"].strip().zfill(4)
            fields = [row["esco_code"].strip(), isco, uri[len(URI_PREFIX) :], row["label_ar"], row["alt_ar"] or ""]
            if labels_en:
                fields.append(labels_en.get(uri, ""))
            lines.append("\t".join(" ".join(x.split()) for x in fields))
    lines.sort(key=lambda line: line.split("\t", 1)[0])
    output.write_text(ATTRIBUTION + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/taxonomy/esco-occupations-ar.tsv")
    english = Path(sys.argv[2]) if len(sys.argv) > 2 else None
    print(f"{build(source, OUTPUT, english)} occupations -> {OUTPUT}")


if __name__ == "__main__":
    main()
