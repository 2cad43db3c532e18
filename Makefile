# `make clean` regenerates clean/ from raw/; `make test` runs the tests.
# Both create the virtualenv under .venv/ on first use and install the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# `clean` is a job here, not a file: without .PHONY make would take the clean/
# folder for the target and regenerate nothing.
.PHONY: clean check-clean test lint golden format setup setup-extras diff screenshot bench bench-jsonl bench-ray profile fuzz

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean: $(STAMP)
	$(BIN)/cleanup run raw -o clean

# Exit 1 (naming the files) if clean/ is not what the pipeline makes of raw/ now.
check-clean: $(STAMP)
	$(BIN)/cleanup run raw -o clean --check

# The HTML review report of the corpus: raw and clean side by side, every decision.
diff: $(STAMP)
	$(BIN)/cleanup review raw -o review --clean clean
	@echo "open file://$(CURDIR)/review/index.html"

# The README's screenshot of the report (needs Chromium: apt-get install chromium).
screenshot: diff
	$(BIN)/python -m tests.browser screenshot review/files/000_2a0ad43434f64918.txt.html docs/review.png --line 160

# Speed and memory against ftfy and a naive unwrap, measured in the same run (minutes).
bench: $(STAMP)
	$(BIN)/python -m bench.bench

# Where the time goes: pyinstrument's call tree for the journal seed repeated to 1 MB.
profile: $(STAMP)
	$(BIN)/python -m bench.profile

# Throughput on a local Ray cluster with 1 and 2 workers, files and JSON Lines (Ray
# tasks and Ray Data), against the local engine (a minute or two).
bench-ray: setup-extras
	$(BIN)/python -m bench.ray_scaling

# JSON Lines throughput and peak memory on 20 and 200 MB inputs (takes minutes).
bench-jsonl: $(STAMP)
	$(BIN)/python -m bench.jsonl_memory

# The fuzz target on the whole pipeline for FUZZ_SECONDS, starting from the golden
# inputs; a failing input is saved under .fuzz/ (see fuzz/fuzz_pipeline.py).
FUZZ_SECONDS ?= 60
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	mkdir -p .fuzz/corpus
	for f in tests/golden/*/*.in.txt; do cp "$$f" ".fuzz/corpus/$$(basename $$(dirname $$f))-$$(basename $$f)"; done
	$(BIN)/python fuzz/fuzz_pipeline.py -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=.fuzz/ .fuzz/corpus

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The optional extras: the Ray engine (`cleanup run --engine ray`, Ray Data recipes)
# and the datatrove step. Their tests run once they are installed, and are skipped,
# saying why, until then.
setup-extras: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[ray,datatrove]'

lint: $(STAMP)
	$(BIN)/ruff check cleanup tests examples bench fuzz
	$(BIN)/ruff format --check cleanup tests examples bench fuzz
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format cleanup tests examples bench fuzz
	$(BIN)/ruff check --fix cleanup tests examples bench fuzz

# Rewrite the golden outputs from the current code. Read the diff before committing.
golden: $(STAMP)
	$(BIN)/python -m tests.golden_cases --update
	$(BIN)/python -m tests.review_cases --update
	$(BIN)/python -m tests.rule_error_cases --update
