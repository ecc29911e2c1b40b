#!/usr/bin/env node
// Runs discovery and the metrics adapters (built, dist/) on the 20 real repository layouts of
// ../shared/corpus/layouts (not copied here: their licences) and compares with EXPECTED.json,
// which people wrote by reading the files: production/candidate paths, model class (through
// the existing pickle reader), metrics file and headline values, split, data file, label
// column, dvc/lfs hints. A stand-in for the collect() wiring that comes later: it also links
// a model file to its MLflow run and passes model classes/features to the label detection.
// Known gaps are listed in GAPS with the reason and do not fail; anything else does (exit 1).
//   npm run build && node scripts/check-layouts-adapters.mjs [layouts dir]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inferSchema, initParser } from 'udsv';
import { applyRunLink, detectLabelColumn, discover, linkModelToRun } from '../dist/collect/discover/index.js';
import { readMetricsShapes } from '../dist/collect/metrics/adapters/index.js';
import { inspectPickle } from '../dist/collect/pickle/index.js';
import { companionsBeside } from '../dist/collect/model.js';

const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'layouts'));
if (!existsSync(join(dir, 'EXPECTED.json'))) {
  console.log(`layouts: ${dir} not found; skipped`);
  process.exit(0);
}
const EXPECTED = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8'));

const m = (...keys) => Object.fromEntries(keys.map((k) => (Array.isArray(k) ? k : [k, k])));
const CORE = m('accuracy', 'precision', 'recall', ['f1', 'f1_score'], 'roc_auc');
const byPrefix = (obj, prefix) => Object.entries(obj).find(([k]) => k.startsWith(prefix))?.[1];
// Where each layout's headline sits in EXPECTED.json, and our key → its key.
const SPEC = {
  'egonlh-heart-dvc': {
    prod: (e) => e.metrics[0].headline,
    map: {
      accuracy: 'accuracy',
      f1: 'report.weighted avg.f1-score',
      precision: 'report.weighted avg.precision',
      recall: 'report.weighted avg.recall',
    },
    classF1: ['1', 'report.1.f1-score'],
  },
  'ashwani-loan-champion-challenger': {
    conflict: true,
    prod: (e) => e.metrics[0].headline,
    cand: (e) => e.metrics[1].headline,
    map: CORE,
  },
  'alexis-telco-churn': {
    prod: (e) => e.metrics[0].headline['metrics_at_0.5'],
    map: m('accuracy', 'precision', 'recall', 'f1', 'roc_auc'),
  },
  'ahmadtigress-water-dvclive': {
    prod: (e) => e.metrics[0].headline,
    map: { accuracy: 'accuracy:', precision: 'precision:', recall: 'recall_score:', f1: 'f1_score:' },
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
    map: m('accuracy', ['f1', 'f1_score']),
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
    map: m(['accuracy', 'Accuracy'], ['precision', 'Precision'], ['recall', 'Recall'], ['f1', 'F1']),
  },
  'astrobox-stroke-imblearn': {
    prod: (e) => e.metrics[0].headline['models["Logistic Regression"]'],
    map: m('accuracy', 'precision', 'recall', ['f1', 'f1_score'], ['roc_auc', 'auc_roc']),
  },
  'nejatbakhsh-hmda-champion-challenger': {
    prod: (e) => e.metrics[0].headline['Logistic Regression (champion)'],
    cand: (e) => e.metrics[0].headline['Gradient Boosting (challenger)'],
    map: m('accuracy', 'precision', 'recall', 'f1', 'roc_auc'),
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
    map: m('accuracy', 'precision', 'recall', ['f1', 'f1_score']),
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
// What discovery + adapters alone cannot get right, and why (the collect() wiring or the
// pickle reader's dict unwrapping closes most of these).
const GAPS = {
  'harshitha-heart-mlflow3-registry': {
    production:
      'registry latest version v2 chosen over models/final_model.pkl; EXPECTED names both (same LogisticRegression pipeline, same metrics)',
  },
  'jariemilov-income-production': {
    label:
      'the label encoder sits in a dict pickle (preprocessing_components.pkl): needs the dict unwrapping to give class hints',
  },
  '5rt-student-dict-model': { label: 'the model is inside a dict: needs the dict unwrapping to give its features' },
};

const problems = [];
const gapsSeen = [];
const rows = [];
const eq = (a, b) => a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-12);

function predictor(est) {
  const last = [...(est?.components ?? [])]
    .reverse()
    .find((c) => c.role === 'steps' && typeof c.estimator === 'object');
  return last ? predictor(last.estimator) : est;
}
/** Input columns: feature_names_in_, else the column names a ColumnTransformer lists. */
function inputColumns(est) {
  if (!est) return null;
  if (est.feature_names) return est.feature_names;
  const named = (est.components ?? []).flatMap((c) =>
    Array.isArray(c.columns) ? c.columns.filter((x) => typeof x === 'string') : [],
  );
  return named.length ? named : null;
}
function inspect(root, path) {
  try {
    return inspectPickle(readFileSync(join(root, path)), undefined, path, companionsBeside(join(root, path)));
  } catch {
    return null;
  }
}
function sample(root, path) {
  const text = readFileSync(join(root, path), 'utf8')
    .slice(0, 256 * 1024)
    .replace(/\n[^\n]*$/, '\n');
  const schema = inferSchema(text);
  const cols = schema.cols.map((c) => c.name);
  const data = initParser(schema).stringArrs(text).slice(0, 500);
  return { columns: cols, sample: Object.fromEntries(cols.map((c, i) => [c, data.map((r) => r[i] ?? '')])) };
}
function readPick(root, pick, role) {
  if (!pick) return null;
  const ctx = { fileName: pick.source.path, splitHint: pick.splitHint, role, modelHints: pick.modelHints };
  return readMetricsShapes(
    pick.source.kind === 'file' ? readFileSync(join(root, pick.source.path), 'utf8') : pick.source.run,
    ctx,
  );
}
function compare(name, what, outcome, headline, spec) {
  if (!headline) return outcome === null ? { ok: true, text: 'none ✓' } : { ok: false, text: `${what}: expected none` };
  if (!outcome) return { ok: false, text: `${what}: nothing read` };
  const sides = spec.conflict
    ? [
        ['HEAD side', outcome.conflict?.ours],
        ['incoming side', outcome.conflict?.theirs],
      ]
    : [[null, outcome.ok ? outcome.match : null]];
  const bad = [];
  for (const [side, match] of sides) {
    const want = side ? headline[side] : headline;
    for (const [ours, theirs] of Object.entries(spec.map)) {
      const got = match?.metrics[ours];
      const expect = spec.percent ? want[theirs] / 100 : want[theirs];
      if (!eq(got, expect)) bad.push(`${side ? `${side} ` : ''}${ours} ${got} ≠ ${expect}`);
    }
  }
  if (spec.classF1) {
    const row = outcome.match?.perClass?.find((r) => r.label === spec.classF1[0]);
    if (!eq(row?.f1, headline[spec.classF1[1]])) bad.push(`class ${spec.classF1[0]} f1 ${row?.f1}`);
  }
  return bad.length
    ? { ok: false, text: `${what}: ${bad.join(', ')}` }
    : {
        ok: true,
        text: `${Object.keys(spec.map).length} values ✓${spec.conflict ? ' (merge conflict reported; both sides read)' : ''}`,
      };
}

for (const [name, e] of Object.entries(EXPECTED)) {
  const root = join(dir, name);
  const spec = SPEC[name];
  const gap = GAPS[name] ?? {};
  let d = await discover(root);
  const fail = (field, msg) =>
    gap[field]
      ? (gapsSeen.push(`${name}: ${field}: ${gap[field]}`), `gap: ${gap[field]}`)
      : (problems.push(`${name}: ${field}: ${msg}`), `✗ ${msg}`);
  const prodInfo = d.production?.readPath ? inspect(root, d.production.readPath) : null;
  const est = predictor(prodInfo?.estimator ?? null);
  if (d.mlflow && est) d = applyRunLink(d, linkModelToRun(est.params, d.mlflow.runs));

  const wantProd = e.models.find((x) => /^(only|production|default|"best model"|best model)/i.test(x.role));
  const prodCell =
    d.production?.path === wantProd?.path
      ? `${d.production.path} ✓`
      : fail('production', `${d.production?.path} (EXPECTED ${wantProd?.path})`);
  const wantModel = e.models.find((x) => x.path === d.production?.path) ?? wantProd;
  const wantClass = wantModel?.top_level_class?.split(' ')[0];
  const gotClass = prodInfo?.estimator
    ? `${prodInfo.estimator.module}.${prodInfo.estimator.class_name}`
    : (prodInfo?.root_type ?? null);
  const pullHint = d.hints.some((h) => h.kind === 'dvc-pull' && h.path === wantModel?.path);
  const classCell = !d.production?.readPath
    ? wantModel?.present === false && pullHint
      ? 'not in git: dvc pull hint ✓'
      : fail('class', 'unreadable and no dvc pull hint')
    : gotClass === wantClass
      ? `${gotClass.split('.').at(-1)} ✓${d.production.readPath !== d.production.path ? ' (from the DVC cache)' : ''}`
      : fail('class', `${gotClass} ≠ ${wantClass}`);

  const wantCand = e.production_vs_candidate?.candidate?.split(' ')[0];
  const candCell = !wantCand
    ? d.candidate
      ? fail('candidate', `unexpected ${d.candidate.path}`)
      : 'none ✓'
    : d.candidate?.path === wantCand ||
        (wantCand === 'best' &&
          d.candidate?.mlflow?.runId?.startsWith(e.production_vs_candidate.candidate.split(' ')[3]))
      ? `${d.candidate.path.split('/').slice(-3).join('/')} ✓`
      : fail('candidate', `${d.candidate?.path} (EXPECTED ${wantCand})`);
  if (
    wantCand &&
    e.models.some((x) => x.path === wantCand && /LFS/.test(x.note ?? '')) &&
    !d.hints.some((h) => h.kind === 'git-lfs-pull')
  )
    fail('candidate', 'no git lfs pull hint');

  const prodOut = readPick(root, d.productionMetrics, 'production');
  const p = compare(name, 'production', prodOut, spec.prod(e), spec);
  let metricsCell = p.ok ? p.text : fail('metrics', p.text);
  if (spec.cand) {
    const c = compare(name, 'candidate', readPick(root, d.candidateMetrics, 'candidate'), spec.cand(e), spec);
    metricsCell += c.ok ? `; candidate ${c.text}` : `; ${fail('metrics', c.text)}`;
  }
  const split = prodOut?.ok ? prodOut.match.split.name : (d.productionMetrics?.splitHint?.name ?? null);
  if (spec.split && split !== spec.split) fail('split', `${split} ≠ ${spec.split}`);

  const wantData = e.data[0]?.path?.split(' ')[0] ?? null;
  let dataCell;
  if (!wantData || !existsSync(join(root, wantData)))
    dataCell =
      d.data?.readPath && !wantData
        ? fail('data', `unexpected ${d.data.path}`)
        : `${d.data?.readPath ? d.data.path : 'none readable'} ✓`;
  else dataCell = d.data?.path === wantData ? `${wantData} ✓` : fail('data', `${d.data?.path} ≠ ${wantData}`);
  let labelCell = '';
  if (d.data?.readPath && e.data[0]?.label_column && /\.(csv|tsv)$/.test(d.data.path)) {
    const s = sample(root, d.data.readPath);
    const aux =
      prodInfo && !inputColumns(est)
        ? d.models
            .filter((x) => x.status === 'auxiliary' && x.readPath)
            .map((x) => inputColumns(inspect(root, x.readPath)?.estimator ?? null))
            .find(Boolean)
        : null;
    const g = detectLabelColumn({
      ...s,
      modelClasses: est?.classes ?? null,
      featureNames: inputColumns(est) ?? aux ?? null,
      metricLabels: prodOut?.ok ? (prodOut.match.perClass?.map((r) => r.label) ?? null) : null,
    });
    labelCell =
      g?.column === e.data[0].label_column
        ? `label ${g.column} ✓`
        : `label ${fail('label', `${g?.column} ≠ ${e.data[0].label_column}`)}`;
  }
  rows.push(
    `${name}\n  production ${prodCell} | class ${classCell} | candidate ${candCell}\n  metrics ${d.productionMetrics?.source.path ?? '-'}: ${metricsCell}${split ? ` | split ${split}` : ''}\n  data ${dataCell} ${labelCell}${d.hints.length ? `\n  hints ${d.hints.map((h) => `${h.kind} ${h.path}`).join('; ')}` : ''}`,
  );
}
console.log(rows.join('\n'));
console.log(
  `layouts: ${Object.keys(EXPECTED).length} checked, ${problems.length} mismatches, ${gapsSeen.length} known gaps`,
);
for (const p of [...problems, ...gapsSeen.map((g) => `(gap) ${g}`)]) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
