// The deployment decision, scenario by scenario, end to end: real metrics files written into a
// temporary project beside the sample's real model files, then the SAME decision read from
// ReportData, the report's verdict element (parsed from the rendered HTML), the job summary's
// first line, `promote --dry-run` (exit code, message, $GITHUB_OUTPUT) and `comparison`'s JSON.
// Expected sentences and exit codes are the README's ("The deployment decision"), written out
// here by hand, never taken from the code under test.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../src/collect/index.js';
import { loadConfig } from '../src/config/load.js';
import { loadAssets, render } from '../src/render/index.js';
import { jobSummary } from '../src/render/job-summary.js';
import type { DecisionValue, ReportData } from '../src/report-data.js';
import { FIXED_NOW, REPO, runCli, tempProject } from './helpers.js';

type Metrics = Record<string, unknown>;

/** A metrics file: the four core metrics at `v` (or as given), the score, and anything else. */
const metrics = (v: number | [number, number, number, number], more: Metrics = {}): Metrics => {
  const [accuracy, precision, recall, f1_score] = typeof v === 'number' ? [v, v, v, v] : v;
  return { model_type: 'RandomForestClassifier', accuracy, precision, recall, f1_score, ...more };
};
const rows = (n: number) => ({ evaluation: { rows: n, data_sha256: null } });
const report = (classes: Record<string, number>) => ({
  classification_report: Object.fromEntries(
    Object.entries(classes).map(([label, f1]) => [label, { precision: f1, recall: f1, 'f1-score': f1, support: 50 }]),
  ),
});
const sample = (file: string): Metrics => JSON.parse(readFileSync(join(REPO, 'models', file), 'utf8'));

interface Scenario {
  readonly name: string;
  /** null: no file. */
  readonly production: Metrics | null;
  readonly candidate: Metrics | null;
  /** Raw text of candidate_metrics.json (Python's NaN), instead of `candidate`. */
  readonly candidateText?: string;
  readonly productionModel?: 'sample' | 'none';
  readonly candidateModel?: 'sample' | 'none' | 'copy of production';
  readonly config?: Record<string, unknown>;
  /** A file of test/fixtures/predictions copied to models/predictions.csv. */
  readonly predictions?: string;
  /** Regressors instead of the sample's classifiers: a LinearRegression and a RandomForestRegressor (test/fixtures/models). */
  readonly regressors?: true;
  readonly value: DecisionValue;
  readonly sentence: string;
  /** Anything else the scenario is about, on ReportData. */
  readonly check?: (r: ReportData) => void;
}

const SAMPLE_GAIN =
  'Deploy the candidate: +5.1 points, but its accuracy gain (+0.6 points) is within noise (95% interval −2.0 to +3.2)';

const SCENARIOS: Scenario[] = [
  {
    name: 'worse on every metric',
    production: metrics(0.8, { score: 80.2 }),
    candidate: metrics(0.74, { score: 74.2 }),
    value: 'keep',
    sentence: 'Keep production: the candidate scores 74.2, 6.0 points below production (80.2)',
    check: (r) => expect(r.decision.reasons.map((x) => x.code)).toContain('worse_on_all'),
  },
  {
    name: 'worse on every metric, though its file claims a higher score',
    production: metrics(0.8, { score: 80 }),
    candidate: metrics(0.78, { score: 90 }),
    config: { deployment: { max_regression: 10 } },
    value: 'keep',
    sentence: 'Keep production: the candidate is worse on every core metric',
  },
  {
    name: 'better on every metric, evaluation size unknown',
    production: metrics(0.75),
    candidate: metrics(0.8),
    value: 'promote',
    sentence: 'Deploy the candidate: +5.0 points (noise unknown: the metrics files give no evaluation size)',
    check: (r) => expect(r.decision.uncertainty).toBeNull(),
  },
  {
    name: 'a gain beyond noise',
    production: metrics(0.75, rows(5000)),
    candidate: metrics(0.8, rows(5000)),
    value: 'promote',
    sentence: 'Deploy the candidate: +5.0 points, beyond noise',
    check: (r) => expect(r.decision.uncertainty!.within_noise).toBe(false),
  },
  {
    name: 'a gain within noise (the sample)',
    production: sample('production_metrics.json'),
    candidate: sample('candidate_metrics.json'),
    value: 'promote',
    sentence: SAMPLE_GAIN,
  },
  {
    name: 'a gain within noise, with require_significant_gain',
    production: sample('production_metrics.json'),
    candidate: sample('candidate_metrics.json'),
    config: { deployment: { require_significant_gain: true } },
    value: 'keep',
    sentence: 'Keep production: the candidate’s +0.6-point accuracy gain is within noise (95% interval −2.0 to +3.2)',
  },
  {
    name: 'mixed: a gain overall, but recall falls more than max_regression',
    production: metrics(0.8, rows(2000)),
    candidate: metrics([0.82, 0.86, 0.77, 0.81], rows(2000)),
    value: 'keep',
    sentence: 'Keep production: Recall falls 3.0 points, more than the 2 allowed',
  },
  {
    name: 'a tie keeps production',
    production: metrics(0.8, { score: 80 }),
    candidate: metrics(0.8, { score: 80 }),
    value: 'keep',
    sentence: 'Keep production: the candidate scores 80.0, a tie with production (80.0, within ±0.1 points)',
  },
  {
    name: 'the identical file (the candidate was already promoted)',
    production: sample('production_metrics.json'),
    candidate: sample('production_metrics.json'),
    candidateModel: 'copy of production',
    value: 'already_deployed',
    sentence: 'Already deployed: the candidate is the production model',
    check: (r) => expect(r.decision.regressions).toEqual([]),
  },
  {
    name: 'no candidate',
    production: sample('production_metrics.json'),
    candidate: null,
    candidateModel: 'none',
    value: 'no_candidate',
    sentence: 'No candidate to compare',
  },
  {
    name: 'a candidate model without metrics',
    production: sample('production_metrics.json'),
    candidate: null,
    value: 'no_candidate',
    sentence: 'No candidate to compare: the candidate model has no metrics file',
  },
  {
    name: 'nothing in production yet',
    production: null,
    productionModel: 'none',
    candidate: metrics(0.82),
    value: 'first_deployment',
    sentence: 'First deployment: the candidate scores 82.0, above the bar (70)',
  },
  {
    name: 'nothing in production, and the candidate below the bar',
    production: null,
    productionModel: 'none',
    candidate: metrics(0.65),
    value: 'keep',
    sentence: 'Do not deploy: the candidate scores 65.0, below the bar (70)',
  },
  {
    name: 'better than production but below the bar',
    production: metrics(0.6),
    candidate: metrics(0.65),
    value: 'keep',
    sentence: 'Keep production: the candidate scores 65.0, below the bar (70)',
  },
  {
    name: 'one class regressing: a warning by default',
    production: metrics(0.8, { ...rows(5000), ...report({ A: 0.9, B: 0.8, C: 0.7 }) }),
    candidate: metrics(0.85, { ...rows(5000), ...report({ A: 0.95, B: 0.7, C: 0.8 }) }),
    value: 'promote',
    sentence: 'Deploy the candidate: +5.0 points, beyond noise',
    check: (r) => {
      expect(r.decision.reasons).toContainEqual({
        code: 'class_regression',
        effect: 'warns',
        values: { tolerance: 2, count: 1, label: 'B', points: 10 },
      });
      expect(r.decision.regressions).toEqual([{ kind: 'class', name: 'B', points: 10 }]);
    },
  },
  {
    name: 'one class regressing, with block_on_class_regression',
    production: metrics(0.8, report({ A: 0.9, B: 0.8, C: 0.7 })),
    candidate: metrics(0.85, report({ A: 0.95, B: 0.7, C: 0.8 })),
    config: { deployment: { block_on_class_regression: true } },
    value: 'keep',
    sentence: 'Keep production: 1 class loses more than 2 F1 points (B, −10.0)',
    // n from the classification report's supports: 3 classes × 50
    check: (r) =>
      expect(r.decision.uncertainty).toMatchObject({ production_n: 150, production_n_source: 'classification_report' }),
  },
  {
    name: 'a metric in only one file',
    production: metrics(0.75, rows(5000)),
    candidate: metrics(0.8, { ...rows(5000), roc_auc: 0.91 }),
    value: 'promote',
    sentence: 'Deploy the candidate: +5.0 points, beyond noise',
    check: (r) => {
      expect(r.comparison!.rows.find((x) => x.metric === 'roc_auc')).toMatchObject({ production: null, winner: null });
      expect(r.decision.reasons).toContainEqual({
        code: 'not_compared',
        effect: 'warns',
        values: { metrics: 'roc_auc', count: 1 },
      });
    },
  },
  {
    name: 'NaN in an extra metric (Python json.dump)',
    production: metrics(0.75, { ...rows(5000), log_loss: 0.5 }),
    candidate: null,
    candidateText: JSON.stringify(metrics(0.8, rows(5000))).replace('{', '{"log_loss": NaN, '),
    value: 'promote',
    sentence: 'Deploy the candidate: +5.0 points, beyond noise',
    check: (r) =>
      expect(r.comparison!.rows.find((x) => x.metric === 'log_loss')).toMatchObject({ candidate: null, winner: null }),
  },
  {
    name: 'a lower-is-better extra metric',
    production: metrics(0.75, { ...rows(5000), log_loss: 0.5, rmse: 1.2 }),
    candidate: metrics(0.8, { ...rows(5000), log_loss: 0.4, rmse: 1.5 }),
    value: 'promote',
    sentence: 'Deploy the candidate: +5.0 points, beyond noise',
    check: (r) => {
      const winner = (m: string) => r.comparison!.rows.find((x) => x.metric === m)!.winner;
      expect([winner('log_loss'), winner('rmse')]).toEqual(['candidate', 'production']);
      // extra numbers are shown, not gated on: only the core metrics, the score and the classes are
      expect(r.decision.regressions).toEqual([]);
    },
  },
  {
    name: 'per-row predictions: McNemar says the gain is noise',
    production: metrics(0.968, { score: 96.8 }),
    candidate: metrics(0.971, { score: 97.1 }),
    predictions: 'digits-close.csv',
    value: 'promote',
    sentence:
      'Deploy the candidate: +0.3 points, but its accuracy gain (+0.3 points) is within noise (McNemar p = 0.688)',
    check: (r) => {
      expect(r.decision.uncertainty).toMatchObject({ method: 'mcnemar', candidate_n: 719, delta_interval: null });
      expect(r.warnings).toEqual([expect.objectContaining({ code: 'no_data' })]);
    },
  },
  {
    name: 'a regressor pair: R² up, RMSE and MAE down (the score is 100 × R²; no accuracy, so no noise to judge)',
    production: { r2: 0.72, rmse: 3.1, mae: 2.4 },
    candidate: { r2: 0.85, rmse: 2.2, mae: 1.7 },
    regressors: true,
    value: 'promote',
    sentence: 'Deploy the candidate: +13.0 points above production',
    check: (r) => {
      expect(r.task.kind).toBe('regression');
      expect(r.comparison!.rows.map((x) => [x.metric, x.direction, x.winner])).toEqual([
        ['r2', 'higher', 'candidate'],
        ['rmse', 'lower', 'candidate'],
        ['mae', 'lower', 'candidate'],
      ]);
      expect(r.decision.reasons.map((x) => x.code)).toContain('better_on_all');
    },
  },
  {
    name: 'a regressor whose RMSE rises 10 % (more than max_regression), though R² gains',
    production: { r2: 0.8, rmse: 3.0, mae: 2.0 },
    candidate: { r2: 0.81, rmse: 3.3, mae: 1.9 },
    regressors: true,
    value: 'keep',
    sentence: 'Keep production: RMSE is 10.0 % worse than production’s, more than the 2 % allowed',
  },
  {
    name: 'a regressor without R²: no score, so it cannot clear the bar',
    production: { r2: 0.8, rmse: 3.0, mae: 2.0 },
    candidate: { rmse: 2.5, mae: 1.8 },
    regressors: true,
    value: 'keep',
    sentence:
      'Keep production: the candidate has no score to clear the bar (70): its task has none, or its metrics lack R²',
    check: (r) => expect(r.comparison!.candidate_score).toBeNull(),
  },
  {
    name: 'per-row predictions: McNemar says the gain is real',
    production: metrics(0.807, { score: 80.7 }),
    candidate: metrics(0.92, { score: 92 }),
    predictions: 'digits-cv.csv',
    value: 'promote',
    sentence: 'Deploy the candidate: +11.3 points, beyond noise',
  },
];

/** The sentence in the verdict element of the rendered page, and the decision it carries. */
function verdictOf(html: string): { decision: string; sentence: string; first: boolean } {
  const section = /<section class="verdict[^"]*"[^>]*data-decision="([a-z_]+)"[^>]*>([\s\S]*?)<\/section>/.exec(html);
  expect(section, 'the page has a verdict element').not.toBeNull();
  const p = /<p class="verdict__sentence" data-testid="verdict-sentence">([\s\S]*?)<\/p>/.exec(section![2]!)![1]!;
  const text = p
    .replace(/<span class="verdict__icon"[^>]*>[^<]*<\/span>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
  // nothing comes before it in the page's main content
  const first = /<main id="main" class="wrap">\s*<section class="verdict/.test(html);
  return { decision: section![1]!, sentence: text, first };
}

/** The job summary's first line without its heading marks, icon and markdown escapes. */
const summaryFirstLine = (md: string): string =>
  md
    .split('\n')[0]!
    .replace(/^### \S+ /, '')
    .replace(/\\(.)/g, '$1');

function project(s: Scenario): string {
  const dir = tempProject('mlops-decision-');
  const models = join(dir, 'models');
  mkdirSync(models);
  const fixture = (name: string) => join(REPO, 'test', 'fixtures', 'models', name);
  const production = s.regressors ? fixture('linreg__pickle_p4.pkl') : join(REPO, 'models', 'production_model.pkl');
  const candidate = s.regressors ? fixture('rf_reg__pickle_p4.pkl') : join(REPO, 'models', 'candidate_model.pkl');
  if (s.productionModel !== 'none') copyFileSync(production, join(models, 'production_model.pkl'));
  if (s.candidateModel === 'copy of production') copyFileSync(production, join(models, 'candidate_model.pkl'));
  else if (s.candidateModel !== 'none') copyFileSync(candidate, join(models, 'candidate_model.pkl'));
  if (s.production) writeFileSync(join(models, 'production_metrics.json'), JSON.stringify(s.production));
  if (s.candidateText ?? s.candidate)
    writeFileSync(join(models, 'candidate_metrics.json'), s.candidateText ?? JSON.stringify(s.candidate));
  if (s.predictions)
    copyFileSync(join(REPO, 'test', 'fixtures', 'predictions', s.predictions), join(models, 'predictions.csv'));
  if (s.config) writeFileSync(join(dir, 'mlops-report.config.json'), JSON.stringify(s.config));
  return dir;
}

const EXIT: Readonly<Record<DecisionValue, number>> = {
  promote: 0,
  first_deployment: 0,
  keep: 1,
  already_deployed: 1,
  no_candidate: 2,
};
const DRY_RUN: Readonly<Record<DecisionValue, string>> = {
  promote: 'would promote the candidate (dry run: nothing changed). ',
  first_deployment: 'would promote the candidate (dry run: nothing changed). ',
  keep: 'would keep production (dry run: nothing changed). ',
  already_deployed: 'already deployed, nothing changed. ',
  no_candidate: 'no candidate to promote: ',
};

describe('the deployment decision, the same everywhere', () => {
  it('has at least 15 scenarios', () => expect(SCENARIOS.length).toBeGreaterThanOrEqual(15));

  it.each(SCENARIOS)('$name → $value', async (s) => {
    const dir = project(s);
    const r = await collect(await loadConfig({}, dir), FIXED_NOW);
    // ReportData
    expect(r.decision.value).toBe(s.value);
    s.check?.(r);
    // the report's verdict element, first in the page
    const verdict = verdictOf(render(r, await loadAssets(), { lang: 'en' }));
    expect(verdict).toEqual({ decision: s.value, sentence: s.sentence, first: true });
    // the job summary's first line
    expect(summaryFirstLine(jobSummary(r, 'en'))).toBe(s.sentence);
    // promote --dry-run: exit code, message and step outputs
    const output = join(dir, 'github-output');
    writeFileSync(output, '');
    const p = await runCli(['promote', '--dry-run'], dir, { GITHUB_OUTPUT: output });
    expect(p.code).toBe(EXIT[s.value]);
    const nothingDeployed = s.value === 'keep' && s.productionModel === 'none';
    const action = nothingDeployed ? 'would not deploy the candidate (dry run: nothing changed). ' : DRY_RUN[s.value];
    if (s.value === 'no_candidate') expect(p.stderr.split('\n')[0]).toBe(`mlops-report: ${action}${s.sentence}`);
    else expect(p.stdout).toBe(`mlops-report: ${action}${s.sentence}\n`);
    const score = r.comparison?.candidate_score != null ? `score=${r.comparison.candidate_score}\n` : '';
    expect(readFileSync(output, 'utf8')).toBe(`decision=${s.value}\npromoted=false\n${score}`);
    // the comparison command (and /api/comparison): the decision object as it is
    const c = await runCli(['comparison'], dir);
    expect(c.code).toBe(0);
    const api = JSON.parse(c.stdout);
    expect(api.decision).toEqual(JSON.parse(JSON.stringify(r.decision)));
    expect(api.deploy).toBe(EXIT[s.value] === 0);
    // a dry run wrote nothing but its run log
    expect(readFileSync(join(dir, 'logs', 'dashboard.log'), 'utf8')).toContain('promote exit=');
    rmSync(output);
  });
});
