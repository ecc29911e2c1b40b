// The ranking rules on made-up snapshots (no file system): each ambiguous case and the rule that decides.
import { describe, expect, it } from 'vitest';
import { discoverLayout, type Snapshot } from '../../../src/collect/discover/index.js';

/** A snapshot with the given files; `texts` are also files. */
function snap(files: string[], texts: Record<string, string> = {}, heads: Record<string, string> = {}): Snapshot {
  const all = [...new Set([...files, ...Object.keys(texts)])].sort();
  return { files: all.map((path) => ({ path, size: 10 })), texts, heads, dvcCache: [], truncated: null };
}
const flat = (o: Record<string, number>): string => JSON.stringify(o);

describe('which model is production', () => {
  it('a single model is production, whatever its name', () => {
    expect(discoverLayout(snap(['out/clf.joblib'])).production?.path).toBe('out/clf.joblib');
    expect(discoverLayout(snap(['models/latest_model.pkl'])).production?.path).toBe('models/latest_model.pkl');
  });

  it('helpers are listed but never chosen', () => {
    const d = discoverLayout(
      snap([
        'models/scaler.pkl',
        'models/label_encoder.pkl',
        'models/tfidf_vectorizer.joblib',
        'models/feature_list.pkl',
        'models/clf.pkl',
      ]),
    );
    expect(d.production?.path).toBe('models/clf.pkl');
    expect(d.models.filter((m) => m.status === 'auxiliary').map((m) => m.path)).toEqual([
      'models/feature_list.pkl',
      'models/label_encoder.pkl',
      'models/scaler.pkl',
      'models/tfidf_vectorizer.joblib',
    ]);
    expect(discoverLayout(snap(['models/scaler.pkl'])).production).toBeNull();
  });

  it('names pair production and candidate; "new" is a candidate only beside a production model', () => {
    const d = discoverLayout(snap(['models/prod_model.pkl', 'models/new_model.pkl']));
    expect([d.production?.path, d.candidate?.path]).toEqual(['models/prod_model.pkl', 'models/new_model.pkl']);
    const c = discoverLayout(snap(['models/current.joblib', 'models/challenger.joblib', 'models/old.joblib']));
    expect([c.production?.path, c.candidate?.path]).toEqual(['models/current.joblib', 'models/challenger.joblib']);
    expect(c.models.find((m) => m.path === 'models/old.joblib')?.status).toBe('other');
  });

  it('a lone candidate-named model is the candidate, and nothing is deployed', () => {
    const d = discoverLayout(snap(['models/candidate_model.pkl']));
    expect([d.production, d.candidate?.path]).toEqual([null, 'models/candidate_model.pkl']);
  });

  it('folders: models/ before model/, artifacts/, outputs/, the root, elsewhere; compressed files count', () => {
    const d = discoverLayout(
      snap(['clf.pkl', 'outputs/clf.pkl', 'artifacts/clf.pkl.gz', 'src/clf.pkl', 'model/clf.joblib.xz']),
    );
    expect(d.production?.path).toBe('model/clf.joblib.xz');
  });

  it("a tie in one folder is broken by the metrics file's chosen model, else by name with a note", () => {
    const texts = {
      'models/metrics.json': JSON.stringify({
        best_model: 'Random Forest',
        results: { 'Random Forest': { f1: 0.8 }, 'Logistic Regression': { f1: 0.9 } },
      }),
    };
    const d = discoverLayout(snap(['models/logistic_regression.pkl', 'models/random_forest.pkl'], texts));
    expect(d.production?.path).toBe('models/random_forest.pkl');
    const none = discoverLayout(snap(['models/a.pkl', 'models/b.pkl']));
    expect(none.production?.path).toBe('models/a.pkl');
    expect(none.notes).toEqual([
      { code: 'note_several_models', values: { folder: 'models/', files: ['models/a.pkl', 'models/b.pkl'] } },
    ]);
  });
});

describe('which metrics file', () => {
  it('two metrics files: test before train, and the split comes from the name', () => {
    const d = discoverLayout(
      snap(['models/m.pkl'], {
        'metrics/train_metrics.json': flat({ accuracy: 0.99 }),
        'metrics/test_metrics.json': flat({ accuracy: 0.9 }),
      }),
    );
    expect(d.productionMetrics?.source.path).toBe('metrics/test_metrics.json');
    expect(d.productionMetrics?.splitHint?.name).toBe('test');
  });

  it('a train_metrics.json written by a DVC stage that reads test.csv is test', () => {
    const dvc =
      'stages:\n  train:\n    cmd: python train.py\n    deps:\n      - data/train.csv\n      - data/test.csv\n    outs:\n      - models/m.pkl\n    metrics:\n      - metrics/train_metrics.json\n';
    const d = discoverLayout(
      snap(['models/m.pkl', 'data/train.csv', 'data/test.csv'], {
        'dvc.yaml': dvc,
        'metrics/train_metrics.json': flat({ accuracy: 0.79 }),
        'metrics.json': flat({ accuracy: 0.95 }),
      }),
    );
    expect(d.productionMetrics?.source.path).toBe('metrics/train_metrics.json');
    expect(d.productionMetrics?.splitHint).toMatchObject({ name: 'test', key: 'dvc.yaml stage train' });
  });

  it('without DVC, a lone train_metrics.json is read as train', () => {
    const d = discoverLayout(snap(['models/m.pkl'], { 'metrics/train_metrics.json': flat({ accuracy: 0.99 }) }));
    expect(d.productionMetrics?.splitHint?.name).toBe('train');
  });

  it("beside the model before a metrics folder before the root; a file named for the candidate is not production's", () => {
    const texts = {
      'metrics.json': flat({ accuracy: 0.1 }),
      'reports/metrics.json': flat({ accuracy: 0.2 }),
      'models/metrics.json': flat({ accuracy: 0.3 }),
      'models/candidate_metrics.json': flat({ accuracy: 0.4 }),
    };
    const d = discoverLayout(snap(['models/production_model.pkl', 'models/candidate_model.pkl'], texts));
    expect(d.productionMetrics?.source.path).toBe('models/metrics.json');
    expect(d.candidateMetrics?.source.path).toBe('models/candidate_metrics.json');
  });

  it('files without metrics are skipped with the reason; a merge conflict stays chosen so the report can say so', () => {
    const texts = {
      'models/metrics.json': '{\n<<<<<<< HEAD\n"accuracy": 0.7\n=======\n"accuracy": 0.6\n>>>>>>> abc\n}\n',
      'models/stats_metrics.json': flat({ n_rows: 5 }),
    };
    const d = discoverLayout(snap(['models/model.pkl'], texts));
    expect(d.productionMetrics?.source.path).toBe('models/metrics.json');
    expect(d.metrics.find((m) => m.path === 'models/stats_metrics.json')?.reason).toEqual({
      code: 'not_used',
      values: { problem: { code: 'problem_no_metrics', values: { file: 'models/stats_metrics.json' } } },
    });
    expect(d.notes.map((n) => n.code)).toEqual(['problem_merge_conflict']);
  });
});

describe('MLflow', () => {
  const run = (id: string, start: number, f1: number, extra: Record<string, string> = {}): Record<string, string> => ({
    [`mlruns/1/${id}/meta.yaml`]: `run_id: ${id}\nrun_name: ${id}-name\nstart_time: ${start}\n`,
    [`mlruns/1/${id}/metrics/f1`]: `${start} ${f1} 0\n`,
    ...extra,
  });
  const models = (...ids: string[]): string[] => ids.map((id) => `mlruns/1/${id}/artifacts/model/model.pkl`);

  it('the registry version with stage Production (or alias champion) is production; Staging is the candidate', () => {
    const texts = {
      ...run('a', 1, 0.8),
      ...run('b', 2, 0.7),
      ...run('c', 3, 0.9),
      'mlruns/models/clf/meta.yaml': 'name: clf\naliases:\n  champion: 2\n',
      'mlruns/models/clf/version-1/meta.yaml': 'version: 1\ncurrent_stage: Staging\nrun_id: a\n',
      'mlruns/models/clf/version-2/meta.yaml': 'version: 2\ncurrent_stage: None\nrun_id: b\n',
      'mlruns/models/clf/version-3/meta.yaml': 'version: 3\ncurrent_stage: None\nrun_id: c\n',
    };
    const d = discoverLayout(snap(models('a', 'b', 'c'), texts));
    expect(d.production?.path).toBe('mlruns/1/b/artifacts/model/model.pkl');
    expect(d.production?.mlflow?.registered).toEqual({ name: 'clf', version: 2, stage: 'None', aliases: ['champion'] });
    expect(d.production?.reason).toEqual({
      code: 'mlflow_alias',
      values: { name: 'clf', version: 2, alias: 'champion' },
    });
    expect(d.candidate?.path).toBe('mlruns/1/a/artifacts/model/model.pkl');
    expect(d.productionMetrics?.source).toMatchObject({ kind: 'mlflow-run', path: 'mlruns/1/b' });
  });

  it('without stage or alias the latest version is production; the best other run is the candidate', () => {
    const texts = {
      ...run('a', 1, 0.8),
      ...run('b', 2, 0.7),
      ...run('c', 3, 0.95),
      'mlruns/models/clf/version-1/meta.yaml': 'version: 1\ncreation_timestamp: 10\nrun_id: a\n',
      'mlruns/models/clf/version-2/meta.yaml': 'version: 2\ncreation_timestamp: 20\nrun_id: b\n',
    };
    const d = discoverLayout(snap(models('a', 'b', 'c'), texts));
    expect(d.production?.path).toBe('mlruns/1/b/artifacts/model/model.pkl');
    expect(d.candidate?.path).toBe('mlruns/1/c/artifacts/model/model.pkl');
    expect(d.candidate?.needsLinkCheck).toBe(false);
  });

  it('deleted runs are ignored; with no registry and no other model, the best run is production', () => {
    const texts = {
      ...run('a', 1, 0.8),
      ...run('b', 2, 0.9),
      'mlruns/1/c/meta.yaml': 'run_id: c\nlifecycle_stage: deleted\nstart_time: 3\n',
      'mlruns/1/c/metrics/f1': '3 0.99 0\n',
    };
    const d = discoverLayout(snap(models('a', 'b', 'c'), texts));
    expect(d.production?.path).toBe('mlruns/1/b/artifacts/model/model.pkl');
    expect(d.candidate).toBeNull();
  });

  it('a model file outside mlruns/ is production; the best run is the candidate, to be checked against it', () => {
    const d = discoverLayout(
      snap(['models/model.pkl', ...models('a', 'b')], { ...run('a', 1, 0.8), ...run('b', 2, 0.7) }),
    );
    expect(d.production?.path).toBe('models/model.pkl');
    expect(d.candidate).toMatchObject({ path: 'mlruns/1/a/artifacts/model/model.pkl', needsLinkCheck: true });
  });

  it('the order: a role word, a registry marking, "best", a model folder, the latest registry version, elsewhere', () => {
    const registry = (stage: string) => ({
      ...run('a', 1, 0.8),
      'mlruns/models/clf/version-1/meta.yaml': `version: 1\ncurrent_stage: ${stage}\nrun_id: a\n`,
    });
    const pick = (files: string[], stage = 'None') =>
      discoverLayout(snap([...files, ...models('a')], registry(stage))).production?.path;
    const inRegistry = 'mlruns/1/a/artifacts/model/model.pkl';
    // an explicit role word beats everything, "best" included
    expect(pick(['models/best_model.pkl', 'models/production_model.pkl'], 'Production')).toBe(
      'models/production_model.pkl',
    );
    // a registry version marked Production beats a file only named "best"
    expect(pick(['models/best_model.pkl'], 'Production')).toBe(inRegistry);
    // "best" beats an unmarked registry version and a plain file
    expect(pick(['models/best_model.pkl', 'models/model.pkl'])).toBe('models/best_model.pkl');
    // a committed file in a model folder beats the unmarked latest version (harshitha-heart)
    expect(pick(['models/final_model.pkl'])).toBe('models/final_model.pkl');
    // a stray file elsewhere does not
    expect(pick(['tests/fixtures/tiny.pkl'])).toBe(inRegistry);
  });

  it('a registered version whose artifact is not in the checkout gets a hint', () => {
    const texts = {
      ...run('a', 1, 0.8),
      'mlruns/models/clf/version-1/meta.yaml': 'version: 1\ncurrent_stage: Production\nrun_id: a\n',
    };
    const d = discoverLayout(snap([], texts));
    expect(d.production?.readPath).toBeNull();
    expect(d.hints.map((h) => h.kind)).toEqual(['mlflow-artifact-missing']);
  });
});

describe('pull hints', () => {
  it('a Git LFS pointer is not the file', () => {
    const d = discoverLayout(
      snap(
        ['models/model.pkl'],
        {},
        { 'models/model.pkl': 'version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 9\n' },
      ),
    );
    expect(d.production?.readPath).toBeNull();
    expect(d.hints[0]).toMatchObject({ kind: 'git-lfs-pull', why: { code: 'hint_git_lfs_pull' } });
    expect(d.hints[0]?.why.values.path).toBe('models/model.pkl');
  });

  it('a *.dvc file makes an absent model a `dvc pull`; a cached one is read from the cache', () => {
    const texts = { 'models/model.pkl.dvc': 'outs:\n- md5: 0123456789abcdef0123456789abcdef\n  path: model.pkl\n' };
    const missing = discoverLayout(snap([], texts));
    expect(missing.production).toMatchObject({ path: 'models/model.pkl', readPath: null });
    expect(missing.hints[0]).toMatchObject({
      kind: 'dvc-pull',
      why: { code: 'hint_dvc_pull', values: { path: 'models/model.pkl', from: 'models/model.pkl.dvc' } },
    });
    const cached = discoverLayout({ ...snap([], texts), dvcCache: ['.dvc/cache/01/23456789abcdef0123456789abcdef'] });
    expect(cached.production?.readPath).toBe('.dvc/cache/01/23456789abcdef0123456789abcdef');
    expect(cached.hints.map((h) => h.kind)).toEqual(['dvc-cache']);
  });
});

describe('which data file', () => {
  it('train before test, data/ before the root, metrics tables and mappings are not data', () => {
    const d = discoverLayout(
      snap([
        'data/test.csv',
        'data/train.csv',
        'raw.csv',
        'feature_importance.csv',
        'data/mapping.csv',
        'reports/tables/summary.csv',
      ]),
    );
    expect(d.data?.path).toBe('data/train.csv');
    expect(d.dataFiles.map((f) => f.path)).toEqual(['data/train.csv', 'data/test.csv', 'raw.csv']);
  });

  it("X_/y_ halves rank after a whole file; a DVC dependency of the model's stage ranks first", () => {
    const dvc =
      'stages:\n  train:\n    cmd: x\n    deps:\n      - data/features.parquet\n    outs:\n      - models/m.pkl\n';
    const d = discoverLayout(
      snap(['models/m.pkl', 'data/X_train.csv', 'data/y_train.csv', 'data/all.csv', 'data/features.parquet'], {
        'dvc.yaml': dvc,
      }),
    );
    expect(d.dataFiles.map((f) => f.path)).toEqual([
      'data/features.parquet',
      'data/all.csv',
      'data/X_train.csv',
      'data/y_train.csv',
    ]);
  });
});
