import { describe, expect, it } from 'vitest';
import { compareModels } from '../../src/collect/compare.js';
import type { ModelMetrics } from '../../src/report-data.js';

const metrics = (score: number, values: [number, number, number, number]): ModelMetrics => ({
  path: 'x.json',
  metrics: (['accuracy', 'precision', 'recall', 'f1_score'] as const).map((key, i) => ({ key, value: values[i]!, level: 'good' as const })),
  score,
  score_source: 'file',
  model_type: null, trained_at: null, deployed_at: null, per_class: null, confusion_matrix: null, training: null, extra: {},
});
const settings = { minScore: 70, tieEpsilon: 0.001 };

describe('compareModels', () => {
  it('computes deltas and winners with a tie band', () => {
    const c = compareModels(metrics(80, [0.8, 0.9, 0.7, 0.75]), metrics(82, [0.85, 0.8995, 0.6, 0.75]), settings);
    expect(c.rows).toEqual([
      { metric: 'accuracy', production: 0.8, candidate: 0.85, delta: 0.05, winner: 'candidate' },
      { metric: 'precision', production: 0.9, candidate: 0.8995, delta: -0.0005, winner: 'tie' },
      { metric: 'recall', production: 0.7, candidate: 0.6, delta: -0.1, winner: 'production' },
      { metric: 'f1_score', production: 0.75, candidate: 0.75, delta: 0, winner: 'tie' },
    ]);
    expect(c.decision).toBe('deploy_candidate');
    expect(c.reasons.map((r) => r.code)).toEqual(['clears_bar', 'above_production', 'metric_record']);
    expect(c.reasons[2]!.values).toEqual({ wins: 1, losses: 1, total: 4 });
  });

  it('keeps production when the candidate is below the bar', () => {
    const c = compareModels(metrics(80, [0.8, 0.8, 0.8, 0.8]), metrics(69.9, [0.7, 0.7, 0.7, 0.7]), settings);
    expect(c.candidate_clears_bar).toBe(false);
    expect(c.decision).toBe('keep_production');
    expect(c.reasons[0]).toEqual({ code: 'below_bar', values: { score: 69.9, bar: 70 } });
    expect(c.reasons[1]).toEqual({ code: 'below_production', values: { points: 10.1, production_score: 80 } });
  });

  it('deploys at exactly the bar', () => {
    expect(compareModels(null, metrics(70, [0.7, 0.7, 0.7, 0.7]), settings).decision).toBe('deploy_candidate');
  });

  it('compares with nothing deployed', () => {
    const c = compareModels(null, metrics(75, [0.7, 0.7, 0.7, 0.7]), settings);
    expect(c.rows[0]).toEqual({ metric: 'accuracy', production: null, candidate: 0.7, delta: null, winner: null });
    expect(c.production_score).toBeNull();
    expect(c.reasons.map((r) => r.code)).toEqual(['clears_bar', 'no_production']);
  });
});
