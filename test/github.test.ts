// GitHub Actions integration: job summary, annotations, run log.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobSummary, mdText, regressionAnnotations, SUMMARY_LIMIT } from '../src/render/job-summary.js';
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
    expect(md.startsWith('earlier step\n## MLOps Dashboard: RandomForestClassifier')).toBe(true);
    expect(md).toContain('**✅ Deploy the candidate**');
    expect(md).toContain('| Accuracy | 79.3% | 🟡 Good |');
    expect(md).toContain('| accuracy | 79.3% | 79.9% | +0.6 pts | 🏆 Candidate |');
    expect(md).toContain('⚠️ 2 class(es) regress: DATING, ENTERTAINMENT');
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
  it('emits ::warning lines for regressions, at most 10, with workflow-command escaping', async () => {
    const r = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
    const lines = regressionAnnotations(r);
    expect(lines).toEqual([
      '::warning title=Class regresses::DATING: F1 0.8205128205128206 → 0.7068965517241379',
      '::warning title=Class regresses::ENTERTAINMENT: F1 0.7234042553191489 → 0.4552845528455285',
    ]);
    const many = {
      ...r,
      comparison: {
        ...r.comparison!,
        per_class: Array.from({ length: 30 }, (_, i) => ({
          label: `c${i}%\n`,
          f1_production: null,
          f1_candidate: null,
          f1_delta: -1,
          regressed: true,
        })),
      },
    };
    const out = regressionAnnotations(many);
    expect(out).toHaveLength(10);
    expect(out[0]).toBe('::warning title=Class regresses::c0%25%0A: F1 null → null');
  });

  it('are printed only inside GitHub Actions', async () => {
    expect((await run(['generate'], sampleProject(), {})).stdout).not.toContain('::warning');
    expect((await run(['generate'], sampleProject(), { GITHUB_ACTIONS: 'true' })).stdout).toContain(
      '::warning title=Class regresses::DATING',
    );
  });
});

describe('logs/dashboard.log', () => {
  it('gets one line per run with time, command, exit code and duration', async () => {
    const dir = sampleProject();
    await run(['generate'], dir, {});
    writeFileSync(join(dir, 'models', 'production_metrics.json'), '{');
    await run(['generate'], dir, {});
    const lines = readFileSync(join(dir, 'logs', 'dashboard.log'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^2026-01-10T10:00:00\.000Z generate exit=0 \d+\.\d\ds reports\/dashboard_report\.html dashboard_report_20260110_100000\.html$/,
    );
    expect(lines[1]).toMatch(
      /^2026-01-10T10:00:00\.000Z generate exit=2 \d+\.\d\ds INPUT_INVALID: models\/production_metrics\.json: not valid JSON/,
    );
  });
});
