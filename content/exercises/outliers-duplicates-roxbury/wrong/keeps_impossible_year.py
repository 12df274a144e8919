import numpy as np
import pandas as pd


def duplicate_mask(rows):
    """True for each row that repeats an earlier row exactly (the first copy stays False)."""
    seen = set()
    mask = np.zeros(len(rows), dtype=bool)
    for i, row in enumerate(map(tuple, np.asarray(rows).tolist())):
        mask[i] = row in seen
        seen.add(row)
    return mask


def iqr_fences(x, k=1.5):
    q1, q3 = np.nanpercentile(x, [25, 75])
    return q1 - k * (q3 - q1), q3 + k * (q3 - q1)


def iqr_outliers(x, k=1.5):
    low, high = iqr_fences(x, k)
    return (x < low) | (x > high)


def modified_z_outliers(x, threshold=3.5):
    median = np.median(x)
    mad = np.median(np.abs(x - median))
    return np.abs(0.6745 * (x - median) / mad) > threshold


def clean(csv_path):
    table = pd.read_csv(csv_path, keep_default_na=False)
    table.columns = table.columns.str.strip()
    table = table[~table.duplicated(keep="first")]
    table = table[~iqr_outliers(table["TOTAL VALUE"].to_numpy())]
    return table.index.to_numpy(dtype=np.int64)
