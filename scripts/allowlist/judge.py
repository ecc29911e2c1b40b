"""The verdict for one global, as safety.ts must give it: the reference the TypeScript
follows, and what --corpus uses to judge the real-world files.
"""
import json
import os
import subprocess

import _compat_pickle

RULES = [
    {"id": "exact", "text": "A global is 'safe' only when (module, name) is on the allowlist exactly; 'conditional' entries are safe only when their rule holds for the arguments the file gives them, else dangerous."},
    {"id": "denylist", "text": "A global on the denylist is dangerous: exact (module, name), or module '*' covering the module and every submodule (module == m or module starts with m + '.')."},
    {"id": "python2", "text": "Protocols 0-2 may spell Python 3 names the Python 2 way (__builtin__, copy_reg, commands): judge the name as written and as Python's fix_imports maps it (allowlist.python2_names), and keep the worse verdict."},
    {"id": "builtins", "text": "Any builtins/__builtin__ global that is not an allowed data type is dangerous."},
    {"id": "dotted", "text": "A name containing '.' walks attributes (protocol 4 resolves npyio + 'os.system' to os.system; ndarray.tofile is a method that writes): dangerous unless the full dotted name is allowlisted. Real pickles of the allowed libraries name no nested attribute."},
    {"id": "dunder", "text": "A name segment of the form __x__ (__builtins__, __globals__, __subclasses__) reaches interpreter internals: dangerous unless allowlisted (copyreg.__newobj__)."},
    {"id": "module-name", "text": "A name segment that is the name of a denied top-level module (os, sys, subprocess, builtins…) resolves to that module through an attribute (numpy.lib.npyio + 'os'): dangerous."},
    {"id": "computed-call", "text": "REDUCE, NEWOBJ, NEWOBJ_EX, OBJ, INST or BUILD's __setstate__ applied to a value that is not a global (the result of a call, a memo value) is dangerous: a real pickle calls only globals."},
    {"id": "unknown", "text": "Everything else is unknown (custom classes, __main__, packages nobody listed)."},
]

DENIED_ROOTS_FOR_NAMES = {"os", "posix", "nt", "sys", "subprocess", "builtins", "__builtin__", "__builtins__", "importlib", "pickle", "_pickle",
                          "ctypes", "_ctypes", "shutil", "socket", "runpy", "marshal", "io", "_io", "pty", "posixpath", "ntpath", "operator",
                          "_operator", "types", "inspect", "gc", "codecs", "pkgutil", "webbrowser"}


def _deny_index(denied):
    exact = {(m, n): r for m, n, r in denied if n != "*"}
    wild = {m: r for m, n, r in denied if n == "*"}
    return exact, wild


def judge_one(module, name, allowed, conditional, exact_deny, wild_deny):
    key = (module, name)
    if key in allowed:
        return "safe", "on the allowlist"
    if key in conditional:
        return "conditional", conditional[key]
    if key in exact_deny:
        return "dangerous", exact_deny[key]
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        m = ".".join(parts[:i])
        if m in wild_deny:
            return "dangerous", f"module {m}: {wild_deny[m]}"
    if module in ("builtins", "__builtin__"):
        return "dangerous", "builtin beyond the data types"
    segments = name.split(".")
    if len(segments) > 1:
        return "dangerous", "qualified name walks attributes"
    if any(s.startswith("__") and s.endswith("__") for s in segments):
        return "dangerous", "reaches interpreter internals"
    if any(s in DENIED_ROOTS_FOR_NAMES for s in segments):
        return "dangerous", "names a dangerous module through an attribute"
    return "unknown", "not on the allowlist"


RANK = {"safe": 0, "conditional": 1, "unknown": 2, "dangerous": 3}


def judge(module, name, allowed, conditional, exact_deny, wild_deny):
    """Worst verdict over the name as written and as Python 3's fix_imports reads it."""
    spellings = [(module, name)]
    if (module, name) in _compat_pickle.NAME_MAPPING:
        spellings.append(_compat_pickle.NAME_MAPPING[(module, name)])
    elif module in _compat_pickle.IMPORT_MAPPING:
        spellings.append((_compat_pickle.IMPORT_MAPPING[module], name))
    results = [judge_one(m, n, allowed, conditional, exact_deny, wild_deny) for m, n in spellings]
    return max(results, key=lambda r: RANK[r[0]])


def report_corpus(corpus, allowed, cond, denied):
    path = os.path.join(corpus, "GROUND_TRUTH.jsonl")
    if not os.path.exists(path):
        print(f"corpus: {path} not found, skipped")
        return
    conditional = {(c["module"], c["name"]): c["rule"] for c in cond}
    exact, wild = _deny_index(denied)
    not_allowed = {}
    files = 0
    for line in open(path):
        d = json.loads(line)
        files += 1
        for imp in d["imports"]:
            module, _, name = imp.rpartition(".")
            v, why = judge(module, name, allowed, conditional, exact, wild)
            if v != "safe":
                not_allowed.setdefault(imp, [v, why, []])[2].append(d["file"])
    print(f"corpus: {files} files; imports not plainly allowed: {len(not_allowed)}")
    for imp, (v, why, where) in sorted(not_allowed.items()):
        print(f"  {imp}: {v} ({why}) in {len(where)} file(s): {', '.join(where[:3])}")


def report_layouts(layouts, root, allowed, cond, denied):
    """The layouts' model files, read by mlops-report's own reader (dist/bin.js inspect: it
    never runs them), their imports judged here. Needs `npm run build`."""
    expected = os.path.join(layouts, "EXPECTED.json")
    binary = os.path.join(root, "dist", "bin.js")
    if not os.path.exists(expected) or not os.path.exists(binary):
        print(f"layouts: {expected} or {binary} not found, skipped")
        return
    conditional = {(c["module"], c["name"]): c["rule"] for c in cond}
    exact, wild = _deny_index(denied)
    files, plain, flagged = 0, 0, []
    for name, spec in sorted(json.load(open(expected)).items()):
        for m in spec.get("models", []):
            path = os.path.join(layouts, name, m["path"])
            if not os.path.isfile(path):
                continue
            files += 1
            out = subprocess.run(["node", binary, "inspect", "--json", path], capture_output=True, text=True, timeout=300).stdout
            result = json.loads(out)[0]
            if "error" in result:
                flagged.append((f"{name}/{m['path']}", "refused today", result["error"]["message"][-80:]))
                continue
            bad = []
            for imp in result["inspection"]["safety"]["imports"]:
                module, _, n = imp["name"].rpartition(".")
                v, why = judge(module, n, allowed, conditional, exact, wild)
                if v != "safe":
                    bad.append(f"{imp['name']} {v}")
            if bad:
                flagged.append((f"{name}/{m['path']}", f"today {result['inspection']['safety']['verdict']}", "; ".join(bad)))
            else:
                plain += 1
    print(f"layouts: {files} model files; every import allowed in {plain}")
    for path, today, why in flagged:
        print(f"  {path} ({today}): {why}")
