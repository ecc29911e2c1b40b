"""The allowlist entries that come from the libraries' own catalogues (not from pickling),
the spellings older and newer releases write, and the hand-listed wrappers of packages
that are not installed here. Each function returns {(module, name)} for one source.
"""
import importlib
import inspect

import numpy as np
import scipy.sparse
import scipy.special
import sklearn.metrics
from sklearn.utils import all_estimators

# Modules whose classes sit inside fitted models (trees, losses, distance metrics,
# splitters, kernels, optimizers, scorers): every class defined there is data.
SKLEARN_INTERNAL_MODULES = [
    "sklearn._loss._loss", "sklearn._loss.loss", "sklearn._loss.link",
    "sklearn.ensemble._gb_losses", "sklearn.ensemble._hist_gradient_boosting.binning",
    "sklearn.ensemble._hist_gradient_boosting.predictor", "sklearn.linear_model._sgd_fast",
    "sklearn.metrics._dist_metrics", "sklearn.neighbors._kd_tree", "sklearn.neighbors._ball_tree",
    "sklearn.tree._tree", "sklearn.model_selection._split", "sklearn.gaussian_process.kernels",
    "sklearn.neural_network._stochastic_optimizers", "sklearn.metrics._scorer", "sklearn.utils._bunch",
]

# sklearn functions that fitted models keep as attributes (score_func, scorers, kernels):
# pure computations on their arguments. Functions that take n_jobs start worker processes
# and are left out.
SKLEARN_FUNCTION_MODULES = ["sklearn.metrics", "sklearn.metrics.pairwise", "sklearn.feature_selection"]
# Seen in the real layouts (../shared/corpus/layouts): FunctionTransformer(partial(check_array, …)).
SKLEARN_FUNCTIONS_SEEN = {("sklearn.utils.validation", "check_array")}
SKLEARN_FUNCTION_NAMES = {
    "sklearn.feature_selection": {"chi2", "f_classif", "f_regression", "r_regression", "mutual_info_classif", "mutual_info_regression"},
}

# scikit-learn 0.22 made its modules private (svm/classes.py became svm/_classes.py);
# pickles written before keep the old names. Where the old file had another name:
SKLEARN_OLD_MODULES = {
    "sklearn.tree._classes": ["sklearn.tree.tree"],
    "sklearn.ensemble._gb": ["sklearn.ensemble.gradient_boosting"],
    "sklearn.ensemble._gb_losses": ["sklearn.ensemble.gradient_boosting"],  # losses lived there before 0.21
    "sklearn.feature_selection._mutual_info": ["sklearn.feature_selection.mutual_info_"],
    "sklearn.metrics._dist_metrics": ["sklearn.neighbors._dist_metrics", "sklearn.neighbors.dist_metrics"],  # before 1.0
}

# scikit-learn releases after the one installed here: estimators and the helpers their
# fitted state holds (hand-listed from their release notes; all are data classes).
SKLEARN_NEWER = {
    ("sklearn.metrics._scorer", "_Scorer"),  # 1.4 merged _PredictScorer/_ProbaScorer/_ThresholdScorer
    ("sklearn.metrics._scorer", "_CurveScorer"),  # 1.5
    ("sklearn.compose._column_transformer", "_RemainderColsList"),  # 1.5
    ("sklearn.utils._metadata_requests", "MetadataRequest"), ("sklearn.utils._metadata_requests", "MethodMetadataRequest"),  # 1.3
    ("sklearn.cluster._hdbscan.hdbscan", "HDBSCAN"), ("sklearn.preprocessing._target_encoder", "TargetEncoder"),  # 1.3
    ("sklearn.model_selection._classification_threshold", "TunedThresholdClassifierCV"),  # 1.5
    ("sklearn.model_selection._classification_threshold", "FixedThresholdClassifier"),  # 1.5
    ("sklearn.frozen._frozen", "FrozenEstimator"),  # 1.6
}

# Hand-listed: not installed here. Their sklearn wrappers and the Booster they hold
# (Booster.__setstate__ hands the saved model bytes to the library's own model parser).
XGBOOST_LIGHTGBM = {
    ("xgboost.sklearn", n) for n in ("XGBModel", "XGBClassifier", "XGBRegressor", "XGBRanker", "XGBRFClassifier", "XGBRFRegressor")
} | {("xgboost.core", "Booster"), ("xgboost.sklearn", "Booster")} | {
    ("lightgbm.sklearn", n) for n in ("LGBMModel", "LGBMClassifier", "LGBMRegressor", "LGBMRanker")
} | {("lightgbm.basic", "Booster")}

# Python data types that run nothing when created (both Python 3 and Python 2 names).
DATA_BUILTINS = ["object", "list", "dict", "set", "frozenset", "tuple", "bytearray", "bytes", "complex", "slice", "int", "float", "str", "bool", "range", "Ellipsis", "NotImplemented"]
DATA_STDLIB = {
    ("collections", "OrderedDict"), ("collections", "Counter"), ("collections", "deque"),
    # a defaultdict's factory runs only when a missing key is read, never while unpickling;
    # the factory is a global of its own in the file and is judged on its own
    ("collections", "defaultdict"),
    ("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"), ("datetime", "timedelta"), ("datetime", "timezone"),
    ("decimal", "Decimal"), ("fractions", "Fraction"), ("uuid", "UUID"),
    ("pathlib", "PurePosixPath"), ("pathlib", "PureWindowsPath"), ("pathlib", "PosixPath"), ("pathlib", "WindowsPath"),
}

# numpy reductions that projects pass as parameters (FunctionTransformer(np.mean),
# aggregation functions): pure computations, pickled as numpy.<name>.
NUMPY_FUNCTIONS = ["mean", "median", "sum", "std", "var", "min", "max", "amin", "amax", "average", "prod", "ptp",
                   "percentile", "quantile", "nanmean", "nanmedian", "nanstd", "nanvar", "nansum", "nanmin", "nanmax",
                   "nanpercentile", "nanquantile", "argmax", "argmin", "all", "any", "cumsum", "cumprod", "sort", "unique"]

# numpy's random state pickles: RandomState/Generator and their bit generators.
NUMPY_RANDOM = {
    ("numpy.random.mtrand", "RandomState"), ("numpy.random._generator", "Generator"),
    ("numpy.random._mt19937", "MT19937"), ("numpy.random._pcg64", "PCG64"), ("numpy.random._pcg64", "PCG64DXSM"),
    ("numpy.random._philox", "Philox"), ("numpy.random._sfc64", "SFC64"),
    # newer numpy pickles a bit generator's SeedSequence (Cython: entropy and pool arrays)
    ("numpy.random.bit_generator", "SeedSequence"), ("numpy.random.bit_generator", "__pyx_unpickle_SeedSequence"),
    ("numpy.random.bit_generator", "SeedlessSeedSequence"), ("numpy.random.bit_generator", "__pyx_unpickle_SeedlessSeedSequence"),
    # numpy < 1.17: __RandomState_ctor() returns RandomState(seed=0); the state follows
    ("numpy.random", "__RandomState_ctor"), ("numpy.random.mtrand", "__RandomState_ctor"),
}

# pandas < 1.0 spelled its block manager from the package (seen in the corpus).
PANDAS_OLD = {("pandas.core.internals", "BlockManager"), ("pandas.core.internals", "SingleBlockManager")}

JOBLIB_MODULES = ["joblib.numpy_pickle", "joblib.numpy_pickle_compat", "sklearn.externals.joblib.numpy_pickle", "sklearn.externals.joblib.numpy_pickle_compat"]


def _defined_in(module):
    mod = importlib.import_module(module)
    return {(module, n) for n, v in vars(mod).items() if inspect.isclass(v) and v.__module__ == module}


def estimator_classes():
    return {(c.__module__, c.__qualname__) for _, c in all_estimators()}


def estimator_module_classes():
    """Helpers defined beside the estimators (_CalibratedClassifier, _CFNode, _BinMapper…)."""
    modules = {c.__module__ for _, c in all_estimators()}
    out = set()
    for m in sorted(modules):
        out |= {(mod, n) for mod, n in _defined_in(m) if not n.endswith(("Mixin", "Display"))}
    return out


def sklearn_internal_classes():
    out = set()
    for m in SKLEARN_INTERNAL_MODULES:
        classes = _defined_in(m)
        out |= classes
        mod = importlib.import_module(m)
        # Cython pickle helpers of those classes: __pyx_unpickle_<Class>(type, checksum, state), newObj(cls)
        names = {n for _, n in classes}
        out |= {(m, n) for n in vars(mod) if n.startswith("__pyx_unpickle_") and n[len("__pyx_unpickle_"):] in names or n == "newObj"}
    # scikit-learn >= 1.3 splits the distance metrics by float width
    for m, n in list(out):
        if m == "sklearn.metrics._dist_metrics" and (n.endswith("Distance") or n == "DistanceMetric"):
            out |= {(m, n + "64"), (m, n + "32")}
    # scikit-learn >= 1.6 builds its Cython loss module so that pickles name it "_loss"
    out |= {("_loss", n) for m, n in list(out) if m == "sklearn._loss._loss"}
    return out


def sklearn_functions():
    out = set()
    for m in SKLEARN_FUNCTION_MODULES:
        mod = importlib.import_module(m)
        names = SKLEARN_FUNCTION_NAMES.get(m) or set(getattr(mod, "__all__", []))
        for n in sorted(names):
            f = getattr(mod, n, None)
            if inspect.isfunction(f) and "n_jobs" not in inspect.signature(f).parameters:
                out.add((f.__module__, f.__qualname__))
    return out | SKLEARN_FUNCTIONS_SEEN


def sklearn_old_spellings(entries):
    """(sklearn.svm._classes, SVC) → (sklearn.svm.classes, SVC), plus the renamed files."""
    out = set()
    for m, n in entries:
        if not m.startswith("sklearn."):
            continue
        for old in SKLEARN_OLD_MODULES.get(m, []):
            out.add((old, n))
        head, _, last = m.rpartition(".")
        if last.startswith("_") and not last.startswith("__"):
            out.add((f"{head}.{last[1:]}", n))
    return out - set(entries)


def numpy_ufuncs():
    """Every numpy ufunc under each module name numpy releases pickle it as."""
    names = [n for n in dir(np) if isinstance(getattr(np, n), np.ufunc)]
    modules = ["numpy", "numpy.core._multiarray_umath", "numpy._core._multiarray_umath", "numpy.core.umath", "numpy._core.umath"]
    return {(m, n) for m in modules for n in names}


def scipy_special_ufuncs():
    """scipy.special's ufuncs (expit, logit…) are pickled as scipy.special._ufuncs.<name>."""
    return {("scipy.special._ufuncs", n) for n in dir(scipy.special) if isinstance(getattr(scipy.special, n), np.ufunc)}


def numpy_types():
    names = {t.__name__ for t in np.sctypeDict.values()} | {"bool", "ndarray", "dtype", "matrix"}  # numpy 2 calls bool_ bool
    return {("numpy", n) for n in names} | {("numpy", n) for n in NUMPY_FUNCTIONS} | NUMPY_RANDOM


def numpy2_spellings(entries):
    """numpy 2 renamed numpy.core to numpy._core; pickles it writes say numpy._core."""
    out = set()
    for m, n in entries:
        if m == "numpy.core" or m.startswith("numpy.core."):
            out.add(("numpy._core" + m[len("numpy.core"):], n))
        if m == "numpy.ma.core":  # numpy 2 names MaskedArray's module numpy.ma
            out.add(("numpy.ma", n))
    return out


def scipy_sparse_classes():
    out = set()
    for fmt in ("csr", "csc", "coo", "bsr", "dia", "dok", "lil"):
        for kind in ("matrix", "array"):
            cls = getattr(scipy.sparse, f"{fmt}_{kind}", None)
            if cls is not None:
                out.add((cls.__module__, cls.__qualname__))
        out.add((f"scipy.sparse.{fmt}", f"{fmt}_matrix"))  # scipy < 1.8 module names
        out.add((f"scipy.sparse._{fmt}", f"{fmt}_matrix"))
    return out


def builtins_data():
    return {(m, n) for m in ("builtins", "__builtin__") for n in DATA_BUILTINS} | {("__builtin__", "unicode"), ("__builtin__", "long"), ("__builtin__", "basestring")}


def joblib_wrappers():
    return {(m, n) for m in JOBLIB_MODULES for n in ("NumpyArrayWrapper",) if "compat" not in m}
