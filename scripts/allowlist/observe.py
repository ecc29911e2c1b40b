"""What the libraries really write: pickle fitted estimators and data objects with
protocols 2-5 and with joblib.dump, load them back with an unpickler that records every
global it resolves, and return {(module, name): set of where it was seen}.

Only objects made here are loaded, so loading them is safe.
"""
import io
import pickle
import pickletools
import types
import warnings

import joblib
import joblib.numpy_pickle as jnp
import numpy as np
import pandas as pd
import scipy.sparse
import scipy.stats
from sklearn.utils import all_estimators
from sklearn.utils.estimator_checks import _construct_instance

PROTOCOLS = (2, 3, 4, 5)


class _Recording(pickle._Unpickler):
    """The pure-Python unpickler, recording each (module, name) before resolving it."""

    sink = None

    def find_class(self, module, name):
        _Recording.sink.add((module, name))
        return pickle._Unpickler.find_class(self, module, name)


def _genops_globals(data):
    """GLOBAL/INST arguments read by pickletools (STACK_GLOBAL takes its names from the stack)."""
    out = set()
    for op, arg, _ in pickletools.genops(data):
        if op.name in ("GLOBAL", "INST"):
            module, name = arg.split(" ", 1)
            out.add((module, name))
    return out


def globals_of(obj):
    """Every global the pickles of `obj` resolve, over protocols 2-5 and joblib."""
    seen = set()
    _Recording.sink = seen
    for proto in PROTOCOLS:
        data = pickle.dumps(obj, protocol=proto)
        _Recording(io.BytesIO(data)).load()
        # the opcode scan must agree with the unpickler (a cross-check of the recorder)
        missing = _genops_globals(data) - seen
        assert not missing, f"genops saw {missing} that find_class did not"
    # joblib: its unpickler is a pickle._Unpickler subclass; object arrays are inner pickles
    # read by pickle.load, which the shim sends through the recorder too
    buf = io.BytesIO()
    joblib.dump(obj, buf)
    saved_find, saved_pickle = jnp.NumpyUnpickler.find_class, jnp.pickle
    jnp.NumpyUnpickler.find_class = lambda self, m, n: (seen.add((m, n)), saved_find(self, m, n))[1]
    jnp.pickle = types.SimpleNamespace(load=lambda f: _Recording(f).load(), **{k: getattr(pickle, k) for k in ("Unpickler", "Pickler", "HIGHEST_PROTOCOL", "dumps", "dump", "loads")})
    try:
        buf.seek(0)
        joblib.load(buf)
    finally:
        jnp.NumpyUnpickler.find_class, jnp.pickle = saved_find, saved_pickle
    return seen


def _data(n=60, features=4, seed=0):
    rng = np.random.RandomState(seed)
    X = np.abs(rng.normal(size=(n, features))) + 0.1
    y_cls = (X[:, 0] + X[:, 1] > np.median(X[:, 0] + X[:, 1])).astype(int)
    y_multi = np.arange(n) % 3
    y_reg = X @ np.arange(1, features + 1) + rng.normal(scale=0.1, size=n)
    return X, y_cls, y_multi, y_reg


def _fit_any(est, X, y_cls, y_reg):
    """Fits the estimator the way its kind wants; returns it fitted, or unfitted on failure."""
    from sklearn.base import is_classifier, is_regressor
    name = type(est).__name__
    try:
        if name in ("MultiOutputClassifier", "ClassifierChain"):
            return est.fit(X, np.c_[y_cls, 1 - y_cls])
        if name in ("MultiOutputRegressor", "RegressorChain", "MultiTaskLasso", "MultiTaskElasticNet", "MultiTaskLassoCV", "MultiTaskElasticNetCV"):
            return est.fit(X, np.c_[y_reg, -y_reg])
        if name in ("IsotonicRegression",):
            return est.fit(X[:, 0], y_reg)
        if name in ("LabelEncoder", "LabelBinarizer"):
            return est.fit(y_cls)
        if name == "MultiLabelBinarizer":
            return est.fit([[1, 2], [3]])
        if name in ("CountVectorizer", "TfidfVectorizer", "HashingVectorizer"):
            return est.fit(["the cat sat", "the dog ran", "a cat ran"])
        if name == "DictVectorizer":
            return est.fit([{"a": 1, "b": 2}, {"a": 3}])
        if name == "FeatureHasher":
            return est.fit([{"a": 1}])
        if name == "PatchExtractor":
            return est.fit(np.zeros((2, 8, 8)))
        if is_classifier(est):
            return est.fit(X, y_cls)
        if is_regressor(est):
            return est.fit(X, y_reg)
        try:
            return est.fit(X, y_cls)
        except TypeError:
            return est.fit(X)
    except Exception:
        return est


def estimators():
    """Every estimator scikit-learn lists, built with the arguments its own tests use, fitted."""
    X, y_cls, y_multi, y_reg = _data()
    out = []
    for name, cls in all_estimators():
        try:
            est = _construct_instance(cls)
        except Exception:
            continue
        if hasattr(est, "max_iter"):
            try:
                est.set_params(max_iter=50)
            except Exception:
                pass
        out.append((f"all_estimators:{name}", _fit_any(est, X, y_cls, y_reg)))
    return out


def variants():
    """Fitted states that the default constructor does not reach: other losses, tree
    algorithms, metrics, optimizers, searches, scorers, random states, text and columns."""
    from sklearn import ensemble, linear_model, neighbors, neural_network, svm, tree
    from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.feature_selection import SelectKBest, chi2, f_classif, f_regression, mutual_info_classif
    from sklearn.metrics import get_scorer, get_scorer_names
    from sklearn.model_selection import GridSearchCV, KFold, RandomizedSearchCV, StratifiedKFold, TimeSeriesSplit
    from sklearn.pipeline import Pipeline, make_union
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

    X, y_cls, y_multi, y_reg = _data()
    out = []
    add = lambda tag, est: out.append((tag, est))
    for loss in ("log_loss", "exponential"):
        add(f"gb-clf:{loss}", ensemble.GradientBoostingClassifier(loss=loss, n_estimators=3).fit(X, y_cls))
    add("gb-clf:multiclass", ensemble.GradientBoostingClassifier(n_estimators=3).fit(X, y_multi))
    for loss in ("squared_error", "absolute_error", "huber", "quantile"):
        add(f"gb-reg:{loss}", ensemble.GradientBoostingRegressor(loss=loss, n_estimators=3).fit(X, y_reg))
    add("hgb-clf:binary", ensemble.HistGradientBoostingClassifier(max_iter=3).fit(X, y_cls))
    add("hgb-clf:multiclass", ensemble.HistGradientBoostingClassifier(max_iter=3).fit(X, y_multi))
    add("hgb-clf:categorical", ensemble.HistGradientBoostingClassifier(max_iter=3, categorical_features=[0]).fit(np.c_[np.arange(60) % 4, X], y_cls))
    for loss in ("squared_error", "absolute_error", "poisson", "quantile"):
        add(f"hgb-reg:{loss}", ensemble.HistGradientBoostingRegressor(loss=loss, max_iter=3, **({"quantile": 0.5} if loss == "quantile" else {})).fit(X, np.abs(y_reg) + 1))
    for criterion in ("gini", "entropy", "log_loss"):
        add(f"tree:{criterion}", tree.DecisionTreeClassifier(criterion=criterion).fit(X, y_cls))
    for criterion in ("squared_error", "friedman_mse", "absolute_error", "poisson"):
        add(f"tree-reg:{criterion}", tree.DecisionTreeRegressor(criterion=criterion, max_depth=3).fit(X, np.abs(y_reg)))
    add("forest", ensemble.RandomForestClassifier(n_estimators=3, random_state=np.random.RandomState(0)).fit(X, y_cls))
    add("forest-oob", ensemble.RandomForestClassifier(n_estimators=5, oob_score=True, bootstrap=True).fit(X, y_cls))
    for algorithm in ("kd_tree", "ball_tree", "brute"):
        for metric in ("minkowski", "manhattan", "chebyshev", "euclidean"):
            add(f"knn:{algorithm}:{metric}", neighbors.KNeighborsClassifier(algorithm=algorithm, metric=metric).fit(X, y_cls))
    for metric in ("haversine", "hamming", "canberra", "braycurtis", "mahalanobis", "seuclidean", "wminkowski", "jaccard"):
        params = {"V": np.eye(2)} if metric == "mahalanobis" else {"V": np.ones(2)} if metric == "seuclidean" else {}
        try:
            add(f"balltree:{metric}", neighbors.BallTree(X[:, :2] / 10, metric=metric, **params))
        except Exception:
            pass
    add("kdtree", neighbors.KDTree(X))
    add("nn-radius", neighbors.RadiusNeighborsClassifier(radius=5.0).fit(X, y_cls))
    for solver in ("adam", "sgd", "lbfgs"):
        add(f"mlp:{solver}", neural_network.MLPClassifier(solver=solver, max_iter=5, hidden_layer_sizes=(4,)).fit(X, y_cls))
    for loss in ("hinge", "log_loss", "modified_huber", "squared_hinge", "perceptron"):
        add(f"sgd:{loss}", linear_model.SGDClassifier(loss=loss, max_iter=5).fit(X, y_cls))
    for loss in ("squared_error", "huber", "epsilon_insensitive"):
        add(f"sgd-reg:{loss}", linear_model.SGDRegressor(loss=loss, max_iter=5).fit(X, y_reg))
    add("svc:proba", svm.SVC(probability=True).fit(X, y_cls))
    add("svc:sparse", svm.SVC().fit(scipy.sparse.csr_matrix(X), y_cls))
    add("logreg:multi", linear_model.LogisticRegression(max_iter=50).fit(X, y_multi))
    text = ["the cat sat", "the dog ran", "a cat ran", "dogs and cats"]
    add("tfidf-pipeline", Pipeline([("tfidf", TfidfVectorizer()), ("clf", linear_model.LogisticRegression())]).fit(text, [0, 1, 0, 1]))
    frame = pd.DataFrame({"a": X[:, 0], "b": X[:, 1], "c": np.array(["x", "y", "z"])[np.arange(60) % 3]})
    ct = ColumnTransformer([("num", StandardScaler(), ["a", "b"]), ("cat", OneHotEncoder(handle_unknown="ignore"), ["c"])])
    add("columns-pipeline", Pipeline([("prep", ct), ("clf", ensemble.RandomForestClassifier(n_estimators=2))]).fit(frame, y_cls))
    add("union", make_union(StandardScaler(), FunctionTransformer(np.log1p)).fit(X))
    add("function-transformer", FunctionTransformer(func=np.log1p, inverse_func=np.expm1).fit(X))
    add("function-transformer:numpy-func", FunctionTransformer(func=np.mean, kw_args={"axis": 1}).fit(X))
    add("ttr", TransformedTargetRegressor(regressor=linear_model.Ridge(), func=np.log, inverse_func=np.exp).fit(X, np.abs(y_reg) + 1))
    for fn in (chi2, f_classif, mutual_info_classif):
        add(f"kbest:{fn.__name__}", SelectKBest(fn, k=2).fit(X, y_cls))
    add("kbest:f_regression", SelectKBest(f_regression, k=2).fit(X, y_reg))
    for cv in (StratifiedKFold(3), KFold(3, shuffle=True, random_state=0), TimeSeriesSplit(3)):
        add(f"grid:{type(cv).__name__}", GridSearchCV(linear_model.LogisticRegression(), {"C": [0.1, 1.0]}, cv=cv).fit(X, y_cls))
    add("grid:multi-scoring", GridSearchCV(linear_model.LogisticRegression(), {"C": [0.1, 1.0]}, scoring=["accuracy", "roc_auc", "f1"], refit="roc_auc", cv=3).fit(X, y_cls))
    add("random-search:scipy-distributions", RandomizedSearchCV(linear_model.LogisticRegression(), {"C": scipy.stats.loguniform(1e-3, 1e2), "max_iter": scipy.stats.randint(50, 100)}, n_iter=2, cv=3, random_state=0).fit(X, y_cls))
    for name in get_scorer_names():
        add(f"scorer:{name}", get_scorer(name))
    add("rng:RandomState", np.random.RandomState(0))
    add("rng:Generator", np.random.default_rng(0))
    for bg in (np.random.MT19937, np.random.PCG64, np.random.PCG64DXSM, np.random.Philox, np.random.SFC64):
        add(f"rng:{bg.__name__}", np.random.Generator(bg(0)))
    return out


def data_objects():
    """numpy, scipy and pandas values that fitted models carry (classes_, feature names,
    cv_results_ masked arrays, sparse matrices) and that projects pickle beside them."""
    out = []
    add = lambda tag, obj: out.append((tag, obj))
    for dt in ("f8", "f4", "f2", "i8", "i4", "i2", "i1", "u8", "u1", "?", "c16", "U5", "S3", "O", "M8[ns]", "m8[s]", ">f8"):
        add(f"ndarray:{dt}", np.zeros(3, dtype=dt))
        add(f"scalar:{dt}", np.zeros(1, dtype=dt)[0])
    add("ndarray:record", np.zeros(2, dtype=[("a", "<i8"), ("b", "<f8")]))
    add("ndarray:fortran", np.asfortranarray(np.zeros((2, 3))))
    add("ndarray:object-mixed", np.array([1, "a", None, (1, 2)], dtype=object))
    add("masked", np.ma.masked_array([1, 2, 3], mask=[0, 1, 0]))
    add("matrix", np.matrix([[1, 2], [3, 4]]))
    add("seed-sequence", np.random.SeedSequence(3))
    add("dtype-classes", [np.float64, np.int64, np.bool_, np.str_, np.object_, np.float32, np.int32])
    add("ufuncs", [np.log1p, np.exp, np.sqrt, np.log])
    for fmt in ("csr", "csc", "coo", "bsr", "dia", "dok", "lil"):
        m = scipy.sparse.random(5, 5, density=0.4, format=fmt, random_state=0)
        add(f"sparse:{fmt}_matrix", m)
        add(f"sparse:{fmt}_array", getattr(scipy.sparse, f"{fmt}_array")(m))
    frames = {
        "frame": pd.DataFrame({"a": [1, 2], "b": ["x", "y"], "c": pd.Categorical(["u", "v"]), "d": pd.to_datetime(["2020-01-01", "2020-01-02"]), "e": [1.5, None]}),
        "series": pd.Series([1, 2, 3], name="s"),
        "index": pd.Index(["a", "b"]),
        "multiindex": pd.MultiIndex.from_tuples([(1, "a"), (2, "b")]),
        "tz": pd.Series(pd.date_range("2020", periods=2, tz="UTC")),
        "period": pd.Series(pd.period_range("2020", periods=2, freq="M")),
        "interval": pd.Series(pd.interval_range(0, 2)),
        "sparse": pd.Series(pd.arrays.SparseArray([0, 0, 1])),
        "string": pd.Series(["a", None], dtype="string"),
        "Int64": pd.Series([1, None], dtype="Int64"),
        "Float64": pd.Series([1.5, None], dtype="Float64"),
        "boolean": pd.Series([True, None], dtype="boolean"),
        "timedelta": pd.Series(pd.to_timedelta([1, 2], unit="s")),
        "timestamp": pd.Timestamp("2020-01-01"),
        "timedelta-scalar": pd.Timedelta(1, unit="s"),
        "float-index": pd.Index([1.5, 2.5]),
        "int-index": pd.Index([1, 2]),
        "datetime-index": pd.date_range("2020", periods=2),
        "categorical-index": pd.CategoricalIndex(["a", "b"]),
    }
    for tag, obj in frames.items():
        add(f"pandas:{tag}", obj)
    return out


def observed():
    """{(module, name): sorted list of where it was seen}."""
    where = {}
    warnings.simplefilter("ignore")
    for tag, obj in estimators() + variants() + data_objects():
        for key in globals_of(obj):
            where.setdefault(key, set()).add(tag.split(":")[0])
    return {k: sorted(v) for k, v in where.items()}
