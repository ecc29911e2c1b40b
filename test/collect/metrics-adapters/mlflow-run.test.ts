import { describe, expect, it } from 'vitest';
import { lastMetricValue, readMetricsShapes } from '../../../src/collect/metrics/adapters/index.js';
import type { MlflowRunFiles } from '../../../src/collect/metrics/adapters/types.js';

const run = (metrics: Record<string, string>, params: Record<string, string> = {}): MlflowRunFiles => ({
  kind: 'mlflow-run',
  runId: 'abc123',
  runName: 'ridge',
  metrics,
  params,
});

describe('MLflow run folders', () => {
  it('the last line of each metric file, in the MLflow 2 and MLflow 3 line formats', () => {
    expect(lastMetricValue('1700000000000 0.5 0\n1700000000100 0.75 1\n')).toBe(0.75);
    expect(lastMetricValue('1761211520700 0.8526 0 70cefee0\n1761211520700 0.8526 0 70cefee0\n')).toBe(0.8526);
    expect(lastMetricValue('')).toBeNull();
    expect(Number.isNaN(lastMetricValue('1 nan 0'))).toBe(true);
  });

  it('reads metrics and params; train_ prefixes give the split', () => {
    const r = readMetricsShapes(run({ train_accuracy: '1 0.87 0\n', train_f1: '1 0.74 0\n' }, { max_depth: '10\n' }), {
      fileName: 'mlruns/1/abc123',
    });
    expect(r.ok && r.match.shape).toBe('mlflow-run');
    expect(r.ok && r.match.metrics).toEqual({ accuracy: 0.87, f1: 0.74 });
    expect(r.ok && r.match.split.name).toBe('train');
    expect(r.ok && r.match.params).toEqual({ max_depth: '10' });
  });

  it('keeps cv_*_mean beside the plain metrics as extras; a NaN metric is a note', () => {
    const r = readMetricsShapes(run({ accuracy: '1 0.885 0', cv_accuracy_mean: '1 0.847 0', roc_auc: '1 nan 0' }), {
      fileName: 'mlruns/1/abc123',
    });
    expect(r.ok && r.match.metrics).toEqual({ accuracy: 0.885 });
    expect(r.ok && r.match.extras).toEqual({ cv_accuracy_mean: 0.847 });
    expect(r.ok && r.match.notes).toEqual([
      { code: 'note_non_finite', values: { key: 'metrics/roc_auc', value: 'NaN' } },
    ]);
  });
});
