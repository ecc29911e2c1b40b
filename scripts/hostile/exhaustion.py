"""Exhaustion from small files. Pickle has no loops, so a few KB make 100 M operations only
through compression: each file here is a joblib container (xz, lzma, bz2, zlib) around a
huge, repetitive opcode stream. Also object graphs whose shared references blow up when
expanded, and compression bombs. The biggest inputs are written at test time."""
import lzma
import struct
import zlib

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.tree import DecisionTreeClassifier
from sklearn.ensemble import RandomForestClassifier

from . import opcodes as op
from .bombs import bombs
from .fixture import BOUNDS, Fixture, answered, refused, warned

CLASS = "resource-exhaustion"


def xz(data):
    return lzma.compress(data, format=lzma.FORMAT_XZ, preset=6)


def fixtures():
    out = []

    def add(name, data, attack, expected, loaders=("joblib",), **kw):
        out.append(Fixture(f"resource/{name}", data, CLASS, attack, expected, effect="none", loaders=loaders, bounds=BOUNDS, **kw))

    n = 100_000_000
    add("appends_100m.joblib.xz", lambda: xz(b"\x80\x04]" + b"K\x01a" * n + b"."), "100 M APPENDs (300 MB of opcodes) in a 44 KB xz joblib file",
        refused("limit:items"))
    add("empty_dicts_100m.joblib.xz", lambda: xz(b"\x80\x04](" + b"}" * n + b"e."), "100 M empty dicts in one APPENDS", refused("limit:items"))
    add("marks_100m.joblib.xz", lambda: xz(b"\x80\x04" + b"(" * n + b"N."), "100 M MARKs", refused("limit:items"))
    add("memo_17m.joblib.xz", lambda: xz(b"\x80\x04]" + b"\x94" * 17_000_000 + b"."), "17 M memo entries (MEMOIZE of one list)", refused("limit:memo"))
    add("dict_keys_17m.joblib.xz", lambda: xz(b"\x80\x04}(" + b")K\x01" * 17_000_000 + b"u."),
        "17 M dict keys: each () is a new key object to a reader that keys by identity (Python keeps one)", refused("limit:items"))
    long4 = b"\x80\x04\x8b" + struct.pack("<i", 1 << 20) + b"\x7f" * (1 << 20) + b"."
    add("long4_1mib.joblib", zlib.compress(long4, 9), "one 1 MiB LONG4 integer (quadratic to decode digit by digit)",
        answered("safe", or_refused="limit:int-bytes"))
    add("long_text_1m_digits.joblib", zlib.compress(b"L" + b"9" * 1_000_000 + b"L\n.", 9),
        "protocol 0 LONG of 1 M decimal digits (Python refuses more than 4300)", refused("limit:int-digits"))
    add("pipeline_fanout_p4.pkl", op.dumps(_fanout(), proto=4), "Pipelines 6 deep, each with 12 steps named 'step' that are one shared Pipeline",
        answered("safe"), loaders=("pickle",))
    add("param_dag_p4.pkl", op.dumps(_param_dag(), proto=4), "a Pipeline of 40 shared LogisticRegression steps whose 15 parameters share one 2^30-path list DAG",
        answered("safe"), loaders=("pickle",))
    add("search_self_best_p4.pkl", op.dumps(_self_best(), proto=4), "a fitted GridSearchCV whose best_estimator_ is itself", answered("safe"), loaders=("pickle",))
    add("tree_negative_features_p4.pkl", op.dumps(_negative_features(), proto=4), "a fitted DecisionTreeClassifier with n_features_in_ = -1",
        answered("safe", or_refused="invalid-model"), loaders=("pickle",))
    add("forest_20k_refs_1m_nodes.joblib.xz", lambda: xz(op.dumps(_wide_forest(), proto=4, hide_in=_is_tree, extra=_million_nodes())),
        "a RandomForest whose estimators_ are 20 000 references to one tree of 1 M nodes", answered("safe", or_refused="limit:work"))
    out += bombs()
    out += _generated()
    return out


def _fanout():
    inner = LogisticRegression()
    for _ in range(6):
        inner = Pipeline([("step", inner)] * 12)
    return inner


def _param_dag():
    dag = []
    for _ in range(30):
        dag = [dag, dag]
    lr = LogisticRegression()
    for name in ("C", "class_weight", "dual", "fit_intercept", "intercept_scaling", "l1_ratio", "max_iter", "multi_class",
                 "n_jobs", "penalty", "random_state", "solver", "tol", "verbose", "warm_start"):
        setattr(lr, name, dag)
    return Pipeline([(f"s{i}", lr) for i in range(40)])


def _self_best():
    X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
    search = GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=2).fit(X, [0, 1, 0, 1, 0, 1])
    search.best_estimator_ = search
    return search


def _negative_features():
    tree = DecisionTreeClassifier(max_depth=2).fit([[0.0], [1.0], [2.0]], [0, 1, 0])
    tree.n_features_in_ = -1
    return tree


def _is_tree(obj):
    return type(obj).__name__ == "Tree"


def _million_nodes(n=1_000_000):
    """A Tree state of n nodes: node 0's split copied everywhere (children 1 and 2, leaves)."""
    st = DecisionTreeClassifier(max_depth=1).fit([[0.0], [1.0]], [0, 1]).tree_.__getstate__()
    nodes = np.empty(n, dtype=st["nodes"].dtype)
    nodes[:] = st["nodes"][0]
    nodes[1], nodes[2] = st["nodes"][1], st["nodes"][2]
    return {"nodes": nodes, "values": np.zeros((n,) + st["values"].shape[1:]), "node_count": n}


def _wide_forest():
    forest = RandomForestClassifier(n_estimators=1, max_depth=1, random_state=0).fit([[0.0], [1.0]], [0, 1])
    forest.estimators_ = forest.estimators_ * 20_000
    forest.n_estimators = 20_000
    return forest


def _generated():
    """Too big to commit: test/hostile-big.ts writes them (and --big, for local runs)."""
    out = []
    for name, attack, expected in [
        ("metrics_500mb.json", "a 500 MB metrics JSON of numbers", refused("limit:metrics-bytes")),
        ("metrics_unterminated_400k.json", "a metrics JSON ending in an unterminated string of 200 K escaped quotes (400 KB)", warned("invalid-json")),
        ("metrics_string_10mb.json", "a valid metrics JSON holding a 10 MB string", {"outcome": "answered"}),
        ("metrics_deep_100k.json", "a metrics JSON nested 100 000 arrays deep", warned("limit:metrics-depth")),
        ("apps_100mb_one_line.csv", "a 100 MB CSV on one line", refused("limit:csv-line")),
        ("apps_100mb_one_line.jsonl", "a 100 MB JSON Lines data file on one line (the label sample read it whole)", refused("limit:csv-line")),
        ("lz4_bomb_10mb.joblib.lz4", "a 10 MB lz4 frame that expands 255:1 to 2.5 GB", refused("limit:decompressed-bytes")),
    ]:
        out.append(Fixture(f"resource/{name}", None, CLASS if "lz4" not in name else "compression-bomb", attack, expected,
                           effect="none", bounds=BOUNDS, generated=True))
    return out


def lz4_bomb(size):
    """An lz4 frame of 4 MiB blocks of zeros, each one literal and one match of offset 1:
    255:1, the most lz4 allows (test/hostile-big.ts writes the same bytes)."""
    match = (4 << 20) - 6 - 4 - 15
    block = b"\x1f\x00\x01\x00" + b"\xff" * (match // 255) + bytes([match % 255]) + b"\x50" + bytes(5)
    head = bytes.fromhex("04224d18607073")  # magic, FLG (independent blocks), BD (4 MiB blocks), header checksum
    n = (size - 11) // (len(block) + 4)
    return head + (struct.pack("<I", len(block)) + block) * n + bytes(4)


def big_data(fx):
    """The generated files, for --big (the test helper writes the same shapes)."""
    name = fx.path.rsplit("/", 1)[-1]
    if name == "metrics_500mb.json":
        return b'{"accuracy": 0.9, "precision": 0.9, "recall": 0.9, "f1_score": 0.9, "x": [' + b"0," * (250 << 20) + b"0]}"
    if name == "metrics_unterminated_400k.json":
        return b'{"accuracy": 0.9, "model_type": "' + b'\\"' * (200 << 10)
    if name == "metrics_string_10mb.json":
        return b'{"accuracy": 0.9, "precision": 0.9, "recall": 0.9, "f1_score": 0.9, "note": "' + b"a" * (10 << 20) + b'"}'
    if name == "metrics_deep_100k.json":
        return b'{"accuracy": 0.9, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    if name == "apps_100mb_one_line.csv":
        return b"App,Category," + b"x" * (100 << 20) + b"\n"
    if name == "apps_100mb_one_line.jsonl":
        return b'{"App": "a", "Category": "' + b"x" * (100 << 20) + b'"}\n'
    if name == "lz4_bomb_10mb.joblib.lz4":
        return lz4_bomb(10 << 20)
    raise ValueError(name)


