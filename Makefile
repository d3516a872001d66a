# One command serves the demo, one runs the tests; both set themselves up on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DATA   ?= .data
HOST   ?= 127.0.0.1
PORT   ?= 8000

export EQM_ADMIN_EMAIL    ?= admin@demo.equipmatch.cn
export EQM_ADMIN_PASSWORD ?= Admin@2024

.PHONY: install run serve seed-demo test lint format clean bench bench-pledges bench-search bench-match bench-events browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Migrate, load reference data and (once) the demo data, then serve on $(HOST):$(PORT).
run: install $(DATA)/.demo-seeded
	$(BIN)/equipmatch serve --host $(HOST) --port $(PORT)

$(DATA)/.demo-seeded: | $(STAMP)
	$(BIN)/equipmatch seed demo
	mkdir -p $(DATA) && touch $@

serve: install
	$(BIN)/equipmatch serve --host $(HOST) --port $(PORT)

# The fault tests stop PostgreSQL servers and kill processes: they run in a pytest process of their own.
test: install lint browser
	$(BIN)/pytest --ignore=tests/faults
	$(BIN)/pytest tests/faults

# The browser test drives Debian's headless Chromium (and a CJK font for the charts' labels);
# a fresh CI machine (root, Debian's package registry reachable) gets them here.
browser:
	@command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium fonts-wqy-microhei)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache .mypy_cache .ruff_cache

# Import benchmark: a generated 50,000-row listings file as CSV and XLSX (ROWS=… to scale).
.PHONY: bench-import bench-import-api
ROWS ?= 100000
bench-import: install
	$(BIN)/python bench/import.py --rows $(ROWS)

# 100,000 rows through POST /api/v1/listings/import?publish=true&partial=true in 10,000-row files
# (`equipmatch serve` with its in-process worker in a subprocess: the outside check's shape)
bench-import-api: install
	$(BIN)/python -m bench.import_api --rows $(ROWS) --file-rows 10000 --publish --worker

.PHONY: bench-pledges
# Group-purchase pledges: N concurrent pledges (each sent twice, same Idempotency-Key) vs. a sequential baseline.
PLEDGES ?= 1000
bench-pledges: install
	$(BIN)/python -m bench.pledges --pledges $(PLEDGES) --buyers 50 --concurrency 50 --baseline 200

.PHONY: bench-search
# Search quality (nDCG@10, ours vs BM25 on the demo data) and latency (100k listings over HTTP vs ILIKE).
bench-search: install
	$(BIN)/python -m bench.search_quality
	$(BIN)/python -m bench.search_latency --listings $(or $(LISTINGS),100000)

.PHONY: bench-match
# Matching quality (nDCG@10 vs a category-only baseline) and speed (100k listings, 10k demands;
# SCALE="--listings 20000 --demands 2000 --sample 50" for a quick run).
bench-match: install
	$(BIN)/python -m bench.match_quality
	$(BIN)/python -m bench.match_latency $(SCALE)

.PHONY: bench-unseen
# Search and matching on the independent, blind-graded sets in bench/eval/ (train and held-out
# halves), through the HTTP API, against BM25 and a filtered keyword matcher in the same run.
bench-unseen: install
	$(BIN)/python -m bench.eval_unseen $(ARGS)

.PHONY: bench-scale
# Scaling out: the same request mix against 1 and 2 API processes (with 1 and 2 separate worker
# processes) on one PostgreSQL; ends with `scale: 1 process R1 req/s, 2 processes R2 req/s (×F); lost N`.
SCALE_ARGS ?= --listings 5000 --seconds 20 --concurrency 16
bench-scale: install
	$(BIN)/python -m bench.scale $(SCALE_ARGS)

.PHONY: bench-events
# Matchmaking-event scheduling: generated events of 100, 400 and 1,000 participants × 16 slots,
# CP-SAT vs its proven bound and a greedy first-fit peer (SIZES="400" for one size).
bench-events: install
	$(BIN)/python -m bench.event_schedule --sizes $(or $(SIZES),100 400 1000)
