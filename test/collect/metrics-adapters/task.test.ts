import { describe, expect, it } from 'vitest';
import {
  detectTask,
  lowerIsBetter,
  metricLevel,
  scoreOf,
  taskOfClass,
} from '../../../src/collect/metrics/adapters/index.js';

describe('detectTask', () => {
  it.each([
    ['sklearn.ensemble._forest.RandomForestClassifier', 'classification'],
    ['sklearn.linear_model._logistic.LogisticRegression', 'classification'],
    ['xgboost.sklearn.XGBClassifier', 'classification'],
    ['sklearn.svm._classes.SVC', 'classification'],
    ['sklearn.naive_bayes.GaussianNB', 'classification'],
    ['sklearn.linear_model._ridge.Ridge', 'regression'],
    ['sklearn.linear_model._base.LinearRegression', 'regression'],
    ['sklearn.ensemble._gb.GradientBoostingRegressor', 'regression'],
    ['sklearn.svm._classes.SVR', 'regression'],
    ['sklearn.pipeline.Pipeline', null],
    ['dict', null],
  ])('class %s → %s', (cls, task) => expect(taskOfClass(cls)).toBe(task));

  it('from metric names when the class is unknown; classification metrics win over r2 of probabilities', () => {
    expect(detectTask({ accuracy: 0.7, r2: -0.3, rmse: 0.45 }).task).toBe('classification');
    expect(detectTask({ rmse: 3.5, r2: 0.8 }).task).toBe('regression');
    expect(detectTask({ roc_auc: 0.92 }).task).toBe('classification');
    expect(detectTask({}).task).toBe('other');
  });

  it('the class wins over the metrics, and the reason says they disagree', () => {
    const d = detectTask({ accuracy: 0.7 }, 'sklearn.linear_model._ridge.Ridge');
    expect(d.task).toBe('regression');
    expect(d.reason).toEqual({
      code: 'task_model_class_differs',
      values: { class: 'Ridge', metrics_task: 'classification' },
    });
  });
});

describe('scores and levels', () => {
  it('regression: 100 × max(0, r2), levels on the same bands', () => {
    expect(scoreOf('regression', { r2: 0.8526, rmse: 2151 })).toMatchObject({ score: 85.3, level: 'excellent' });
    expect(scoreOf('regression', { r2: 0.7 })).toMatchObject({ score: 70, level: 'to_improve' });
    expect(scoreOf('regression', { r2: -0.45 })).toMatchObject({ score: 0, level: 'to_improve' });
    expect(scoreOf('regression', { rmse: 3 })).toMatchObject({ score: null, level: null });
  });

  it('classification: the weighted mean of the metrics present, saying which are missing', () => {
    expect(scoreOf('classification', { accuracy: 0.8, precision: 0.7, recall: 0.9, f1: 0.8 }).score).toBe(80);
    const partial = scoreOf('classification', { accuracy: 0.84, f1: 0.712 });
    expect(partial.score).toBe(77.6);
    expect(partial.basis).toEqual({
      code: 'score_weighted_mean_missing',
      values: { keys: ['accuracy', 'f1'], missing: ['precision', 'recall'] },
    });
    expect(scoreOf('classification', { roc_auc: 0.9 }).score).toBeNull();
    expect(scoreOf('other', { accuracy: 0.9 }).score).toBeNull();
  });

  it('errors are lower-is-better and have no level; r2 levels use max(0, r2)', () => {
    expect(['rmse', 'mae', 'mse', 'mape', 'log_loss'].every((k) => lowerIsBetter(k as 'rmse'))).toBe(true);
    expect(lowerIsBetter('r2')).toBe(false);
    expect(metricLevel('rmse', 0.1)).toBeNull();
    expect(metricLevel('r2', -3)).toBe('to_improve');
    expect(metricLevel('accuracy', 0.85)).toBe('excellent');
    expect(metricLevel('f1', 0.8)).toBe('good');
  });
});
