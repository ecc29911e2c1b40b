"""Loads each fixture in Python, in a subprocess, in a temp folder, and says whether its
payload ran. Payloads are harmless: they create /tmp/mlops-report-PWNED-<id>, empty a
file the check created, or remove a folder the check created.
"""
import os
import resource
import shutil
import subprocess
import tempfile
import time

from .fixture import marker, touch

PYTHON = "/usr/bin/python3"
LOADERS = {
    "pickle": "import pickle, sys\nwith open(sys.argv[1], 'rb') as f: pickle.load(f)",
    "joblib": "import joblib, sys\njoblib.load(sys.argv[1])",
}
PAYLOAD_C = r"""
#include <stdio.h>
__attribute__((constructor)) static void payload(void) { FILE *f = fopen("%s", "w"); if (f) fclose(f); }
"""


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))


def _stage2(ident):
    """A pickle that touches the marker, for the loaders the fixture calls (numpy.load…)."""
    return b"\x80\x02cposix\nsystem\nX" + len(touch(ident)).to_bytes(4, "little") + touch(ident).encode() + b"\x85R."


def _prepare(fx, tmp, root):
    for rel in [fx.path, *fx.files]:
        dst = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copyfile(os.path.join(root, rel), dst)
    if "stage2" in fx.setup:
        with open(os.path.join(tmp, "stage2.pkl"), "wb") as f:
            f.write(_stage2(fx.ident))
    if "victim" in fx.setup:
        os.makedirs(os.path.join(tmp, "victim"))
        open(os.path.join(tmp, "victim", "keep.txt"), "w").close()
    if "libpayload" in fx.setup:
        src = os.path.join(tmp, "payload.c")
        with open(src, "w") as f:
            f.write(PAYLOAD_C % marker(fx.ident))
        subprocess.run(["gcc", "-shared", "-fPIC", "-o", os.path.join(tmp, "libpayload.so"), src], check=True)
    if "truncate" in fx.setup:
        with open(marker(fx.ident), "w") as f:
            f.write("intact")


def _effect(fx, tmp):
    m = marker(fx.ident)
    if fx.effect == "marker":
        return os.path.exists(m)
    if fx.effect == "truncated":
        return os.path.exists(m) and os.path.getsize(m) == 0
    if fx.effect == "victim-gone":
        return not os.path.exists(os.path.join(tmp, "victim"))
    return False


def _clean(fx):
    if os.path.exists(marker(fx.ident)):
        os.remove(marker(fx.ident))


def run(fx, root, loader, timeout=60):
    """{"ran": bool, "exit": code|"timeout", "seconds": s, "peak_mb": m, "error": last line}."""
    _clean(fx)
    with tempfile.TemporaryDirectory(prefix="mlops-hostile-") as tmp:
        _prepare(fx, tmp, root)
        timing = os.path.join(tmp, ".time")
        cmd = ["/usr/bin/time", "-f", "%e %M", "-o", timing, PYTHON, "-c", LOADERS[loader], os.path.join(tmp, fx.path)]
        started = time.monotonic()
        try:
            p = subprocess.run(cmd, cwd=tmp, capture_output=True, timeout=timeout, preexec_fn=_limits,
                               env={"PATH": "/usr/bin:/bin", "HOME": tmp, "LANG": "C.UTF-8"})
            code, err = p.returncode, p.stderr.decode("utf-8", "replace").strip().splitlines()
        except subprocess.TimeoutExpired:
            code, err = "timeout", ["killed after %d s" % timeout]
        seconds, peak = time.monotonic() - started, None
        if os.path.exists(timing):
            parts = open(timing).read().split()
            if len(parts) >= 2 and parts[-1].isdigit():
                peak = round(int(parts[-1]) / 1024)
        ran = _effect(fx, tmp)
    _clean(fx)
    return {"ran": ran, "exit": code, "seconds": round(seconds, 2), "peak_mb": peak, "error": err[-1][:200] if err else None}


def check_all(fixtures, root, log=print):
    """{path: {loader: result}} for every committed fixture."""
    out = {}
    for fx in fixtures:
        if fx.generated:
            continue
        out[fx.path] = {loader: run(fx, root, loader) for loader in fx.loaders}
        ran = [k for k, v in out[fx.path].items() if v["ran"]]
        log(f"  {fx.path}: {'payload ran under ' + ', '.join(ran) if ran else 'no payload ran'}")
    return out


