# Quick start: `make demo` and `make test` from a fresh clone; both create .venv as needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Every pip call (including build environments) honours the torch pin.
export PIP_CONSTRAINT := $(CURDIR)/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install demo test lint typecheck unit golden eval bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/normalize seeds/*.txt

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/python -m pytest -q

test: lint typecheck
	$(BIN)/normalize lexicon validate
	$(BIN)/normalize lexicon lint
	$(BIN)/python -m pytest -q

eval: install
	$(BIN)/python tools/eval_translit.py
	$(BIN)/python tools/eval_gold.py

# Throughput, load time, peak memory and start-up against FlashText and pyahocorasick, as
# ratios measured in this run; more: make bench BENCH_ARGS="--entries 1000,100000 --corpus-mb 10"
bench: install
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

golden: install
	$(BIN)/python -m pytest -q tests/test_cli_golden.py --update-golden

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
