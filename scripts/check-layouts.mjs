#!/usr/bin/env node
// npm run layouts: runs the BUILT CLI as a user would (`node dist/bin.js generate`, no flags,
// no config) in a temporary copy of each of the 20 real repository layouts of
// ../shared/corpus/layouts (read there, never copied into the project: their licences), and
// compares dashboard_report.json with EXPECTED.json, which people wrote by reading the files:
// exit code, production and candidate, model class, task, metrics file and headline values,
// evaluation split, data file, label column, row count, pull hints. Prints one table row per
// layout. Skips (exit 0) when the corpus is absent; exit 1 on any mismatch that is not a
// documented known gap (GAPS below, and README "Use it in your repository").
//   npm run build && node scripts/check-layouts.mjs [layouts dir]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = join(import.meta.dirname, '..');
const BIN = join(REPO, 'dist', 'bin.js');
const dir = resolve(process.argv[2] ?? join(REPO, '..', 'shared', 'corpus', 'layouts'));
if (!existsSync(join(dir, 'EXPECTED.json'))) {
  console.log(`layouts: ${dir} not found; skipped`);
  process.exit(0);
}
if (!existsSync(BIN)) {
  console.error('layouts: dist/bin.js not found; run npm run build first');
  process.exit(1);
}
const EXPECTED = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8'));

const m = (...keys) => Object.fromEntries(keys.map((k) => (Array.isArray(k) ? k : [k, k])));
const CORE = m('accuracy', 'precision', 'recall', 'f1_score', 'roc_auc');
const byPrefix = (obj, prefix) => Object.entries(obj).find(([k]) => k.startsWith(prefix))?.[1];
// Where each layout's headline values sit in EXPECTED.json, and our metric key → its key.
// split: the evaluation split the FILES state (EXPECTED's other splits come from training
// scripts, which the tool does not read: the report says "not stated" there).
const SPEC = {
  'egonlh-heart-dvc': {
    prod: (e) => e.metrics[0].headline,
    map: {
      accuracy: 'accuracy',
      f1_score: 'report.weighted avg.f1-score',
      precision: 'report.weighted avg.precision',
      recall: 'report.weighted avg.recall',
    },
  },
  // both metrics files hold a merge conflict: neither side is used, a warning says so
  'ashwani-loan-champion-challenger': { prod: () => null, cand: () => null, map: {}, conflict: true },
  'alexis-telco-churn': {
    prod: (e) => e.metrics[0].headline['metrics_at_0.5'],
    map: m('accuracy', 'precision', 'recall', ['f1_score', 'f1'], 'roc_auc'),
  },
  'ahmadtigress-water-dvclive': {
    prod: (e) => e.metrics[0].headline,
    map: { accuracy: 'accuracy:', precision: 'precision:', recall: 'recall_score:', f1_score: 'f1_score:' },
  },
  'sloffer-vehicle-mlflow3': {
    prod: (e) => byPrefix(e.metrics[0].headline, 'dbf3e5cd'),
    cand: (e) => byPrefix(e.metrics[0].headline, '70cefee0'),
    map: m('rmse', 'mae', 'r2'),
  },
  'harshitha-heart-mlflow3-registry': {
    prod: (e) => byPrefix(e.metrics[0].headline, 'logistic_regression'),
    map: CORE,
  },
  'bits-bank-churn-mlflow2': {
    prod: (e) => byPrefix(e.metrics[0].headline, 'a9f225b8'),
    map: m('accuracy', 'f1_score'),
  },
  'jariemilov-income-production': {
    prod: (e) => e.metrics[0].headline,
    map: { roc_auc: 'expected_performance.estimated_auc' },
  },
  'ashylion-bengaluru-history': {
    prod: (e) => e.metrics[0].headline['latest (history[-1])'],
    map: m('rmse', 'mape', ['r2', 'cv_r2']),
  },
  'usman-loan-titlecase': {
    prod: (e) => e.metrics[0].headline['Logistic Regression'],
    map: m(['accuracy', 'Accuracy'], ['precision', 'Precision'], ['recall', 'Recall'], ['f1_score', 'F1']),
  },
  'astrobox-stroke-imblearn': {
    prod: (e) => e.metrics[0].headline['models["Logistic Regression"]'],
    map: m('accuracy', 'precision', 'recall', 'f1_score', ['roc_auc', 'auc_roc']),
  },
  'nejatbakhsh-hmda-champion-challenger': {
    prod: (e) => e.metrics[0].headline['Logistic Regression (champion)'],
    cand: (e) => e.metrics[0].headline['Gradient Boosting (challenger)'],
    map: m('accuracy', 'precision', 'recall', ['f1_score', 'f1'], 'roc_auc'),
  },
  'abusaad-credit-bestof': { prod: (e) => e.metrics[0].headline['all_results["Logistic Regression"]'], map: CORE },
  'agnivickyy-car-price': {
    prod: (e) => e.metrics[0].headline,
    map: m(['mae', 'MAE'], ['rmse', 'RMSE'], ['r2', 'R2']),
  },
  '5rt-student-dict-model': {
    prod: (e) => e.metrics[0].headline['results.LinearRegression'],
    map: m('r2', 'mae', 'rmse'),
  },
  'dabrai-microfinance-dvc-split': { prod: (e) => e.metrics[0].headline, map: CORE, split: 'test' },
  'assyrian-churn-misnamed-metrics': {
    prod: (e) => e.metrics[0].headline,
    map: m('accuracy', 'precision', 'recall', 'f1_score'),
    split: 'test',
  },
  'krishnaik-student-artifacts': { prod: () => null, map: {} },
  'leishaaa-boston-dvc-cache': {
    prod: (e) => e.metrics[0].headline.random_forest,
    map: m('rmse', 'r2', 'mae'),
    split: 'test',
  },
  'arisha-loan-percent': { prod: (e) => e.metrics[0].headline, map: CORE, percent: true },
};

// Known gaps: what the files cannot tell, with the reason. Each is a (layout, field) pair;
// anything else that differs fails the check.
const GAPS = {};

const eq = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-12);
const problems = [];
const gapsSeen = [];
const rows = [];

function run(name) {
  const copy = mkdtempSync(join(tmpdir(), 'mlops-layout-'));
  try {
    cpSync(join(dir, name), copy, { recursive: true });
    const r = spawnSync(process.execPath, [BIN, 'generate'], {
      cwd: copy,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, NO_COLOR: '1', SOURCE_DATE_EPOCH: '1768039200' },
    });
    const json = join(copy, 'reports', 'dashboard_report.json');
    return {
      code: r.status,
      stderr: r.stderr,
      report: existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : null,
    };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

const chosen = (r, role) => r?.inputs.chosen.find((c) => c.role === role)?.value ?? null;
const values = (mm) => Object.fromEntries((mm?.metrics ?? []).map((x) => [x.key, x.value]));
const hintCodes = (r) => (r?.inputs.hints ?? []).map((h) => `${h.code.replace('hint_', '')} ${h.values.path}`);

for (const [name, e] of Object.entries(EXPECTED)) {
  const spec = SPEC[name];
  const gap = GAPS[name] ?? {};
  const { code, stderr, report: r } = run(name);
  const cells = [];
  const check = (field, ok, shown, expected) => {
    if (ok) return cells.push(`${field} ${shown} ✓`);
    if (gap[field]) {
      gapsSeen.push(`${name}: ${field}: ${gap[field]}`);
      return cells.push(`${field} ${shown} (gap)`);
    }
    problems.push(`${name}: ${field}: ${shown} (expected ${expected})`);
    cells.push(`${field} ${shown} ✗`);
  };
  check('exit', code === 0, code, `0${code === 2 ? `; ${stderr.trim().split('\n')[0]}` : ''}`);
  if (!r) {
    rows.push(`${name}\n  ${cells.join(' | ')}`);
    continue;
  }
  // production and its class: the model file, or the DVC/LFS hint when it is not in git
  const wantProd = e.models.find((x) => /^(only|production|default|"best model"|best model|exported)/i.test(x.role));
  check('production', chosen(r, 'production_model') === wantProd?.path, chosen(r, 'production_model'), wantProd?.path);
  const wantClass = wantProd?.top_level_class?.split(' ')[0];
  const gotClass = r.model.wrapper ? r.model.wrapper.type : r.model.module && `${r.model.module}.${r.model.model_type}`;
  if (wantProd?.present === false && !r.model.deployed)
    check(
      'class',
      r.inputs.hints.some((h) => h.code === 'hint_dvc_pull' && h.values.path === wantProd.path),
      'dvc pull hint',
      'a dvc pull hint',
    );
  else check('class', gotClass === wantClass, r.model.model_type, wantClass);
  // the candidate: a file, or the best MLflow run
  const wantCand = e.production_vs_candidate?.candidate?.split(' ')[0] ?? null;
  const gotCand = chosen(r, 'candidate_model');
  const candOk =
    wantCand === null
      ? gotCand === null
      : wantCand === 'best'
        ? r.candidate !== null &&
          gotCand?.includes('/models/m-') &&
          r.candidate_metrics?.path.includes(e.production_vs_candidate.candidate.split(' ')[3])
        : gotCand === wantCand;
  check('candidate', candOk, gotCand ?? 'none', wantCand ?? 'none');
  if (e.models.some((x) => /LFS/.test(x.note ?? '')))
    check(
      'lfs hint',
      r.inputs.hints.some((h) => h.code === 'hint_git_lfs_pull'),
      hintCodes(r).join(', '),
      'git lfs pull',
    );
  // task
  const wantTask = e.task.split(' ')[0];
  check('task', r.task.kind === wantTask, r.task.kind, wantTask);
  // metrics: values compared exactly with EXPECTED's headline numbers
  const compare = (mm, headline, what) => {
    if (!headline) return;
    const got = values(mm);
    const bad = Object.entries(spec.map).filter(
      ([ours, theirs]) => !eq(got[ours], spec.percent ? headline[theirs] / 100 : headline[theirs]),
    );
    check(
      what,
      mm !== null && bad.length === 0,
      mm ? `${mm.path} ${Object.keys(spec.map).length - bad.length}/${Object.keys(spec.map).length}` : 'none',
      bad.map(([k, t]) => `${k}=${headline[t]}`).join(', ') || 'a metrics file',
    );
  };
  compare(r.metrics, spec.prod(e), 'metrics');
  if (spec.cand) compare(r.candidate_metrics, spec.cand(e), 'candidate metrics');
  if (spec.conflict)
    check(
      'conflict',
      r.warnings.filter((w) => w.code === 'metrics_unreadable' && w.values.problem.code === 'problem_merge_conflict')
        .length >= 1,
      'merge conflict warned',
      'a merge-conflict warning',
    );
  if (!spec.prod(e) && !spec.conflict) check('metrics', r.metrics === null, r.metrics?.path ?? 'none', 'none');
  if (spec.split)
    check('split', r.metrics?.split.name === spec.split, r.metrics?.split.name ?? 'not stated', spec.split);
  // data: the file, its label column and row count, or the pull hint when it is not in git
  const want = e.data[0];
  const wantData = want?.path?.split(' ')[0] ?? null;
  if (wantData && existsSync(join(dir, name, wantData))) {
    check('data', r.data?.path === wantData, r.data?.path ?? 'none', wantData);
    if (want.label_column)
      check(
        'label',
        r.data?.category_column === want.label_column,
        r.data?.category_column ?? 'none',
        want.label_column,
      );
    if (want.rows) check('rows', r.data?.rows === want.rows, r.data?.rows ?? 'none', want.rows);
  } else if (/\.dvc\/cache/.test(want?.path ?? '')) {
    check(
      'data',
      r.data?.path === wantData && r.data?.category_column === want.label_column && r.data?.rows === want.rows,
      `${r.data?.path} ${r.data?.category_column} ${r.data?.rows}`,
      `${wantData} ${want.label_column} ${want.rows}`,
    );
  } else {
    check('data', r.data === null, r.data?.path ?? 'none readable', 'none readable');
  }
  rows.push(`${name}\n  ${cells.join(' | ')}${r.inputs.hints.length ? `\n  hints: ${hintCodes(r).join('; ')}` : ''}`);
}
console.log(rows.join('\n'));
console.log(
  `layouts: ${Object.keys(EXPECTED).length} run, ${problems.length} mismatches, ${gapsSeen.length} known gaps`,
);
for (const p of [...problems, ...gapsSeen.map((g) => `(known gap) ${g}`)]) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
