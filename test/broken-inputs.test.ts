// Broken and hostile inputs, one row each: a clear one-line message, the documented exit
// code, nothing executed, and after any failure the previous report byte for byte intact.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, sampleProject } from './helpers.js';

const HOSTILE = join(REPO, 'test', 'fixtures', 'hostile');
const MARKERS = () => readdirSync('/tmp').filter((f) => f.startsWith('mlops-report-PWNED-'));

const run = (dir: string, argv: string[] = ['generate'], epoch = '1768039260') =>
  runCli(argv, dir, { SOURCE_DATE_EPOCH: epoch });

/** A sample project that already has a report, and the bytes of that report. */
async function withReport(): Promise<{ dir: string; before: Buffer }> {
  const dir = sampleProject();
  expect((await run(dir, ['generate'], '1768039200')).code).toBe(0);
  return { dir, before: readFileSync(join(dir, 'reports', 'dashboard_report.html')) };
}

const file = (dir: string, rel: string) => join(dir, rel);
const put = (dir: string, rel: string, data: string | Buffer) => writeFileSync(file(dir, rel), data);
const hostile = (name: string) => readFileSync(join(HOSTILE, name));

beforeAll(() => {
  for (const f of MARKERS()) rmSync(join('/tmp', f));
});

type Row = [name: string, breakIt: (dir: string) => void, message: RegExp];

const FAILING: Row[] = [
  [
    'models/ missing',
    (d) => rmSync(file(d, 'models'), { recursive: true }),
    /^mlops-report: models: models folder not found$/m,
  ],
  [
    'metrics not JSON',
    (d) => put(d, 'models/production_metrics.json', 'accuracy: 0.9'),
    /production_metrics\.json: not valid JSON/,
  ],
  [
    'metrics with NaN',
    (d) =>
      put(d, 'models/production_metrics.json', '{"accuracy": NaN, "precision": 0.9, "recall": 0.9, "f1_score": 0.9}'),
    /accuracy is NaN/,
  ],
  [
    'metrics with a string',
    (d) =>
      put(
        d,
        'models/production_metrics.json',
        '{"accuracy": "high", "precision": 0.9, "recall": 0.9, "f1_score": 0.9}',
      ),
    /accuracy is the string "high"/,
  ],
  [
    'metrics out of range',
    (d) =>
      put(d, 'models/candidate_metrics.json', '{"accuracy": 187, "precision": 0.9, "recall": 0.9, "f1_score": 0.9}'),
    /candidate_metrics\.json: accuracy is 187, out of range/,
  ],
  [
    'metrics negative',
    (d) =>
      put(d, 'models/production_metrics.json', '{"accuracy": -0.2, "precision": 0.9, "recall": 0.9, "f1_score": 0.9}'),
    /accuracy is -0\.2, a metric cannot be negative/,
  ],
  ['model empty', (d) => put(d, 'models/production_model.pkl', ''), /production_model\.pkl: the file is empty/],
  [
    'model truncated',
    (d) =>
      put(d, 'models/production_model.pkl', readFileSync(file(d, 'models/candidate_model.pkl')).subarray(0, 50_000)),
    /production_model\.pkl: truncated/,
  ],
  [
    'model random bytes',
    (d) => put(d, 'models/production_model.pkl', hostile('random.pkl')),
    /production_model\.pkl: byte 0x0d at offset 0 is not a pickle opcode/,
  ],
  [
    'model is text',
    (d) => put(d, 'models/production_model.pkl', hostile('text.pkl')),
    /production_model\.pkl: the file is text, not a pickle/,
  ],
  ['model is a zip', (d) => put(d, 'models/production_model.pkl', hostile('zip.pkl')), /zip archive/],
  [
    'model is a Git LFS pointer',
    (d) => put(d, 'models/production_model.pkl', hostile('lfs_pointer.pkl')),
    /Git LFS pointer/,
  ],
  ['model is an HTML page', (d) => put(d, 'models/production_model.pkl', hostile('html.pkl')), /HTML or XML page/],
  [
    'model is a zip bomb',
    (d) => {
      put(d, 'models/production_model.pkl', hostile('zip_bomb_zlib.pkl'));
      put(d, 'mlops-report.config.json', '{"limits": {"max_model_bytes": 8388608}}');
    },
    /decompresses to more than 8388608 bytes/,
  ],
  [
    'model calls os.system (protocol 0)',
    (d) => put(d, 'models/production_model.pkl', hostile('os_system_p0.pkl')),
    /holds a posix\.system, not a scikit-learn estimator/,
  ],
  [
    'model calls os.system (protocol 2)',
    (d) => put(d, 'models/production_model.pkl', hostile('os_system_p2.pkl')),
    /holds a posix\.system/,
  ],
  [
    'model calls os.system (protocol 4)',
    (d) => put(d, 'models/production_model.pkl', hostile('os_system_p4.pkl')),
    /holds a posix\.system/,
  ],
  [
    'model calls builtins.eval',
    (d) => put(d, 'models/production_model.pkl', hostile('eval_p4.pkl')),
    /holds a builtins\.eval/,
  ],
  [
    'model calls subprocess.Popen (protocol 0)',
    (d) => put(d, 'models/production_model.pkl', hostile('popen_p0.pkl')),
    /holds a commands\.Popen/,
  ],
  [
    'model calls subprocess.Popen (protocol 2)',
    (d) => put(d, 'models/production_model.pkl', hostile('popen_p2.pkl')),
    /holds a commands\.Popen/,
  ],
  [
    'model calls subprocess.Popen (protocol 4)',
    (d) => put(d, 'models/production_model.pkl', hostile('popen_p4.pkl')),
    /holds a subprocess\.Popen/,
  ],
  [
    'model nested 100,000 deep',
    (d) => put(d, 'models/production_model.pkl', hostile('deep_lists_p4.pkl')),
    /holds a list, not a scikit-learn estimator/,
  ],
  [
    'model references itself',
    (d) => put(d, 'models/production_model.pkl', hostile('self_reference_p4.pkl')),
    /holds a dict, not a scikit-learn estimator/,
  ],
  ['CSV empty', (d) => put(d, 'data/apps.csv', ''), /data\/apps\.csv: the file is empty/],
  ['CSV header only', (d) => put(d, 'data/apps.csv', 'App,Category\n'), /data\/apps\.csv: has a header but no rows/],
  [
    'CSV without Category',
    (d) => put(d, 'data/apps.csv', 'App,Genre,Rating\nA,Tools,4\n'),
    /no "Category" column; the columns are: App, Genre, Rating/,
  ],
  ['config unknown key', (d) => put(d, 'mlops-report.config.json', '{"treshold": 3}'), /treshold/],
  [
    'config wrong type',
    (d) => put(d, 'mlops-report.config.json', '{"data_options": {"retrain_threshold": "100"}}'),
    /data_options\.retrain_threshold/,
  ],
  [
    'config unreadable',
    (d) => mkdirSync(file(d, 'mlops-report.config.json')),
    /mlops-report\.config\.json: is a folder, not a config file/,
  ],
  [
    'output folder not writable',
    (d) => {
      rmSync(file(d, 'reports'), { recursive: true });
      writeFileSync(file(d, 'reports'), 'not a folder');
    },
    /reports: cannot write the report/,
  ],
];

describe('failing inputs: exit 2, one clear line, the previous report intact', () => {
  it.each(FAILING)('%s', async (_name, breakIt, message) => {
    const { dir, before } = await withReport();
    const previous = existsSync(file(dir, 'reports/dashboard_report.html')) ? before : null;
    breakIt(dir);
    const r = await run(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')[0]).toMatch(/^mlops-report: \S/);
    expect(r.stderr).toMatch(/\n {2}hint: \S/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    if (previous && existsSync(file(dir, 'reports/dashboard_report.html'))) {
      expect(readFileSync(file(dir, 'reports/dashboard_report.html'))).toEqual(previous);
    }
    expect(MARKERS()).toEqual([]);
  });
});

describe('inputs that still give a report (exit 0) and say what they met', () => {
  const ok = async (breakIt: (dir: string) => void) => {
    const dir = sampleProject();
    breakIt(dir);
    const r = await run(dir);
    expect(r.code).toBe(0);
    return {
      dir,
      ...r,
      html: readFileSync(file(dir, 'reports/dashboard_report.html'), 'utf8'),
      json: JSON.parse(readFileSync(file(dir, 'reports/dashboard_report.json'), 'utf8')),
    };
  };

  it('production model missing: "Not deployed"', async () => {
    const r = await ok((d) => rmSync(file(d, 'models/production_model.pkl')));
    expect(r.json.model.deployed).toBe(false);
    expect(r.html).toContain('No model is deployed: models/production_model.pkl was not found.');
    expect(r.stderr).toContain('warning: models/production_model.pkl not found: no model is deployed.');
  });

  it('candidate missing: the comparison says there is none', async () => {
    const r = await ok((d) => rmSync(file(d, 'models/candidate_model.pkl')));
    expect(r.json.comparison).toBeNull();
    expect(r.html).toContain('There is no candidate model to compare.');
  });

  it('metrics missing: a warning and an empty metrics section', async () => {
    const r = await ok((d) => rmSync(file(d, 'models/production_metrics.json')));
    expect(r.json.metrics).toBeNull();
    expect(r.html).toContain('No metrics were found for the production model.');
  });

  it('percentages: 87.5 read as 0.875 with a warning', async () => {
    const r = await ok((d) => {
      const m = JSON.parse(readFileSync(file(d, 'models/production_metrics.json'), 'utf8'));
      put(d, 'models/production_metrics.json', JSON.stringify({ ...m, accuracy: 87.5 }));
    });
    expect(r.json.metrics.metrics[0]).toEqual({ key: 'accuracy', value: 0.875, level: 'excellent' });
    expect(r.stderr).toContain('accuracy is 87.5, read as a percentage (0.875)');
  });

  it('a real model carrying an os.system payload: reported dangerous, never run', async () => {
    const r = await ok((d) =>
      copyFileSync(join(HOSTILE, 'model_with_payload_p4.pkl'), file(d, 'models/production_model.pkl')),
    );
    expect(r.json.model.safety.verdict).toBe('dangerous');
    expect(r.html).toContain('Dangerous: imports that can run commands');
    expect(MARKERS()).toEqual([]);
  });

  it.each([
    [
      'a BOM and CRLF line endings',
      (d: string) =>
        put(d, 'data/apps.csv', `\ufeff${readFileSync(file(d, 'data/apps.csv'), 'utf8').replace(/\n/g, '\r\n')}`),
      9309,
    ],
    [
      'Latin-1 bytes',
      (d: string) => put(d, 'data/apps.csv', Buffer.from('App,Category\nCafé,FOOD\nZoë,GAME\n', 'latin1')),
      2,
    ],
    [
      'a 10 MB line',
      (d: string) => put(d, 'data/apps.csv', `App,Category\n"${'x'.repeat(10 << 20)}",TOOLS\nB,GAME\n`),
      2,
    ],
    [
      '1 M rows',
      (d: string) => put(d, 'data/apps.csv', `App,Category\n${'app,GAME\nother,TOOLS\n'.repeat(500_000)}`),
      1_000_000,
    ],
  ])('CSV with %s', async (_what, breakIt, rows) => {
    const r = await ok(breakIt);
    expect(r.json.data.rows).toBe(rows);
  });
});

describe('two generate runs at the same time in the same folder', () => {
  it('both succeed, with distinct timestamped copies and no torn file', async () => {
    const dir = sampleProject();
    const [a, b] = await Promise.all([run(dir, ['generate'], '1768039200'), run(dir, ['generate'], '1768039200')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const copies = readdirSync(file(dir, 'reports'))
      .filter((f) => f.startsWith('dashboard_report_'))
      .sort();
    expect(copies).toEqual(['dashboard_report_20260110_100000.html', 'dashboard_report_20260110_100000_2.html']);
    const latest = readFileSync(file(dir, 'reports/dashboard_report.html'), 'utf8');
    expect(latest).toBe(readFileSync(file(dir, `reports/${copies[0]}`), 'utf8'));
    expect(latest.trimEnd().endsWith('</html>')).toBe(true);
    expect(() => JSON.parse(readFileSync(file(dir, 'reports/dashboard_report.json'), 'utf8'))).not.toThrow();
    expect(readdirSync(file(dir, 'reports')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('hostile text in every input field stays inert', () => {
  const EVIL = '</script><!-- {{title}} $& $1 \u2028<img src=x onerror=alert(1)>';
  it('in the HTML and in the JSON', async () => {
    const dir = sampleProject();
    const m = JSON.parse(readFileSync(file(dir, 'models/production_metrics.json'), 'utf8'));
    const report = m.classification_report;
    report[EVIL] = report.GAME;
    put(
      dir,
      'models/production_metrics.json',
      JSON.stringify({
        ...m,
        model_type: EVIL,
        [EVIL]: 0.5,
        classification_report: report,
        training: { ...m.training, category_counts: { ...m.training.category_counts, [EVIL]: 3 } },
      }),
    );
    put(dir, 'data/apps.csv', `App,Category\n"${EVIL.replace(/"/g, '""')}","${EVIL}"\nB,GAME\n`);
    put(dir, 'mlops-report.config.json', JSON.stringify({ title: EVIL }));
    const r = await run(dir);
    expect(r.code).toBe(0);
    const html = readFileSync(file(dir, 'reports/dashboard_report.html'), 'utf8');
    expect(html.match(/<\/script>/g)).toHaveLength(3); // our three script elements, nothing else
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('{{title}} $&amp; $1');
    const block = /<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toMatch(/[<>\u2028]/);
    const data = JSON.parse(block);
    expect(data.report.title).toBe(EVIL);
    expect(data.report.data.categories.map((c: { category: string }) => c.category)).toContain(EVIL);
    const json = JSON.parse(readFileSync(file(dir, 'reports/dashboard_report.json'), 'utf8'));
    expect(json.title).toBe(EVIL);
    expect(json.data.drift.new_categories).not.toContain(EVIL); // it was in the training snapshot too
  });
});
