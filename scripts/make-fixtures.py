#!/usr/bin/env python3
"""Make the model fixtures the tests read, and scikit-learn's own answers about them.

  apt-get install -y python3-sklearn python3-pandas python3-joblib
  /usr/bin/python3 scripts/make-fixtures.py

Writes test/fixtures/models/<kind>__<format>.pkl (small real models, every estimator
kind by every container format, plus numpy-2 name and scikit-learn >= 1.3 node-layout
variants), test/fixtures/models/truth.json (what scikit-learn and the pickle module say
about each file), and test/fixtures/sample-truth.json (the committed sample models and
data/apps.csv as scikit-learn and pandas see them). Tests never run Python; they compare
against these files.

The JSON encoding of values is the one src/collect/pickle/to-json.ts documents.
"""
import io
import json
import math
import os
import pickle
import sys
import types
import warnings

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.base import BaseEstimator
from sklearn.compose import ColumnTransformer
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import (BaggingClassifier, ExtraTreesClassifier, GradientBoostingClassifier,
                              HistGradientBoostingClassifier, RandomForestClassifier,
                              RandomForestRegressor, StackingClassifier, VotingClassifier)
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
from sklearn.naive_bayes import MultinomialNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

warnings.filterwarnings("ignore")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "models")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from fixture_tokenizer import app_tokenizer  # noqa: E402  (user code: the reader must say "unknown")

MAX_ARRAY_ITEMS = 64


# ---------------------------------------------------------------- canonical JSON
def canon(v, depth=0):
    """The value as to-json.ts writes it."""
    if depth > 40:
        return {"__truncated__": "nested too deep"}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        i = int(v)
        return i if abs(i) <= 2**53 - 1 else str(i)
    if isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return f
    if isinstance(v, bytes):
        return {"__bytes__": len(v)}
    if isinstance(v, np.dtype):
        return {"__dtype__": str(v)}
    if isinstance(v, np.ndarray):
        if v.size > MAX_ARRAY_ITEMS or v.dtype.names:
            return {"__ndarray__": {"dtype": str(v.dtype), "shape": list(v.shape)}}
        return canon(v.tolist(), depth + 1)
    if isinstance(v, (list, tuple, set, frozenset)):
        return [canon(x, depth + 1) for x in v]
    if isinstance(v, dict):
        return {key_text(k): canon(x, depth + 1) for k, x in v.items()}
    if isinstance(v, BaseEstimator):
        return {"__estimator__": f"{type(v).__module__}.{type(v).__qualname__}", "params": params_of(v, depth + 1)}
    if isinstance(v, type) or callable(v):
        return {"__global__": f"{v.__module__}.{v.__qualname__}"}
    return {"__object__": f"{type(v).__module__}.{type(v).__qualname__}"}


def key_text(k):
    """A dict key as json.dumps writes it."""
    if isinstance(k, str):
        return k
    if k is None:
        return "null"
    if isinstance(k, (bool, np.bool_)):
        return "true" if k else "false"
    if isinstance(k, (int, np.integer)):
        return str(int(k))
    return json.dumps(canon(k))


def params_of(est, depth=0):
    return {k: canon(x, depth + 1) for k, x in sorted(est.get_params(deep=False).items())}


def floats(a):
    return [canon(x) for x in np.asarray(a, dtype=np.float64).ravel().tolist()]


# ---------------------------------------------------------------- what the tests compare
def final_step(m):
    if hasattr(m, "best_estimator_"):
        return final_step(m.best_estimator_)
    if isinstance(m, Pipeline):
        return final_step(m.steps[-1][1])
    return m


def truth_of(m):
    t = {
        "class": type(m).__qualname__,
        "module": type(m).__module__,
        "params": params_of(m),
        # BaseEstimator.__getstate__ stamps the running version into every pickle
        "sklearn_version": sklearn.__version__ if type(m).__module__.startswith("sklearn.") else None,
    }
    for attr in ("classes_", "n_features_in_", "feature_names_in_", "n_outputs_", "best_score_", "best_params_"):
        try:
            val = getattr(m, attr)
        except AttributeError:
            continue
        t[attr] = canon(val.tolist() if isinstance(val, np.ndarray) else val)
    if hasattr(m, "n_iter_"):
        t["n_iter_"] = canon(m.n_iter_)
    est = final_step(m)
    try:
        t["feature_importances_"] = floats(est.feature_importances_)
    except (AttributeError, ValueError):
        pass
    if hasattr(est, "coef_"):
        t["coef_"] = canon(np.asarray(est.coef_, dtype=np.float64).tolist())
        t["intercept_"] = canon(np.atleast_1d(np.asarray(est.intercept_, dtype=np.float64)).tolist())
    if isinstance(m, Pipeline):
        t["steps"] = [[name, type(s).__qualname__] for name, s in m.steps]
    if isinstance(m, ColumnTransformer):
        t["transformers"] = [[name, tr if isinstance(tr, str) else type(tr).__qualname__, canon(cols)]
                             for name, tr, cols in m.transformers_]
    if hasattr(m, "best_estimator_"):
        t["best_estimator"] = type(m.best_estimator_).__qualname__
    if hasattr(m, "estimators_") and isinstance(m.estimators_, list):
        t["n_estimators_fitted"] = len(m.estimators_)
    elif hasattr(m, "estimators_") and isinstance(m.estimators_, np.ndarray):
        t["n_estimators_fitted"] = int(m.estimators_.shape[0])
    return t


class RecordingUnpickler(pickle.Unpickler):
    """Records every module.name the file imports, exactly as written (before fix_imports)."""
    seen = None

    def find_class(self, module, name):
        RecordingUnpickler.seen.add(f"{module}.{name}")
        return super().find_class(module, name)


def imports_of(path, loader):
    RecordingUnpickler.seen = set()
    if loader == "pickle":
        with open(path, "rb") as f:
            RecordingUnpickler(f).load()
    else:
        original = joblib.numpy_pickle.NumpyUnpickler.find_class
        original_load = joblib.numpy_pickle.pickle.load

        def recording(self, module, name):
            RecordingUnpickler.seen.add(f"{module}.{name}")
            return original(self, module, name)
        # object arrays are nested pickles that joblib reads with a plain pickle.load
        joblib.numpy_pickle.NumpyUnpickler.find_class = recording
        joblib.numpy_pickle.pickle.load = lambda f, **kw: RecordingUnpickler(f, **kw).load()
        try:
            joblib.load(path)
        finally:
            joblib.numpy_pickle.NumpyUnpickler.find_class = original
            joblib.numpy_pickle.pickle.load = original_load
    return sorted(RecordingUnpickler.seen)


# ---------------------------------------------------------------- the models
def build_models():
    X, y = make_classification(n_samples=240, n_features=6, n_informative=4, n_redundant=1, n_classes=3, random_state=0)
    cols = [f"feat_{i}" for i in range(6)]
    Xdf = pd.DataFrame(X, columns=cols)
    Xb, yb = make_classification(n_samples=200, n_features=5, n_informative=3, random_state=1)
    yb_str = np.where(yb == 1, "churn", "stay")
    Xbdf = pd.DataFrame(Xb, columns=[f"b{i}" for i in range(5)])
    Xr, yr = make_regression(n_samples=160, n_features=4, noise=0.5, random_state=2)
    Xrdf = pd.DataFrame(Xr, columns=[f"r{i}" for i in range(4)])
    mixed = pd.DataFrame({"rating": X[:, 0], "reviews": np.abs(X[:, 1]) * 1000,
                          "type": np.where(X[:, 2] > 0, "Free", "Paid"), "content": np.where(X[:, 3] > 0.5, "Teen", "Everyone")})
    names = ["Candy Saga", "Clash Arena", "Chess Free", "Puzzle Kids", "Notes Pro", "Tasks Planner", "Docs Office",
             "Mail Plus", "Radio Music", "Music Player", "Song Finder", "Beat Maker"] * 4
    labels = (["GAME"] * 4 + ["PRODUCTIVITY"] * 4 + ["MUSIC"] * 4) * 4
    return {
        "rf_clf": RandomForestClassifier(n_estimators=8, max_depth=4, random_state=0).fit(Xdf, y),
        "et_clf": ExtraTreesClassifier(n_estimators=6, max_depth=5, min_samples_leaf=2, random_state=0).fit(X, y),
        "gb_clf": GradientBoostingClassifier(n_estimators=8, max_depth=2, learning_rate=0.2, random_state=0).fit(Xdf, y),
        "gb_bin": GradientBoostingClassifier(n_estimators=10, max_depth=2, subsample=0.8, random_state=0).fit(Xb, yb),
        "hgb_clf": HistGradientBoostingClassifier(max_iter=10, random_state=0).fit(Xdf, y),
        "dt_clf": DecisionTreeClassifier(max_depth=4, class_weight={0: 1.0, 1: 2.0, 2: 1.0}, random_state=0).fit(X, y),
        "logreg_str": LogisticRegression(C=0.5, max_iter=500).fit(Xbdf, yb_str),
        "svc": SVC(C=np.float64(1.5), gamma="scale").fit(X, y),
        "knn": KNeighborsClassifier(n_neighbors=3, algorithm="kd_tree").fit(X, y),
        "pipe_scaler_lr": Pipeline([("scaler", StandardScaler()), ("clf", LogisticRegression(C=float("inf"), max_iter=2000))]).fit(Xdf, y),
        "column_pipe": Pipeline([
            ("prep", ColumnTransformer([("num", StandardScaler(), ["rating", "reviews"]),
                                        ("cat", OneHotEncoder(handle_unknown="ignore"), ["type", "content"])])),
            ("clf", LogisticRegression(max_iter=500))]).fit(mixed, y),
        "grid_rf": GridSearchCV(RandomForestClassifier(random_state=0), {"n_estimators": [3, 6], "max_depth": [2, 3]},
                                cv=3, error_score=float("nan")).fit(X, y),
        "random_lr": RandomizedSearchCV(LogisticRegression(max_iter=300), {"C": [0.1, 1.0, 10.0]}, n_iter=2, cv=3,
                                        random_state=0).fit(Xb, yb),
        "rf_reg": RandomForestRegressor(n_estimators=5, max_depth=5, random_state=0).fit(Xrdf, yr),
        "linreg": LinearRegression().fit(Xrdf, yr),
        "voting": VotingClassifier([("lr", LogisticRegression(max_iter=300)), ("dt", DecisionTreeClassifier(max_depth=3, random_state=0))],
                                   voting="soft").fit(X, y),
        "stacking": StackingClassifier([("dt", DecisionTreeClassifier(max_depth=2, random_state=0)), ("knn", KNeighborsClassifier(n_neighbors=5))],
                                       final_estimator=LogisticRegression(max_iter=300), cv=3).fit(X, y),
        "bagging": BaggingClassifier(DecisionTreeClassifier(max_depth=3), n_estimators=4, random_state=0).fit(X, y),
        "tfidf_nb": Pipeline([("tfidf", TfidfVectorizer(tokenizer=app_tokenizer, token_pattern=None, ngram_range=(1, 2))),
                              ("nb", MultinomialNB(alpha=0.5))]).fit(names, labels),
    }


FORMATS = {
    "pickle_p0": ("pickle", lambda m, p: pickle.dump(m, open(p, "wb"), protocol=0)),
    "pickle_p2": ("pickle", lambda m, p: pickle.dump(m, open(p, "wb"), protocol=2)),
    "pickle_p4": ("pickle", lambda m, p: pickle.dump(m, open(p, "wb"), protocol=4)),
    "pickle_p5": ("pickle", lambda m, p: pickle.dump(m, open(p, "wb"), protocol=5)),
    "joblib_raw": ("joblib", lambda m, p: joblib.dump(m, p)),
    "joblib_p2": ("joblib", lambda m, p: joblib.dump(m, p, protocol=2)),
    "joblib_zlib": ("joblib", lambda m, p: joblib.dump(m, p, compress=3)),
    "joblib_gzip": ("joblib", lambda m, p: joblib.dump(m, p, compress=("gzip", 3))),
    "joblib_bz2": ("joblib", lambda m, p: joblib.dump(m, p, compress=("bz2", 3))),
    "joblib_xz": ("joblib", lambda m, p: joblib.dump(m, p, compress=("xz", 3))),
    "joblib_lzma": ("joblib", lambda m, p: joblib.dump(m, p, compress=("lzma", 3))),
    "joblib_lz4": ("joblib", lambda m, p: joblib.dump(m, p, compress=("lz4", 3))),  # needs python3-lz4
}


# ---------------------------------------------------------------- emulated variants
def fake_function(module, name):
    """A stand-in whose pickled name is module.name (numpy 2 moved numpy.core to numpy._core)."""
    mod = sys.modules.setdefault(module, types.ModuleType(module))
    f = lambda *a: None  # noqa: E731
    f.__module__, f.__qualname__, f.__name__ = module, name, name
    setattr(mod, name, f)
    return f


class Numpy2Pickler(pickle.Pickler):
    """Writes numpy arrays and scalars under numpy 2's numpy._core names."""
    RECON = staticmethod(fake_function("numpy._core.multiarray", "_reconstruct"))
    SCALAR = staticmethod(fake_function("numpy._core.multiarray", "scalar"))
    FROMBUF = staticmethod(fake_function("numpy._core.numeric", "_frombuffer"))

    def __init__(self, f, protocol):
        super().__init__(f, protocol=protocol)
        self.protocol_number = protocol  # the C pickler does not expose it

    def reducer_override(self, obj):
        if type(obj) is np.ndarray:
            r = obj.__reduce_ex__(self.protocol_number)
            fn = {"_reconstruct": self.RECON, "_frombuffer": self.FROMBUF}.get(r[0].__name__)
            return (fn,) + tuple(r[1:]) if fn else r
        if isinstance(obj, np.generic):
            r = obj.__reduce__()
            return (self.SCALAR,) + tuple(r[1:])
        return NotImplemented


class NewTreeLayoutPickler(pickle.Pickler):
    """scikit-learn >= 1.3 adds missing_go_to_left to tree nodes (64-byte records, not 56)."""

    def reducer_override(self, obj):
        from sklearn.tree._tree import Tree
        if isinstance(obj, Tree):
            cls, args, state = obj.__reduce__()
            nodes = state["nodes"]
            names = list(nodes.dtype.names)
            dt = np.dtype({"names": names + ["missing_go_to_left"],
                           "formats": [nodes.dtype.fields[n][0] for n in names] + [np.uint8],
                           "offsets": [nodes.dtype.fields[n][1] for n in names] + [56], "itemsize": 64})
            wide = np.zeros(len(nodes), dtype=dt)
            for n in names:
                wide[n] = nodes[n]
            return (cls, args, dict(state, nodes=wide))
        return NotImplemented


def without_timings(models):
    """Search results record fit times; zero them so the fixtures regenerate byte for byte."""
    for m in models.values():
        if hasattr(m, "cv_results_"):
            for k in ("mean_fit_time", "std_fit_time", "mean_score_time", "std_score_time"):
                m.cv_results_[k][:] = 0.0
            m.refit_time_ = 0.0
    return models


class OldJoblibPickler(pickle.Pickler):
    """joblib < 0.10 (before 2016) pickled each array as an NDArrayWrapper naming a companion
    .npy file written beside the pickle. Emulated with joblib's own compatibility class,
    spelled under its old module name, so that joblib.load still reads the result."""

    def __init__(self, f, path):
        super().__init__(f, protocol=2)
        self.path, self.count = path, 0

    def reducer_override(self, obj):
        from joblib.numpy_pickle_compat import NDArrayWrapper
        if type(obj) is not np.ndarray:
            return NotImplemented
        self.count += 1
        name = f"{os.path.basename(self.path)}_{self.count:02d}.npy"
        np.save(os.path.join(os.path.dirname(self.path), name), obj, allow_pickle=True)
        NDArrayWrapper.__module__ = "joblib.numpy_pickle"
        import copyreg
        # _reconstructor + BUILD: joblib's unpickler swaps the wrapper for the array at BUILD
        return (copyreg._reconstructor, (NDArrayWrapper, object, None),
                {"filename": name, "subclass": np.ndarray, "allow_mmap": True})


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    models = without_timings(build_models())
    files = []

    def record(path, kind, fmt, loader, imports=True):
        files.append({"file": os.path.basename(path), "kind": kind, "format": fmt,
                      "imports": imports_of(path, loader) if imports else None})

    for kind, model in models.items():
        for fmt, (loader, dump) in FORMATS.items():
            path = os.path.join(OUT, f"{kind}__{fmt}.pkl")
            dump(model, path)
            record(path, kind, fmt, loader)
    for kind in ("rf_clf", "logreg_str"):
        for proto in (4, 5):
            path = os.path.join(OUT, f"{kind}__numpy2_p{proto}.pkl")
            with open(path, "wb") as f:
                Numpy2Pickler(f, protocol=proto).dump(models[kind])
            record(path, kind, f"numpy2_p{proto}", "pickle", imports=False)  # numpy 1 cannot load numpy 2 names
    for kind in ("rf_clf", "logreg_str", "gb_clf"):
        path = os.path.join(OUT, f"{kind}__joblib_old.pkl")
        with open(path, "wb") as f:
            OldJoblibPickler(f, path).dump(models[kind])
        record(path, kind, "joblib_old", "joblib")
    for kind in ("rf_clf", "gb_clf", "dt_clf"):
        path = os.path.join(OUT, f"{kind}__sk13nodes_p4.pkl")
        with open(path, "wb") as f:
            NewTreeLayoutPickler(f, protocol=4).dump(models[kind])
        record(path, kind, "sk13nodes_p4", "pickle", imports=False)  # scikit-learn 1.2 rejects the new layout

    truth = {
        "generator": {"sklearn": sklearn.__version__, "numpy": np.__version__, "joblib": joblib.__version__,
                      "pandas": pd.__version__, "python": sys.version.split()[0]},
        "models": {kind: truth_of(m) for kind, m in models.items()},
        "files": files,
    }
    with open(os.path.join(OUT, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True, allow_nan=False)
        f.write("\n")
    print(f"{len(files)} files, {len(models)} kinds, scikit-learn {sklearn.__version__}")
    write_values()
    write_sample_truth()


def write_values():
    """Non-estimator values the reader summarises: sparse matrices, DataFrames, numpy dtypes."""
    import scipy.sparse as sp
    out = os.path.join(ROOT, "test", "fixtures", "values")
    os.makedirs(out, exist_ok=True)
    m = sp.random(40, 30, density=0.1, format="csr", random_state=0)
    df = pd.DataFrame({"app": ["a", "b"], "rating": [4.5, 3.0], "installs": [10, 20]})
    arrays = {"f2": np.arange(5, dtype=np.float16) / 4, "u8": np.array([2**63 + 5], dtype=np.uint64),
              "i8_be": np.array([-3, 7], dtype=">i8"), "bool": np.array([True, False]),
              "u3": np.array(["abc", "é"], dtype="<U3"), "s2": np.array([b"ab", b"c"]),
              "c16": np.array([1 + 2j]), "fortran": np.asfortranarray(np.arange(6.0).reshape(2, 3)),
              "datetime": np.array(["2026-01-03"], dtype="datetime64[D]")}
    truth = {"sparse": {"shape": [40, 30], "nnz": int(m.nnz), "class": type(m).__module__ + "." + type(m).__qualname__},
             "dataframe": {"columns": list(df.columns)},
             "arrays": {k: {"dtype": str(a.dtype), "shape": list(a.shape),
                            "values": [str(x) if k in ("c16", "datetime", "s2") else canon(x) for x in a.tolist()] if k != "fortran" else a.tolist()}
                        for k, a in arrays.items()}}
    for proto in (2, 4):
        with open(os.path.join(out, f"sparse_p{proto}.pkl"), "wb") as f:
            pickle.dump(m, f, protocol=proto)
        with open(os.path.join(out, f"dataframe_p{proto}.pkl"), "wb") as f:
            pickle.dump(df, f, protocol=proto)
        with open(os.path.join(out, f"arrays_p{proto}.pkl"), "wb") as f:
            pickle.dump(arrays, f, protocol=proto)
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


def write_sample_truth():
    """The committed sample as scikit-learn and pandas see it (the golden test's anchor)."""
    out = {}
    for role, path in (("production", "models/production_model.pkl"), ("candidate", "models/candidate_model.pkl")):
        m = joblib.load(os.path.join(ROOT, path))
        out[role] = truth_of(m)
        del out[role]["feature_importances_"]  # compared in the pickle tests; the sample test needs the ranking only
        order = np.argsort(-m.feature_importances_, kind="stable")[:15]
        out[role]["top_features"] = [[m.feature_names_in_[i], canon(m.feature_importances_[i])] for i in order]
    df = pd.read_csv(os.path.join(ROOT, "data/apps.csv"), keep_default_na=False)
    counts = df["Category"].value_counts()
    out["data"] = {"rows": int(len(df)), "n_categories": int(df["Category"].nunique()),
                   "category_counts": {k: int(v) for k, v in sorted(counts.items())},
                   "columns": list(df.columns)}
    with open(os.path.join(ROOT, "test", "fixtures", "sample-truth.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True, allow_nan=False, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
