#!/usr/bin/env python3
"""Write src/collect/pickle/allowlist.json and src/collect/pickle/denylist.json.

  /usr/bin/python3 scripts/make-allowlist.py [--corpus ../shared/corpus]

The allowlist holds the EXACT globals (module + qualified name) that scikit-learn, numpy,
scipy, pandas and joblib put in the pickles they write, found two ways (scripts/allowlist/):

  observe.py  fit a wide set of estimators and data objects, pickle them with protocols
              2-5 and with joblib.dump, and record every global the unpickler resolves;
  declare.py  every estimator class, the classes that sit inside fitted models, numpy's
              ufuncs and scalar types, scipy's sparse classes, the spellings of older and
              newer releases, and the hand-listed wrappers of xgboost and lightgbm (not
              installed here).

Every plain entry is data-only: creating it with any arguments, or setting its state,
loads, writes, opens, imports, evaluates and spawns nothing (audit.py reads the code and
fails on anything not judged). Entries that are data-only only for some arguments are
"conditional", each with its rule. The denylist (deny.py) names what loads, writes, opens,
imports, evaluates or spawns, with the reason, including inside the allowed packages.

Every import of the real-world corpus (--corpus, default ../shared/corpus; skipped when
absent) is judged against both lists, and the ones not plainly allowed are printed; with
--layouts, the layouts' model files too (read by dist/bin.js inspect, never by Python).
"""
import argparse
import inspect
import json
import os
import platform
import sys
import types
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import _compat_pickle  # noqa: E402
import joblib  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import scipy  # noqa: E402
import scipy.stats._distn_infrastructure as distn  # noqa: E402
import sklearn  # noqa: E402

from allowlist import audit, declare, deny, judge, observe  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_ALLOW = os.path.join(ROOT, "src", "collect", "pickle", "allowlist.json")
OUT_DENY = os.path.join(ROOT, "src", "collect", "pickle", "denylist.json")


def conditional():
    """Globals that are data-only for some arguments only: the rule says which."""
    out = []
    add = lambda modules, names, rule, note: out.extend({"module": m, "name": n, "rule": rule, "note": note} for m in modules for n in names)
    add(["copyreg", "copy_reg"], ["_reconstructor"], "class-args",
        "(cls, base, state): cls must be an allowed class global, base builtins.object or an allowed builtin data type; base.__init__(obj, state) runs")
    add(["copyreg", "copy_reg"], ["__newobj__", "__newobj_ex__"], "class-arg", "(cls, *args): cls must be an allowed class global")
    add(["functools"], ["partial"], "not-called",
        "partial(func, *args) stores a call for later (FunctionTransformer(partial(check_array, …)) in the layouts): func is judged as its own global, and calling the partial while loading is a computed call, which is dangerous")
    add(["_codecs"], ["encode"], "latin1", "(text, 'latin1'): how protocol 2 writes bytes; any other codec name is refused")
    add(["numpy.core", "numpy._core"], ["_ufunc_reconstruct"], "resolves-name",
        "(module, name) imports module and returns module.name: judge the pair as the global module.name; non-text arguments are dangerous")
    add(declare.JOBLIB_MODULES, ["NDArrayWrapper", "ZNDArrayWrapper"], "companion-basename",
        "joblib < 0.10 reads os.path.join(model folder, filename) with numpy.load(allow_pickle=True): filename must be a bare file name")
    add(["builtins", "__builtin__"], ["getattr"], "bound-method",
        "getattr(obj, name): obj a scipy.stats distribution built in the file and name one of bound_methods (rv_discrete pickles vecentropy = vectorize(self._entropy) as getattr(dist, '_entropy')); any other use reaches attributes by name")
    stats = sorted({(type(d).__module__, type(d).__qualname__) for d in vars(__import__("scipy.stats", fromlist=["x"])).values() if isinstance(d, distn.rv_generic)})
    out.extend({"module": m, "name": n, "rule": "scipy-rv-template",
                "note": "rv_generic.__setstate__ exec()s the pickled _parse_arg_template: it must equal the template scipy builds from shapes"} for m, n in stats)
    return out


def scipy_template():
    return {"template": distn.parse_arg_template,
            "continuous": {"locscale_in": "loc=0, scale=1", "locscale_out": "loc, scale"},
            "discrete": {"locscale_in": "loc=0", "locscale_out": "loc, 1"},
            "shape_pattern": "^[_a-zA-Z][_a-zA-Z0-9]*$",
            "shape_arg_str": "', '.join(shapes) + ', ' when there are shapes, else ''"}


def bound_methods():
    """The method names getattr may fetch from a scipy.stats distribution: each a plain function
    on every distribution class, and no class overrides __getattribute__, so the lookup runs no
    code (the bound method is only stored: calling it while loading is a computed call)."""
    names = ["_entropy"]
    classes = {type(d) for d in vars(__import__("scipy.stats", fromlist=["x"])).values() if isinstance(d, distn.rv_generic)}
    for cls in sorted(classes, key=lambda c: c.__qualname__):
        if cls.__getattribute__ is not object.__getattribute__:
            sys.exit(f"{cls.__qualname__} overrides __getattribute__: the bound-method rule does not hold")
        for n in names:
            if not isinstance(inspect.getattr_static(cls, n), types.FunctionType):
                sys.exit(f"{cls.__qualname__}.{n} is not a plain function: the bound-method rule does not hold")
    return {"names": names, "classes": "the scipy-rv-template classes", "checked_classes": len(classes)}


def build():
    warnings.simplefilter("ignore")
    seen = observe.observed()
    # catalogues first: an entry is credited to the first source that lists it, and
    # "observed" keeps what only pickling found (counts.observed_total has them all)
    sources = {
        "all_estimators": declare.estimator_classes(),
        "estimator-modules": declare.estimator_module_classes(),
        "sklearn-internals": declare.sklearn_internal_classes(),
        "sklearn-functions": declare.sklearn_functions(),
        "numpy-ufuncs": declare.numpy_ufuncs(),
        "numpy-types": declare.numpy_types(),
        "scipy-special-ufuncs": declare.scipy_special_ufuncs(),
        "scipy-sparse": declare.scipy_sparse_classes(),
        "builtins": declare.builtins_data(),
        "stdlib-data": set(declare.DATA_STDLIB),
        "joblib": declare.joblib_wrappers(),
        "pandas-old": set(declare.PANDAS_OLD),
        "hand:xgboost-lightgbm": set(declare.XGBOOST_LIGHTGBM),
        "hand:sklearn-newer": set(declare.SKLEARN_NEWER),
        "observed": set(seen),
    }
    cond = conditional()
    cond_keys = {(c["module"], c["name"]) for c in cond}
    so_far = set().union(*sources.values())
    sources["sklearn-old-spellings"] = declare.sklearn_old_spellings(so_far)
    sources["numpy2-spellings"] = declare.numpy2_spellings(so_far)
    denied = deny.denylist()
    exact_denied = {(m, n) for m, n, _ in denied if n != "*"}
    # real pickles that use a denied callable (RandomizedSearchCV with scipy.stats.randint
    # pickles a bound method as builtins.getattr(dist, '_entropy')) stay dangerous: say so
    observed_denied = {f"{m}.{n}": seen[(m, n)] for m, n in sorted(sources["observed"] & exact_denied)}
    sources["observed"] -= exact_denied
    observed_total = len(sources["observed"] - cond_keys)
    entries = {}
    for source, keys in sources.items():
        for k in keys - cond_keys:
            entries.setdefault(k, source)
    clash = sorted(set(entries) & exact_denied)
    if clash:
        sys.exit(f"on both lists: {clash}")
    flagged, compiled = audit.audit(set(entries))
    if flagged or compiled:
        for f in flagged:
            print("flagged (judge it in audit.JUDGED):", *f, file=sys.stderr)
        for c in compiled:
            print("compiled, not judged (audit.COMPILED):", *c, file=sys.stderr)
        sys.exit(1)
    return entries, cond, denied, observed_denied, observed_total


def versions():
    return {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": np.__version__,
            "scipy": scipy.__version__, "pandas": pd.__version__, "joblib": joblib.__version__}


def write(entries, cond, denied, observed_denied, observed_total):
    by_module = {}
    for (m, n), source in sorted(entries.items()):
        by_module.setdefault(m, {})[n] = source
    counts = {}
    for source in entries.values():
        counts[source] = counts.get(source, 0) + 1
    allow = {
        "about": "Exact globals a pickle may import and still be 'safe' (module -> name -> where the entry comes from). Generated: do not edit.",
        "generated_by": "scripts/make-allowlist.py",
        "versions": versions(),
        "counts": {**dict(sorted(counts.items())), "observed_total": observed_total, "conditional": len(cond)},
        "globals": by_module,
        "conditional": cond,
        "observed_but_denied": observed_denied,
        "scipy_rv_template": scipy_template(),
        "bound_methods": bound_methods(),
        "python2_names": {
            "modules": dict(sorted(_compat_pickle.IMPORT_MAPPING.items())),
            "names": {f"{m} {n}": list(v) for (m, n), v in sorted(_compat_pickle.NAME_MAPPING.items())},
        },
    }
    deny_doc = {
        "about": "Globals that load, write, open, import, evaluate or spawn: 'dangerous'. name '*' is the module and its submodules. Generated: edit scripts/allowlist/deny.py.",
        "generated_by": "scripts/make-allowlist.py",
        "versions": versions(),
        "entries": [{"module": m, "name": n, "code": deny.code_of(r), "reason": r} for m, n, r in denied],
        "rules": judge.RULES,
    }
    for path, doc in ((OUT_ALLOW, allow), (OUT_DENY, deny_doc)):
        with open(path, "w") as f:
            json.dump(doc, f, indent=1, sort_keys=False)
            f.write("\n")
    print(f"allowlist: {len(entries)} globals + {len(cond)} conditional; denylist: {len(denied)} entries")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--layouts", action="store_true", help="also judge the corpus layouts' models (reads them with dist/bin.js)")
    args = ap.parse_args()
    entries, cond, denied, observed_denied, observed_total = build()
    for name, where in observed_denied.items():
        print(f"real pickles use {name} (seen in: {', '.join(where)}); it stays on the denylist")
    write(entries, cond, denied, observed_denied, observed_total)
    judge.report_corpus(args.corpus, set(entries), cond, denied)
    if args.layouts:
        judge.report_layouts(os.path.join(args.corpus, "layouts"), ROOT, set(entries), cond, denied)


if __name__ == "__main__":
    main()
