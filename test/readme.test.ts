// The README documents what the code does: every error code, every exit code, every command.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../src/errors.js';
import { EXIT } from '../src/cli.js';
import { configSchema } from '../src/config/schema.js';
import { DECISION_VALUES } from '../src/report-data.js';
import { REPO } from './helpers.js';

const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
const section = (title: string): string => {
  const start = readme.indexOf(`## ${title}`);
  const next = readme.indexOf('\n## ', start + 4);
  return readme.slice(start, next < 0 ? undefined : next);
};

describe('README', () => {
  it('starts with the two commands', () => {
    expect(readme.split('\n').slice(0, 6).join('\n')).toMatch(/```bash\nnpm ci && npm run demo[^\n]*\nnpm test/);
  });

  it('lists every error code in the catalogue, and no other', () => {
    const catalogue = section('Exit codes');
    const listed = [...catalogue.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual([...ERROR_CODES].sort());
  });

  it('documents every exit code', () => {
    const table = section('Exit codes');
    for (const code of Object.values(EXIT)) expect(table).toMatch(new RegExp(`^\\| ${code} \\|`, 'm'));
  });

  it('mentions every command', () => {
    for (const c of ['generate', 'init', 'inspect', 'promote', 'serve', 'model', 'stats', 'comparison'])
      expect(readme).toContain(`mlops-report ${c}`);
  });

  it('documents every deployment setting and every decision value', () => {
    const decision = section('The deployment decision');
    for (const key of Object.keys(configSchema.shape.deployment.unwrap().shape))
      expect(decision, key).toContain(`\`${key}\``);
    for (const value of DECISION_VALUES) expect(decision, value).toMatch(new RegExp(`^\\| \`${value}\` \\|`, 'm'));
  });

  it('documents every limit and safety.allow in the Safety section', () => {
    const safety = section('Safety');
    const limits = configSchema.shape.limits.unwrap().shape;
    for (const key of Object.keys(limits)) expect(safety, key).toMatch(new RegExp(`^\\| \`${key}\` \\|`, 'm'));
    expect(safety).toContain('"safety": { "allow"');
  });
});
