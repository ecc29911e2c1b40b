// Broken and hostile inputs, one row each (README, "Error catalogue"), checked where they
// are read: the documented ReportError code, a message naming the file and the problem, a
// hint, and nothing from a pickle ever run. A few rows then go end to end through main():
// exit 2, one line and a hint, no stack trace, and the previous report byte for byte intact.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../src/collect/index.js';
import { readPredictionsFile } from '../src/collect/predictions-file.js';
import { readTableStats } from '../src/collect/dataset/index.js';
import { collectMetrics, readMetrics } from '../src/collect/metrics/index.js';
import { collectModel } from '../src/collect/model.js';
import { DEFAULT_PICKLE_LIMITS } from '../src/collect/pickle/index.js';
import { loadConfig } from '../src/config/load.js';
import { ReportError, type ErrorCode } from '../src/errors.js';
import type { JsonValue, WarningCode } from '../src/report-data.js';
import { loadAssets, render } from '../src/render/index.js';
import { warningText } from '../src/render/i18n/index.js';
import { writeReport } from '../src/write/report.js';
import { FIXED_NOW, REPO, runCli, sampleProject, sha256Of, tempProject } from './helpers.js';

const HOSTILE = join(REPO, 'test', 'fixtures', 'hostile');
const hostile = (name: string) => join(HOSTILE, name);
/** Files a crafted pickle would create if it ever ran (scripts/make-hostile.py). */
const MARKERS = () => readdirSync('/tmp').filter((f) => f.startsWith('mlops-report-PWNED-'));

beforeAll(() => {
  for (const f of MARKERS()) rmSync(join('/tmp', f));
});

const SETTINGS = {
  thresholds: { excellent: 0.85, good: 0.75 },
  scoreWeights: { accuracy: 0.25, precision: 0.25, recall: 0.25, f1_score: 0.25 },
};

/** A file with `content` in a new temporary folder, at `rel`. */
function fileWith(rel: string, content: string | Buffer): string {
  const path = join(tempProject(), rel);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const model = (path: string, limits = DEFAULT_PICKLE_LIMITS) =>
  collectModel(path, 'models/production_model.pkl', 'production', limits, null);
const modelFrom = (bytes: Buffer, limits = DEFAULT_PICKLE_LIMITS) => model(fileWith('m.pkl', bytes), limits);
const table = (text: string) => readTableStats(fileWith('apps.csv', text), 'data/apps.csv', 'Category');
const config = (text: string) => {
  const dir = tempProject();
  writeFileSync(join(dir, 'mlops-report.config.json'), text);
  return loadConfig({}, dir);
};
const predictions = (text: string) => readPredictionsFile(fileWith('p.csv', text), 'models/predictions.csv');
const four = (acc: string) => `{"accuracy": ${acc}, "precision": 0.9, "recall": 0.9, "f1_score": 0.9}`;

type Row = [name: string, code: ErrorCode, read: () => Promise<unknown>, message: RegExp];

const ROWS: Row[] = [
  [
    'models/ missing',
    'INPUT_MISSING',
    async () => collect(await loadConfig({ modelsDir: 'nowhere' }, tempProject()), FIXED_NOW),
    /^nowhere: models folder not found$/,
  ],
  [
    'nothing at all to read',
    'INPUT_MISSING',
    async () => collect(await loadConfig({}, tempProject()), FIXED_NOW),
    /: no model, metrics or data file could be read$/,
  ],
  ['model empty', 'INPUT_INVALID', () => modelFrom(Buffer.alloc(0)), /production_model\.pkl: the file is empty/],
  [
    'model truncated',
    'INPUT_INVALID',
    () => modelFrom(readFileSync(join(REPO, 'models', 'candidate_model.pkl')).subarray(0, 50_000)),
    /production_model\.pkl: truncated/,
  ],
  [
    'model random bytes',
    'INPUT_INVALID',
    () => model(hostile('random.pkl')),
    /production_model\.pkl: byte 0x0d at offset 0 is not a pickle opcode/,
  ],
  ['model is text', 'INPUT_INVALID', () => model(hostile('text.pkl')), /production_model\.pkl: the file is text/],
  ['model is a zip', 'INPUT_INVALID', () => model(hostile('zip.pkl')), /zip archive/],
  ['model is a Git LFS pointer', 'INPUT_INVALID', () => model(hostile('lfs_pointer.pkl')), /Git LFS pointer/],
  ['model is an HTML page', 'INPUT_INVALID', () => model(hostile('html.pkl')), /HTML or XML page/],
  [
    'model is a zip bomb',
    'INPUT_INVALID',
    () => model(hostile('zip_bomb_zlib.pkl'), { ...DEFAULT_PICKLE_LIMITS, maxModelBytes: 8388608 }),
    /decompresses to more than 8388608 bytes/,
  ],
  [
    'model is a zip bomb shaped as a pickle (a 16 MiB BINBYTES8 of zeros)',
    'INPUT_INVALID',
    () =>
      modelFrom(
        deflateSync(Buffer.concat([Buffer.from([0x80, 4, 0x8e, 0, 0, 0, 1, 0, 0, 0, 0]), Buffer.alloc(16 << 20)])),
        { ...DEFAULT_PICKLE_LIMITS, maxModelBytes: 8388608 },
      ),
    /decompresses to more than 8388608 bytes/,
  ],
  ['model is a folder', 'INPUT_INVALID', () => model(tempProject()), /is a folder, not a model file/],
  [
    'model calls os.system (protocol 0)',
    'INPUT_INVALID',
    () => model(hostile('os_system_p0.pkl')),
    /holds a posix\.system, not a scikit-learn estimator/,
  ],
  ['model calls os.system (protocol 2)', 'INPUT_INVALID', () => model(hostile('os_system_p2.pkl')), /posix\.system/],
  ['model calls os.system (protocol 4)', 'INPUT_INVALID', () => model(hostile('os_system_p4.pkl')), /posix\.system/],
  ['model calls builtins.eval', 'INPUT_INVALID', () => model(hostile('eval_p4.pkl')), /holds a builtins\.eval/],
  ['model calls Popen (protocol 0)', 'INPUT_INVALID', () => model(hostile('popen_p0.pkl')), /commands\.Popen/],
  ['model calls Popen (protocol 2)', 'INPUT_INVALID', () => model(hostile('popen_p2.pkl')), /commands\.Popen/],
  ['model calls Popen (protocol 4)', 'INPUT_INVALID', () => model(hostile('popen_p4.pkl')), /subprocess\.Popen/],
  ['model nested 100,000 deep', 'INPUT_INVALID', () => model(hostile('deep_lists_p4.pkl')), /holds a list, not/],
  ['model references itself', 'INPUT_INVALID', () => model(hostile('self_reference_p4.pkl')), /holds a dict, not/],
  ['CSV empty', 'INPUT_INVALID', () => table(''), /data\/apps\.csv: the file is empty/],
  ['CSV header only', 'INPUT_INVALID', () => table('App,Category\n'), /data\/apps\.csv: has a header but no rows/],
  [
    'CSV without Category',
    'INPUT_INVALID',
    () => table('App,Genre,Rating\nA,Tools,4\n'),
    /no "Category" column; the columns are: App, Genre, Rating/,
  ],
  [
    'data is a folder',
    'INPUT_INVALID',
    () => readTableStats(tempProject(), 'data/apps.csv', 'Category'),
    /data\/apps\.csv: is a folder, not a data file/,
  ],
  [
    'predictions without a candidate column',
    'INPUT_INVALID',
    () => predictions('y_true,production,cand\na,a,a\n'),
    /^models\/predictions\.csv: line 1: no "candidate" column/,
  ],
  [
    'predictions with a missing label',
    'INPUT_INVALID',
    () => predictions('y_true,production,candidate\na,a,a\nb,,b\n'),
    /^models\/predictions\.csv: line 3: empty production; every row needs all three labels$/,
  ],
  [
    'predictions with a ragged row',
    'INPUT_INVALID',
    () => predictions('y_true,production,candidate\na,a\n'),
    /^models\/predictions\.csv: line 2: 2 fields where the header has 3$/,
  ],
  [
    'predictions header only',
    'INPUT_INVALID',
    () => predictions('y_true,production,candidate\n'),
    /a header but no rows/,
  ],
  [
    'predictions is a folder',
    'INPUT_INVALID',
    () => readPredictionsFile(tempProject(), 'models/predictions.csv'),
    /is a folder, not a predictions file/,
  ],
  ['config unknown key', 'CONFIG_INVALID', () => config('{"treshold": 3}'), /treshold/],
  [
    'config wrong type',
    'CONFIG_INVALID',
    () => config('{"data_options": {"retrain_threshold": "100"}}'),
    /data_options\.retrain_threshold/,
  ],
  [
    'config is a folder',
    'CONFIG_INVALID',
    async () => {
      const dir = tempProject();
      mkdirSync(join(dir, 'mlops-report.config.json'));
      return loadConfig({}, dir);
    },
    /mlops-report\.config\.json: is a folder, not a config file/,
  ],
  [
    'output folder is a file',
    'OUTPUT_FAILED',
    () => writeReport(fileWith('reports', 'not a folder'), 'reports', FIXED_NOW, '<html>', '{}'),
    /^reports: cannot write the report \(EEXIST\)$/,
  ],
];

describe('each broken input: its ReportError code, the file named, a hint, nothing run', () => {
  it.each(ROWS)('%s', async (_name, code, read, message) => {
    const e = await read().then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(ReportError);
    const { code: actual, message: text, hint } = e as ReportError;
    expect({ code: actual, text }).toEqual({ code, text: expect.stringMatching(message) });
    expect(hint).toMatch(/\S/);
    expect(MARKERS()).toEqual([]);
  });
});

describe('inputs that still give a report and say what they met', () => {
  const report = async (breakIt: (dir: string) => void) => {
    const dir = sampleProject();
    breakIt(dir);
    const r = await collect(await loadConfig({}, dir), FIXED_NOW);
    return { r, html: render(r, await loadAssets(), { lang: 'en' }) };
  };
  const said = (r: Awaited<ReturnType<typeof collect>>) => r.warnings.map((w) => warningText('en', w));

  it('production model missing: said once, without contradicting the production metrics beside it', async () => {
    const { r, html } = await report((d) => rmSync(join(d, 'models/production_model.pkl')));
    expect(r.model.deployed).toBe(false);
    // the conventional path was missing, so discovery looked, and found no other production model
    expect(r.inputs.discovered).toBe(true);
    expect(html).toContain('The production model file models/production_model.pkl was not found.');
    expect(html).toContain('<span aria-hidden="true">?</span> Production model file not found</span>');
    expect(html).not.toContain('Not deployed');
    // its metrics are still there: the candidate is compared with them, and no hyperparameters are
    expect(r.decision.value).toBe('promote');
    expect(html).toContain('No production model to compare hyperparameters with.');
    expect(html).not.toContain('Both models use the same hyperparameters.');
    expect(said(r)).toEqual([
      'models/production_model.pkl not found (models/ holds candidate_metrics.json, candidate_model.pkl, production_metrics.json): no model is deployed.',
    ]);
  });

  it('candidate model missing beside its metrics: a warning naming what models/ holds', async () => {
    const { r, html } = await report((d) => rmSync(join(d, 'models/candidate_model.pkl')));
    expect(r.comparison).toBeNull();
    expect(html).toContain('There is no candidate model to compare.');
    expect(said(r)).toEqual([
      'models/candidate_model.pkl not found (models/ holds candidate_metrics.json, production_metrics.json, production_model.pkl): there is no candidate to compare.',
    ]);
  });

  it('no candidate at all: the normal state between trainings, said in its section, not a warning', async () => {
    const { r, html } = await report((d) => {
      rmSync(join(d, 'models/candidate_model.pkl'));
      rmSync(join(d, 'models/candidate_metrics.json'));
    });
    expect(r.comparison).toBeNull();
    expect(r.warnings).toEqual([]);
    expect(html).toContain('There is no candidate model to compare.');
    expect(html).not.toContain('data-testid="warnings"');
  });

  it('candidate without its metrics: one warning, naming the file', async () => {
    const { r } = await report((d) => rmSync(join(d, 'models/candidate_metrics.json')));
    expect(said(r)).toEqual([
      'models/candidate_metrics.json not found (models/ holds candidate_model.pkl, production_metrics.json, production_model.pkl): the candidate cannot be compared without its metrics.',
    ]);
  });

  it('metrics missing: a warning and an empty metrics section', async () => {
    const { r, html } = await report((d) => rmSync(join(d, 'models/production_metrics.json')));
    expect(r.metrics).toBeNull();
    expect(html).toContain('No metrics were found for the production model.');
    expect(said(r)).toEqual([
      'models/production_metrics.json not found (models/ holds candidate_metrics.json, candidate_model.pkl, production_model.pkl): no production metrics to show.',
    ]);
  });

  it('data saved under another name: discovery reads it; named, the warning names the file that is there', async () => {
    const rename = (d: string) => {
      rmSync(join(d, 'data/apps.csv'));
      writeFileSync(join(d, 'data/apps.jsonl'), '{"Category": "GAME"}\n');
    };
    // no config: the conventional path is missing, so discovery finds the file that is there
    const found = await report(rename);
    expect(found.r.data?.path).toBe('data/apps.jsonl');
    expect(found.r.inputs.chosen.find((x) => x.role === 'data')).toMatchObject({
      value: 'data/apps.jsonl',
      source: 'discovered',
    });
    expect(found.r.warnings.filter((w) => w.code === 'no_data')).toEqual([]);
    // named in the config: the named path is read, and its absence said with what is beside it
    const dir = sampleProject();
    rename(dir);
    writeFileSync(join(dir, 'mlops-report.config.json'), '{"data": "data/apps.csv"}');
    const r = await collect(await loadConfig({}, dir), FIXED_NOW);
    expect(r.data).toBeNull();
    expect(r.warnings).toEqual([
      { code: 'no_data', values: { file: 'data/apps.csv', dir: 'data/', siblings: ['apps.jsonl'], more: 0 } },
    ]);
    expect(said(r)).toEqual(['data/apps.csv not found (data/ holds apps.jsonl): the data section is empty.']);
    expect(r.warnings.map((w) => warningText('fr', w))).toEqual([
      'data/apps.csv introuvable (data/ contient apps.jsonl) : la section des données est vide.',
    ]);
  });

  it('data folder missing, or holding many files: said in a few words', async () => {
    expect(said((await report((d) => rmSync(join(d, 'data'), { recursive: true }))).r)).toEqual([
      'data/apps.csv not found (data/ does not exist): the data section is empty.',
    ]);
    const { r } = await report((d) => {
      rmSync(join(d, 'data/apps.csv'));
      for (const n of ['f.csv', 'e.csv', 'd.csv', 'c.csv', 'b.csv', 'a.csv', '.hidden'])
        writeFileSync(join(d, 'data', n), '');
      mkdirSync(join(d, 'data', 'raw'));
    });
    expect(said(r)).toEqual([
      'data/apps.csv not found (data/ holds a.csv, b.csv, c.csv, d.csv, e.csv and 2 more): the data section is empty.',
    ]);
  });

  it.each([
    ['not JSON', '{"accuracy": 0.9,,', 'models/production_metrics.json is not valid JSON ('],
    ['without any metric', '{"n_rows": 506}', 'models/production_metrics.json holds no metric by a known name'],
    [
      'with a merge conflict',
      '{\n<<<<<<< HEAD\n"accuracy": 0.9\n=======\n"accuracy": 0.8\n>>>>>>> x\n}',
      'merge conflict',
    ],
  ])('metrics %s: a warning, and the model card and the data are still written', async (_what, text, warning) => {
    const { r, html } = await report((d) => writeFileSync(join(d, 'models/production_metrics.json'), text));
    expect(r.metrics).toBeNull();
    expect(r.model.deployed).toBe(true);
    expect(r.data?.rows).toBe(9309);
    expect(said(r).join('\n')).toContain(warning);
    expect(html).toContain('No metrics were found for the production model.');
  });

  it.each([
    ['NaN', 'accuracy is NaN: shown as n/a'],
    ['"high"', 'has no Accuracy'],
    ['187', 'accuracy is 187, impossible for Accuracy: not used'],
    ['-0.2', 'accuracy is -0.2, impossible for Accuracy: not used'],
  ])('accuracy %s: n/a, and the score from the three other metrics', async (value, note) => {
    const { r, html } = await report((d) => writeFileSync(join(d, 'models/production_metrics.json'), four(value)));
    expect(r.metrics?.missing).toEqual(['accuracy']);
    expect(r.metrics?.score).toBe(90);
    expect(said(r).join('\n')).toContain(note);
    expect(said(r)).toContain(
      'models/production_metrics.json has no Accuracy: shown as n/a; the score uses the metrics present.',
    );
    expect(html).toContain('n/a: Accuracy not in the metrics file; the score uses the metrics present.');
  });

  it('percentages: 87.5 read as 0.875 with a warning', () => {
    const warned: string[] = [];
    const warn = (code: WarningCode, values: Readonly<Record<string, JsonValue>> = {}) =>
      warned.push(warningText('en', { code, values }));
    const read = readMetrics(four('87.5'), { path: 'models/production_metrics.json' }, warn);
    const m = collectMetrics(read!, 'classification', SETTINGS, warn);
    expect(m.metrics[0]).toMatchObject({ key: 'accuracy', value: 0.875, level: 'excellent' });
    expect(warned).toEqual(['models/production_metrics.json: written out of 100 and divided by 100: Accuracy.']);
  });

  it('a real model carrying an os.system payload: reported dangerous, never run', async () => {
    const m = await model(hostile('model_with_payload_p4.pkl'));
    expect(m!.safety!.verdict).toBe('dangerous');
    expect(MARKERS()).toEqual([]);
  });

  it.each([
    [
      'a BOM and CRLF line endings',
      () => `\ufeff${readFileSync(join(REPO, 'data', 'apps.csv'), 'utf8').replace(/\n/g, '\r\n')}`,
      9309,
    ],
    ['Latin-1 bytes', () => Buffer.from('App,Category\nCafé,FOOD\nZoë,GAME\n', 'latin1'), 2],
    ['a 10 MB line', () => `App,Category\n"${'x'.repeat(10 << 20)}",TOOLS\nB,GAME\n`, 2],
    ['1 M rows', () => `App,Category\n${'app,GAME\nother,TOOLS\n'.repeat(500_000)}`, 1_000_000],
  ])('CSV with %s', async (_what, content, rows) => {
    const s = await readTableStats(fileWith('apps.csv', content()), 'data/apps.csv', 'Category');
    expect(s.rows).toBe(rows);
  });
});

describe('end to end: exit 2, one line and a hint, the previous report byte for byte intact', () => {
  /** A sample project with a report already written, copied for each row. */
  let withReport: string;
  beforeAll(async () => {
    withReport = sampleProject();
    expect((await runCli(['generate'], withReport)).code).toBe(0);
  });

  const put = (dir: string, rel: string, data: string | Buffer) => writeFileSync(join(dir, rel), data);

  it.each([
    [
      'named models folder missing',
      (d: string) => put(d, 'mlops-report.config.json', '{"models_dir": "nowhere"}'),
      /^mlops-report: nowhere: models folder not found/,
    ],
    [
      'nothing readable at all',
      (d: string) => {
        rmSync(join(d, 'models'), { recursive: true });
        rmSync(join(d, 'data'), { recursive: true });
      },
      /no model, metrics or data file could be read/,
    ],
    [
      'a crafted os.system pickle',
      (d: string) => put(d, 'models/production_model.pkl', readFileSync(hostile('os_system_p4.pkl'))),
      /holds a posix\.system/,
    ],
    [
      'named label column absent from the CSV',
      (d: string) => {
        put(d, 'data/apps.csv', 'App,Genre\nA,B\n');
        put(d, 'mlops-report.config.json', '{"data_options": {"label_column": "Category"}}');
      },
      /no "Category" column/,
    ],
    ['config unknown key', (d: string) => put(d, 'mlops-report.config.json', '{"colour": "red"}'), /colour/],
    [
      'a broken predictions file',
      (d: string) => put(d, 'models/predictions.csv', 'y_true,production,candidate\nGAME,GAME\n'),
      /^mlops-report: models\/predictions\.csv: line 2: 2 fields where the header has 3\n {2}hint: write one row per evaluation example/,
    ],
    [
      // the JSON cannot replace a folder; the HTML, renamed after it, must not be replaced either
      'output not writable',
      (d: string) => {
        rmSync(join(d, 'reports', 'dashboard_report.json'));
        mkdirSync(join(d, 'reports', 'dashboard_report.json'));
      },
      /^mlops-report: reports: cannot write the report \(EISDIR\)/,
    ],
  ])('%s', async (_name, breakIt, message) => {
    const dir = tempProject();
    cpSync(withReport, dir, { recursive: true });
    const page = join(dir, 'reports', 'dashboard_report.html');
    const before = sha256Of(page);
    breakIt(dir);
    const r = await runCli(['generate'], dir, { SOURCE_DATE_EPOCH: '1768039260' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/^mlops-report: [^\n]*(\n {2}\S[^\n]*)*\n {2}hint: [^\n]*\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(page)).toBe(true);
    expect(sha256Of(page)).toBe(before);
    expect(readdirSync(join(dir, 'reports')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(MARKERS()).toEqual([]);
  });
});

describe('two generate runs at the same time in the same folder', () => {
  it('both succeed, with distinct timestamped copies and no torn file', async () => {
    const dir = sampleProject();
    const [a, b] = await Promise.all([runCli(['generate'], dir), runCli(['generate'], dir)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const reports = join(dir, 'reports');
    const copies = readdirSync(reports)
      .filter((f) => f.startsWith('dashboard_report_'))
      .sort();
    expect(copies).toEqual(['dashboard_report_20260110_100000.html', 'dashboard_report_20260110_100000_2.html']);
    const latest = readFileSync(join(reports, 'dashboard_report.html'), 'utf8');
    expect(latest).toBe(readFileSync(join(reports, copies[0]!), 'utf8'));
    expect(latest.trimEnd().endsWith('</html>')).toBe(true);
    expect(() => JSON.parse(readFileSync(join(reports, 'dashboard_report.json'), 'utf8'))).not.toThrow();
    expect(readdirSync(reports).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('hostile text in every input field stays inert', () => {
  const EVIL = '</script><!-- {{title}} $& $1 \u2028<img src=x onerror=alert(1)>';
  it('in the HTML and in the JSON', async () => {
    const dir = sampleProject();
    const m = JSON.parse(readFileSync(join(dir, 'models/production_metrics.json'), 'utf8'));
    const report = m.classification_report;
    report[EVIL] = report.GAME;
    const training = { ...m.training, category_counts: { ...m.training.category_counts, [EVIL]: 3 } };
    writeFileSync(
      join(dir, 'models/production_metrics.json'),
      JSON.stringify({ ...m, model_type: EVIL, [EVIL]: 0.5, classification_report: report, training }),
    );
    writeFileSync(join(dir, 'data/apps.csv'), `App,Category\n"${EVIL.replace(/"/g, '""')}","${EVIL}"\nB,GAME\n`);
    writeFileSync(join(dir, 'mlops-report.config.json'), JSON.stringify({ title: EVIL }));
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const html = readFileSync(join(dir, 'reports/dashboard_report.html'), 'utf8');
    expect(html.match(/<\/script>/g)).toHaveLength(3); // our three script elements, nothing else
    expect(html).not.toContain('<!--');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('{{title}} $&amp; $1');
    const block = /<script id="report-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(block).not.toMatch(/[<>\u2028]/);
    const data = JSON.parse(block);
    expect(data.report.title).toBe(EVIL);
    expect(data.report.data.categories.map((c: { category: string }) => c.category)).toContain(EVIL);
    const json = JSON.parse(readFileSync(join(dir, 'reports/dashboard_report.json'), 'utf8'));
    expect(json.title).toBe(EVIL);
    expect(json.data.drift.new_categories).not.toContain(EVIL); // it was in the training snapshot too
  });
});
