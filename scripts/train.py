#!/usr/bin/env python3
"""Train app-category classifiers on data/apps.csv and write their metrics JSON.

This is the pipeline's training step (GitHub Actions runs it before mlops-report).
It needs scikit-learn, pandas and joblib; mlops-report itself never needs Python.

  python3 scripts/train.py                # train the candidate on the current data
  python3 scripts/train.py --sample       # rebuild the committed sample: production + candidate

The sample story: production was trained on an older snapshot of the data (the
first rows, before the last --new-rows were added) and saved with
joblib.dump(compress=3); the candidate is trained on all rows and saved as a
plain pickle. Both are evaluated on the same held-out rows, so their metrics
compare fairly. Timestamps come from --trained-at so the sample is reproducible.
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import pickle
import re
from collections import Counter

import joblib
import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import (accuracy_score, classification_report, confusion_matrix,
                             precision_recall_fscore_support)

HOLDOUT_SEED = 42


def parse_size_mb(s):
    if s.endswith("M"):
        return float(s[:-1])
    if s.endswith("k"):
        return float(s[:-1]) / 1000
    return np.nan


def parse_android(s):
    m = re.match(r"(\d+)\.(\d+)", s)
    return float(f"{m.group(1)}.{m.group(2)}") if m else np.nan


def tokens(name):
    return set(re.findall(r"[a-zà-ÿ]{3,}", name.lower()))


def features(df, vocab):
    """Numeric features from the store columns, plus, per category, how many words of
    the app name are typical of that category (vocab: word -> category, learnt in training)."""
    out = {}
    rating = pd.to_numeric(df["Rating"], errors="coerce")
    out["rating"] = rating.fillna(0)
    out["rating_missing"] = rating.isna().astype(int)
    out["log_reviews"] = np.log10(1 + df["Reviews"].astype(float))
    out["size_mb"] = df["Size"].map(parse_size_mb).fillna(-1)
    out["log_installs"] = np.log10(1 + df["Installs"].str.replace(r"[+,]", "", regex=True).astype(float))
    out["price"] = df["Price"].str.replace("$", "", regex=False).astype(float)
    out["content_rating"] = df["Content Rating"].map(
        {"Everyone": 0, "Everyone 10+": 1, "Teen": 2, "Mature 17+": 3}).fillna(-1)
    out["min_android"] = df["Android Ver"].map(parse_android).fillna(-1)
    out["update_year"] = pd.to_datetime(df["Last Updated"], format="%B %d, %Y").dt.year
    out["name_length"] = df["App"].str.len()
    toks = df["App"].map(tokens)
    for cat in sorted(set(vocab.values())):
        words = {w for w, c in vocab.items() if c == cat}
        out[f"name_words_{cat.lower()}"] = toks.map(lambda t, words=words: len(t & words))
    return pd.DataFrame(out, index=df.index)


def vocabulary(names, categories):
    """Words seen at least 3 times whose majority category holds at least 60 % of uses."""
    by_word = {}
    for name, cat in zip(names, categories):
        for t in tokens(name):
            by_word.setdefault(t, Counter())[cat] += 1
    vocab = {}
    for w, counts in by_word.items():
        cat, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        total = sum(counts.values())
        if total >= 3 and n / total >= 0.6:
            vocab[w] = cat
    return vocab


def sha256_bytes(b):
    return hashlib.sha256(b).hexdigest()


def snapshot_bytes(path, rows):
    """The CSV as it was when it had `rows` data rows (header + first rows)."""
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    return b"\n".join(lines[: rows + 1]) + b"\n"


def metrics_for(model, X_test, y_test, data_df, fit_rows, data_bytes, trained_at, deployed_at, test_sha):
    """The metrics JSON: held-out scores plus the data the model was trained from.
    training.rows and category_counts describe the data file at training time
    (mlops-report compares them with today's file); fit_rows excludes the held-out rows."""
    pred = model.predict(X_test)
    labels = sorted(set(y_test) | set(pred))
    p, r, f, _ = precision_recall_fscore_support(y_test, pred, average="weighted", zero_division=0)
    acc = accuracy_score(y_test, pred)
    m = {
        "model_type": type(model).__name__,
        "accuracy": round(float(acc), 4),
        "precision": round(float(p), 4),
        "recall": round(float(r), 4),
        "f1_score": round(float(f), 4),
        # score out of 100: the mean of the four metrics (mlops-report's default weights)
        "score": round(100 * float(acc + p + r + f) / 4, 1),
        "trained_at": trained_at,
        "deployed_at": deployed_at,
        "sklearn_version": sklearn.__version__,
        "classification_report": classification_report(y_test, pred, output_dict=True, zero_division=0),
        "confusion_matrix": confusion_matrix(y_test, pred, labels=labels).tolist(),
        "labels": labels,
        "training": {
            "rows": int(len(data_df)),
            "fit_rows": int(fit_rows),
            "category_counts": {k: int(v) for k, v in sorted(Counter(data_df["Category"]).items())},
            "data_sha256": sha256_bytes(data_bytes),
        },
        "evaluation": {"rows": int(len(y_test)), "data_sha256": test_sha},
    }
    return m


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=2, ensure_ascii=False, allow_nan=False)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data/apps.csv")
    ap.add_argument("--models-dir", default="models")
    ap.add_argument("--sample", action="store_true", help="rebuild production and candidate sample models")
    ap.add_argument("--new-rows", type=int, default=150, help="rows added after production was trained (--sample)")
    ap.add_argument("--trained-at", default=None, help="ISO time stamped into the candidate's metrics (default: now)")
    ap.add_argument("--production-at", default="2026-01-03T14:30:00Z", help="production's trained/deployed time (--sample)")
    ap.add_argument("--production-trees", type=int, default=100, help="production's n_estimators (--sample)")
    ap.add_argument("--production-depth", type=int, default=10, help="production's max_depth (--sample)")
    args = ap.parse_args()
    now = args.trained_at or dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    df = pd.read_csv(args.data, keep_default_na=False, na_values=["NaN"])
    df["Rating"] = df["Rating"].astype(str)
    rng = np.random.RandomState(HOLDOUT_SEED)
    snapshot_rows = len(df) - args.new_rows if args.sample else len(df)
    # The held-out rows come from the snapshot, so production and candidate share them.
    is_test = np.zeros(len(df), dtype=bool)
    is_test[rng.permutation(snapshot_rows)[: snapshot_rows // 5]] = True
    test_df = df[is_test]
    test_sha = sha256_bytes(",".join(map(str, np.flatnonzero(is_test))).encode())
    os.makedirs(args.models_dir, exist_ok=True)
    csv_bytes = open(args.data, "rb").read()

    def fit(train_df, estimator):
        vocab = vocabulary(train_df["App"], train_df["Category"])
        estimator.fit(features(train_df, vocab), train_df["Category"])
        return estimator, features(test_df, vocab)

    candidate_train = df[~is_test]
    candidate, X_test = fit(candidate_train, RandomForestClassifier(
        n_estimators=120, max_depth=14, min_samples_leaf=2, class_weight="balanced_subsample",
        random_state=7, n_jobs=-1))
    with open(os.path.join(args.models_dir, "candidate_model.pkl"), "wb") as f:
        pickle.dump(candidate, f, protocol=pickle.DEFAULT_PROTOCOL)
    write_json(os.path.join(args.models_dir, "candidate_metrics.json"),
               metrics_for(candidate, X_test, test_df["Category"], df, len(candidate_train), csv_bytes, now, None, test_sha))

    if args.sample:
        prod_train = df.iloc[:snapshot_rows][~is_test[:snapshot_rows]]
        production, X_test_p = fit(prod_train, RandomForestClassifier(
            n_estimators=args.production_trees, max_depth=args.production_depth, random_state=42, n_jobs=-1))
        joblib.dump(production, os.path.join(args.models_dir, "production_model.pkl"), compress=3)
        write_json(os.path.join(args.models_dir, "production_metrics.json"),
                   metrics_for(production, X_test_p, test_df["Category"], df.iloc[:snapshot_rows], len(prod_train),
                               snapshot_bytes(args.data, snapshot_rows), args.production_at,
                               args.production_at, test_sha))
    print(f"trained on {len(df)} rows; scikit-learn {sklearn.__version__}")


if __name__ == "__main__":
    main()
