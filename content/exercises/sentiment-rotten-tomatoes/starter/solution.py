import numpy as np
import torch
from torch import nn

import report


def train_and_predict(texts_train, y_train, texts_test):
    """Train a PyTorch text classifier on the quotes; return 1 (fresh) or 0 (rotten) per test quote.

    texts_* are numpy arrays of UTF-8 byte strings: text = texts_train[i].decode("utf-8").
    """
    texts = [t.decode("utf-8") for t in texts_train]
    # TODO: tokenize, build a vocabulary from the training texts, map texts to ids,
    #       train an nn.Module (an EmbeddingBag, or your LSTM) with a loop that calls
    #       report.log(epoch=..., loss=...), and predict the test quotes
    return np.zeros(len(texts_test), dtype=int)
