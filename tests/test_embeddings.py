from pathlib import Path

import numpy as np

from qa.chunking import sentence_spans
from qa.embeddings import MODEL_NAME, embed_model, embed_texts, model_path


def test_the_bundled_model_loads_from_site_packages_and_embeds():
    assert "site-packages" in model_path() and MODEL_NAME == "all-MiniLM-L6-v2"
    vectors = np.array(embed_model().get_text_embedding_batch(["Choe met Putin.", "The cat sat on the mat."]))
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    query = np.array(embed_model().get_query_embedding("Who met the Russian president?"))
    assert query @ vectors[0] > query @ vectors[1]


def test_a_text_embeds_to_the_same_vector_whatever_it_is_embedded_with():
    texts = [path.read_text(encoding="utf-8") for path in sorted(Path("seeds").glob("0*.txt"))]
    sentences = sorted({text[s:e] for text in texts for s, e in sentence_spans(text)})[:60]
    together = embed_texts(sentences)
    shuffled = list(reversed(sentences[::2]))
    apart = embed_texts(shuffled)
    for text, vector in zip(shuffled, apart, strict=True):
        assert np.array_equal(vector, together[sentences.index(text)])
        assert np.array_equal(vector, embed_texts([text])[0])
    words = ["Moscow", "Putin", "talks", "arrived", "minister", "Pyongyang", "delegation", "visit"]
    assert all(np.array_equal(v, embed_texts([w])[0]) for w, v in zip(words, embed_texts(words), strict=True))
