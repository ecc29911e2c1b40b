"""Reads what unpickling an allowed global runs: for a class, the Python source of
__init__ / __new__ / __setstate__ / __reduce__ (REDUCE calls the class, BUILD sets the
state), following self.method() calls a few levels; for a function, its body. Any call
that loads, opens, imports, evaluates or spawns must be judged by hand below.
Compiled code (Cython, C) has no source: each such module is judged by hand too.
"""
import dataclasses
import importlib
import inspect
import re

RISKY = re.compile(r"\b(exec|eval|compile|open|__import__|import_module|Popen|urlopen|dlopen|resolve_name|system|popen|loads?|"
                   r"read_csv|read_pickle|makedirs|mkdir|rmtree|unlink|remove)\s*\(|\bsubprocess\b|\bctypes\b|\bshutil\b")
METHODS = ("__init__", "__new__", "__setstate__", "__reduce__", "__reduce_ex__", "__set_state__")

# Flagged Python code, judged: (module, name) → why it is still data-only, or None when
# it is NOT data-only (the entry is then removed from the plain allowlist).
JUDGED = {
    ("pytz", "_UTC"): "the match is pickle.loads in its docstring's doctest; the body returns the utc singleton",
}

# Compiled modules whose allowed classes and helpers were read in their .pyx/.c source.
COMPILED = {
    "sklearn.tree._tree": "Tree.__setstate__ copies the node and value arrays after checking their dtype and shape",
    "sklearn.neighbors._kd_tree": "BinaryTree.__setstate__ assigns arrays and the distance metric; newObj(cls) is cls.__new__(cls)",
    "sklearn.neighbors._ball_tree": "as _kd_tree",
    "sklearn.metrics._dist_metrics": "DistanceMetric.__setstate__ assigns p, vec and mat arrays; newObj(cls) is cls.__new__(cls)",
    "sklearn._loss": "Cy*Loss keep one or two floats; __pyx_unpickle_* check a checksum, then __new__ and set those fields",
    "_loss": "scikit-learn >= 1.6 spelling of sklearn._loss._loss",
    "sklearn.linear_model._sgd_fast": "SGD loss objects: __reduce__ returns (cls, (parameters,))",
    "numpy": "ndarray, dtype, scalar types and ufuncs: numpy's own C reconstructors of array data",
    "numpy.core": "multiarray._reconstruct/scalar/_frombuffer and the ufuncs build arrays from bytes",
    "numpy._core": "numpy 2 spelling of numpy.core",
    "numpy.random": "bit generators and RandomState: __setstate__ takes the generator state dict",
    "scipy.special._ufuncs": "numpy ufuncs: elementwise math",
    "pandas._libs": "Cython blocks, intervals, offsets, timestamps, NA: __reduce__/__setstate__ of array data",
    "builtins": "Python's own data types",
    "__builtin__": "Python 2 spelling of builtins",
    "collections": "OrderedDict, Counter, deque, defaultdict",
    "datetime": "date and time values",
    "decimal": "Decimal(text)",
    "pytz": "_UTC() returns the UTC singleton",
}


def _source(fn):
    try:
        return inspect.getsource(fn)
    except (OSError, TypeError):
        return None


def _class_calls(cls, src, depth, seen):
    """Source of the methods `src` calls on self, recursively."""
    out = []
    if depth == 0:
        return out
    for name in sorted(set(re.findall(r"self\.(\w+)\(", src))):
        fn = getattr(cls, name, None)
        if fn is None or name in seen:
            continue
        seen.add(name)
        s = _source(fn)
        if s:
            out.append((name, s))
            out.extend(_class_calls(cls, s, depth - 1, seen))
    return out


def _read(obj, module):
    """([(what, source)], {modules of compiled code}) for what unpickling `obj` runs."""
    if inspect.isclass(obj):
        parts, compiled = [], set()
        for name in METHODS:
            base = next((b for b in obj.__mro__ if name in vars(b)), object)
            if base is object:
                continue
            s = _source(vars(base)[name])
            if s is None:
                if not (dataclasses.is_dataclass(base) and name == "__init__"):  # generated: assigns the fields
                    compiled.add(base.__module__)
                continue
            parts.append((f"{base.__qualname__}.{name}", s))
            parts.extend(_class_calls(obj, s, 3, {name}))
        return parts, compiled
    s = _source(obj)
    if s is None:
        return [], {getattr(obj, "__module__", None) or module}
    return [(getattr(obj, "__qualname__", "?"), s)], set()


def _compiled_judgement(module):
    for prefix, why in COMPILED.items():
        if module == prefix or module.startswith(prefix + "."):
            return why
    return None


def audit(entries):
    """Returns (flagged, unjudged_compiled): [(module, name, what, match)] and [(module, name)]."""
    flagged, compiled = [], []
    for module, name in sorted(entries):
        try:
            obj = importlib.import_module(module)
            for part in name.split("."):
                obj = getattr(obj, part)
        except Exception:
            continue  # a spelling of another release: nothing to read here
        parts, compiled_in = _read(obj, module)
        for where in compiled_in:
            if not _compiled_judgement(where):
                compiled.append((module, name, where))
        for what, src in parts:
            for m in RISKY.finditer(src):
                if (module, name) not in JUDGED:
                    flagged.append((module, name, what, m.group(0)))
    return flagged, compiled
