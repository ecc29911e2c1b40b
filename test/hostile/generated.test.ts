// The hostile cases no repository can hold, made at test time (test/hostile-big.ts) in a
// copy of the sample project and removed after: big metrics, data and lz4 files, special
// files in the model's place, and layouts whose inputs or outputs lead outside the root.
// Each goes through `generate` in-process: refused with its one line (exit 2) or answered,
// never exit 3, nothing written or read outside the root.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIG } from '../hostile-big.js';
import { runCli, sampleProject, tempProject } from '../helpers.js';
import { MANIFEST, REFUSAL } from './manifest.js';

const generated = MANIFEST.files.filter((e) => e.generated_at_test_time);

/** Where a generated input goes in the sample project. */
function placeOf(file: string): string {
  const name = file.split('/').pop()!;
  if (/\.(csv|jsonl)$/.test(name)) return 'data/apps.csv'; // JSON lines are told by their content
  if (name.startsWith('metrics_')) return 'models/production_metrics.json';
  return 'models/production_model.pkl';
}

describe.each(generated.filter((e) => BIG[e.file]))('$file ($class)', (e) => {
  it(`answers ${JSON.stringify(e.expected)}`, async () => {
    const dir = sampleProject();
    const target = join(dir, placeOf(e.file));
    rmSync(target, { force: true });
    BIG[e.file]!(target);
    const r = await runCli(['generate'], dir);
    expect(r.code, r.stderr).not.toBe(3);
    if (e.expected.outcome === 'refused') {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(REFUSAL[e.expected.reason!]!);
      expect(existsSync(join(dir, 'reports', 'dashboard_report.html'))).toBe(false); // nothing half-written
    } else {
      expect(r.code, r.stderr).toBe(0);
      if (e.expected.warning) expect(r.stderr).toMatch(REFUSAL[e.expected.warning]!);
    }
  });
});

it('refuses a FIFO, a device or a folder named on the command line at once, saying what it is', async () => {
  const dir = tempProject();
  BIG['special/fifo.pkl']!(join(dir, 'fifo.pkl'));
  mkdirSync(join(dir, 'folder.pkl'));
  const r = await runCli(['inspect', 'fifo.pkl', '/dev/zero', 'folder.pkl'], dir);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('fifo.pkl: is a FIFO (named pipe), not a model file');
  expect(r.stderr).toContain('/dev/zero: is a device, not a model file');
  expect(r.stderr).toContain('folder.pkl: is a folder, not a model file');
});

it('reads an MLflow run folder named in the config without waiting on a FIFO inside it', async () => {
  const dir = sampleProject();
  const run = join(dir, 'mlruns', '1', 'abc');
  mkdirSync(join(run, 'metrics'), { recursive: true });
  writeFileSync(join(run, 'metrics', 'accuracy'), '1700000000000 0.91 0\n');
  BIG['special/fifo.pkl']!(join(run, 'metrics', 'precision')); // a FIFO: readFile would wait for a writer forever
  writeFileSync(
    join(dir, 'mlops-report.config.json'),
    JSON.stringify({ models: { production_metrics: '../mlruns/1/abc' } }),
  );
  const r = await runCli(['generate'], dir);
  expect(r.code, r.stderr).toBe(0);
  const data = JSON.parse(readFileSync(join(dir, 'reports', 'dashboard_report.json'), 'utf8'));
  expect(JSON.stringify(data.metrics)).toContain('0.91');
});

describe('inputs that resolve outside the root are refused, their content never quoted', () => {
  it('a metrics file linked to /proc/self/environ', async () => {
    const dir = sampleProject();
    rmSync(join(dir, 'models', 'production_metrics.json'));
    symlinkSync('/proc/self/environ', join(dir, 'models', 'production_metrics.json'));
    const r = await runCli(['generate'], dir, { MY_SECRET_TOKEN: 'hunter2' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(REFUSAL['input-outside-root']!);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('a data file linked to /etc/passwd', async () => {
    const dir = sampleProject();
    rmSync(join(dir, 'data', 'apps.csv'));
    symlinkSync('/etc/passwd', join(dir, 'data', 'apps.csv'));
    const r = await runCli(['generate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(REFUSAL['input-outside-root']!);
    expect(r.stderr).not.toContain('root:');
  });

  it('but a data file named on the command line may be anywhere', async () => {
    const dir = sampleProject();
    const elsewhere = tempProject();
    writeFileSync(join(elsewhere, 'apps.csv'), readFileSync(join(dir, 'data', 'apps.csv')));
    const r = await runCli(['generate', '--data', join(elsewhere, 'apps.csv')], dir);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('outputs stay inside the root and never go through a symbolic link', () => {
  /** A sample project inside a parent folder, with a sibling folder outside the root. */
  function layout(): { root: string; outside: string } {
    const parent = tempProject();
    const root = join(parent, 'repo');
    mkdirSync(root);
    const sample = sampleProject();
    for (const d of ['models', 'data']) cpSync(join(sample, d), join(root, d), { recursive: true });
    const outside = join(parent, 'elsewhere');
    mkdirSync(outside);
    return { root, outside };
  }

  it('a committed ledger link (reports/history.jsonl -> ../../elsewhere/ledger) gets no line', async () => {
    const { root, outside } = layout();
    mkdirSync(join(root, 'reports'));
    symlinkSync(join(outside, 'ledger'), join(root, 'reports', 'history.jsonl'));
    const r = await runCli(['generate'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is a symbolic link');
    expect(existsSync(join(outside, 'ledger'))).toBe(false);
  });

  it('a committed reports/ link to a folder outside', async () => {
    const { root, outside } = layout();
    symlinkSync(outside, join(root, 'reports'), 'dir');
    const r = await runCli(['generate'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('reports/ is a symbolic link');
    expect(readdirSync(outside)).toEqual([]);
  });

  it.each([
    ['../x', (o: string) => join(o, '..', 'x')],
    ['an absolute path', (o: string) => o],
  ])('a config out of %s', async (_what, outOf) => {
    const { root, outside } = layout();
    const out = outOf(outside);
    writeFileSync(join(root, 'mlops-report.config.json'), JSON.stringify({ out: _what === '../x' ? '../x' : out }));
    const r = await runCli(['generate'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('points outside the project root');
    expect(existsSync(join(out, 'dashboard_report.html'))).toBe(false);
  });

  it('but an out named on the command line may be anywhere', async () => {
    const { root, outside } = layout();
    const r = await runCli(['generate', '--out', outside], root);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(outside, 'dashboard_report.html'))).toBe(true);
  });

  it('a committed logs/ link gets no run-log line', async () => {
    const { root, outside } = layout();
    symlinkSync(outside, join(root, 'logs'), 'dir');
    const r = await runCli(['generate'], root);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(outside)).toEqual([]);
  });
});
