import { describe, expect, it } from 'vitest';
import { parseMetricName, splitOfName } from '../../../src/collect/metrics/adapters/metric-names.js';

describe('parseMetricName', () => {
  it.each([
    ['accuracy', 'accuracy', null, null],
    ['acc', 'accuracy', null, null],
    ['Accuracy', 'accuracy', null, null],
    ['accuracy:', 'accuracy', null, null],
    ['F1 Score', 'f1', null, null],
    ['f1-score', 'f1', null, null],
    ['f1_score', 'f1', null, null],
    ['F1', 'f1', null, null],
    ['Precision (PPV)', 'precision', null, null],
    ['recall_score:', 'recall', null, null],
    ['auc', 'roc_auc', null, null],
    ['auc_roc', 'roc_auc', null, null],
    ['roc_auc', 'roc_auc', null, null],
    ['test_accuracy', 'accuracy', 'test', null],
    ['val_f1', 'f1', 'validation', null],
    ['eval_recall', 'recall', 'eval', null],
    ['train_precision', 'precision', 'train', null],
    ['cv_roc_auc_mean', 'roc_auc', 'cv', null],
    ['cv_r2', 'r2', 'cv', null],
    ['testAccuracy', 'accuracy', 'test', null],
    ['f1_macro', 'f1', null, 'macro'],
    ['weighted avg f1-score', 'f1', null, 'weighted'],
    ['R2', 'r2', null, null],
    ['r2_score', 'r2', null, null],
    ['RMSE', 'rmse', null, null],
    ['mean_absolute_error', 'mae', null, null],
    ['MAPE', 'mape', null, null],
    ['F1-Score of Testing is', 'f1', 'test', null],
    ['estimated_auc', 'roc_auc', null, null],
  ])('%s → %s (split %s, variant %s)', (raw, metric, split, variant) => {
    const n = parseMetricName(raw);
    expect([n.metric, n.split, n.variant]).toEqual([metric, split, variant]);
  });

  it.each([
    'average_precision',
    'balanced_accuracy',
    'lr_rmse',
    'n_test',
    'score',
    'threshold_optimal',
    'brier_score',
    'train_rows',
  ])('%s is not a core metric', (raw) => expect(parseMetricName(raw).metric).toBeNull());

  it('reads a percent word', () => {
    expect(parseMetricName('accuracy_pct')).toMatchObject({ metric: 'accuracy', percent: true });
    expect(parseMetricName('Accuracy (%)')).toMatchObject({ metric: 'accuracy', percent: true });
  });
});

describe('splitOfName', () => {
  it.each([
    ['metrics/test_metrics.json', 'test'],
    ['metrics/train_metrics.json', 'train'],
    ['metrics/eval_metrics.json', 'eval'],
    ['reports/tables/independent_validation_metrics.csv', 'validation'],
    ['models/metrics.json', null],
  ])('%s → %s', (name, split) => expect(splitOfName(name)).toBe(split));
});
