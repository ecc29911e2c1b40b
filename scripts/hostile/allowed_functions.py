"""Functions of the allowed packages that load, write or run things, each alone and each
hidden in a real fitted RandomForest (in the first tree's Tree.__setstate__ dict, which
ignores keys it does not know): a prefix rule calls every one of them "safe"."""
import zlib

import numpy as np
import scipy.stats
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RandomizedSearchCV

from . import opcodes as op
from .fixture import Fixture, dangerous, marker, touch

CLASS = "allowed-package-function"
IN_MODEL = "allowed-package-function-in-model"


def _stage2(ident):
    return b"\x80\x02cposix\nsystem\nX" + len(touch(ident)).to_bytes(4, "little") + touch(ident).encode() + b"\x85R."


# (name, module, qualified name, arguments for a payload keyed on ident, setup, effect)
CALLS = [
    ("numpy_load", "numpy", "load", lambda i: ("stage2.pkl", None, True), ("stage2",), "marker"),
    ("pandas_read_pickle", "pandas", "read_pickle", lambda i: ("stage2.pkl",), ("stage2",), "marker"),
    ("pickle_compat_loads", "pandas.compat.pickle_compat", "loads", lambda i: (_stage2(i),), (), "marker"),
    ("numpy_compat_pickle_loads", "numpy.compat", "pickle.loads", lambda i: (_stage2(i),), (), "marker"),
    ("assert_run_python_script", "sklearn.utils._testing", "assert_run_python_script", lambda i: (f"open({marker(i)!r}, 'w').close()",), (), "marker"),
    ("clear_data_home", "sklearn.datasets", "clear_data_home", lambda i: ("victim",), ("victim",), "victim-gone"),
    ("numpy_savetxt", "numpy", "savetxt", lambda i: (marker(i), [1.0]), (), "marker"),
    ("open_memmap", "numpy.lib.format", "open_memmap", lambda i: (marker(i), "w+", "<f8", (1,)), (), "marker"),
    ("load_library", "numpy.ctypeslib", "load_library", lambda i: ("libpayload.so", "./loader"), ("libpayload",), "marker"),
    ("datasource_open", "numpy.lib._datasource", "open", lambda i: (marker(i), "w"), ("truncate",), "truncated"),
    ("scipy_savemat", "scipy.io", "savemat", lambda i: (marker(i), {}, False), (), "marker"),
]


def _forest():
    X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0], [4.0, 1.0], [5.0, 0.0]])
    return RandomForestClassifier(n_estimators=3, max_depth=3, random_state=0).fit(X, [0, 0, 1, 1, 0, 1])


def _is_tree(obj):
    return type(obj).__name__ == "Tree"


def fixtures():
    out = []
    for name, module, qual, args_of, setup, effect in CALLS:
        ident = f"{name}_p4"
        out.append(Fixture(f"allowed-functions/{ident}.pkl", op.program(op.call(module, qual, *args_of(ident))), CLASS,
                           f"{module}.{qual}{_short(args_of(ident))}", dangerous(f"{module}.{qual}"), effect=effect, setup=setup))
        ident = f"forest_{name}_p4"
        extra = {"_payload": op.Raw(op.call(module, qual, *args_of(ident)))}
        out.append(Fixture(f"allowed-functions/{ident}.pkl", op.dumps(_forest(), proto=4, hide_in=_is_tree, extra=extra), IN_MODEL,
                           f"a fitted RandomForestClassifier; the first tree's state also holds {module}.{qual}(...)",
                           dangerous(f"{module}.{qual}"), effect=effect, setup=setup))
    # the same, joblib-compressed (zlib), as joblib.dump(model, path, compress=3) writes
    ident = "forest_numpy_load_joblib_zlib"
    raw = op.joblib_dumps(_forest(), hide_in=_is_tree, extra={"_payload": op.Raw(op.call("numpy", "load", "stage2.pkl", None, True))})
    out.append(Fixture(f"allowed-functions/{ident}.joblib", zlib.compress(raw, 3), IN_MODEL, "joblib.dump(forest, compress=3) with numpy.load(stage2.pkl, allow_pickle=True) in a tree's state",
                       dangerous("numpy.load"), setup=("stage2",), loaders=("joblib",)))
    out += _more()
    return out


def _more():
    out = []
    # numpy's old ufunc reconstructor imports a module and returns an attribute, both given as text
    ident = "ufunc_reconstruct_posix_system_p2"
    fn = op.call("numpy.core", "_ufunc_reconstruct", "posix", "system", proto=2)
    out.append(Fixture(f"allowed-functions/{ident}.pkl", op.program(fn + op.value((touch(ident),)) + b"R", proto=2), CLASS,
                       "numpy.core._ufunc_reconstruct('posix', 'system'), then the computed function is called",
                       dangerous("numpy.core._ufunc_reconstruct")))
    for name, module, qual, args in [
        ("numpy_testing_runstring", "numpy.testing._private.utils", "runstring", (f"import os; os.system({touch('numpy_testing_runstring_p4')!r})", {})),
        ("numpy_distutils_exec_command", "numpy.distutils.exec_command", "exec_command", (touch("numpy_distutils_exec_command_p4"),)),
        ("sklearn_utils_joblib_load", "sklearn.utils._joblib", "load", ("stage2.pkl",)),
    ]:
        out.append(Fixture(f"allowed-functions/{name}_p4.pkl", op.program(op.call(module, qual, *args)), CLASS, f"{module}.{qual}{_short(args)}",
                           dangerous(f"{module}.{qual}"), setup=("stage2",) if "stage2.pkl" in args else ()))
    # scipy.stats distributions exec() the _parse_arg_template their state carries
    for ident, obj, cls in [("scipy_stats_template_p4", scipy.stats.uniform, "uniform_gen"),
                            ("random_search_scipy_template_p4", _search(), "reciprocal_gen")]:
        evil = f"import os\nos.system({touch(ident)!r})\n"
        hide = lambda o: isinstance(o, scipy.stats.rv_continuous)
        data = op.dumps(obj, proto=4, hide_in=hide, extra={"_parse_arg_template": evil + scipy.stats.uniform._parse_arg_template})
        out.append(Fixture(f"allowed-functions/{ident}.pkl", data, CLASS if "stats" in ident else IN_MODEL,
                           "a scipy.stats distribution whose pickled _parse_arg_template runs code (rv_generic.__setstate__ exec()s it)",
                           dangerous(f"scipy.stats._continuous_distns.{cls}")))
    return out


def _search():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0], [6.0], [7.0], [8.0]])
    return RandomizedSearchCV(LogisticRegression(), {"C": scipy.stats.loguniform(1e-2, 1e2)}, n_iter=2, cv=3, random_state=0).fit(X, [0, 1, 0, 1, 0, 1, 0, 1, 0])


def _short(args):
    text = ", ".join(repr(a) if not isinstance(a, bytes) else f"<{len(a)}-byte pickle>" for a in args)
    return f"({text[:80]})"
