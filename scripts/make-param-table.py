#!/usr/bin/env python3
"""Write src/collect/pickle/sklearn-params.json: {class name: [constructor parameter names]}.

scikit-learn's get_params(deep=False) returns exactly the parameters of the class's
__init__ signature. Reading them from a pickle needs this table, because 46 of ~200
estimators also keep public attributes that are not parameters (pickle-lab REPORT §5).
Classes are keyed by name alone: modules move between releases (sklearn.ensemble.forest
became sklearn.ensemble._forest) but names stay. Regenerate when scikit-learn changes:

  /usr/bin/python3 scripts/make-param-table.py
"""
import inspect
import json
import warnings

import sklearn
from sklearn.utils import all_estimators

warnings.filterwarnings("ignore")

classes = {name: cls for name, cls in all_estimators()}
# Meta-estimators and searches are not all listed by all_estimators().
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV
from sklearn.pipeline import FeatureUnion, Pipeline
for cls in (Pipeline, FeatureUnion, ColumnTransformer, TransformedTargetRegressor, GridSearchCV, RandomizedSearchCV):
    classes[cls.__name__] = cls

table = {}
for name, cls in sorted(classes.items()):
    try:
        table[name] = sorted(cls._get_param_names())
    except Exception as exc:  # noqa: BLE001 - a class that cannot list its params is skipped
        print(f"skipped {name}: {exc}")

# One class per line keeps regenerations readable in a diff.
lines = [f"  {json.dumps(name)}: {json.dumps(params)}" for name, params in table.items()]
with open("src/collect/pickle/sklearn-params.json", "w") as f:
    f.write(f'{{\n"sklearn_version": {json.dumps(sklearn.__version__)},\n"classes": {{\n')
    f.write(",\n".join(lines))
    f.write("\n}\n}\n")
print(f"{len(table)} classes from scikit-learn {sklearn.__version__}")
