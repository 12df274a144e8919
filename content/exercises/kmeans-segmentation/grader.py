"""Small customer tables for kmeans-segmentation's standardize check. Worker only."""


def small_tables(rng):
    return [
        {"args": [rng.normal(loc=[1500, 5, 40, 60, 0.5], scale=[600, 3, 15, 50, 0.2], size=(n, 5))]}
        for n in (6, 20, 3)
    ]
