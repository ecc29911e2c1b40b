import { describe, expect, it } from 'vitest';
import { compareModels, paramChanges } from '../../src/collect/compare/index.js';
import { absentModel } from '../../src/collect/model.js';
import type { ClassMetrics, ModelInfo, ModelMetrics } from '../../src/report-data.js';

const cls = (label: string, f1: number): ClassMetrics => ({
  label,
  precision: f1,
  recall: f1,
  f1_score: f1,
  support: 10,
});
const metrics = (
  score: number,
  values: [number, number, number, number],
  more: Partial<ModelMetrics> = {},
): ModelMetrics => ({
  path: 'x.json',
  metrics: (['accuracy', 'precision', 'recall', 'f1_score'] as const).map((key, i) => ({
    key,
    value: values[i]!,
    level: 'good' as const,
  })),
  score,
  score_source: 'file',
  model_type: null,
  trained_at: null,
  deployed_at: null,
  per_class: null,
  confusion_matrix: null,
  training: null,
  evaluation: null,
  extra: {},
  ...more,
});
const model = (params: ModelInfo['params'], deployed = true): ModelInfo => ({
  ...absentModel('production', 'm.pkl'),
  deployed,
  params,
});
const settings = { minScore: 70, tieEpsilon: 0.001, lowerIsBetter: ['log_loss'], classTolerance: 0.02 };
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
    expect(c.decision).toBe('deploy_candidate');
    expect(c.reasons.map((r) => r.code)).toEqual(['clears_bar', 'above_production', 'metric_record']);
    expect(c.reasons[2]!.values).toEqual({ wins: 1, losses: 1, total: 4 });
  });

  it('compares extra metrics both files carry, lower-is-better ones the other way round', () => {
    const c = compareModels(
      side(metrics(80, [0.8, 0.8, 0.8, 0.8], { extra: { log_loss: 0.5, auc: 0.9, only_here: 1 } })),
      cand(metrics(80, [0.8, 0.8, 0.8, 0.8], { extra: { log_loss: 0.4, auc: 0.85 } })),
      settings,
    );
    expect(c.rows.filter((r) => !r.core).map((r) => [r.metric, r.direction, r.delta, r.winner])).toEqual([
      ['log_loss', 'lower', -0.1, 'candidate'],
      ['auc', 'higher', -0.05, 'production'],
    ]);
    // extra metrics do not count in the win/loss record of the four core metrics
    expect(c.reasons.find((r) => r.code === 'metric_record')!.values).toEqual({ wins: 0, losses: 0, total: 4 });
  });

  it('keeps production when the candidate is below the bar', () => {
    const c = compareModels(
      side(metrics(80, [0.8, 0.8, 0.8, 0.8])),
      cand(metrics(69.9, [0.7, 0.7, 0.7, 0.7])),
      settings,
    );
    expect(c.candidate_clears_bar).toBe(false);
    expect(c.decision).toBe('keep_production');
    expect(c.reasons[0]).toEqual({ code: 'below_bar', values: { score: 69.9, bar: 70 } });
    expect(c.reasons[1]).toEqual({ code: 'below_production', values: { points: 10.1, production_score: 80 } });
  });

  it('deploys at exactly the bar, and compares with nothing deployed', () => {
    const c = compareModels(side(null), cand(metrics(70, [0.7, 0.7, 0.7, 0.7])), settings);
    expect(c.decision).toBe('deploy_candidate');
    expect(c.rows[0]).toMatchObject({
      metric: 'accuracy',
      production: null,
      candidate: 0.7,
      delta: null,
      winner: null,
    });
    expect(c.reasons.map((r) => r.code)).toEqual(['clears_bar', 'no_production']);
  });

  it('flags classes that regress beyond the tolerance even when the overall score improves', () => {
    const c = compareModels(
      side(metrics(80, [0.8, 0.8, 0.8, 0.8], { per_class: [cls('A', 0.9), cls('B', 0.8), cls('C', 0.5)] })),
      cand(metrics(85, [0.85, 0.85, 0.85, 0.85], { per_class: [cls('A', 0.85), cls('B', 0.79), cls('D', 0.7)] })),
      settings,
    );
    expect(c.per_class!.map((x) => [x.label, x.f1_delta, x.regressed])).toEqual([
      ['A', -0.05, true],
      ['B', -0.01, false],
      ['C', null, false],
      ['D', null, false],
    ]);
    expect(c.reasons).toContainEqual({ code: 'class_regressions', values: { count: 1, tolerance: 0.02 } });
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
    expect(run(ev('aa', 10).evaluation, ev('bb', 10).evaluation).reasons.at(-1)).toEqual({
      code: 'different_data',
      values: {},
    });
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

  it('is empty when nothing is deployed', () => {
    expect(paramChanges(model({ a: 1 }, false), model({ a: 2 }))).toEqual([]);
  });
});
