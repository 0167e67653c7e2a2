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

.PHONY: run install install-dev index test eval bench lint clean

run: $(RUNTIME_STAMP) index
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

test: $(DEV_STAMP) index
	$(BIN)/python -m pytest

eval: $(RUNTIME_STAMP) index
	$(BIN)/python -m eval

bench: $(RUNTIME_STAMP) index
	$(BIN)/python -m eval.bench

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf var .pytest_cache .ruff_cache
