# Two commands on a fresh machine: `make serve` and `make test`.
SHELL := /bin/bash
VENV  := .venv
PY    := $(VENV)/bin/python
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build check test offline bench clean

# Python packages from the exact pins, npm packages from the lock, system packages for browser tests.
$(READY): requirements.txt package-lock.json scripts/setup-system.sh
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	npm ci --no-audit --no-fund --loglevel=error
	bash scripts/setup-system.sh
	@touch $@

setup: $(READY)

serve: $(READY)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(READY)
	$(PY) scripts/build.py

check: $(READY)
	$(PY) scripts/check.py all

offline: $(READY)
	$(PY) scripts/build.py --offline

test: $(READY)
	$(PY) -m pytest

bench: $(READY)
	$(PY) scripts/bench.py

clean:
	rm -rf site site-offline dist .cache
