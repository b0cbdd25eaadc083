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
	$(BIN)/qa eval seeds/eval.jsonl
	$(BIN)/qa eval seeds/eval-heldout.jsonl
	$(BIN)/qa eval seeds/eval-heldout2.jsonl
	$(BIN)/qa eval seeds/eval-heldout3.jsonl
	test ! -d $(CORPUS) || $(BIN)/qa eval evals/news609.jsonl --seeds $(CORPUS) --index index-news609
	test ! -d $(CORPUS) || $(BIN)/qa eval evals/news609-heldout.jsonl --seeds $(CORPUS) --index index-news609
	test ! -d $(CORPUS) || $(BIN)/qa eval evals/news609-heldout2.jsonl --seeds $(CORPUS) --index index-news609
	test ! -d $(CORPUS) || $(BIN)/qa eval evals/news609-heldout3.jsonl --seeds $(CORPUS) --index index-news609
	test ! -d $(CORPUS) || $(BIN)/qa eval evals/news609-heldout4.jsonl --seeds $(CORPUS) --index index-news609

bench: install
	$(BIN)/python -m bench
	$(BIN)/python -m bench.concurrency

clean:
	rm -rf $(VENV) index/chroma.sqlite3 index/manifest.json eval-reports
