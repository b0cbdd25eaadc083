# Every target creates .venv when it is missing; `make install` refreshes it when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run ingest test lint eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0 -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/qa ingest
	$(BIN)/python app.py

ingest: install
	$(BIN)/qa ingest

lint: install
	$(BIN)/ruff check qa tests bench app.py

test: install lint
	$(BIN)/python -m pytest

CORPUS ?= ../shared/corpora/multihop-rag/articles

eval: install
	for f in seeds/eval*.jsonl; do $(BIN)/qa eval $$f || exit 1; done
	test ! -d $(CORPUS) || for f in evals/news609*.jsonl; do \
		$(BIN)/qa eval $$f --seeds $(CORPUS) --index index-news609 || exit 1; done

bench: install
	$(BIN)/python -m bench
	$(BIN)/python -m bench.concurrency

clean:
	rm -rf $(VENV) index/chroma.sqlite3 index/manifest.json eval-reports
