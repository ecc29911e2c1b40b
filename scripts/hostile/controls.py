"""Genuine files next to the attacks: what scikit-learn and scipy really write, which must
stay "safe". A RandomizedSearchCV with scipy.stats distributions pickles their exec'd
argument template and, for rv_discrete, getattr(distribution, '_entropy'): the rules for
both must let the real thing through."""
import io
import pickle

import joblib
import numpy as np
import scipy.stats
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RandomizedSearchCV

from .fixture import Fixture, answered

CLASS = "control"


def _search():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0]])
    dists = {"C": scipy.stats.loguniform(1e-2, 1e2), "max_iter": scipy.stats.randint(100, 300)}
    return RandomizedSearchCV(LogisticRegression(), dists, n_iter=2, cv=3, random_state=0).fit(X, [0, 1, 0, 1, 0, 1, 0, 1, 0])


def _joblib(obj):
    buf = io.BytesIO()
    joblib.dump(obj, buf)
    return buf.getvalue()


def fixtures():
    search = _search()
    out = []
    for name, data, what in [
        ("random_search_scipy_p4.pkl", pickle.dumps(search, protocol=4), "pickle protocol 4"),
        ("random_search_scipy_p2.pkl", pickle.dumps(search, protocol=2), "pickle protocol 2 (Python 2 names for builtins)"),
        ("random_search_scipy.joblib", _joblib(search), "joblib.dump"),
        ("scipy_randint_frozen_p4.pkl", pickle.dumps(scipy.stats.randint(1, 10), protocol=4), "pickle protocol 4"),
    ]:
        out.append(Fixture(f"controls/{name}", data, CLASS,
                           f"a genuine {'RandomizedSearchCV with scipy.stats loguniform and randint' if 'search' in name else 'frozen scipy.stats.randint'} ({what})",
                           answered("safe"), effect="none"))
    return out
