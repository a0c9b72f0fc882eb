# The two commands of the README:  `make run`  and  `make test`.
# Each creates .venv and installs what it needs on a machine with nothing but Python >= 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# camel-tools requires torch; plain `torch` resolves to a multi-GB CUDA build, so pin the CPU wheel.
TORCH  ?= torch==2.13.0
WHEELS := $(wildcard /opt/wheels)
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check $(if $(WHEELS),--find-links $(WHEELS))

.PHONY: run test lint venv clean schema bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(PIP) "$(TORCH)" 2>&1 | grep -v "is ignored: it is neither" || true
	$(BIN)/pip show --quiet torch >/dev/null 2>&1 || { echo "torch did not install"; exit 1; }
	$(PIP) -e ".[dev]" 2>&1 | grep -v "is ignored: it is neither" || true
	$(BIN)/python -c "import pipeline, schemas, pytest, hypothesis, jsonschema, mypy, ruff" || { echo "wasf did not install"; exit 1; }
	touch $@

venv: $(VENV)/.installed

run: venv
	$(BIN)/wasf extract corpus/ -o output/

lint: venv
	$(BIN)/ruff check pipeline schemas tests bench
	$(BIN)/ruff format --check pipeline schemas tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

bench: venv
	$(PIP) -e ".[dev,bench]" 2>&1 | grep -v "is ignored: it is neither" || true
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
