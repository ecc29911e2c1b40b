import { describe, expect, it } from 'vitest';
import { compareModels, paramChanges } from '../../src/collect/compare/index.js';
import { absentModel } from '../../src/collect/model.js';
import type { ClassMetrics, ModelInfo, ModelMetrics } from '../../src/report-data.js';
import { modelMetrics } from '../helpers.js';

const cls = (label: string, f1: number): ClassMetrics => ({
  label,
  precision: f1,
  recall: f1,
  f1_score: f1,
  support: 10,
});
const base = (score: number | null, values: ModelMetrics['metrics'], more: Partial<ModelMetrics>): ModelMetrics =>
  modelMetrics({
    path: 'x.json',
    split: { name: 'test', reason: { code: 'split_key', values: { key: 'test_x', split: 'test' } } },
    metrics: values,
    score,
    ...more,
  });
const metrics = (
  score: number,
  values: [number, number, number, number],
  more: Partial<ModelMetrics> = {},
): ModelMetrics =>
  base(
    score,
    (['accuracy', 'precision', 'recall', 'f1_score'] as const).map((key, i) => ({
      key,
      value: values[i]!,
      level: 'good' as const,
      direction: 'higher' as const,
      source: key,
    })),
    more,
  );
/** A regressor's metrics: R², RMSE, MAE; the score is 100 × max(0, R²) (README, "Tasks and scores"). */
const regression = (r2: number, rmse: number, mae: number): ModelMetrics =>
  base(
    Math.round(1000 * Math.max(0, r2)) / 10,
    [
      { key: 'r2', value: r2, level: null, direction: 'higher', source: 'r2' },
      { key: 'rmse', value: rmse, level: null, direction: 'lower', source: 'rmse' },
      { key: 'mae', value: mae, level: null, direction: 'lower', source: 'mae' },
    ],
    {},
  );
const model = (params: ModelInfo['params'], deployed = true): ModelInfo => ({
  ...absentModel('production', 'm.pkl'),
  deployed,
  params,
});
// tolerances in points (hundredths of a metric), as the config gives them
const settings = {
  tieEpsilon: 0.1,
  lowerIsBetter: ['log_loss', 'rmse', 'mae', 'mse', 'mape'],
  classTolerance: 2,
  thresholds: { excellent: 0.85, good: 0.75 },
};
const side = (m: ModelMetrics | null, info: ModelInfo | null = null) => ({ metrics: m, model: info });
const cand = (m: ModelMetrics) => ({ metrics: m, model: null });

describe('compareModels', () => {
  it('computes deltas and winners with a tie band', () => {
    const c = compareModels(
      side(metrics(80, [0.8, 0.9, 0.7, 0.75])),
      cand(metrics(82, [0.85, 0.8995, 0.6, 0.75])),
      settings,
    );
    expect(c.rows.map((r) => [r.metric, r.delta, r.winner])).toEqual([
      ['accuracy', 0.05, 'candidate'],
      ['precision', -0.0005, 'tie'],
      ['recall', -0.1, 'production'],
      ['f1_score', 0, 'tie'],
    ]);
    expect([c.production_score, c.candidate_score]).toEqual([80, 82]);
  });

  it('puts the tie band in points: a 0.1-point change is a tie, 0.11 is not', () => {
    const c = compareModels(
      side(metrics(80, [0.8, 0.8, 0.8, 0.8])),
      cand(metrics(80, [0.801, 0.7989, 0.8, 0.8011])),
      settings,
    );
    expect(c.rows.map((r) => r.winner)).toEqual(['tie', 'production', 'tie', 'candidate']);
  });

  it('compares extra metrics, lower-is-better ones the other way round; one in a single file is shown, not compared', () => {
    const c = compareModels(
      side(metrics(80, [0.8, 0.8, 0.8, 0.8], { extra: { log_loss: 0.5, auc: 0.9, only_here: 1 } })),
      cand(metrics(80, [0.8, 0.8, 0.8, 0.8], { extra: { log_loss: 0.4, auc: 0.85 } })),
      settings,
    );
    expect(c.rows.filter((r) => !r.core).map((r) => [r.metric, r.direction, r.delta, r.winner])).toEqual([
      ['auc', 'higher', -0.05, 'production'],
      ['log_loss', 'lower', -0.1, 'candidate'],
      ['only_here', 'higher', null, null],
    ]);
    expect(c.rows.find((r) => r.metric === 'only_here')).toMatchObject({ production: 1, candidate: null });
  });

  it('compares with nothing deployed: no production values, no hyperparameters to compare', () => {
    const c = compareModels(side(null), cand(metrics(70, [0.7, 0.7, 0.7, 0.7])), settings);
    expect(c.production_score).toBeNull();
    expect(c.params).toBeNull();
    expect(c.rows[0]).toMatchObject({
      metric: 'accuracy',
      production: null,
      candidate: 0.7,
      delta: null,
      winner: null,
    });
  });

  it('flags classes that regress beyond the tolerance even when the overall score improves', () => {
    const c = compareModels(
      side(metrics(80, [0.8, 0.8, 0.8, 0.8], { per_class: [cls('A', 0.9), cls('B', 0.8), cls('C', 0.5)] })),
      cand(metrics(85, [0.85, 0.85, 0.85, 0.85], { per_class: [cls('A', 0.85), cls('B', 0.79), cls('D', 0.7)] })),
      settings,
    );
    expect(c.per_class!.map((x) => [x.label, x.f1_delta, x.regressed, x.level])).toEqual([
      ['A', -0.05, true, 'excellent'],
      ['B', -0.01, false, 'good'],
      ['C', null, false, 'to_improve'],
      ['D', null, false, 'to_improve'],
    ]);
  });

  it('says why a class has 0 F1: never predicted (empty confusion-matrix column) or never right', () => {
    const zero = (label: string): ClassMetrics => ({ label, precision: 0, recall: 0, f1_score: 0, support: 5 });
    const cm = {
      labels: ['A', 'B'],
      matrix: [
        [5, 0],
        [5, 0],
      ],
    };
    const c = compareModels(
      side(metrics(80, [0.8, 0.8, 0.8, 0.8], { per_class: [cls('A', 0.9), zero('B')] })),
      cand(metrics(80, [0.8, 0.8, 0.8, 0.8], { per_class: [cls('A', 0.9), zero('B')], confusion_matrix: cm })),
      settings,
    );
    const b = c.per_class!.find((x) => x.label === 'B')!;
    // the candidate's matrix shows column B empty; production has no matrix, so it cannot tell
    expect([b.candidate_zero, b.production_zero]).toEqual(['never_predicted', 'never_right']);
    expect(c.per_class!.find((x) => x.label === 'A')!.candidate_zero).toBeNull();
    const wrong = compareModels(
      side(null),
      cand(
        metrics(80, [0.8, 0.8, 0.8, 0.8], {
          per_class: [cls('A', 0.5), zero('B')],
          confusion_matrix: {
            labels: ['A', 'B'],
            matrix: [
              [5, 3],
              [5, 0],
            ],
          },
        }),
      ),
      settings,
    );
    expect(wrong.per_class!.find((x) => x.label === 'B')!.candidate_zero).toBe('never_right');
  });

  it('warns when the two models were evaluated on different data', () => {
    const ev = (data_sha256: string | null, rows: number | null) => ({ evaluation: { rows, data_sha256 } });
    const run = (a: ModelMetrics['evaluation'], b: ModelMetrics['evaluation']) =>
      compareModels(
        side(metrics(80, [0.8, 0.8, 0.8, 0.8], { evaluation: a })),
        cand(metrics(80, [0.8, 0.8, 0.8, 0.8], { evaluation: b })),
        settings,
      );
    expect(run(ev('aa', 10).evaluation, ev('aa', 10).evaluation).same_evaluation_data).toBe(true);
    expect(run(ev('aa', 10).evaluation, ev('bb', 10).evaluation).same_evaluation_data).toBe(false);
    expect(run(ev(null, 10).evaluation, ev(null, 12).evaluation).same_evaluation_data).toBe(false);
    expect(run(null, ev('aa', 10).evaluation).same_evaluation_data).toBeNull();
  });
});

describe('compareModels on a regression pair (R², RMSE, MAE)', () => {
  it.each([
    [
      'better everywhere',
      regression(0.72, 3.1, 2.4),
      regression(0.85, 2.2, 1.7),
      ['candidate', 'candidate', 'candidate'],
    ],
    [
      'worse everywhere',
      regression(0.85, 2.2, 1.7),
      regression(0.75, 2.9, 2.0),
      ['production', 'production', 'production'],
    ],
    // R² up 0.05 points (a tie); RMSE 0.03 % lower (a tie, relative to 3.0); MAE 10 % higher
    ['ties and a loss', regression(0.8, 3, 2), regression(0.8005, 2.999, 2.2), ['tie', 'tie', 'production']],
  ] as const)('%s: errors are lower-is-better, their change relative to production', (_name, prod, cand2, winners) => {
    const c = compareModels(side(prod), cand(cand2), settings, 'regression');
    expect(c.rows.map((r) => [r.metric, r.direction, r.core])).toEqual([
      ['r2', 'higher', true],
      ['rmse', 'lower', true],
      ['mae', 'lower', true],
    ]);
    expect(c.rows.map((r) => r.winner)).toEqual(winners);
  });

  it('a regressor without R² has no score; R² only production has is shown, never won', () => {
    const noR2 = base(null, [{ key: 'rmse', value: 2, level: null, direction: 'lower', source: 'rmse' }], {});
    const c = compareModels(side(regression(0.8, 3, 2)), cand(noR2), settings, 'regression');
    expect(c.candidate_score).toBeNull();
    expect(c.rows.find((r) => r.metric === 'r2')).toMatchObject({ production: 0.8, candidate: null, winner: null });
  });

  it("a classifier's errors and ROC AUC are shown and compared, but are not its core metrics", () => {
    const withAuc = (v: number) =>
      metrics(80, [0.8, 0.8, 0.8, 0.8], {
        metrics: [
          ...metrics(80, [0.8, 0.8, 0.8, 0.8]).metrics,
          { key: 'roc_auc', value: v, level: 'good', direction: 'higher', source: 'auc' },
        ],
      });
    const c = compareModels(side(withAuc(0.9)), cand(withAuc(0.8)), settings, 'classification');
    expect(c.rows.find((r) => r.metric === 'roc_auc')).toMatchObject({ core: false, winner: 'production' });
  });
});

describe('paramChanges', () => {
  it('lists changed, added and removed hyperparameters in name order', () => {
    expect(
      paramChanges(model({ a: 1, b: 'x', c: null, d: [1, 2] }), model({ a: 2, b: 'x', d: [1, 2], e: true })),
    ).toEqual([
      { name: 'a', change: 'changed', production: 1, candidate: 2 },
      { name: 'c', change: 'removed', production: null, candidate: null },
      { name: 'e', change: 'added', production: null, candidate: true },
    ]);
  });

  it('is null when nothing is deployed: there is nothing to compare with', () => {
    expect(paramChanges(model({ a: 1 }, false), model({ a: 2 }))).toBeNull();
    expect(paramChanges(model({ a: 1 }), model({ a: 1 }))).toEqual([]);
  });
});
