"""Random embeddings for the ranking probe, the hidden queries (shown to the learner's code only
at grading time) and the recall@k judge, which reads their answers in the worker. Worker only."""

from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
K = 10
# The reference (reference/solution.py: all-MiniLM-L6-v2 embeddings, cosine similarity)
# finds the right film in its top 10 for 0.658 of the 120 queries (0.425 at k = 1); a random
# ranking would for 10/300 = 0.033.
FULL_MARKS = 0.60


def embeddings(rng):
    cases = []
    for n_docs, n_queries, dim, k in [(8, 2, 4, 3), (50, 7, 16, 5), (200, 20, 32, 10)]:
        scale = rng.uniform(0.2, 5.0, size=(n_docs, 1))  # rows of different lengths
        docs = rng.normal(size=(n_docs, dim)) * scale
        cases.append(
            {
                "args": [
                    docs.astype(np.float32),
                    rng.normal(size=(n_queries, dim)).astype(np.float32),
                    k,
                ]
            }
        )
    return cases


def hidden_queries(rng):
    documents = np.load(HERE / "data" / "documents.npy")
    return [{"args": [documents, np.load(HERE / "hidden" / "queries.npy"), K]}]


def recall_at_least(value, documents, queries, k):
    """None when every row holds k document ids and recall@k reaches FULL_MARKS."""
    answers = np.load(HERE / "hidden" / "answers.npy")
    try:
        found = np.asarray(value)
    except (TypeError, ValueError):
        return "returned something that is not an array of document ids"
    want = (len(answers), k)
    if found.shape != want:
        return f"returned an array of shape {found.shape}; expected {want}, the top {k} document ids per query"
    if found.dtype.kind not in "iu" or found.min() < 0 or found.max() >= len(documents):
        return (
            f"returned values that are not document ids (integers from 0 to {len(documents) - 1})"
        )
    recall = float(np.mean([answers[i] in found[i] for i in range(len(answers))]))
    at_one = float(np.mean(found[:, 0] == answers))
    if recall < FULL_MARKS:
        return (
            f"found the right document in the top {k} for {recall:.3f} of the {len(answers)} queries "
            f"(recall@{k}; {at_one:.3f} at rank 1); full marks need {FULL_MARKS} "
            "(the reference reaches 0.658, a random ranking 0.033)"
        )
    return None
