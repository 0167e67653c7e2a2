# One command per task. `make run` and `make test` work on a fresh machine with only Python 3.11:
# they create .venv, install the pinned requirements, build the index when missing or stale, then run.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP     := $(VENV)/.dev-installed
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run chat install install-dev browser index test eval bench bench-scale bench-server lint clean

run: $(RUNTIME_STAMP) index
	$(BIN)/python app.py

chat: $(RUNTIME_STAMP) index
	$(BIN)/python -m bot chat

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-st.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(RUNTIME_STAMP)

install: $(RUNTIME_STAMP)
install-dev: $(DEV_STAMP)

index: $(RUNTIME_STAMP)
	$(BIN)/python -m index

# Debian's chromium, a Chinese font and nginx for the browser and proxy tests (root, or sudo when available).
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list | grep -qi wqy && [ -x /usr/sbin/nginx ] || { \
		SUDO=$$(command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei nginx; }

test: $(DEV_STAMP) browser index
	$(BIN)/python -m pytest

eval: $(RUNTIME_STAMP) index
	$(BIN)/python -m eval

bench: $(RUNTIME_STAMP) index
	$(BIN)/python -m eval.bench

bench-scale: $(DEV_STAMP) index
	$(BIN)/python -m eval.bench_scale

bench-server: $(DEV_STAMP) index
	$(BIN)/python -m eval.bench_server

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf var .pytest_cache .ruff_cache
