#!/usr/bin/env python3
"""Ground truth for src/collect/compare/significance.ts and predictions.ts.

  apt-get install -y python3-sklearn python3-pandas python3-statsmodels python3-scipy
  /usr/bin/python3 scripts/make-stats-fixtures.py      (npm run fixtures:stats)

Writes test/fixtures/stats/truth.json: normal quantiles (scipy), Wilson intervals (statsmodels
proportion_confint), Newcombe differences (statsmodels confint_proportions_2indep) and exact
McNemar p-values (statsmodels mcnemar and scipy binomtest) over small, sample-sized (n = 1831)
and large counts, p = 0 and 1, ties, b + c = 0, at 90/95/99 % confidence.

Writes test/fixtures/predictions/*.csv: per-row predictions of two scikit-learn models trained on
scikit-learn's bundled datasets (digits, iris, wine), in the format the README documents, written
by pandas and by the csv module, plus predictions/truth.json with the counts, accuracies and
p-values computed from the same arrays in Python. Tests never run Python.
"""
import csv
import json
import os
import platform

import numpy as np
import pandas as pd
import scipy
import sklearn
import statsmodels
from scipy import stats
from sklearn.datasets import load_digits, load_iris, load_wine
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.model_selection import cross_val_predict, train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
STATS = os.path.join(ROOT, 'test', 'fixtures', 'stats')
PREDICTIONS = os.path.join(ROOT, 'test', 'fixtures', 'predictions')
CONFIDENCES = [0.9, 0.95, 0.99]


def alpha(confidence):
    # what a user passes to statsmodels: 0.05, not 1 - 0.95 = 0.050000000000000044
    return round(1 - confidence, 10)


def wilson(successes, n, confidence):
    low, high = proportion_confint(successes, n, alpha=alpha(confidence), method='wilson')
    return {'successes': successes, 'n': n, 'confidence': confidence, 'low': float(low), 'high': float(high)}


def newcombe(x1, n1, x2, n2, confidence):
    # statsmodels gives p1 - p2 for (count1, nobs1) vs (count2, nobs2): pass the candidate
    # (x2, n2) first to get candidate - production
    low, high = confint_proportions_2indep(x2, n2, x1, n1, method='newcomb', compare='diff',
                                           alpha=alpha(confidence))
    return {'x1': x1, 'n1': n1, 'x2': x2, 'n2': n2, 'confidence': confidence,
            'delta': x2 / n2 - x1 / n1, 'low': float(low), 'high': float(high)}


def mcnemar_case(b, c):
    # b: only production right, c: only candidate right (the off-diagonal of the 2x2 table)
    table = [[0, b], [c, 0]]
    scipy_p = float(stats.binomtest(b, b + c, 0.5).pvalue) if b + c > 0 else None  # needs n >= 1
    return {'b': b, 'c': c, 'statsmodels_pvalue': float(mcnemar(table, exact=True).pvalue), 'scipy_pvalue': scipy_p}


SAMPLE_N = 1831  # the evaluation rows of the project's sample models (accuracy 0.793 vs 0.799)
WILSON_CASES = [
    ('p = 0, small n', 0, 10), ('p = 1, small n', 10, 10), ('small n', 1, 10), ('half', 5, 10),
    ('n = 1, wrong', 0, 1), ('n = 1, right', 1, 1), ('sample production, exact count', 1452, SAMPLE_N),
    ('sample production, value x n', 0.793 * SAMPLE_N, SAMPLE_N),
    ('sample candidate, value x n', 0.799 * SAMPLE_N, SAMPLE_N), ('thousands', 4000, 5000),
    ('p = 0, thousands', 0, 5000), ('p = 1, thousands', 5000, 5000), ('large n near half', 49999, 100000),
]
NEWCOMBE_CASES = [
    ('sample, value x n', 0.793 * SAMPLE_N, SAMPLE_N, 0.799 * SAMPLE_N, SAMPLE_N),
    ('sample, exact counts', 1452, SAMPLE_N, 1463, SAMPLE_N), ('equal proportions', 50, 100, 50, 100),
    ('both p = 0', 0, 20, 0, 20), ('both p = 1', 20, 20, 20, 20), ('0 against 1', 0, 20, 20, 20),
    ('candidate worse', 90, 100, 70, 100), ('unequal n', 30, 40, 700, 1000),
    ('thousands', 4100, 5000, 4200, 5000), ('small', 3, 7, 6, 9),
]
MCNEMAR_CASES = [(0, 0), (0, 1), (1, 0), (1, 2), (3, 0), (5, 5), (12, 13), (10, 25), (25, 10), (0, 30),
                 (100, 150), (1000, 1100), (2400, 2600), (2450, 2551), (2500, 2500), (0, 5000), (40, 4960)]
QUANTILE_PS = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.005, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.425,
               0.5, 0.6, 0.75, 0.9, 0.95, 0.975, 0.995, 0.999, 1 - 1e-10]


def stats_truth():
    return {
        'normal_quantile': [{'p': p, 'z': float(stats.norm.ppf(p))} for p in QUANTILE_PS],
        'critical_value': [{'confidence': c, 'z': float(stats.norm.isf(alpha(c) / 2))} for c in CONFIDENCES],
        'wilson': [{'case': name, **wilson(x, n, c)} for name, x, n in WILSON_CASES for c in CONFIDENCES],
        'newcombe': [{'case': name, **newcombe(x1, n1, x2, n2, c)}
                     for name, x1, n1, x2, n2 in NEWCOMBE_CASES for c in CONFIDENCES],
        'mcnemar': [mcnemar_case(b, c) for b, c in MCNEMAR_CASES],
    }


def digits_cv():
    """Every digits row predicted out of fold: naive Bayes against a scaled logistic regression."""
    X, y = load_digits(return_X_y=True)
    prod = cross_val_predict(GaussianNB(), X, y, cv=5)
    cand = cross_val_predict(make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)), X, y, cv=5)
    return y.astype(str), prod.astype(str), cand.astype(str)


def digits_close():
    """Two nearly identical regularisations: a handful of discordant rows, within noise."""
    X, y = load_digits(return_X_y=True)
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.4, random_state=0)
    fit = lambda C: make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=2000)).fit(Xtr, ytr)
    return yte.astype(str), fit(1.0).predict(Xte).astype(str), fit(0.5).predict(Xte).astype(str)


def iris_names():
    """String labels: a depth-1 tree (can tell only two species apart) against logistic regression."""
    iris = load_iris()
    Xtr, Xte, ytr, yte = train_test_split(iris.data, iris.target, test_size=0.5, random_state=1)
    names = np.array(['Iris setosa', 'Iris versicolor', 'Iris virginica'])
    prod = DecisionTreeClassifier(max_depth=1, random_state=0).fit(Xtr, ytr).predict(Xte)
    cand = LogisticRegression(max_iter=2000).fit(Xtr, ytr).predict(Xte)
    return names[yte], names[prod], names[cand]


def wine_classes():
    """Wine cultivars (class_0..2) written with pandas' index column: a shallow tree against logistic regression."""
    wine = load_wine()
    Xtr, Xte, ytr, yte = train_test_split(wine.data, wine.target, test_size=0.5, random_state=2)
    names = np.array(wine.target_names)
    prod = DecisionTreeClassifier(max_depth=2, random_state=0).fit(Xtr, ytr).predict(Xte)
    cand = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(Xtr, ytr).predict(Xte)
    return names[yte], names[prod], names[cand]


def write_pandas(path, y, prod, cand, index):
    # pandas as a user would: an id column first, or the DataFrame index (an unnamed column)
    df = pd.DataFrame({'y_true': y, 'production': prod, 'candidate': cand})
    if not index:
        df.insert(0, 'id', np.arange(len(y)))
    df.to_csv(path, index=index, lineterminator='\n')


def write_csv_module(path, y, prod, cand, quoting):
    # the csv module's defaults: CRLF line endings; columns in another order
    with open(path, 'w', newline='') as f:
        w = csv.writer(f, quoting=quoting)
        w.writerow(['candidate', 'y_true', 'production'])
        w.writerows(zip(cand, y, prod))


def predictions_truth(name, y, prod, cand):
    p, c = prod == y, cand == y
    b, cc = int(np.sum(p & ~c)), int(np.sum(~p & c))
    return {'file': name, 'n': int(len(y)), 'both_right': int(np.sum(p & c)), 'only_production_right': b,
            'only_candidate_right': cc, 'both_wrong': int(np.sum(~p & ~c)),
            'production_accuracy': float(accuracy_score(y, prod)), 'candidate_accuracy': float(accuracy_score(y, cand)),
            **{k: v for k, v in mcnemar_case(b, cc).items() if k.endswith('pvalue')}}


def main():
    os.makedirs(STATS, exist_ok=True)
    os.makedirs(PREDICTIONS, exist_ok=True)
    versions = {'python': platform.python_version(), 'numpy': np.__version__, 'scipy': scipy.__version__,
                'statsmodels': statsmodels.__version__, 'scikit-learn': sklearn.__version__, 'pandas': pd.__version__}
    with open(os.path.join(STATS, 'truth.json'), 'w') as f:
        json.dump({'generated_by': 'scripts/make-stats-fixtures.py', 'versions': versions, **stats_truth()}, f, indent=1)
        f.write('\n')

    files = [
        ('digits-cv.csv', digits_cv(), lambda path, *a: write_pandas(path, *a, index=False)),
        ('digits-close.csv', digits_close(), lambda path, *a: write_csv_module(path, *a, csv.QUOTE_MINIMAL)),
        ('iris-quoted.csv', iris_names(), lambda path, *a: write_csv_module(path, *a, csv.QUOTE_ALL)),
        ('wine-pandas-index.csv', wine_classes(), lambda path, *a: write_pandas(path, *a, index=True)),
    ]
    truth = []
    for name, (y, prod, cand), write in files:
        path = os.path.join(PREDICTIONS, name)
        write(path, y, prod, cand)
        # the file must hold exactly the arrays the truth is computed from
        back = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert list(back['y_true']) == list(y) and list(back['candidate']) == list(cand), name
        truth.append(predictions_truth(name, y, prod, cand))
    with open(os.path.join(PREDICTIONS, 'truth.json'), 'w') as f:
        json.dump({'generated_by': 'scripts/make-stats-fixtures.py', 'versions': versions, 'files': truth}, f, indent=1)
        f.write('\n')
    for t in truth:
        print(f"{t['file']}: n={t['n']} b={t['only_production_right']} c={t['only_candidate_right']} "
              f"p={t['statsmodels_pvalue']:.3g}")


if __name__ == '__main__':
    main()
