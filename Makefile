# Keep the Bridge: the two commands of the quick start are `make site` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve check update-check test lint bench bench-full clean

## Install the build tools into .venv and build the handbook into site/ (strict).
site: $(VENV)/.build-deps
	$(PY) -m mkdocs build --strict

## Preview with live reload on http://127.0.0.1:8000 (watches scenarios/, macros/, overrides/).
serve: $(VENV)/.build-deps
	$(PY) -m mkdocs serve --no-strict -a 127.0.0.1:8000

## Validate the data only (fast; used by pre-commit).
check: $(VENV)/.build-deps
	$(PY) -m macros check

## A fork: what changed upstream in the files you override from local/ (fetches UPSTREAM's remote first).
UPSTREAM ?= upstream/main
update-check: $(VENV)/.build-deps
	$(PY) scripts/update_check.py --fetch --upstream $(UPSTREAM)

## Install test tools (Python, Debian's chromium, npm tools) and run every test.
test: $(VENV)/.test-deps
	$(PY) -m pytest

lint: $(VENV)/.test-deps
	$(PY) -m ruff check macros tests scripts
	$(PY) -m ruff format --check macros tests scripts
	$(PY) -m mypy

## Benchmarks: prints Markdown tables and writes BENCHMARKS.md (engine, Lighthouse, PDF).
## The PDF scale run uses 100 scenarios here; `make bench-full` adds the 1,000-scenario handbook PDF (about 1 min).
bench: $(VENV)/.test-deps
	$(PY) scripts/benchmark.py
	$(PY) scripts/bench_pdf.py --scale 100

bench-full: $(VENV)/.test-deps
	$(PY) scripts/benchmark.py
	$(PY) scripts/bench_pdf.py --scale 1000

# The last step registers the handbook's MkDocs plugin (`keep-the-bridge`, pyproject.toml); its code runs from macros/.
$(VENV)/.build-deps: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps --editable .
	touch $@

$(VENV)/.test-deps: $(VENV)/.build-deps requirements-test.txt package.json scripts/install-test-deps.sh
	$(PY) -m pip install --quiet -r requirements-test.txt
	bash scripts/install-test-deps.sh
	touch $@

clean:
	rm -rf site .bench .pytest_cache
