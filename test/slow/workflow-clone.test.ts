// The GitHub Actions pipeline's Node steps, run in order in a fresh clone of this
// repository (npm ci included), with the committed sample standing in for the Python
// training step and the runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). About 30 s:
// vitest.config.ts includes test/slow/ only with MLOPS_SLOW_TESTS=1, which .ci/run sets.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO, tempProject } from '../helpers.js';

const workflow = parse(readFileSync(join(REPO, '.github', 'workflows', 'pipeline.yml'), 'utf8')) as {
  jobs: Record<string, { steps: { name?: string; uses?: string; run?: string; if?: string }[] }>;
};
const steps = workflow.jobs['train-and-report']!.steps;

describe('.github/workflows/pipeline.yml in a fresh clone', () => {
  it('runs the Node steps in order in a fresh clone, the committed sample standing in for training', () => {
    const dir = tempProject('mlops-workflow-');
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
    expect(readFileSync(output, 'utf8')).toBe('decision=promote\npromoted=true\nscore=85.3\n');
    // the report comes after the gate: the candidate it promoted is now production
    const md = readFileSync(summary, 'utf8');
    expect(md.split('\n')[0]).toBe('### 🟰 Already deployed: the candidate is the production model');
    expect(md).toContain('**MLOps Dashboard**: RandomForestClassifier');
    expect(existsSync(join(dir, 'reports', 'dashboard_report.html'))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'dashboard_report.json'), 'utf8'));
    // after the gate, the report shows the promoted candidate as the deployed model
    expect(report.model.params.n_estimators).toBe(120);
    expect(report.history.points.length).toBeGreaterThanOrEqual(1);
  }, 240_000);
});
