#!/usr/bin/env python3
"""Write test/fixtures/hostile/: pickles crafted to run code when Python loads them, and
malformed files. mlops-report must read every one as data (or refuse it) and run nothing:
each payload would create the marker file /tmp/mlops-report-PWNED-<name>, and the tests
check that no marker appears.

  /usr/bin/python3 scripts/make-hostile.py [--big DIR]

Never load these files with pickle.load or joblib.load.

Issue 15's attack classes (scripts/hostile/) go to subfolders, each checked here in
Python: a subprocess loads it (pickle.load and joblib.load) in a temp folder and the
check records whether the payload ran (it creates /tmp/mlops-report-PWNED-<id>, or
empties or removes something the check made). test/fixtures/hostile/manifest.json
records, per file, the attack class, the expected verdict, what Python did, and the
bounds of the resource cases. Files too big to commit are written at test time by
test/hostile-big.ts; --big DIR writes them here too, for local runs.
"""
import argparse
import io
import os
import sys
import pickle
import subprocess
import zlib

import joblib
import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "hostile")


def marker(name):
    return f"/tmp/mlops-report-PWNED-{name}"


class System:
    def __init__(self, name):
        self.name = name

    def __reduce__(self):
        return (os.system, (f"touch {marker(self.name)}",))


class Eval:
    def __reduce__(self):
        return (eval, (f"__import__('os').system('touch {marker('eval')}')",))


class Popen:
    def __reduce__(self):
        return (subprocess.Popen, (["touch", marker("popen")],))


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    for proto in (0, 2, 4):
        write(f"os_system_p{proto}.pkl", pickle.dumps(System(f"system-p{proto}"), protocol=proto))
        write(f"popen_p{proto}.pkl", pickle.dumps(Popen(), protocol=proto))
    write("eval_p4.pkl", pickle.dumps(Eval(), protocol=4))
    # a real model carrying a payload in its __dict__
    m = LogisticRegression().fit(np.array([[0.0], [1.0], [2.0], [3.0]]), [0, 0, 1, 1])
    m.note = System("inside-model")
    write("model_with_payload_p4.pkl", pickle.dumps(m, protocol=4))
    # getattr(__import__('os'), 'system')('touch …') in raw opcodes (protocol 2)
    cmd = f"touch {marker('getattr')}".encode()
    write("getattr_chain_p2.pkl", b"\x80\x02cbuiltins\ngetattr\ncbuiltins\n__import__\nU\x02os\x85R" +
          b"U\x06system\x86R" + b"U" + bytes([len(cmd)]) + cmd + b"\x85R.")
    # protocol 0 INST: the classic one-liner
    write("inst_p0.pkl", f"(S'touch {marker('inst')}'\nios\nsystem\n.".encode())
    # a genuine scikit-learn >= 1.6 loss name, which is safe
    write("sklearn_loss_name_p4.pkl", b"\x80\x04\x95\x1f\x00\x00\x00\x00\x00\x00\x00\x8c\x05_loss\x8c\x12CyHalfBinomialLoss\x93)\x81.")
    # structure attacks
    deep = b"\x80\x04" + b"]" * 100_000 + b"a" * 99_999 + b"."
    write("deep_lists_p4.pkl", deep)
    self_ref = io.BytesIO()
    lst = []
    lst.append(lst)
    d = {}
    d["self"] = d
    pickle.dump({"list": lst, "dict": d}, self_ref, protocol=4)
    write("self_reference_p4.pkl", self_ref.getvalue())
    # billion laughs: L[i] = [L[i-1], L[i-1]], 40 levels, a few hundred bytes
    laughs = b"\x80\x04]\x94"
    for i in range(40):
        laughs += b"]\x94(h" + bytes([i]) + b"h" + bytes([i]) + b"e"
    write("billion_laughs_p4.pkl", laughs + b".")
    write("big_appends_p4.pkl", b"\x80\x04](" + b"K\x01" * 300_000 + b"e.")
    write("negative_ints_p2.pkl", pickle.dumps([-(2**40), -(2**31) - 1, 2**70, -(2**70), -1, 255, -256], protocol=2))
    oob = []
    write("out_of_band_p5.pkl", pickle.dumps(np.arange(10.0), protocol=5, buffer_callback=oob.append))
    # zip bomb: 64 MiB of zeros, zlib-compressed the way joblib does (about 64 KiB)
    write("zip_bomb_zlib.pkl", zlib.compress(b"\x00" * (64 << 20), 9))
    # not pickles at all
    write("empty.pkl", b"")
    write("random.pkl", bytes((i * 7919 + 13) % 256 for i in range(4096)))
    write("text.pkl", b"this is a README, not a model\n")
    write("html.pkl", b"<!DOCTYPE html><html><body>404 Not Found</body></html>\n")
    write("lfs_pointer.pkl", b"version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n")
    write("zip.pkl", b"PK\x03\x04" + bytes(60))
    write("json.pkl", b'{"accuracy": 0.9}\n')
    good = pickle.dumps(m.__class__().fit(np.array([[0.0], [1.0]]), [0, 1]), protocol=4)
    write("truncated_p4.pkl", good[: len(good) // 2])
    jb = io.BytesIO()
    joblib.dump(m.__class__().fit(np.array([[0.0], [1.0]]), [0, 1]), jb)
    write("truncated_joblib.pkl", jb.getvalue()[: len(jb.getvalue()) // 2])
    print(f"wrote {len(os.listdir(OUT))} files to {OUT}")


if __name__ == "__main__":
    args = argparse.ArgumentParser()
    args.add_argument("--big", help="also write the files generated at test time to this folder")
    args.add_argument("--only", help="issue 15 fixtures whose path contains this text (no manifest rewrite)")
    ns = args.parse_args()
    if not ns.only:
        main()
    hostile.write_all(OUT, big=ns.big, only=ns.only)
