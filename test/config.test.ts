import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { ReportError } from '../src/errors.js';
import { tempProject } from './helpers.js';

function project(config?: unknown): string {
  const dir = tempProject('mlops-config-');
  if (config !== undefined)
    writeFileSync(join(dir, 'mlops-report.config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

describe('loadConfig', () => {
  it('uses the defaults when there is no config file', async () => {
    const dir = project();
    const c = await loadConfig({}, dir);
    expect(c.configFile).toBeNull();
    expect(c.productionModel).toBe(join(dir, 'models', 'production_model.pkl'));
    expect(c.data).toBe(join(dir, 'data', 'apps.csv'));
    expect(c.out).toBe(join(dir, 'reports'));
    expect(c.minScore).toBe(70);
    expect(c.thresholds).toEqual({ excellent: 0.85, good: 0.75 });
    expect(c.retrainThreshold).toBe(100);
  });

  it('layers defaults < file < flags', async () => {
    const dir = project({
      models_dir: 'ml',
      data: 'file.csv',
      out: 'file-out',
      deployment: { min_score: 80 },
      lang: 'fr',
    });
    const c = await loadConfig({ data: 'flag.csv', lang: 'en' }, dir);
    expect(c.productionMetrics).toBe(join(dir, 'ml', 'production_metrics.json'));
    expect(c.data).toBe(join(dir, 'flag.csv'));
    expect(c.out).toBe(join(dir, 'file-out'));
    expect(c.minScore).toBe(80);
    expect(c.lang).toBe('en');
  });

  it('reads the CI run link from GitHub variables, http(s) only', async () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '42' };
    expect((await loadConfig({}, project(), env)).runUrl).toBe('https://github.com/o/r/actions/runs/42');
    expect((await loadConfig({}, project(), { ...env, GITHUB_SERVER_URL: 'javascript:alert(1)' })).runUrl).toBeNull();
  });

  it.each([
    ['an unknown key', { modles_dir: 'x' }, /modles_dir/],
    ['a wrong type', { deployment: { min_score: 'high' } }, /deployment\.min_score/],
    ['every problem at once', { lang: 'de', thresholds: { good: 2 } }, /lang[\s\S]*thresholds\.good/],
    ['bad JSON', '{"lang": ', /not valid JSON/],
    ['good above excellent', { thresholds: { good: 0.9, excellent: 0.8 } }, /thresholds\.good/],
  ])('rejects %s with CONFIG_INVALID', async (_what, config, message) => {
    const e = await loadConfig({}, project(config)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReportError);
    expect((e as ReportError).code).toBe('CONFIG_INVALID');
    expect((e as ReportError).message).toMatch(message);
  });

  it('rejects a --config path that does not exist', async () => {
    const e = await loadConfig({ config: 'nope.json' }, project()).catch((x: unknown) => x);
    expect((e as ReportError).code).toBe('CONFIG_INVALID');
  });

  it('rejects a config path it cannot read as a file', async () => {
    const dir = project();
    const e = await loadConfig({ config: '.' }, dir).catch((x: unknown) => x);
    expect((e as ReportError).code).toBe('CONFIG_INVALID');
    expect((e as ReportError).message).toContain('is a folder, not a config file');
  });
});
