# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,postgres]'
	touch $(STAMP)

# Starts the app on Streamlit's own defaults (port 8501, every network interface), so
# STREAMLIT_* variables apply: STREAMLIT_SERVER_ADDRESS=127.0.0.1 make run keeps it on this
# machine. It prints the owner's sign-in link and, on a desktop, opens it (Streamlit's own
# browser opening is off: it would open the plain address, which asks for the link).
run: $(STAMP)
	$(BIN)/streamlit run server.py --server.headless true

# axe-core for the accessibility tests, the version pinned in tests/a11y/package-lock.json.
# Without npm the tests say they were skipped (and fail under CI=true, as a missing browser does).
AXE := tests/a11y/node_modules/.installed
$(AXE): tests/a11y/package.json tests/a11y/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tests/a11y --no-audit --no-fund && touch $@; \
	else echo "npm not found: the accessibility tests (tests/test_a11y.py) will be skipped"; fi

test: $(STAMP) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(STAMP)
	$(BIN)/python bench/bench_score.py
	$(BIN)/python bench/bench_app.py
	$(BIN)/python bench/bench_writes.py
	$(BIN)/python bench/bench_workshop.py
	$(BIN)/python bench/bench_taps.py
	$(BIN)/python bench/bench_files.py
	$(BIN)/python bench/bench_progress.py
	$(BIN)/python bench/bench_import_memory.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis tests/a11y/node_modules
