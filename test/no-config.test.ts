// A repository with no configuration and none of our conventional names, end to end through
// the CLI: discovery chooses, says why (stderr and the Inputs block), and the report is written;
// init writes the config; --label-column and the config name what the guess got wrong; DVC and
// LFS inputs get their pull hint. Models are real scikit-learn files (test/fixtures/models).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportData } from '../src/report-data.js';
import { REPO, runCli, sampleProject, tempProject } from './helpers.js';

const MODELS = join(REPO, 'test', 'fixtures', 'models');

function put(dir: string, rel: string, content: string | { model: string }): void {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  if (typeof content === 'string') writeFileSync(join(dir, rel), content);
  else copyFileSync(join(MODELS, content.model), join(dir, rel));
}
const reportOf = (dir: string): ReportData =>
  JSON.parse(readFileSync(join(dir, 'reports', 'dashboard_report.json'), 'utf8')) as ReportData;
const chosen = (r: ReportData, role: string) => r.inputs.chosen.find((c) => c.role === role);

/** A regression project: one model in models/, metrics nested by split in reports/, a CSV in data/. */
function regressionRepo(): string {
  const dir = tempProject();
  put(dir, 'models/model.pkl', { model: 'linreg__pickle_p4.pkl' }); // LinearRegression on r0…r3
  put(dir, 'reports/metrics.json', JSON.stringify({ train: { r2: 0.99, rmse: 3.1 }, test: { r2: 0.91, rmse: 12.5 } }));
  put(
    dir,
    'data/train.csv',
    'id,r0,r1,r2,r3,price\n1,0.1,0.2,0.3,0.4,250\n2,0.5,0.6,0.7,0.8,310\n3,0.9,1.0,1.1,1.2,405\n',
  );
  return dir;
}

/** A classifier pair named champion / challenger, a classification report, a NaN in the challenger's metrics. */
function championRepo(): string {
  const dir = tempProject();
  put(dir, 'models/champion.pkl', { model: 'logreg_str__pickle_p4.pkl' }); // classes churn, stay
  put(dir, 'models/challenger.pkl', { model: 'logreg_str__joblib_raw.pkl' });
  const row = (p: number) => ({ precision: p, recall: p, 'f1-score': p, support: 10 });
  put(
    dir,
    'models/champion_metrics.json',
    JSON.stringify({
      churn: row(0.8),
      stay: row(0.9),
      accuracy: 0.85,
      'macro avg': row(0.85),
      'weighted avg': row(0.85),
    }),
  );
  put(dir, 'models/challenger_metrics.json', '{"accuracy": 0.88, "precision": NaN, "recall": 0.87, "f1": 0.86}');
  put(
    dir,
    'data/customers.csv',
    'segment,b0,b1,b2,b3,b4,status\na,1,2,3,4,5,churn\nb,1,2,3,4,5,stay\na,1,2,3,4,5,stay\n',
  );
  return dir;
}

describe('generate with no configuration', () => {
  it('a regression project: the model, the metrics by split, the data and its label are found and said', async () => {
    const dir = regressionRepo();
    const run = await runCli(['generate'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('mlops-report: Production model: models/model.pkl (found: the only model file)\n');
    expect(run.stderr).toContain('mlops-report: Production metrics: reports/metrics.json (found: ');
    const r = reportOf(dir);
    expect(r.inputs.discovered).toBe(true);
    expect(r.task).toEqual({
      kind: 'regression',
      reason: { code: 'task_model_class', values: { class: 'LinearRegression' } },
    });
    expect(r.metrics).toMatchObject({ path: 'reports/metrics.json', shape: 'by_split', split: { name: 'test' } });
    // 100 × max(0, r2): the test split's 0.91, not train's 0.99
    expect(r.metrics?.score).toBe(91);
    expect(r.metrics?.missing).toEqual(['mae']);
    expect(r.metrics?.metrics.map((m) => [m.key, m.direction])).toEqual([
      ['r2', 'higher'],
      ['rmse', 'lower'],
    ]);
    // the model's inputs and the id are not the label
    expect(chosen(r, 'label_column')).toMatchObject({ value: 'price', source: 'discovered' });
    expect(r.data?.rows).toBe(3);
    // a regressor's target is a number: its values are counted, not shown as classes
    expect(r.data).toMatchObject({ label_kind: 'numeric', n_categories: 3, categories: [], drift: null });
    const html = readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8');
    expect(html).toContain('data-testid="inputs"');
    expect(html).toContain('R²');
    expect(html).toContain('n/a');
    expect(html).toContain('The label, price, is a number');
    expect(html).not.toContain('data-chart="categories"');
  });

  it('champion and challenger by name; the label from the model classes; a NaN metric is n/a', async () => {
    const dir = championRepo();
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const r = reportOf(dir);
    expect([chosen(r, 'production_model')?.value, chosen(r, 'candidate_model')?.value]).toEqual([
      'models/champion.pkl',
      'models/challenger.pkl',
    ]);
    expect([chosen(r, 'production_metrics')?.value, chosen(r, 'candidate_metrics')?.value]).toEqual([
      'models/champion_metrics.json',
      'models/challenger_metrics.json',
    ]);
    expect(r.metrics?.shape).toBe('classification_report');
    expect(chosen(r, 'label_column')).toMatchObject({
      value: 'status',
      reason: { code: 'label_model_classes', values: { classes: ['churn', 'stay'] } },
    });
    expect(r.candidate_metrics?.missing).toEqual(['precision']);
    expect(r.comparison?.rows.find((x) => x.metric === 'precision')).toMatchObject({ candidate: null, winner: null });
    expect(r.warnings.map((w) => w.code)).toContain('metrics_missing');
    // a project that does not say what its rows are gets "rows", never the sample's "apps"
    const html = readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8');
    expect(html).toContain('<h3 class="sub">Rows per class</h3>');
    expect(html).not.toMatch(/\bapps?\b/i);
  });

  it('--label-column names the column when the guess is wrong; a named column that is absent is an error', async () => {
    const dir = championRepo();
    expect((await runCli(['generate', '--label-column', 'segment'], dir)).code).toBe(0);
    expect(chosen(reportOf(dir), 'label_column')).toMatchObject({ value: 'segment', source: 'flag' });
    expect(reportOf(dir).data?.categories.map((c) => c.category)).toEqual(['a', 'b']);
    const bad = await runCli(['generate', '--label-column', 'nope'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/data\/customers\.csv: no "nope" column/);
  });

  it('category_column still works, with a warning that it is deprecated; two different names are refused', async () => {
    const dir = championRepo();
    writeFileSync(join(dir, 'mlops-report.config.json'), '{"data_options": {"category_column": "segment"}}');
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(chosen(reportOf(dir), 'label_column')?.value).toBe('segment');
    expect(reportOf(dir).warnings).toContainEqual({
      code: 'deprecated_key',
      values: { key: 'data_options.category_column', use: 'data_options.label_column' },
    });
    writeFileSync(
      join(dir, 'mlops-report.config.json'),
      '{"data_options": {"category_column": "segment", "label_column": "status"}}',
    );
    const r = await runCli(['generate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('differ');
  });
});

describe('mlops-report init', () => {
  it('writes the config it found, and generate then reads the same files without discovery', async () => {
    const dir = championRepo();
    const r = await runCli(['init'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('mlops-report: wrote mlops-report.config.json; edit it when a guess is wrong\n');
    expect(r.stderr).toContain(
      'mlops-report: Candidate model: models/challenger.pkl (found: its name says "challenger")',
    );
    const config = JSON.parse(readFileSync(join(dir, 'mlops-report.config.json'), 'utf8'));
    expect(config).toEqual({
      models_dir: '.',
      models: {
        production_model: 'models/champion.pkl',
        production_metrics: 'models/champion_metrics.json',
        candidate_model: 'models/challenger.pkl',
        candidate_metrics: 'models/challenger_metrics.json',
      },
      data: 'data/customers.csv',
      data_options: { label_column: 'status' },
    });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const report = reportOf(dir);
    expect(report.inputs.discovered).toBe(false);
    expect(report.inputs.chosen.map((c) => [c.role, c.value, c.source])).toEqual([
      ['production_model', 'models/champion.pkl', 'config'],
      ['candidate_model', 'models/challenger.pkl', 'config'],
      ['production_metrics', 'models/champion_metrics.json', 'config'],
      ['candidate_metrics', 'models/challenger_metrics.json', 'config'],
      ['data', 'data/customers.csv', 'config'],
      ['label_column', 'status', 'config'],
    ]);
  });

  it('never replaces a config file without --force', async () => {
    const dir = championRepo();
    writeFileSync(join(dir, 'mlops-report.config.json'), '{"lang": "fr"}');
    const r = await runCli(['init'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^mlops-report: mlops-report\.config\.json already exists; it was left as it is\n {2}hint: /,
    );
    expect(readFileSync(join(dir, 'mlops-report.config.json'), 'utf8')).toBe('{"lang": "fr"}');
    expect((await runCli(['init', '--force'], dir)).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'mlops-report.config.json'), 'utf8')).models.production_model).toBe(
      'models/champion.pkl',
    );
  });
});

describe('what each command reads', () => {
  it('stats works without a models folder, even a named one', async () => {
    const dir = tempProject();
    put(dir, 'data/apps.csv', 'App,Category\nA,GAME\nB,TOOLS\nC,GAME\n');
    for (const argv of [['stats'], ['stats', '--models-dir', 'nowhere']]) {
      const r = await runCli(argv, dir);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        available: true,
        total_apps: 3,
        category_counts: { GAME: 2, TOOLS: 1 },
      });
    }
  });

  it('model and comparison need no data file: a broken one is not even read', async () => {
    const dir = sampleProject();
    writeFileSync(join(dir, 'data', 'apps.csv'), '');
    expect((await runCli(['generate'], dir)).code).toBe(2);
    for (const name of ['model', 'comparison']) {
      const r = await runCli([name], dir);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveProperty(name === 'model' ? 'model_type' : 'decision');
    }
  });
});

describe('inputs that are not in the checkout', () => {
  it('a Git LFS pointer as the production model: the report is written and says to run git lfs pull', async () => {
    const dir = sampleProject();
    writeFileSync(
      join(dir, 'models', 'production_model.pkl'),
      'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n',
    );
    const r = await runCli(['generate'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('run `git lfs pull` (actions/checkout: `lfs: true`)');
    const report = reportOf(dir);
    expect(report.model.deployed).toBe(false);
    expect(report.model.unreadable?.code).toBe('hint_git_lfs_pull');
    const html = readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8');
    expect(html).toContain('Production model not in the checkout');
    expect(html).toContain('(the production model) is a Git LFS pointer, not the file: run &#x60;git lfs pull&#x60;');
    expect(report.metrics?.score).toBe(80.2);
  });

  it('a DVC-only repository with nothing in the checkout: exit 2 and "dvc pull"', async () => {
    const dir = tempProject();
    put(dir, 'dvc.yaml', 'stages:\n  train:\n    cmd: python train.py\n    outs:\n    - models/model.pkl\n');
    put(dir, 'models/model.pkl.dvc', 'outs:\n- md5: 0123456789abcdef0123456789abcdef\n  path: model.pkl\n');
    const r = await runCli(['generate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no model, metrics or data file could be read\n {2}hint: .*`dvc pull`/);
  });
});
