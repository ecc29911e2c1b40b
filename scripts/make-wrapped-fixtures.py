#!/usr/bin/env python3
"""Models saved inside something else, as real projects save them, and what Python says about them.

  /usr/bin/python3 scripts/make-wrapped-fixtures.py

Writes test/fixtures/wrapped/*.pkl and truth.json: for each file, where the estimator to report
is (the path as Python reaches it), its class and get_params(deep=False) as scikit-learn gives
them (canonical JSON, as make-fixtures.py writes it), the other estimators inside with their
classes_, and the plain values beside them. Tests never run Python; they read truth.json.
"""
import importlib.util
import json
import os
import pickle
import sys

import joblib
import numpy as np
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import LabelEncoder, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "test", "fixtures", "wrapped")
spec = importlib.util.spec_from_file_location("make_fixtures", os.path.join(ROOT, "scripts", "make-fixtures.py"))
fixtures = importlib.util.module_from_spec(spec)
sys.argv = sys.argv[:1]
spec.loader.exec_module(fixtures)
canon = fixtures.canon


class ModelWrapper:
    """A project's own wrapper class (pickled as __main__.ModelWrapper: the reader cannot import it, and must not)."""

    def __init__(self, model, version, feature_names):
        self.model_object = model
        self.version = version
        self.feature_names = feature_names


def params(est):
    return {k: canon(v) for k, v in sorted(est.get_params(deep=False).items()) if not hasattr(v, "get_params")}


def main():
    os.makedirs(OUT, exist_ok=True)
    X, y = make_classification(n_samples=80, n_features=4, random_state=0)
    Xr, yr = make_regression(n_samples=80, n_features=3, random_state=0)
    truth = {}

    pipe = Pipeline([("scale", StandardScaler()), ("clf", LogisticRegression(C=0.5, max_iter=200))]).fit(X, y)
    features = ["a", "b", "c", "d"]
    joblib.dump({"model": pipe, "features": features, "model_name": "Logistic Regression", "threshold": 0.42},
                os.path.join(OUT, "dict_pipeline.joblib"))
    truth["dict_pipeline.joblib"] = {
        "type": "dict", "path": 'dict["model"]', "class": "Pipeline", "params_of_last_step": params(pipe[-1]),
        "classes": canon(pipe.classes_), "others": [],
        "attributes": {"features": features, "model_name": "Logistic Regression", "threshold": 0.42},
    }

    scaler = StandardScaler().fit(X)
    forest = RandomForestClassifier(n_estimators=3, max_depth=2, random_state=0).fit(X, y)
    with open(os.path.join(OUT, "list_scaler_forest.pkl"), "wb") as f:
        pickle.dump([scaler, forest], f, protocol=4)
    truth["list_scaler_forest.pkl"] = {
        "type": "list", "path": "list[1]", "class": "RandomForestClassifier", "params": params(forest),
        "classes": canon(forest.classes_),
        "others": [{"path": "list[0]", "class_name": "StandardScaler", "classes": None}], "attributes": {},
    }

    reg = RandomForestRegressor(n_estimators=2, max_depth=3, random_state=1).fit(Xr, yr)
    with open(os.path.join(OUT, "custom_wrapper.pkl"), "wb") as f:
        pickle.dump(ModelWrapper(reg, "1.2.0", ["x0", "x1", "x2"]), f, protocol=4)
    truth["custom_wrapper.pkl"] = {
        "type": "__main__.ModelWrapper", "path": "ModelWrapper.model_object", "class": "RandomForestRegressor",
        "params": params(reg), "classes": None, "others": [],
        "attributes": {"version": "1.2.0", "feature_names": ["x0", "x1", "x2"]},
    }

    target = LabelEncoder().fit(["<=50K", ">50K", "<=50K"])
    sex = LabelEncoder().fit(["F", "M"])
    joblib.dump({"target_encoder": target, "feature_encoders": {"sex": sex}, "feature_columns": ["age", "sex"]},
                os.path.join(OUT, "preprocessing_components.pkl"))
    truth["preprocessing_components.pkl"] = {
        "type": "dict", "path": 'dict["target_encoder"]', "class": "LabelEncoder", "params": params(target),
        "classes": canon(target.classes_),
        "others": [{"path": 'dict["feature_encoders"]["sex"]', "class_name": "LabelEncoder", "classes": canon(sex.classes_)}],
        "attributes": {"feature_columns": ["age", "sex"]},
    }

    with open(os.path.join(OUT, "dict_no_estimator.pkl"), "wb") as f:
        pickle.dump({"features": features, "weights": [0.1, 0.2]}, f, protocol=4)
    truth["dict_no_estimator.pkl"] = {"type": "dict", "path": None}

    with open(os.path.join(OUT, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
