// After the production model is read: its MLflow run replaces metrics chosen only by place, and
// a candidate that is the same run is dropped.
import { describe, expect, it } from 'vitest';
import { applyRunLink, discoverLayout, linkModelToRun, type Snapshot } from '../../../src/collect/discover/index.js';

const texts: Record<string, string> = {
  'results.txt': 'Accuracy: 0.8, F1 Score: 0.66\n',
  'mlruns/0/r1/meta.yaml': 'run_id: r1\nstart_time: 1\n',
  'mlruns/0/r1/metrics/f1': '1 0.71 0\n',
  'mlruns/0/r1/params/max_depth': '5',
  'mlruns/0/r2/meta.yaml': 'run_id: r2\nstart_time: 2\n',
  'mlruns/0/r2/metrics/f1': '2 0.68 0\n',
  'mlruns/0/r2/params/max_depth': '10',
};
const files = [
  'best_0.84.joblib',
  'mlruns/0/r1/artifacts/model/model.pkl',
  'mlruns/0/r2/artifacts/model/model.pkl',
  ...Object.keys(texts),
];
const snap: Snapshot = {
  files: files.map((path) => ({ path, size: 1 })),
  texts,
  heads: {},
  dvcCache: [],
  truncated: null,
};

describe('applyRunLink', () => {
  const d = discoverLayout(snap);

  it('before the link: a log found by its place, and the best run as a candidate to check', () => {
    expect(d.productionMetrics).toMatchObject({ source: { kind: 'file', path: 'results.txt' }, basis: 'place' });
    expect(d.candidate).toMatchObject({ path: 'mlruns/0/r1/artifacts/model/model.pkl', needsLinkCheck: true });
  });

  it('the linked run gives the production metrics, and the candidate that was that run is dropped', () => {
    const linked = applyRunLink(d, linkModelToRun({ max_depth: 5 }, d.mlflow!.runs));
    expect(linked.productionMetrics).toMatchObject({
      source: { kind: 'mlflow-run', path: 'mlruns/0/r1' },
      basis: 'mlflow-run',
    });
    expect(linked.candidate).toBeNull();
  });

  it('a candidate run that logged the same parameters is the same model trained again: dropped', () => {
    const rerun = discoverLayout({
      ...snap,
      files: [
        ...snap.files,
        ...['artifacts/model/model.pkl', 'meta.yaml', 'metrics/f1', 'params/max_depth'].map((f) => ({
          path: `mlruns/0/r0/${f}`,
          size: 1,
        })),
      ],
      texts: {
        ...texts,
        'mlruns/0/r0/meta.yaml': 'run_id: r0\nstart_time: 0\n',
        'mlruns/0/r0/metrics/f1': '0 0.71 0\n',
        'mlruns/0/r0/params/max_depth': '5',
      },
    });
    // r0 and r1 tie on f1; the earlier, r0, is the candidate until the link says production is r1
    expect(rerun.candidate?.path).toBe('mlruns/0/r0/artifacts/model/model.pkl');
    expect(applyRunLink(rerun, linkModelToRun({ max_depth: 5 }, rerun.mlflow!.runs)).candidate).toBeNull();
  });

  it('a link to another run keeps the candidate; no link changes nothing', () => {
    const other = applyRunLink(d, linkModelToRun({ max_depth: 10 }, d.mlflow!.runs));
    expect(other.candidate?.path).toBe('mlruns/0/r1/artifacts/model/model.pkl');
    expect(applyRunLink(d, null)).toBe(d);
  });

  it('a metrics file tied by name or dvc.yaml is kept over the run', () => {
    const named = discoverLayout({
      ...snap,
      files: [...snap.files, { path: 'best_0.84_metrics.json', size: 1 }],
      texts: { ...texts, 'best_0.84_metrics.json': '{"f1": 0.7}' },
    });
    expect(named.productionMetrics?.basis).toBe('name');
    expect(
      applyRunLink(named, linkModelToRun({ max_depth: 5 }, named.mlflow!.runs)).productionMetrics?.source.path,
    ).toBe('best_0.84_metrics.json');
  });
});
