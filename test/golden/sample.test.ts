// The committed sample, end to end through collect and render: the values must equal what
// scikit-learn and pandas say about the same files (sample-truth.json, written by
// scripts/make-fixtures.py), and the whole output is pinned by golden files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { collect } from '../../src/collect/index.js';
import { loadAssets, render } from '../../src/render/index.js';
import type { ReportData } from '../../src/report-data.js';
import { FIXED_NOW, REPO, sampleProject } from '../helpers.js';

const truth = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'sample-truth.json'), 'utf8'));
let report: ReportData;

beforeAll(async () => {
  report = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
});

describe('the sample report data', () => {
  it.each(['production', 'candidate'] as const)('describes the %s model as scikit-learn does', (role) => {
    const model = role === 'production' ? report.model : report.candidate!;
    const t = truth[role];
    expect(model.model_type).toBe(t.class);
    expect(model.module).toBe(t.module);
    expect(model.params).toEqual(t.params);
    expect(model.classes).toEqual(t.classes_);
    expect(model.n_features).toBe(t.n_features_in_);
    expect(model.feature_names).toEqual(t.feature_names_in_);
    expect(model.n_estimators_fitted).toBe(t.n_estimators_fitted);
    expect(model.top_features!.map((f) => [f.feature, f.value])).toEqual(t.top_features);
  });

  it('counts the data as pandas does', () => {
    const d = report.data!;
    expect(d.rows).toBe(truth.data.rows);
    expect(d.n_categories).toBe(truth.data.n_categories);
    expect(Object.fromEntries(d.categories.map((c) => [c.category, c.count]))).toEqual(truth.data.category_counts);
    expect(d.columns).toEqual(truth.data.columns);
  });

  it('knows production is deployed and retraining is due', () => {
    expect(report.model.deployed).toBe(true);
    expect(report.model.format).toBe('joblib');
    expect(report.model.compression).toBe('zlib');
    expect(report.candidate!.format).toBe('pickle');
    // production was trained on the first rows; the sample has 150 more
    expect(report.data!.retraining).toEqual({
      threshold: 100,
      trained_rows: truth.data.rows - 150,
      new_rows: 150,
      due: true,
    });
  });

  it("gives accuracy statsmodels' intervals: Wilson for each model, Newcombe for the change (n = 1,831)", () => {
    // scripts/make-stats-fixtures.py: statsmodels proportion_confint and confint_proportions_2indep
    // on the sample's accuracies (0.793 and 0.799, times n) over its 1,831 evaluation rows
    const stats = JSON.parse(readFileSync(join(REPO, 'test', 'fixtures', 'stats', 'truth.json'), 'utf8'));
    type Row = { case: string; confidence: number; delta: number; low: number; high: number };
    const at95 = (rows: Row[], name: string): Row => rows.find((r) => r.case === name && r.confidence === 0.95)!;
    const u = report.decision.uncertainty!;
    expect([u.method, u.production_n, u.production_n_source, u.candidate_n]).toEqual([
      'newcombe',
      1831,
      'evaluation.rows',
      1831,
    ]);
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9);
    const newcombe = at95(stats.newcombe, 'sample, value x n');
    close(u.delta, newcombe.delta);
    close(u.delta_interval!.low, newcombe.low);
    close(u.delta_interval!.high, newcombe.high);
    for (const [side, name] of [
      [u.production, 'sample production, value x n'],
      [u.candidate, 'sample candidate, value x n'],
    ] as const) {
      const w = at95(stats.wilson, name);
      close(side.low, w.low);
      close(side.high, w.high);
    }
    // the interval holds 0: the +0.6-point gain is noise, and the decision says so
    expect(u.within_noise).toBe(true);
    expect(report.decision.value).toBe('promote');
    expect(report.decision.headline.code).toBe('gain_within_noise');
  });

  it('matches the golden ReportData', async () => {
    await expect(`${JSON.stringify(report, null, 2)}\n`).toMatchFileSnapshot('report-data.json');
  });

  it('renders the golden HTML (chart.js and CSS stubbed)', async () => {
    // chart.js and the stylesheet are stubbed: the golden file pins our markup, not theirs
    const assets = { ...(await loadAssets()), chartJs: '/* chart.js */', css: '/* css */' };
    await expect(render(report, assets, { lang: 'en' })).toMatchFileSnapshot('report.html');
  });
});
