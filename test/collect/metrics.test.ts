import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectMetrics } from '../../src/collect/metrics/index.js';
import { readMetricsFile } from '../../src/collect/read-json.js';
import { ReportError } from '../../src/errors.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'metrics');
const settings = {
  thresholds: { excellent: 0.85, good: 0.75 },
  scoreWeights: { accuracy: 0.25, precision: 0.25, recall: 0.25, f1_score: 0.25 },
};

async function load(name: string, warnings: string[] = []) {
  const file = await readMetricsFile(join(DIR, name), `models/${name}`);
  return collectMetrics(file, `models/${name}`, settings, (key, values) =>
    warnings.push(`${key} ${JSON.stringify(values)}`),
  );
}

async function errorOf(name: string): Promise<ReportError> {
  try {
    await load(name);
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error(`${name} was accepted`);
}

describe('collectMetrics', () => {
  it('reads the four metrics, levels, the file score and extra numbers', async () => {
    const m = await load('valid.json');
    expect(m.metrics).toEqual([
      { key: 'accuracy', value: 0.875, level: 'excellent' },
      { key: 'precision', value: 0.882, level: 'excellent' },
      { key: 'recall', value: 0.868, level: 'excellent' },
      { key: 'f1_score', value: 0.875, level: 'excellent' },
    ]);
    expect(m.score).toBe(87.5);
    expect(m.score_source).toBe('file');
    expect(m.deployed_at).toBe('2026-01-03 14:30:00');
    expect(m.extra).toEqual({ log_loss: 0.42 });
  });

  it('accepts a nested metrics object and the f1-score spelling, and computes the score', async () => {
    const m = await load('aliases-nested.json');
    expect(m.metrics.map((x) => [x.key, x.value, x.level])).toEqual([
      ['accuracy', 0.9, 'excellent'],
      ['precision', 0.8, 'good'],
      ['recall', 0.7, 'to_improve'],
      ['f1_score', 0.6, 'to_improve'],
    ]);
    // (0.9 + 0.8 + 0.7 + 0.6) / 4 = 0.75 → 75.0
    expect(m.score).toBe(75);
    expect(m.score_source).toBe('computed');
  });

  it('accepts f1 for f1_score', async () => {
    expect((await load('f1-alias.json')).metrics[3]).toEqual({ key: 'f1_score', value: 0.74, level: 'to_improve' });
  });

  it('reads 87.5 as a percentage, with a warning', async () => {
    const warnings: string[] = [];
    const m = await load('percent.json', warnings);
    expect(m.metrics[0]!.value).toBe(0.875);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('accuracy');
  });

  it.each([
    ['nan.json', 'INPUT_INVALID', /accuracy is NaN/],
    ['string.json', 'INPUT_INVALID', /accuracy is the string/],
    ['negative.json', 'INPUT_INVALID', /accuracy is -0.1/],
    ['out-of-range.json', 'INPUT_INVALID', /accuracy is 120/],
    ['missing-field.json', 'INPUT_INVALID', /f1_score is missing/],
    ['not-json.json', 'INPUT_INVALID', /not valid JSON/],
    ['array.json', 'INPUT_INVALID', /expected a JSON object/],
    ['bad-report.json', 'INPUT_INVALID', /classification_report/],
    ['absent.json', 'INPUT_MISSING', /file not found/],
  ])('rejects %s with %s, naming the file', async (name, code, message) => {
    const e = await errorOf(name);
    expect(e.code).toBe(code);
    expect(e.message).toContain(`models/${name}`);
    expect(e.message).toMatch(message);
  });
});
