import { describe, expect, it } from 'vitest';
import { linkModelToRun, readMlflow } from '../../../src/collect/discover/index.js';

function store(texts: Record<string, string>) {
  const s = readMlflow(
    Object.keys(texts).map((path) => ({ path, size: 1 })),
    texts,
  );
  if (!s) throw new Error('no store');
  return s;
}
const run = (id: string, start: number, params: Record<string, string>): Record<string, string> => ({
  [`mlruns/0/${id}/meta.yaml`]: `run_id: ${id}\nstart_time: ${start}\n`,
  ...Object.fromEntries(Object.entries(params).map(([k, v]) => [`mlruns/0/${id}/params/${k}`, v])),
});

describe('linkModelToRun', () => {
  const s = store({
    ...run('r1', 1, { n_estimators: '50', max_depth: '5', iteration: '1' }),
    ...run('r2', 2, { n_estimators: '100', max_depth: '10' }),
    ...run('ridge1', 3, { alpha: '1.0', model_type: 'ridge' }),
    ...run('ridge2', 4, { alpha: '1.0', model_type: 'ridge' }),
  });

  it("the run whose logged parameters all equal the model's (numbers as numbers); others are ignored", () => {
    expect(linkModelToRun({ n_estimators: 50, max_depth: 5, criterion: 'gini' }, s.runs)?.run.runId).toBe('r1');
    expect(linkModelToRun({ n_estimators: 100, max_depth: 10 }, s.runs)?.run.runId).toBe('r2');
  });

  it('equal matches go to the newest run; no shared parameter or a clash is no link', () => {
    expect(linkModelToRun({ alpha: 1, fit_intercept: true }, s.runs)?.run.runId).toBe('ridge2');
    expect(linkModelToRun({ n_estimators: 50, max_depth: 6 }, s.runs)).toBeNull();
    expect(linkModelToRun({ C: 1 }, s.runs)).toBeNull();
  });

  it('Python spellings: True, None', () => {
    const t = store(run('r', 1, { fit_intercept: 'True', class_weight: 'None' }));
    expect(linkModelToRun({ fit_intercept: true, class_weight: null }, t.runs)?.run.runId).toBe('r');
  });
});

describe('readMlflow', () => {
  it('reads MLflow 3 logged models, outputs links and registry aliases from an aliases/ folder', () => {
    const s = store({
      'mlruns/3/abc/meta.yaml': 'run_id: abc\nrun_name: lr\nstart_time: 5\n',
      'mlruns/3/abc/outputs/m-1/meta.yaml': 'destination_id: m-1\n',
      'mlruns/3/models/m-1/meta.yaml': 'model_id: m-1\nsource_run_id: abc\n',
      'mlruns/3/models/m-1/artifacts/model.pkl': 'x',
      'mlruns/models/clf/meta.yaml': 'name: clf\n',
      'mlruns/models/clf/aliases/champion': '1\n',
      'mlruns/models/clf/version-1/meta.yaml': 'version: 1\nmodel_id: m-1\nrun_id: abc\n',
    });
    expect(s.runs.map((r) => [r.runId, r.runName, r.loggedModelIds])).toEqual([['abc', 'lr', ['m-1']]]);
    expect(s.loggedModels[0]?.modelFile).toBe('mlruns/3/models/m-1/artifacts/model.pkl');
    expect(s.versions[0]).toMatchObject({ name: 'clf', version: 1, aliases: ['champion'] });
  });
});
