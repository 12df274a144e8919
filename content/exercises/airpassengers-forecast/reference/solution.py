import warnings

import numpy as np
from statsmodels.tsa.statespace.sarimax import SARIMAX


def chronological_split(series, horizon):
    """Everything before the last `horizon` points to fit on, the last `horizon` to test on."""
    return series[:-horizon], series[-horizon:]


def seasonal_naive(history, horizon, period=12):
    """Each future point repeats the value one period earlier."""
    last = history[-period:]
    return np.array([last[i % period] for i in range(horizon)], dtype=float)


def backtest_rmse(series, horizon):
    train, test = chronological_split(series, horizon)
    return float(np.sqrt(np.mean((seasonal_naive(train, horizon) - test) ** 2)))


def forecast(history, horizon):
    """Box and Jenkins' airline model: SARIMA(0,1,1)(0,1,1)12 on the log of the series."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = SARIMAX(np.log(history), order=(0, 1, 1), seasonal_order=(0, 1, 1, 12))
        fitted = model.fit(disp=False)
    return np.exp(fitted.forecast(horizon))
