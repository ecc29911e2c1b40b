// GitHub Actions integration: job summary, annotations, run log.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionAnnotations, jobSummary, mdText, SUMMARY_LIMIT } from '../src/render/job-summary.js';
import { loadConfig } from '../src/config/load.js';
import { collect } from '../src/collect/index.js';
import { FIXED_NOW, runCli, sampleProject } from './helpers.js';

const run = runCli;

describe('the job summary', () => {
  it('is appended to $GITHUB_STEP_SUMMARY with the decision, both tables and the artifact link', async () => {
    const dir = sampleProject();
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, 'earlier step\n');
    const env = {
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/apps',
      GITHUB_RUN_ID: '7',
    };
    const r = await run(['generate'], dir, env);
    expect(r.code).toBe(0);
    const md = readFileSync(summary, 'utf8');
    // the first line is the report's verdict sentence
    expect(md.startsWith('earlier step\n### ✅ Deploy the candidate: +5.1 points, but its accuracy gain')).toBe(true);
    expect(md).toContain('**MLOps Dashboard**: RandomForestClassifier');
    expect(md).toContain('Production 80.2/100 · Candidate 85.3/100 · Deployment bar: 70/100');
    expect(md).toContain('| Accuracy | 79.3% | 🟡 Good |');
    // one label style everywhere: the metric's name, never its JSON key
    expect(md).toContain('| Accuracy | 79.3% | 79.9% | +0.6 pts | 🏆 Candidate |');
    expect(md).toContain('| F1 | 78.6% | 85.8% | +7.2 pts | 🏆 Candidate |');
    expect(md).not.toContain('f1_score');
    expect(md).toContain('⚠️ 2 classes regress: DATING, ENTERTAINMENT');
    expect(md).toContain('- ⚠️ 2 classes lose more than 2 F1 points (worst: ENTERTAINMENT, −26.8)');
    expect(md).toContain('9,309 apps · 33 categories');
    expect(md).toContain('[dashboard-report](https://github.com/acme/apps/actions/runs/7#artifacts)');
    // and the footer of the report links the run
    expect(readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8')).toContain(
      'href="https://github.com/acme/apps/actions/runs/7"',
    );
  });

  it('escapes markdown in input text and stays under 1 MiB', async () => {
    expect(mdText('a|b <img> [x](y) *z*\nnext')).toBe('a\\|b \\<img\\> \\[x\\](y) \\*z\\* next');
    const r = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
    const huge = {
      ...r,
      warnings: Array.from({ length: 20_000 }, (_, i) => ({
        code: 'no_data' as const,
        values: { file: `${i} ${'x'.repeat(60)}` },
      })),
    };
    const md = jobSummary(huge, 'en');
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(md).toContain("cut to GitHub's 1 MiB limit");
  });
});

describe('annotations', () => {
  it('give the verdict as a ::notice, then a ::warning per regression, at most 10, with workflow-command escaping', async () => {
    const r = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
    // the sample's F1 per class (scikit-learn's): DATING 32/39 → 41/58, ENTERTAINMENT 34/47 → 28/61.5
    expect(decisionAnnotations(r, 'en')).toEqual([
      '::notice title=Deployment decision::Deploy the candidate: +5.1 points, but its accuracy gain (+0.6 points) is within noise (95%25 interval −2.0 to +3.2)',
      // % is %25 in a workflow command; GitHub shows "72.3%"
      '::warning title=Class regresses::ENTERTAINMENT: F1 72.3%25 → 45.5%25 (−26.8 pts)',
      '::warning title=Class regresses::DATING: F1 82.1%25 → 70.7%25 (−11.4 pts)',
    ]);
    expect(decisionAnnotations(r, 'fr')[2]).toBe(
      '::warning title=Une classe recule::DATING: F1 82,1\u00a0%25 → 70,7\u00a0%25 (−11,4 pts)',
    );
    const many = {
      ...r,
      decision: {
        ...r.decision,
        regressions: Array.from({ length: 30 }, (_, i) => ({ kind: 'class' as const, name: `c${i}%\n`, points: 3 })),
      },
    };
    const out = decisionAnnotations(many, 'en');
    expect(out).toHaveLength(10);
    // a line break in a label is shown as the two characters \\n, never sent as a second line
    expect(out[1]).toBe('::warning title=Class regresses::c0%25\\n: F1 — → — (−3.0 pts)');
  });

  it('are printed only inside GitHub Actions', async () => {
    expect((await run(['generate'], sampleProject(), {})).stdout).not.toContain('::warning');
    expect((await run(['generate'], sampleProject(), { GITHUB_ACTIONS: 'true' })).stdout).toContain(
      '::warning title=Class regresses::ENTERTAINMENT',
    );
  });
});

describe('logs/dashboard.log', () => {
  it('gets one line per run with time, command, exit code and duration', async () => {
    const dir = sampleProject();
    await run(['generate'], dir, {});
    writeFileSync(join(dir, 'models', 'production_model.pkl'), 'not a model');
    await run(['generate'], dir, {});
    const lines = readFileSync(join(dir, 'logs', 'dashboard.log'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^2026-01-10T10:00:00\.000Z generate exit=0 \d+\.\d\ds reports\/dashboard_report\.html dashboard_report_20260110_100000\.html$/,
    );
    expect(lines[1]).toMatch(
      /^2026-01-10T10:00:00\.000Z generate exit=2 \d+\.\d\ds INPUT_INVALID: models\/production_model\.pkl: the file is text/,
    );
  });
});
