import numpy as np
from sklearn.feature_extraction.text import CountVectorizer


def fit_multinomial_nb(X, y, alpha=1.0):
    classes = np.unique(y)
    counts = np.array([np.asarray(X[y == c].sum(axis=0), dtype=float).ravel() for c in classes]) + alpha
    class_log_prior = np.log(np.full(len(classes), 1 / len(classes)))  # every class equally likely
    feature_log_prob = np.log(counts / counts.sum(axis=1, keepdims=True))
    return class_log_prior, feature_log_prob


def log_scores(class_log_prior, feature_log_prob, X):
    return np.asarray(X @ feature_log_prob.T) + class_log_prior


def _read_train(path):
    labels, texts = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            label, text = line.rstrip("\n").split("\t", 1)
            labels.append(int(label))
            texts.append(text)
    return texts, np.array(labels)


def classify_reviews(train_path, test_path):
    texts, y = _read_train(train_path)
    with open(test_path, encoding="utf-8") as fh:
        test_texts = [line.rstrip("\n") for line in fh]
    vectorizer = CountVectorizer(ngram_range=(1, 2), min_df=1)
    X = vectorizer.fit_transform(texts)  # sparse: most words are absent from most snippets
    prior, word = fit_multinomial_nb(X, y, alpha=0.5)
    scores = log_scores(prior, word, vectorizer.transform(test_texts))
    return scores.argmax(axis=1)
