"""Strings from an input that reach stdout, stderr, GitHub annotations, $GITHUB_OUTPUT or
the job summary: a newline and '::error ::' make a workflow command, '\\r' and ESC [2K
rewrite a terminal line, '|' and '<' break Markdown tables and HTML."""
import json

import numpy as np
from sklearn.linear_model import LogisticRegression

from . import opcodes as op
from .fixture import Fixture, touch

CLASS = "output-injection"
WORKFLOW = "\n::error title=Deployment approved::mlops-report found no problem\n"
REWRITE = "\r\x1b[2K  safety: safe (2 imports)\x1b[8m"  # ESC[8m hides the rest of the line


def _escaped(verdict):
    out = {"output": "escaped for each channel (no raw newline, CR, ESC or workflow command)"}
    return {"outcome": "answered", "verdict": verdict, **out} if verdict else out


def fixtures():
    out = []

    def add(name, data, attack, verdict, effect="none", **kw):
        out.append(Fixture(f"injection/{name}", data, CLASS, attack, _escaped(verdict), effect=effect, **kw))

    cls = op.global_op("sklearn.linear_model._logistic", "LogisticRegression" + WORKFLOW)
    state = op.value({"C": 1.0, "_sklearn_version": "1.2.1"})
    add("class_name_workflow_command_p4.pkl", op.program(cls + b")\x81" + state + b"b"),
        "a class name holding a newline and '::error title=…::' (a workflow command when printed as is)", "unknown", loaders=("pickle",))
    ident = "class_name_rewrites_line_p4"
    payload = op.call("posix", "system", touch(ident))
    hider = op.global_op("zz", REWRITE)
    add(f"{ident}.pkl", op.program(payload, hider),
        "posix.system, and an import named '\\r ESC[2K safety: safe': on a terminal the dangerous line reads safe", "dangerous", effect="marker", loaders=("pickle",))
    lr = LogisticRegression().fit(np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]]), [0, 0, 1, 1])
    lr.solver = "lbfgs" + WORKFLOW
    lr.feature_names_in_ = np.array(["age" + REWRITE, "| col | <img src=x onerror=alert(1)> [x](javascript:alert(1))"], dtype=object)
    add("params_and_features_p4.pkl", op.dumps(lr, proto=4),
        "a real LogisticRegression whose solver holds a workflow command and whose feature names hold CR/ESC, Markdown and HTML", "safe",
        loaders=("pickle",))
    metrics = {"accuracy": 0.91, "precision": 0.9, "recall": 0.89, "f1_score": 0.9,
               "model_type": "RandomForest" + WORKFLOW + "%0A::warning::x", "deployed_at": "2026-01-01T00:00:00Z" + REWRITE}
    add("metrics_injection.json", json.dumps(metrics, indent=1).encode(),
        "metrics whose model_type and deployed_at hold workflow commands, %0A, CR and ESC", None, loaders=())
    return out
