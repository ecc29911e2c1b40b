"""The denylist: callables that load, write, open, import, evaluate or spawn, with the
reason for each. name "*" means the module and every submodule. Entries inside the
installed packages are expanded to every module that re-exports the same object
(numpy.lib.npyio.load is also numpy.load), so a pickle cannot dodge an entry by
spelling it through another module.
"""
import importlib
import inspect
import pkgutil
import sys

LOADS = "loads a pickle or other file that can hold code"
WRITES = "writes or deletes files"
OPENS = "opens files or URLs named by its arguments"
IMPORTS = "imports a module or resolves a name given as text"
EVALS = "evaluates or compiles code given as text"
SPAWNS = "starts processes, threads or native code"
CALLS = "calls a callable given as an argument: chains calls of any global in the file"
STATE = "changes process-wide state that later code relies on"
ATTRS = "reaches any attribute or namespace by name (getattr(module, 'system'))"
CLASSES = "builds classes or descriptors whose methods can be any callable in the file"
FILES = "reads or writes files named by its arguments (the readers also unpickle: numpy.load(allow_pickle), read_pickle)"
REACHES = "its module globals reach os and sys (npyio.os.system)"

# A short code per reason: what the report and `inspect` carry (worded in src/render/i18n).
CODES = {LOADS: "loads-code", WRITES: "writes-files", OPENS: "opens-files", IMPORTS: "imports-by-name", EVALS: "evaluates-code",
         SPAWNS: "spawns", CALLS: "calls-argument", STATE: "process-state", ATTRS: "attribute-by-name", CLASSES: "builds-classes",
         FILES: "reads-writes-files", REACHES: "reaches-os"}


def code_of(reason):
    """The code of a reason, "(same object as …)" suffix or not."""
    return next(c for r, c in CODES.items() if reason == r or reason.startswith(r + " (same object as "))

# (module, name or "*", reason)
DENY = [
    # the operating system, processes, native code
    *[(m, "*", SPAWNS) for m in ("os", "posix", "nt", "subprocess", "_posixsubprocess", "pty", "tty", "_winapi", "msvcrt", "winreg",
                                  "ctypes", "_ctypes", "cffi", "multiprocessing", "_multiprocessing", "concurrent", "threading", "_thread",
                                  "thread", "asyncio", "signal", "_signal", "resource", "atexit", "faulthandler", "platform", "commands", "popen2",
                                  "mmap", "threadpoolctl", "IPython", "idlelib")],
    *[(m, "*", REACHES) for m in ("posixpath", "ntpath", "genericpath", "macpath", "os2emxpath", "nturl2path", "sys", "gc", "inspect", "types", "_sitebuiltins", "site")],
    # files, sockets, the network
    *[(m, "*", OPENS) for m in ("io", "_io", "shutil", "tempfile", "glob", "fileinput", "sqlite3", "shelve", "dbm", "zipfile", "tarfile", "gzip", "bz2",
                                 "lzma", "socket", "_socket", "ssl", "socketserver", "SocketServer", "http", "httplib", "urllib", "urllib2", "urllib3",
                                 "requests", "httpx", "aiohttp", "ftplib", "poplib", "imaplib", "smtplib", "smtpd", "nntplib", "telnetlib", "xmlrpc",
                                 "webbrowser", "antigravity", "logging.config", "yaml")],
    # code from text, importers, pickle inside pickle
    *[(m, "*", EVALS) for m in ("code", "codeop", "doctest", "pdb", "bdb", "timeit", "trace", "profile", "cProfile", "pydoc", "runpy",
                                 "compileall", "py_compile", "numexpr", "sympy", "marshal")],
    *[(m, "*", IMPORTS) for m in ("importlib", "imp", "pkgutil", "zipimport", "ensurepip", "venv", "distutils", "setuptools", "pip", "pkg_resources")],
    *[(m, "*", LOADS) for m in ("pickle", "_pickle", "cPickle", "dill", "cloudpickle", "torch.serialization", "torch.hub", "torch.package", "torch.jit",
                                 "torch.utils.cpp_extension")],
    *[(m, "*", CALLS) for m in ("operator", "_operator")],  # attrgetter walks dotted attributes, methodcaller calls by name
    ("functools", "reduce", CALLS), ("__builtin__", "reduce", CALLS),
    ("copyreg", "pickle", STATE), ("copyreg", "constructor", STATE), ("copyreg", "add_extension", STATE),
    ("copyreg", "remove_extension", STATE), ("copyreg", "clear_extension_cache", STATE),
    ("uuid", "getnode", SPAWNS), ("uuid", "uuid1", SPAWNS), ("uuid", "_get_command_stdout", SPAWNS),
    ("torch", "load", LOADS), ("torch", "save", WRITES),
    # builtins beyond data types (any other builtin is dangerous by rule; these carry their reason)
    *[(m, n, EVALS) for m in ("builtins", "__builtin__") for n in ("eval", "exec", "compile", "execfile", "input", "raw_input", "breakpoint", "help")],
    *[(m, n, IMPORTS) for m in ("builtins", "__builtin__") for n in ("__import__", "reload")],
    *[(m, n, ATTRS) for m in ("builtins", "__builtin__") for n in ("getattr", "setattr", "delattr", "globals", "locals", "vars", "dir")],
    *[(m, n, CLASSES) for m in ("builtins", "__builtin__") for n in ("type", "super", "classmethod", "staticmethod", "property")],
    *[(m, n, OPENS) for m in ("builtins", "__builtin__") for n in ("open", "file")],
    *[(m, n, CALLS) for m in ("builtins", "__builtin__") for n in ("map", "filter", "sorted", "min", "max", "iter", "next", "apply")],
    # numpy: loaders, writers, memory maps, test and build tooling
    *[(m, "*", FILES) for m in ("numpy.lib.npyio", "numpy.lib.format", "numpy.lib._datasource", "numpy.core.memmap", "numpy.lib._iotools")],
    ("numpy.compat", "*", LOADS),
    *[(m, "*", EVALS) for m in ("numpy.testing", "numpy._pytesttester", "numpy.f2py", "numpy.distutils", "numpy.lib.utils")],
    ("numpy.ctypeslib", "*", SPAWNS),
    ("numpy.core.records", "fromfile", OPENS), ("numpy.ma.mrecords", "fromtextfile", OPENS),
    ("numpy.core._methods", "_dump", WRITES), ("numpy.core._methods", "_dumps", LOADS),
    # numpy < 1.18 and numpy.ma < 1.20 kept pickle.loads/load under their own names
    *[(m, n, LOADS) for m in ("numpy", "numpy.core.numeric", "numpy.core.multiarray", "numpy.ma", "numpy.ma.core") for n in ("load", "loads", "dump", "dumps")],
    *[(m, n, STATE) for n in ("seterr", "seterrcall", "setbufsize", "set_printoptions", "set_string_function") for m in ("numpy", "numpy.core._ufunc_config", "numpy.core.arrayprint")],
    ("numpy", "fromfunction", CALLS), ("numpy", "apply_along_axis", CALLS), ("numpy", "apply_over_axes", CALLS), ("numpy", "piecewise", CALLS),
    ("numpy", "frompyfunc", CALLS), ("numpy", "show_runtime", SPAWNS), ("numpy", "show_config", IMPORTS),
    # pandas: every reader and writer, pickle compatibility, eval, plotting back ends
    ("pandas.io", "*", FILES),
    *[(m, "*", LOADS) for m in ("pandas.compat.pickle_compat", "pandas._testing", "pandas.util._tester")],
    *[(m, "*", EVALS) for m in ("pandas.core.computation",)],
    *[(m, "*", IMPORTS) for m in ("pandas.compat._optional", "pandas.plotting", "pandas.util._print_versions", "pandas._config", "pandas.core.config_init")],
    ("pandas.core.accessor", "*", STATE),
    # scikit-learn: test helpers, data set loaders and fetchers, version reports
    *[(m, "*", SPAWNS) for m in ("sklearn.utils._testing", "sklearn.utils.estimator_checks", "sklearn.utils._show_versions")],
    *[(f"sklearn.datasets.{m}", "*", OPENS) for m in ("_base", "_svmlight_format_io", "_openml", "_lfw", "_olivetti_faces", "_species_distributions",
                                                       "_covtype", "_kddcup99", "_california_housing", "_rcv1", "_twenty_newsgroups", "_arff_parser")],
    ("sklearn.utils", "all_estimators", IMPORTS), ("sklearn.utils.discovery", "*", IMPORTS), ("sklearn._config", "set_config", STATE),
    *[(m, n, LOADS) for m in ("sklearn.externals.joblib", "sklearn.externals.joblib.numpy_pickle") for n in ("load", "dump")],
    # scipy: file formats, data downloads, test runner, raw function pointers
    *[(m, "*", FILES) for m in ("scipy.io", "scipy.sparse._matrix_io")],
    *[(m, "*", OPENS) for m in ("scipy.datasets", "scipy.weave", "scipy.misc.pilutil")],
    *[(m, "*", SPAWNS) for m in ("scipy._lib._testutils", "scipy._lib._ccallback")],
    # joblib: load/dump, disk caches, memory maps, process pools
    ("joblib.numpy_pickle", "load", LOADS), ("joblib.numpy_pickle", "dump", WRITES), ("joblib.numpy_pickle", "load_temporary_memmap", OPENS),
    ("joblib.numpy_pickle", "NumpyUnpickler", LOADS), ("joblib.numpy_pickle", "NumpyPickler", WRITES), ("joblib.numpy_pickle", "_unpickle", LOADS),
    ("joblib.numpy_pickle_compat", "load_compatibility", LOADS), ("joblib.numpy_pickle_compat", "read_zfile", OPENS),
    ("joblib.numpy_pickle_compat", "write_zfile", WRITES),
    *[(m, "*", WRITES) for m in ("joblib.memory", "joblib._store_backends", "joblib.disk", "joblib._memmapping_reducer", "joblib.backports",
                                  "joblib.numpy_pickle_utils", "joblib.compressor")],
    *[(m, "*", SPAWNS) for m in ("joblib.parallel", "joblib._parallel_backends", "joblib.pool", "joblib.executor", "joblib.externals", "joblib.testing")],
]

# Modules imported so that re-exports can be found (each may be absent on a machine).
EXPANSION_IMPORTS = [
    "os", "posix", "subprocess", "pickle", "_pickle", "marshal", "shutil", "socket", "ctypes", "importlib", "runpy", "code", "pdb",
    "doctest", "pkgutil", "operator", "webbrowser", "tempfile", "io",
    "numpy", "numpy.ma", "numpy.lib.format", "numpy.lib.npyio", "numpy.lib.utils", "numpy.ctypeslib", "numpy.testing", "numpy.compat",
    "numpy.lib._datasource", "numpy.ma.mrecords", "numpy.f2py",
    "pandas", "pandas.io.common", "pandas.compat.pickle_compat", "pandas.plotting", "pandas._testing",
    "scipy", "scipy.io", "scipy.io.matlab", "scipy.io.wavfile", "scipy.io.arff", "scipy.sparse", "scipy.datasets",
    "sklearn", "sklearn.datasets", "sklearn.utils._testing", "sklearn.utils.estimator_checks",
    "joblib", "joblib.memory", "joblib.parallel",
]
PACKAGES = ("numpy", "pandas", "scipy", "sklearn", "joblib")


def _covers(entry_module, module):
    return module == entry_module or module.startswith(entry_module + ".")


def _defined_in(obj, name, mod):
    """True when `obj` is defined in module `mod` itself, not imported into it (numpy sets
    __module__ to "numpy" on what it re-exports, so the source file decides)."""
    if getattr(obj, "__module__", None) == name:
        return True
    obj = inspect.unwrap(obj) if callable(obj) else obj  # numpy's array_function_dispatch wraps the real function
    f = getattr(mod, "__file__", None)
    code = getattr(obj, "__code__", None)
    if code is not None:
        return getattr(code, "co_filename", None) == f
    if inspect.isclass(obj):
        return any(getattr(getattr(v, "__code__", None), "co_filename", None) == f for v in vars(obj).values())
    return False


def _denied_objects():
    """id(object) → (module, name, reason, object) for every importable object the table names."""
    objects = {}
    for m, n, reason in DENY:
        if n != "*":
            mod = sys.modules.get(m)
            obj = getattr(mod, n, None) if mod else None
            if obj is not None and callable(obj) and not inspect.isclass(obj) or m in ("builtins", "__builtin__") and obj is not None:
                objects.setdefault(id(obj), (m, n, reason, obj))
            continue
        for name, mod in list(sys.modules.items()):
            if mod is None or not _covers(m, name):
                continue
            stdlib = not m.startswith(PACKAGES)
            for attr, obj in list(vars(mod).items()):
                if not callable(obj) or inspect.ismodule(obj) or attr.startswith("__"):
                    continue
                # only what the module defines itself: its imported helpers are judged where they live
                # (C modules: os.system is posix.system, pickle.loads is _pickle.loads)
                home = getattr(obj, "__module__", None)
                if _defined_in(obj, name, mod) or stdlib and home in (f"_{name}", "posix", "nt"):
                    objects.setdefault(id(obj), (m, n, reason, obj))
    return objects


def _load_packages():
    for m in EXPANSION_IMPORTS:
        try:
            importlib.import_module(m)
        except Exception:
            pass
    for pkg in ("pandas.io", "scipy.io", "sklearn.datasets"):
        mod = sys.modules.get(pkg)
        for info in pkgutil.walk_packages(getattr(mod, "__path__", []), pkg + "."):
            if ".tests" in info.name:
                continue
            try:
                importlib.import_module(info.name)
            except Exception:
                pass


def denylist():
    """[(module, name, reason)], the table plus every re-export in the installed packages."""
    _load_packages()
    out = {(m, n): reason for m, n, reason in DENY}
    objects = _denied_objects()
    for modname, mod in list(sys.modules.items()):
        if mod is None or not modname.startswith(PACKAGES) or ".tests" in modname:
            continue
        for attr, obj in list(vars(mod).items()):
            hit = objects.get(id(obj))
            if hit is None or hit[3] is not obj:
                continue
            if any(_covers(m, modname) for m, n, _ in DENY if n == "*"):
                continue  # already covered by a module entry
            out.setdefault((modname, attr), f"{hit[2]} (same object as {hit[3].__module__}.{getattr(hit[3], '__qualname__', attr)})")
    return sorted((m, n, r) for (m, n), r in out.items())
