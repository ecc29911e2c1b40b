// One test per real-world shape, on made-up files of the same shape (test/fixtures/metrics-shapes).
// Expected numbers are the ones written in the fixtures (or printed by scikit-learn, see its README).
import { describe, expect, it } from 'vitest';
import { matchOf } from './helpers.js';

describe('flat', () => {
  it('reads a nested classification report beside accuracy: weighted averages, classes, support', () => {
    const m = matchOf('report-nested.json');
    expect([m.shape, m.via]).toEqual(['flat', ['flat']]);
    expect(m.metrics).toEqual({
      accuracy: 0.8333333333333334,
      precision: 0.838915470494418,
      recall: 0.8333333333333334,
      f1: 0.8351648351648353,
    });
    expect(m.sources.f1).toBe('report.weighted avg.f1-score');
    expect(m.variant?.name).toBe('weighted');
    expect(m.support).toEqual({ total: 60, source: 'report.weighted avg.support' });
    expect(m.perClass?.map((r) => [r.label, r.f1])).toEqual([
      ['0', 0.8717948717948718],
      ['1', 0.761904761904762],
    ]);
  });

  it('normalises dvclive keys that end with a colon, and says dvclive', () => {
    const m = matchOf('dvclive/metrics.json');
    expect(m.shape).toBe('dvclive');
    expect(m.metrics).toEqual({
      accuracy: 0.8333333333333334,
      precision: 0.7272727272727273,
      recall: 0.8,
      f1: 0.761904761904762,
    });
    expect(m.sources.recall).toBe('recall_score:');
    expect(m.variant).toEqual({ name: null, reason: { code: 'variant_unstated', values: {} } });
  });

  it('reads upper-case regression keys and the test row count', () => {
    const m = matchOf('uppercase-regression.json');
    expect(m.metrics).toEqual({ mae: 3500.5, rmse: 6400.25, r2: 0.68 });
    expect(m.support).toEqual({ total: 2000, source: 'n_test' });
    expect(m.extras).toEqual({ n_test: 2000, n_train: 8000 });
    expect(m.variant).toBeNull();
  });

  it('divides a 0–100 file by 100, keeps written precision, and finds the binary variant from the confusion matrix', () => {
    const m = matchOf('percent.json');
    expect(m.percentScale).toBe(true);
    expect(m.metrics).toEqual({ accuracy: 0.8333, precision: 0.7273, recall: 0.8, f1: 0.7619, roc_auc: 0.881 });
    expect(m.variant?.name).toBe('binary');
    expect(m.confusion?.matrix).toEqual([
      [34, 6],
      [4, 16],
    ]);
    expect(m.support).toEqual({ total: 60, source: 'test_rows' });
    expect(m.extras.default_rate_pct).toBe(33.3);
  });

  it('reads a single AUC nested in metadata and says where', () => {
    const m = matchOf('metadata.json');
    expect(m.metrics).toEqual({ roc_auc: 0.91 });
    expect(m.sources.roc_auc).toBe('expected_performance.estimated_auc');
    expect(m.notes).toContainEqual({ code: 'note_nested', values: { key: 'expected_performance' } });
  });

  it('turns NaN into n/a with a note instead of failing', () => {
    const m = matchOf('nan.json');
    expect(m.metrics).toEqual({ accuracy: 0.9, recall: 0.8, f1: 0.85 });
    expect(m.notes).toEqual([{ code: 'note_non_finite', values: { key: 'precision', value: 'NaN' } }]);
  });

  it('does not read model-prefixed keys (lr_rmse) as metrics', () => {
    const r = matchOf.bind(null, 'prefixed.json');
    expect(r).toThrow(/problem_no_metrics/);
  });
});

describe('classification report', () => {
  it('uses accuracy and the weighted average, and keeps every class row', () => {
    const m = matchOf('classification-report.json');
    expect(m.shape).toBe('classification-report');
    expect(m.metrics).toEqual({
      accuracy: 0.8666666666666667,
      precision: 0.868091168091168,
      recall: 0.8666666666666667,
      f1: 0.8660350877192983,
    });
    expect(m.perClass?.map((r) => r.label)).toEqual(['cat', 'dog', 'fish']);
    expect(m.support?.total).toBe(30);
  });
});

describe('by split', () => {
  it('prefers test over validation and train, and names the split and the others', () => {
    const m = matchOf('by-split.json');
    expect(m.shape).toBe('by-split');
    expect(m.metrics).toEqual({ accuracy: 0.86, f1: 0.84 });
    expect(m.split).toMatchObject({ name: 'test', key: 'test' });
    expect(m.split.reason).toEqual({ code: 'split_nested', values: { key: 'test', others: ['validation', 'train'] } });
    expect(m.support).toEqual({ total: 500, source: 'test.n_samples' });
  });

  it('reads dvclive {metric: {train, test}} by test', () => {
    const m = matchOf('dvclive-nested.json');
    expect(m.shape).toBe('dvclive');
    expect(m.metrics).toEqual({ accuracy: 0.83, f1: 0.76 });
    expect(m.split.name).toBe('test');
    expect(m.extras).toMatchObject({ 'accuracy.train': 0.97, 'f1.train': 0.95 });
  });
});

describe('by model', () => {
  it('uses the best_model entry of a nested comparison', () => {
    const m = matchOf('by-model-comparison.json');
    expect([m.shape, m.model?.chosen]).toEqual(['by-model', 'xgboost_tuned']);
    expect(m.metrics).toEqual({ accuracy: 0.75, precision: 0.52, recall: 0.79, f1: 0.627, roc_auc: 0.85 });
    expect(m.model?.entries.map((e) => e.name)).toEqual(['logistic_regression', 'random_forest', 'xgboost_tuned']);
  });

  it('uses best_model with display names and f1_score', () => {
    const m = matchOf('by-model-all-results.json');
    expect(m.model?.chosen).toBe('Logistic Regression');
    expect(m.metrics).toEqual({ accuracy: 0.861, precision: 0.95, recall: 0.85, f1: 0.897, roc_auc: 0.957 });
  });

  it("keeps the entry's own precision (binary, as its report shows) over the nested report's weighted average", () => {
    const m = matchOf('by-model-models-report.json');
    expect(m.model?.chosen).toBe('Logistic Regression');
    expect(m.metrics).toEqual({ accuracy: 0.8333, precision: 0.7273, recall: 0.8, f1: 0.7619, roc_auc: 0.88 });
    expect(m.variant?.name).toBe('binary');
    expect(m.support?.total).toBe(60);
    expect(m.confusion?.matrix).toEqual([
      [34, 6],
      [4, 16],
    ]);
  });

  it('without a best-model key, picks the highest f1, or the entry matching the model', () => {
    const byF1 = matchOf('by-model-titlecase.json');
    expect(byF1.model?.chosen).toBe('Logistic Regression');
    expect(byF1.model?.reason).toEqual({
      code: 'entry_no_best_key',
      values: { then: { code: 'entry_highest', values: { metric: 'f1', value: 0.7619, count: 2 } } },
    });
    expect(byF1.metrics).toEqual({ accuracy: 0.8333, precision: 0.7273, recall: 0.8, f1: 0.7619 });
    expect(byF1.variant?.name).toBe('binary');
    const byHint = matchOf('by-model-titlecase.json', { modelHints: ['decisiontree'] });
    expect(byHint.model?.chosen).toBe('Decision Tree');
    expect(byHint.metrics.f1).toBe(0.6);
  });

  it('regression: best_model, and cv_r2 kept as an extra beside r2', () => {
    const m = matchOf('by-model-regression.json');
    expect(m.model?.chosen).toBe('LinearRegression');
    expect(m.metrics).toEqual({ r2: 0.56, mae: 5.4, rmse: 7.1 });
    expect(m.extras['results.LinearRegression.cv_r2']).toBe(0.51);
  });

  it('regression without a best-model key: the highest r2', () => {
    const m = matchOf('by-model-no-best.json');
    expect(m.model?.chosen).toBe('random_forest');
    expect(m.metrics).toEqual({ rmse: 3.5, r2: 0.83, mae: 2.6 });
  });

  it('best_model naming an entry at the top level wins over a better r2', () => {
    const m = matchOf('by-model-best-root.json');
    expect(m.model?.chosen).toBe('linear_regression');
    expect(m.metrics.r2).toBe(0.71);
  });
});

describe('lists and tables', () => {
  it('a training log: the last entry, with its r2 from cross-validation noted', () => {
    const m = matchOf('history.json');
    expect(m.shape).toBe('log-list');
    expect(m.metrics).toEqual({ rmse: 31.2, mape: 21.0, r2: 0.83 });
    expect(m.sources.rmse).toMatch(/^history\[\d+\]\./);
    expect(m.split.name).toBeNull();
    expect(m.notes).toContainEqual({
      code: 'note_from_cv',
      values: { metric: 'r2', key: expect.stringMatching(/cv_r2$/) },
    });
  });

  it('a CSV leaderboard: the best f1 row, cv_ columns as extras', () => {
    const m = matchOf('leaderboard.csv');
    expect([m.shape, m.model?.chosen]).toEqual(['leaderboard', 'logistic_regression']);
    expect(m.metrics).toEqual({ accuracy: 0.885, precision: 0.84, recall: 0.93, f1: 0.88, roc_auc: 0.97 });
    expect(m.extras['[0].cv_f1_mean']).toBe(0.82);
  });

  it('a CSV with a role column: the champion row for production, the challenger for the candidate', () => {
    const prod = matchOf('leaderboard-roles.csv');
    expect(prod.model?.chosen).toBe('Logistic Regression');
    expect(prod.model?.candidate).toBe('Gradient Boosting');
    expect(prod.metrics).toEqual({ accuracy: 0.83, precision: 0.84, recall: 0.87, f1: 0.85, roc_auc: 0.88 });
    const cand = matchOf('leaderboard-roles.csv', { role: 'candidate' });
    expect(cand.model?.chosen).toBe('Gradient Boosting');
    expect(cand.metrics.f1).toBe(0.92);
  });
});

describe('text', () => {
  it('reads "Name: value" pairs; the last line wins', () => {
    const m = matchOf('experiments.txt');
    expect(m.shape).toBe('text');
    expect(m.metrics).toEqual({ accuracy: 0.8, f1: 0.66 });
    expect(m.notes).toEqual([{ code: 'note_text_lines', values: { lines: 3 } }]);
  });

  it('reads "F1-Score of Testing is : 61.82%" as a test f1 of 0.6182', () => {
    const m = matchOf('testing-is.txt');
    expect(m.metrics).toEqual({ accuracy: 0.795, f1: 0.6182 });
    expect(m.split.name).toBe('test');
  });
});
