// The injection files of the hostile corpus (class names, parameters, feature names and
// metrics holding newlines, CR, ESC, workflow commands, Markdown and HTML) through every
// channel they reach: inspect's text and --json, generate's stdout and stderr under GitHub
// Actions, the job summary and the HTML report. No raw control character reaches a
// terminal or a log, no input can start a workflow command, and the Markdown and HTML hold
// the text, not its markup.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, sampleProject, tempProject } from '../helpers.js';
import { HOSTILE } from './manifest.js';

const MODELS = ['class_name_workflow_command_p4.pkl', 'class_name_rewrites_line_p4.pkl', 'params_and_features_p4.pkl'];

/** What a terminal or the Actions runner would act on: CR, ESC, other C0 controls but \n, a command at a line start, ##[ anywhere. */
function assertInert(text: string, where: string): void {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  expect(text, where).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  expect(text, where).not.toMatch(/^\s*::error title=Deployment approved/m);
  expect(text, where).not.toContain('##[');
}

describe('inspect prints the injection files inert', () => {
  it.each(MODELS)('%s, as text and as JSON', async (name) => {
    const dir = tempProject();
    copyFileSync(join(HOSTILE, 'injection', name), join(dir, name));
    for (const args of [
      ['inspect', name],
      ['inspect', '--json', name],
    ]) {
      const r = await runCli(args, dir);
      expect(r.code, r.stderr).not.toBe(3);
      assertInert(r.stdout + r.stderr, `${args.join(' ')}`);
    }
    // the JSON still holds the text exactly: escaped, not lost
    const json = JSON.parse((await runCli(['inspect', '--json', name], dir)).stdout);
    expect(JSON.stringify(json)).toMatch(/Deployment approved|safety: safe/);
  });
});

describe('generate under GitHub Actions with an injected model and metrics', () => {
  it.each(MODELS)('%s with metrics_injection.json: stdout, stderr, the job summary and the report', async (name) => {
    const dir = sampleProject();
    copyFileSync(join(HOSTILE, 'injection', name), join(dir, 'models', 'production_model.pkl'));
    copyFileSync(join(HOSTILE, 'injection', 'metrics_injection.json'), join(dir, 'models', 'production_metrics.json'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const r = await runCli(['generate', '--fail-on-unsafe'], dir, {
      GITHUB_ACTIONS: 'true',
      GITHUB_STEP_SUMMARY: summary,
    });
    // 0, or 1 for --fail-on-unsafe; 2 when the file is no estimator at all (refused with one line)
    expect([0, 1, 2]).toContain(r.code);
    assertInert(r.stdout + r.stderr, 'stdout and stderr');
    const md = readFileSync(summary, 'utf8');
    assertInert(md, 'job summary');
    expect(md).not.toMatch(/<img|\]\(javascript:/);
    if (r.code === 2) return; // nothing written: the previous report stays
    const html = readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8');
    expect(html).not.toMatch(/<img src=x|<[^>]*onerror=/);
  });
});
