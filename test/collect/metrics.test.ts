// A metrics file as the report shows it: values, levels and directions, the task's missing
// metrics as n/a with the score from the ones present, and a file that cannot be understood
// as a warning instead of an error (degrade, never block).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectMetrics, readMetrics } from '../../src/collect/metrics/index.js';
import type { JsonValue, Task, WarningCode } from '../../src/report-data.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'metrics');
const settings = {
  thresholds: { excellent: 0.85, good: 0.75 },
  scoreWeights: { accuracy: 0.25, precision: 0.25, recall: 0.25, f1_score: 0.25 },
};

function load(name: string, task: Task = 'classification') {
  const warnings: { code: WarningCode; values: Readonly<Record<string, JsonValue>> }[] = [];
  const warn = (code: WarningCode, values: Readonly<Record<string, JsonValue>> = {}) => warnings.push({ code, values });
  const read = readMetrics(readFileSync(join(DIR, name), 'utf8'), { path: `models/${name}` }, warn);
  return { m: read ? collectMetrics(read, task, settings, warn) : null, warnings };
}

describe('collectMetrics', () => {
  it('reads the metrics with their levels and directions, the file score, the dates', () => {
    const { m } = load('valid.json');
    expect(m!.metrics.map((x) => [x.key, x.value, x.level, x.direction])).toEqual([
      ['accuracy', 0.875, 'excellent', 'higher'],
      ['precision', 0.882, 'excellent', 'higher'],
      ['recall', 0.868, 'excellent', 'higher'],
      ['f1_score', 0.875, 'excellent', 'higher'],
      // a loss: lower is better, and no level (its scale is not a fraction's)
      ['log_loss', 0.42, null, 'lower'],
    ]);
    expect(m!.score).toBe(87.5);
    expect(m!.score_source).toBe('file');
    expect(m!.deployed_at).toBe('2026-01-03 14:30:00');
    expect(m!.model_type).toBe('RandomForestClassifier');
    expect(m!.missing).toEqual([]);
    expect(m!.shape).toBe('flat');
  });

  it('accepts a nested metrics object and the f1-score spelling, and computes the score', () => {
    const { m } = load('aliases-nested.json');
    expect(m!.metrics.map((x) => [x.key, x.value, x.level])).toEqual([
      ['accuracy', 0.9, 'excellent'],
      ['precision', 0.8, 'good'],
      ['recall', 0.7, 'to_improve'],
      ['f1_score', 0.6, 'to_improve'],
    ]);
    // (0.9 + 0.8 + 0.7 + 0.6) / 4 = 0.75 → 75.0
    expect(m!.score).toBe(75);
    expect(m!.score_source).toBe('computed');
    expect(m!.metrics[3]!.source).toBe('metrics.f1-score');
  });

  it('accepts f1 for f1_score', () => {
    expect(load('f1-alias.json').m!.metrics[3]).toMatchObject({ key: 'f1_score', value: 0.74, level: 'to_improve' });
  });

  it('reads 87.5 as a percentage beside fractions, with a warning', () => {
    const { m, warnings } = load('percent.json');
    expect(m!.metrics.map((x) => x.value)).toEqual([0.875, 0.9, 0.9, 0.9]);
    expect(warnings).toEqual([
      {
        code: 'metrics_note',
        values: { file: 'models/percent.json', note: { code: 'note_percent_scale', values: { keys: ['accuracy'] } } },
      },
    ]);
  });

  it.each([
    ['nan.json', 'note_non_finite'],
    ['negative.json', 'note_impossible'],
    ['out-of-range.json', 'note_impossible'],
  ])('%s: accuracy is n/a with a note, the score uses the three others', (name, note) => {
    const { m, warnings } = load(name);
    expect(m!.missing).toEqual(['accuracy']);
    expect(m!.metrics.map((x) => x.key)).toEqual(['precision', 'recall', 'f1_score']);
    expect(m!.score).toBe(90);
    expect(m!.score_basis).toEqual({
      code: 'score_weighted_mean_missing',
      values: { keys: ['precision', 'recall', 'f1'], missing: ['accuracy'] },
    });
    expect(m!.notes.map((n) => n.code)).toEqual([note]);
    expect(warnings.map((w) => w.code).sort()).toEqual(['metrics_missing', 'metrics_note']);
  });

  it('a metric written as a string is not read: n/a', () => {
    const { m } = load('string.json');
    expect(m!.missing).toEqual(['accuracy']);
  });

  it('a missing f1: n/a, and the score uses the others', () => {
    const { m, warnings } = load('missing-field.json');
    expect(m!.missing).toEqual(['f1_score']);
    expect(m!.score).toBe(90);
    expect(warnings).toEqual([
      { code: 'metrics_missing', values: { file: 'models/missing-field.json', keys: ['f1_score'] } },
    ]);
  });

  it('a regression file: R² decides the score, errors are lower-is-better without a level', () => {
    const warnings: unknown[] = [];
    const read = readMetrics('{"r2": 0.7179, "rmse": 3123.4}', { path: 'm.json' }, (c) => warnings.push(c));
    const m = collectMetrics(read!, 'regression', settings, () => undefined);
    expect(m.metrics.map((x) => [x.key, x.level, x.direction])).toEqual([
      ['r2', 'to_improve', 'higher'],
      ['rmse', null, 'lower'],
    ]);
    expect(m.score).toBe(71.8);
    expect(m.missing).toEqual(['mae']);
  });

  it('a classification report beside the same metrics adds no duplicate extra numbers', () => {
    const read = readMetrics(
      JSON.stringify({
        accuracy: 0.8,
        report: {
          '0': { precision: 0.8, recall: 0.9, 'f1-score': 0.85, support: 10 },
          '1': { precision: 0.8, recall: 0.6, 'f1-score': 0.69, support: 5 },
          'weighted avg': { precision: 0.8, recall: 0.8, 'f1-score': 0.8, support: 15 },
        },
        train_accuracy: 0.99,
      }),
      { path: 'm.json' },
      () => undefined,
    );
    const m = collectMetrics(read!, 'classification', settings, () => undefined);
    expect(m.extra).toEqual({ train_accuracy: 0.99 });
    expect(m.per_class?.map((r) => r.label)).toEqual(['0', '1']);
    expect(m.support).toEqual({ total: 15, source: 'report.weighted avg.support' });
  });

  it.each([
    ['not-json.json', 'problem_not_json'],
    ['array.json', 'problem_no_metrics'],
  ])('%s cannot be understood: a warning naming the file, no section', (name, problem) => {
    const { m, warnings } = load(name);
    expect(m).toBeNull();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: 'metrics_unreadable',
      values: { file: `models/${name}`, problem: { code: problem } },
    });
  });

  it('a per-class row that is not numbers is left out; the metrics are read', () => {
    const { m } = load('bad-report.json');
    expect(m!.metrics).toHaveLength(4);
    expect(m!.per_class).toBeNull();
  });
});
