import numpy as np

from qa.embeddings import MODEL_NAME, embed_model, model_path


def test_the_bundled_model_loads_from_site_packages_and_embeds():
    assert "site-packages" in model_path() and MODEL_NAME == "all-MiniLM-L6-v2"
    vectors = np.array(embed_model().get_text_embedding_batch(["Choe met Putin.", "The cat sat on the mat."]))
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    query = np.array(embed_model().get_query_embedding("Who met the Russian president?"))
    assert query @ vectors[0] > query @ vectors[1]
