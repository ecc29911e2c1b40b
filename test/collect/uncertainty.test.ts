// The evaluation size, the accuracy uncertainty from metrics files and from per-row
// predictions, and the warnings when the two disagree. p-values and intervals come from
// statsmodels/scipy (test/fixtures/*/truth.json), never from the code under test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePredictions } from '../../src/collect/compare/predictions.js';
import { evaluationSize, roundingOf, uncertaintyOf } from '../../src/collect/compare/uncertainty.js';
import type { ModelMetrics, Warning } from '../../src/report-data.js';
import { modelMetrics } from '../helpers.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const predictionsTruth = JSON.parse(readFileSync(join(FIXTURES, 'predictions', 'truth.json'), 'utf8')) as {
  files: {
    file: string;
    n: number;
    statsmodels_pvalue: number;
    production_accuracy: number;
    candidate_accuracy: number;
  }[];
};

const metrics = (accuracy: number, more: Partial<ModelMetrics> = {}): ModelMetrics =>
  modelMetrics({
    metrics: (['accuracy', 'precision', 'recall', 'f1_score'] as const).map((key) => ({
      key,
      value: accuracy,
      level: 'good' as const,
      direction: 'higher' as const,
      source: key,
    })),
    score: accuracy * 100,
    score_source: 'computed',
    score_basis: { code: 'score_weighted_mean', values: { keys: ['accuracy', 'precision', 'recall', 'f1'] } },
    ...more,
  });
const cls = (label: string, support: number) => ({ label, precision: 1, recall: 1, f1_score: 1, support });

describe('evaluationSize', () => {
  it('takes evaluation.rows, else the confusion-matrix total, else the classification report’s supports', () => {
    const cm = {
      labels: ['a', 'b'],
      matrix: [
        [3, 1],
        [2, 4],
      ],
    };
    const per_class = [cls('a', 40), cls('b', 60)];
    expect(
      evaluationSize(metrics(0.8, { evaluation: { rows: 500, data_sha256: null }, confusion_matrix: cm, per_class })),
    ).toEqual({ n: 500, source: 'evaluation.rows' });
    expect(evaluationSize(metrics(0.8, { confusion_matrix: cm, per_class }))).toEqual({
      n: 10,
      source: 'confusion_matrix',
    });
    expect(evaluationSize(metrics(0.8, { per_class }))).toEqual({ n: 100, source: 'classification_report' });
    expect(evaluationSize(metrics(0.8, { evaluation: { rows: null, data_sha256: 'x' } }))).toBeNull();
    expect(evaluationSize(metrics(0.8, { evaluation: { rows: 0, data_sha256: null } }))).toBeNull();
  });
});

describe('roundingOf', () => {
  it('is half a unit of the last decimal the file wrote', () => {
    expect(roundingOf(0.793)).toBeCloseTo(0.0005, 10);
    expect(roundingOf(0.8)).toBeCloseTo(0.05, 10);
    expect(roundingOf(79.3 / 100)).toBeCloseTo(0.0005, 10); // a percentage read as a fraction
    expect(roundingOf(0.9198664440734557)).toBeLessThan(1e-11);
  });
});

describe('uncertaintyOf', () => {
  const noWarnings = (): { warn: (code: Warning['code'], values?: Warning['values']) => void; seen: Warning[] } => {
    const seen: Warning[] = [];
    return { warn: (code, values = {}) => seen.push({ code, values }), seen };
  };

  it('is null when neither file gives an evaluation size', () => {
    expect(uncertaintyOf(metrics(0.8), metrics(0.85), null, 0.95, noWarnings().warn)).toBeNull();
  });

  it.each(predictionsTruth.files)('uses the exact McNemar test with $file (p as statsmodels)', (t) => {
    const counts = parsePredictions(readFileSync(join(FIXTURES, 'predictions', t.file), 'utf8'));
    const rows = { evaluation: { rows: t.n, data_sha256: null } };
    const { warn, seen } = noWarnings();
    const u = uncertaintyOf(
      metrics(t.production_accuracy, rows),
      metrics(t.candidate_accuracy, rows),
      { counts, path: 'models/predictions.csv' },
      0.95,
      warn,
    )!;
    expect(u.method).toBe('mcnemar');
    expect(Math.abs(u.p_value! - t.statsmodels_pvalue)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(u.production.value - t.production_accuracy)).toBeLessThanOrEqual(1e-12);
    expect(u.within_noise).toBe(t.statsmodels_pvalue >= 0.05);
    expect(seen).toEqual([]);
  });

  it('warns when the predictions disagree with the metrics files beyond rounding, or cover other rows', () => {
    const t = predictionsTruth.files.find((f) => f.file === 'digits-close.csv')!;
    const counts = parsePredictions(readFileSync(join(FIXTURES, 'predictions', t.file), 'utf8'));
    const { warn, seen } = noWarnings();
    // 0.968 is the production accuracy rounded (0.96801…); 0.95 is another model's
    uncertaintyOf(
      metrics(0.968),
      metrics(0.95, { evaluation: { rows: 1000, data_sha256: null } }),
      { counts, path: 'models/predictions.csv' },
      0.95,
      warn,
    );
    expect(seen).toEqual([
      {
        code: 'predictions_rows',
        values: {
          file: 'models/predictions.csv',
          model: 'candidate',
          predictions: 719,
          metrics: 1000,
          source: 'evaluation.rows',
        },
      },
      {
        code: 'predictions_disagree',
        values: {
          file: 'models/predictions.csv',
          model: 'candidate',
          predictions: t.candidate_accuracy,
          metrics: 0.95,
        },
      },
    ]);
  });
});
