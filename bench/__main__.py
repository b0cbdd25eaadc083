"""Benchmarks: index build, ingest throughput against the raw model, warm answer latency, the first answer of a
fresh process, and peak memory; each next to a baseline measured in the same run. Prints a Markdown table.

    python -m bench [--seeds DIR] [--questions N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from qa.config import Settings

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "bench" / "questions.txt"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def bench_ingest(settings: Settings) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Index build time, and the pipeline's chunks/s next to the raw model's on the very same texts."""
    import torch
    from llama_index.core.schema import MetadataMode
    from sentence_transformers import SentenceTransformer

    from qa.chunking import split
    from qa.corpus import load
    from qa.embeddings import embed_model, model_path
    from qa.pipeline import build_index
    from qa.store import chunk_node

    embed_model()  # load the model outside the timed part, as a running service has it loaded
    started = time.perf_counter()
    report = build_index(settings)
    build = time.perf_counter() - started
    corpus = load(settings.seeds_dir)
    texts = [
        chunk_node(c).get_content(metadata_mode=MetadataMode.EMBED)
        for a in corpus.articles
        for c in split(a, settings.chunk_words)
    ]
    raw_model = SentenceTransformer(model_path(), device="cpu")
    raw_model.encode(texts[:8])
    raw = _chunks_per_second(raw_model, texts)
    threads = torch.get_num_threads()
    torch.set_num_threads(os.cpu_count() or 1)
    raw_all_cores = _chunks_per_second(raw_model, texts)
    torch.set_num_threads(threads)
    ours = report.chunks_embedded / build
    rows = [
        (
            "index build (load, clean, chunk, embed, store)",
            f"{build:.1f} s for {len(corpus.articles)} articles",
            f"{report.chunks_embedded} chunks",
        ),
        (
            "ingest throughput",
            f"{ours:.1f} chunks/s",
            f"raw model, same chunks: {raw:.1f} chunks/s on {threads} thread, {raw_all_cores:.1f} on {os.cpu_count()}",
        ),
        ("pipeline overhead (raw chunks/s ÷ pipeline chunks/s, same threads)", f"{raw / ours:.2f}x", ""),
    ]
    return rows, texts


def _chunks_per_second(model, texts: list[str]) -> float:
    started = time.perf_counter()
    model.encode(texts, batch_size=32)
    return len(texts) / (time.perf_counter() - started)


def bench_answers(settings: Settings, questions: list[str]) -> list[tuple[str, str, str]]:
    """Warm `answer()` latency over many questions, next to a plain LlamaIndex pipeline's retrieval."""
    from qa.pipeline import answer, engine

    engine(settings)
    answer(questions[0], settings=settings)  # warm: model, spaCy and caches loaded
    timings = []
    for q in questions:
        started = time.perf_counter()
        answer(q, settings=settings)
        timings.append(time.perf_counter() - started)
    baseline = _plain_llamaindex(settings, questions)
    return [
        (
            f"warm answer() latency, {len(questions)} questions",
            f"p50 {_ms(statistics.median(timings))}",
            f"p95 {_ms(_percentile(timings, 95))}",
        ),
        (
            "plain LlamaIndex (defaults, dense top-2, in memory): retrieve",
            f"p50 {_ms(statistics.median(baseline))}",
            f"p95 {_ms(_percentile(baseline, 95))}",
        ),
    ]


def _plain_llamaindex(settings: Settings, questions: list[str]) -> list[float]:
    from llama_index.core import SimpleDirectoryReader, VectorStoreIndex

    from qa.embeddings import embed_model

    docs = SimpleDirectoryReader(str(settings.seeds_dir), required_exts=[".txt", ".md"]).load_data()
    retriever = VectorStoreIndex.from_documents(docs, embed_model=embed_model()).as_retriever(similarity_top_k=2)
    timings = []
    for q in questions:
        started = time.perf_counter()
        retriever.retrieve(q)
        timings.append(time.perf_counter() - started)
    return timings


def bench_first_answer(settings: Settings, question: str) -> list[tuple[str, str, str]]:
    """A fresh process: from start to its first answer over an index that already exists."""
    code = (
        "import sys, time; from pathlib import Path; import qa; from qa.config import Settings; "
        f"s = Settings(seeds_dir=Path({str(settings.seeds_dir)!r}), index_dir=Path({str(settings.index_dir)!r})); "
        f"qa.answer({question!r}, settings=s)"
    )
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    first = time.perf_counter() - started
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import torch, transformers"], check=True)
    imports = time.perf_counter() - started
    return [
        (
            "first answer after start (new process, index on disk)",
            f"{first:.1f} s",
            f"of which importing torch + transformers: {imports:.1f} s",
        ),
        (
            "peak RSS",
            f"{_peak_rss_mb():.0f} MB this process",
            f"{_peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB largest child (the first-answer process)",
        ),
    ]


def main() -> None:
    """Run every benchmark on a fresh index in a temp folder and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds", help="the articles to index")
    parser.add_argument("--questions", type=int, default=60, help="how many questions to time (at least 50)")
    parser.add_argument("--limit", type=int, help="index only the first N articles of --seeds")
    args = parser.parse_args()
    questions = [q for q in QUESTIONS.read_text().splitlines() if q.strip()]
    questions = (questions * (args.questions // len(questions) + 1))[: args.questions]
    with tempfile.TemporaryDirectory() as tmp:
        seeds = args.seeds
        if args.limit:
            seeds = Path(tmp) / "articles"
            seeds.mkdir()
            for path in sorted(p for p in args.seeds.iterdir() if p.suffix in {".txt", ".md"})[: args.limit]:
                shutil.copy(path, seeds / path.name)
        settings = Settings(seeds_dir=seeds, index_dir=Path(tmp) / "index")
        rows, _ = bench_ingest(settings)
        rows += bench_answers(settings, questions)
        rows += bench_first_answer(settings, questions[0])
    label = f"{args.seeds.name}, first {args.limit}" if args.limit else args.seeds.name
    print(f"| measure ({label}, {os.cpu_count()} cores, CPU) | value | baseline / detail |")
    print("|---|---|---|")
    for name, value, detail in rows:
        print(f"| {name} | {value} | {detail} |")


if __name__ == "__main__":
    main()
