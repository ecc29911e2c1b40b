"""Issue 15's hostile corpus: each module returns the fixtures of one attack class."""
import json
import os

from . import allowed_functions, check, controls, differential, dotted, exhaustion, injection, special, unknown_dangerous
from .fixture import BOUNDS

MODULES = [dotted, allowed_functions, differential, unknown_dangerous, exhaustion, injection, special, controls]


def fixtures():
    out = []
    for m in MODULES:
        out += m.fixtures()
    return out


def _write(root, rel, data):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def _entry(fx, python):
    return {
        "file": fx.path,
        "class": fx.attack_class,
        "attack": fx.attack,
        "expected": fx.expected,
        "python": python,
        **({"companions": sorted(fx.files)} if fx.files else {}),
        **({"bounds": fx.bounds} if fx.bounds else {}),
        **({"generated_at_test_time": True} if fx.generated else {}),
        **({"note": fx.note} if fx.note else {}),
    }


def _python_summary(fx, results):
    if fx.generated:
        return {"checked": False, "why": "written at test time (too big to commit); see test/hostile-big.ts"}
    out = {"checked": True, "payload_ran": any(r["ran"] for r in results.values()), "loaders": results}
    if fx.effect == "none":
        out["why"] = "no payload: the file reaches something Python loads but calls nothing"
    return out


def write_all(root, big=None, only=None):
    all_fx = fixtures()
    chosen = [fx for fx in all_fx if not only or only in fx.path]
    for fx in chosen:
        if callable(fx.data):
            fx.data = fx.data()  # the big compressions are made only when asked for
        if fx.generated:
            if big and fx.attack_class not in (special.SPECIAL, special.OUTSIDE, special.READ_OUTSIDE):
                _write(big, fx.path, exhaustion.big_data(fx))
            continue
        _write(root, fx.path, fx.data)
        for rel, data in fx.files.items():
            _write(root, rel, data)
    print(f"issue 15: {len(chosen)} fixtures; checking each in Python")
    results = check.check_all(chosen, root)
    if only:
        return
    manifest = {
        "about": "Issue 15's hostile corpus (scripts/make-hostile.py). expected: what mlops-report must answer; python: what Python's pickle.load and joblib.load did with the file (payloads are harmless: they create /tmp/mlops-report-PWNED-<id>).",
        "bounds": BOUNDS,
        "files": [_entry(fx, _python_summary(fx, results.get(fx.path, {}))) for fx in all_fx],
    }
    with open(os.path.join(root, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
