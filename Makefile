# The two commands of the README:  `make run`  and  `make test`.
# Each creates .venv and installs what it needs on a machine with nothing but Python >= 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# camel-tools requires torch; plain `torch` resolves to a multi-GB CUDA build, so pin the CPU wheel.
TORCH  ?= torch==2.13.0
WHEELS := $(wildcard /opt/wheels)
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check $(if $(WHEELS),--find-links $(WHEELS))

.PHONY: run test lint venv clean schema bench report browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(PIP) "$(TORCH)" 2>&1 | grep -v "is ignored: it is neither" || true
	$(BIN)/pip show --quiet torch >/dev/null 2>&1 || { echo "torch did not install"; exit 1; }
	$(PIP) -e ".[dev,scale]" 2>&1 | grep -v "is ignored: it is neither" || true
	$(BIN)/python -c "import pipeline, schemas, pytest, hypothesis, jsonschema, mypy, ruff, dask.distributed, pyarrow, duckdb" || { echo "wasf did not install"; exit 1; }
	touch $@

venv: $(VENV)/.installed

run: venv
	$(BIN)/wasf extract corpus/ -o output/
	$(BIN)/wasf report output/records.jsonl -o output/report/

# The HTML report of the bundled corpus (output/report/index.html) and screenshots of its corpus page and
# of the seed's page, taken in headless Chromium (output/report-corpus.png, output/report-document.png).
report: run browser
	$(BIN)/python -m pipeline.report.browser \
		output/report/index.html output/report-corpus.png \
		output/report/docs/senior-sales-executive.html output/report-document.png

# Headless Chromium and Arabic fonts for the report's browser tests and screenshots (Debian packages;
# installed once, quietly, when missing; the log is printed only if the install fails).
CHROMIUM_DEPS := /usr/bin/chromium /usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf
browser:
	@for f in $(CHROMIUM_DEPS); do test -e $$f || missing=1; done; \
	if [ -n "$$missing" ]; then \
		echo "installing chromium and fonts-noto-core (apt-get)"; \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium fonts-noto-core; } >/tmp/wasf-browser-install.log 2>&1 \
		|| { cat /tmp/wasf-browser-install.log; echo "make: could not install chromium"; exit 1; }; \
	fi

lint: venv
	$(BIN)/ruff check pipeline schemas tests bench
	$(BIN)/ruff format --check pipeline schemas tests bench
	$(BIN)/mypy

test: lint browser
	$(BIN)/python -m pytest

bench: venv
	$(PIP) -e ".[dev,bench,scale]" 2>&1 | grep -v "is ignored: it is neither" || true
	$(BIN)/python bench/run.py

schema: venv
	$(BIN)/wasf schema > schemas/job_record.schema.json

# pipeline/data/esco_occupations.tsv from the ESCO Arabic occupations table (attribution: ESCO, European Commission)
# (ESCO_EN=occupations_en.csv, ESCO's English export, adds the English labels)
ESCO_TSV ?= ../shared/taxonomy/esco-occupations-ar.tsv
ESCO_EN ?=
.PHONY: occupations-data
occupations-data: venv
	$(BIN)/python -m pipeline.esco_build $(ESCO_TSV) $(ESCO_EN)

clean:
	rm -rf $(VENV) build *.egg-info
