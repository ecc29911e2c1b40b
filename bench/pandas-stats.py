#!/usr/bin/env python3
"""The data pass's counts as pandas gives them, for `npm run bench` to time against ours.

  /usr/bin/python3 bench/pandas-stats.py data.csv [category-column]

read_csv(dtype=str), then rows, isna().sum() per column, duplicated().sum() and
value_counts() of the category column (nunique is its length). Prints one JSON object
in the shape bench/csv-scan.mjs prints, so the two can be compared as well as timed.
"""
import json
import sys

import pandas as pd

path = sys.argv[1]
category = sys.argv[2] if len(sys.argv) > 2 else "Category"
df = pd.read_csv(path, dtype=str)
counts = df[category].value_counts(dropna=False)
print(json.dumps({
    "rows": len(df),
    "missing": {c: int(n) for c, n in df.isna().sum().items()},
    "duplicates": int(df.duplicated().sum()),
    "categories": sorted([[None if pd.isna(k) else k, int(v)] for k, v in counts.items()], key=lambda kv: (-kv[1], kv[0] or "")),
}, ensure_ascii=False))
