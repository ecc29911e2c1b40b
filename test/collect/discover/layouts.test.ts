// Discovery on made-up trees shaped like the 20 corpus layouts. The expected choices are the
// ones EXPECTED.json of ../shared/corpus/layouts gives for the real repositories (production,
// candidate, metrics file, data file, label column), restated for these trees.
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { discover, type Discovery } from '../../../src/collect/discover/index.js';
import { MINI, removeTree, writeTree } from './trees.js';

interface Want {
  production: string | null;
  productionRead?: string | null;
  candidate?: string | null;
  metrics: string | null;
  candidateMetrics?: string | null;
  split?: string | null;
  data: string | null;
  dataRead?: string | null;
  /** Only where the file names alone can decide it; the others need the model's classes or features. */
  label?: string;
  hints: string[];
}

const WANT: Record<string, Want> = {
  'egonlh-heart-dvc': {
    production: 'models/model.pkl',
    metrics: 'metrics/metrics.json',
    split: null,
    data: 'data/processed_data.csv',
    label: 'target',
    hints: [],
  },
  'ashwani-loan-champion-challenger': {
    production: 'models/champion_model.pkl',
    candidate: 'models/challenger_model.pkl',
    metrics: 'model_metrics.json',
    candidateMetrics: 'challenger_metrics.json',
    data: null,
    hints: ['git-lfs-pull models/challenger_model.pkl'],
  },
  'alexis-telco-churn': {
    production: 'models/churn_model.joblib',
    metrics: 'models/metrics.json',
    data: 'data/processed/telco_customer_churn_clean.csv',
    label: 'Churn',
    hints: [],
  },
  'ahmadtigress-water-dvclive': {
    production: 'models/model.pkl',
    productionRead: null,
    metrics: 'dvclive/metrics.json',
    data: null,
    hints: [
      'dvc-pull models/model.pkl',
      'dvc-pull data/processed',
      'dvc-pull data/raw',
      'declared-missing reports/metrics.json',
    ],
  },
  'sloffer-vehicle-mlflow3': {
    production: 'models/production_model.pkl',
    candidate: 'mlruns/77/models/m-aaa/artifacts/model.pkl',
    metrics: null,
    candidateMetrics: 'mlruns/77/m1',
    data: 'data/processed/train.csv',
    label: 'price',
    hints: [],
  },
  'harshitha-heart-mlflow3-registry': {
    // the committed export beats the unmarked registry version; its MLflow run (and so its
    // metrics) is found from its parameters once it is read (collect's run link), which also
    // drops this candidate: the same logistic regression trained again
    production: 'models/final_model.pkl',
    candidate: 'mlruns/5/models/m-v1/artifacts/model.pkl',
    metrics: 'model_comparison.csv',
    candidateMetrics: 'mlruns/5/r1',
    data: 'data/processed/heart_disease_cleaned.csv',
    label: 'target',
    hints: [],
  },
  'bits-bank-churn-mlflow2': {
    production: '2024-07-30_17-47-24_0.84.joblib',
    candidate: 'mlruns/0/r1/artifacts/model/model.pkl',
    metrics: 'experiments_metrics.txt',
    candidateMetrics: 'mlruns/0/r1',
    data: 'test.csv',
    dataRead: null,
    hints: ['dvc-pull test.csv'],
  },
  'jariemilov-income-production': {
    production: 'models/production_model.pkl',
    metrics: 'models/production_metadata.json',
    data: 'training_data/training_data.csv',
    hints: [],
  },
  'ashylion-bengaluru-history': {
    production: 'models/linear_regression_BengaluruHouse.pkl',
    metrics: 'models/metrics.json',
    data: 'data/Bengaluru_House_Data.csv',
    label: 'price',
    hints: [],
  },
  'usman-loan-titlecase': {
    production: 'models/logistic.pkl',
    metrics: 'models/metrics.json',
    data: 'data/loan_data.csv',
    label: 'Loan_Status',
    hints: [],
  },
  'astrobox-stroke-imblearn': {
    production: 'models/best_stroke_model.joblib',
    metrics: 'models/metrics.json',
    data: 'data/healthcare-dataset-stroke-data.csv',
    label: 'stroke',
    hints: [],
  },
  'nejatbakhsh-hmda-champion-challenger': {
    production: 'models/champion_model.pkl',
    candidate: 'models/challenger_model.pkl',
    metrics: 'reports/tables/model_performance_summary.csv',
    candidateMetrics: 'reports/tables/model_performance_summary.csv',
    data: null,
    hints: [],
  },
  'abusaad-credit-bestof': {
    production: 'models/credit_model.pkl',
    metrics: 'models/metrics.json',
    data: 'dataset/credit_data.csv',
    label: 'creditworthy',
    hints: [],
  },
  'agnivickyy-car-price': {
    production: 'model/car_price_pipeline.pkl',
    metrics: 'model/metrics.json',
    data: null,
    hints: [],
  },
  '5rt-student-dict-model': {
    production: 'model/model.pkl',
    metrics: 'model/metrics.json',
    data: 'data/student_data.csv',
    hints: [],
  },
  'dabrai-microfinance-dvc-split': {
    production: 'models/credit_model.pkl',
    productionRead: null,
    metrics: 'metrics/test_metrics.json',
    split: 'test',
    data: 'data/processed/train.csv',
    dataRead: null,
    hints: [
      'dvc-pull models/credit_model.pkl',
      'dvc-pull data/processed/train.csv',
      'dvc-pull data/processed/test.csv',
      'dvc-pull data/raw/application_train.csv',
    ],
  },
  'assyrian-churn-misnamed-metrics': {
    production: 'models/churn_prediction_model.pkl',
    metrics: 'metrics/train_metrics.json',
    split: 'test',
    data: 'data/processed/train.csv',
    label: 'Churn',
    hints: [],
  },
  'krishnaik-student-artifacts': {
    production: 'artifacts/model.pkl',
    metrics: null,
    data: 'artifacts/train.csv',
    hints: [],
  },
  'leishaaa-boston-dvc-cache': {
    production: 'models/random_forest.pkl',
    productionRead: '.dvc/cache/files/md5/bb/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    metrics: 'metrics/eval_metrics.json',
    split: 'test',
    data: 'data/raw/boston.csv',
    dataRead: '.dvc/cache/files/md5/dd/dddddddddddddddddddddddddddddd',
    label: 'MEDV',
    hints: ['dvc-cache models/random_forest.pkl', 'dvc-cache data/raw/boston.csv'],
  },
  'arisha-loan-percent': { production: 'model/loan_model.pkl', metrics: 'model/metrics.json', data: null, hints: [] },
};

const found = new Map<string, Discovery>();
const roots: string[] = [];
async function run(name: string): Promise<Discovery> {
  if (!found.has(name)) {
    const root = writeTree(name);
    roots.push(root);
    found.set(name, await discover(root));
  }
  return found.get(name)!;
}
afterAll(() => roots.forEach(removeTree));

it('every made-up tree has an expectation', () => {
  expect(
    readdirSync(MINI)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort(),
  ).toEqual(Object.keys(WANT).sort());
});

describe.each(Object.entries(WANT))('%s', (name, want) => {
  it('chooses the production and candidate models', async () => {
    const d = await run(name);
    expect(d.production?.path ?? null).toBe(want.production);
    if (want.productionRead !== undefined) expect(d.production?.readPath ?? null).toBe(want.productionRead);
    expect(d.candidate?.path ?? null).toBe(want.candidate ?? null);
    expect(d.production?.reason).toBeTruthy();
  });

  it('chooses the metrics for each model, with the split known from outside the file', async () => {
    const d = await run(name);
    expect(d.productionMetrics?.source.path ?? null).toBe(want.metrics);
    expect(d.candidateMetrics?.source.path ?? null).toBe(want.candidateMetrics ?? null);
    if (want.split !== undefined) expect(d.productionMetrics?.splitHint?.name ?? null).toBe(want.split);
  });

  it('chooses the data and, where names decide, the label column', async () => {
    const d = await run(name);
    expect(d.data?.path ?? null).toBe(want.data);
    if (want.dataRead !== undefined) expect(d.data?.readPath ?? null).toBe(want.dataRead);
    if (want.label) expect(d.data?.labelColumn?.column).toBe(want.label);
  });

  it('gives the pull hints', async () => {
    const d = await run(name);
    expect(d.hints.map((h) => `${h.kind} ${h.path}`)).toEqual(want.hints ?? []);
  });
});
