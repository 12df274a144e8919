import numpy as np
from sklearn.neighbors import KNeighborsClassifier


def knn_predict(X_train, y_train, X_query, k):
    return KNeighborsClassifier(n_neighbors=k).fit(X_train, y_train).predict(X_query)


def classify_wines(X_train, y_train, X_test, k=5):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return knn_predict((X_train - mean) / std, y_train, (X_test - mean) / std, k)
