"""Writes data/west_roxbury.csv for outliers-duplicates-roxbury. Run at authoring time:
    python3 -m venv /tmp/pkgdata && /tmp/pkgdata/bin/pip install dmba pandas==3.1.1
    /tmp/pkgdata/bin/python generate.py

The table is the West Roxbury (Boston) housing data of Shmueli et al., "Data Mining for
Business Analytics", as the `dmba` wheel ships it: 5,802 houses assessed in 2014. It is copied
as it is, flaws included: column names with trailing spaces, three houses listed twice and
one house built in year 0. Only the order of the columns is kept and REMODEL's "None" is
written as the word, so no reader mistakes it for a missing value.
"""

from pathlib import Path


def main():
    import dmba

    table = dmba.load_data("WestRoxbury.csv", keep_default_na=False)
    here = Path(__file__).parent
    (here / "data").mkdir(exist_ok=True)
    table.to_csv(here / "data/west_roxbury.csv", index=False)


if __name__ == "__main__":
    main()
