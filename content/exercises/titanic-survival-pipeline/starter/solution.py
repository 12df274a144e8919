import numpy as np
import pandas as pd


def impute_age(train, test):
    """(train ages, test ages): each missing age filled from the training passengers."""
    return np.asarray(train["age"], float), np.asarray(test["age"], float)  # TODO: impute


def design_matrix(train, test):
    """(Z_train, Z_test): the feature matrices described in the statement."""
    age_train, age_test = impute_age(train, test)
    return age_train[:, None], age_test[:, None]  # TODO: scale, flag, one-hot encode


def fit_predict(train_csv, test_csv):
    """One predicted survival (0 or 1) per passenger of the test file, in its order."""
    train = pd.read_csv(train_csv)
    test = pd.read_csv(test_csv)
    return np.zeros(len(test), dtype=int)  # TODO: a real pipeline and model
