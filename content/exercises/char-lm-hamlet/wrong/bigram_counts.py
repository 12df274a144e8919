import numpy as np


def train_and_predict(train_codes, contexts):
    """Counts of which character follows which: a fine baseline, not a language model."""
    counts = np.ones((128, 128))
    np.add.at(counts, (train_codes[:-1], train_codes[1:]), 1)
    probabilities = counts / counts.sum(axis=1, keepdims=True)
    return probabilities[contexts[:, -1]]
