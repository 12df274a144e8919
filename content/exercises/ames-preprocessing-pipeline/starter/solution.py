import numpy as np
import pandas as pd


def preprocess(train_num, train_cat, test_num, test_cat):
    """(train matrix, test matrix): imputed and scaled numbers, then one-hot categories."""
    return train_num, test_num  # TODO: impute, scale, encode, fitted on the training rows


def fit_predict(train_csv, test_csv):
    """One predicted sale price per row of the test file."""
    train = pd.read_csv(train_csv)
    test = pd.read_csv(test_csv)
    return np.full(len(test), train["Sale_Price"].mean())  # TODO: a real model
