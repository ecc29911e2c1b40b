#!/usr/bin/env python3
"""A large RandomForestClassifier for `npm run bench` (deterministic; about 185 MiB, the
size the issue measured, as joblib and as a plain pickle.dump). Random labels make every
tree grow to full depth, which is what makes real forests big.
   /usr/bin/python3 bench/make-big-model.py OUT_DIR"""
import os
import pickle
import sys
import time

import joblib
import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.RandomState(0)
X = pd.DataFrame(rng.rand(55_000, 12), columns=[f"f{i}" for i in range(12)])
y = rng.randint(0, 2, len(X))
started = time.time()
model = RandomForestClassifier(n_estimators=130, random_state=0, n_jobs=-1).fit(X, y)
joblib.dump(model, os.path.join(out, "big_rf.joblib"))
with open(os.path.join(out, "big_rf.pkl"), "wb") as f:
    pickle.dump(model, f, protocol=4)
print(f"fitted in {time.time() - started:.1f}s; {os.path.getsize(os.path.join(out, 'big_rf.pkl')) / 2**20:.0f} MiB")
