#!/usr/bin/env node
// npm run bench: whole-process wall time (median of RUNS) and peak RSS of each case, with
// the ratio to the Python equivalent where Python with pandas/scikit-learn is installed.
// Python and ours run in turn (ours, Python, ours, …) so a load change hits both alike;
// the ratio is the median of the per-pair ratios.
// Inputs are built deterministically in bench/work/ (git-ignored). Results go to
// bench/results.json, and a markdown table to stdout (copied into the README).
//   npm run bench              all cases (about 5 minutes; the 10 M-row file is 1.2 GB)
//   BENCH_QUICK=1 npm run bench   skip the 10 M-row case
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(import.meta.dirname, '..');
const WORK = join(ROOT, 'bench', 'work');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PY = '/usr/bin/python3';
const BIN = join(ROOT, 'dist', 'bin.js');
mkdirSync(WORK, { recursive: true });

const hasPython = (mods) => existsSync(PY) && spawnSync(PY, ['-c', `import ${mods}`]).status === 0;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One run: wall seconds and peak RSS in MB (GNU time when present, else /proc polling). */
function once(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const full = TIME ? [TIME, ['-f', '%M', cmd, ...args]] : [cmd, args];
    const child = spawn(full[0], full[1], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '',
      peak = 0;
    child.stderr.on('data', (d) => (err += d));
    const poll = TIME
      ? null
      : setInterval(() => {
          try {
            const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (hwm) peak = Math.max(peak, Number(hwm[1]));
          } catch {
            /* exited */
          }
        }, 10);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0 && !opts.allowFail)
        return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-500)}`));
      const kb = TIME ? Number(err.trim().split('\n').pop()) : peak;
      resolve({ seconds, rssMb: kb / 1024 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median wall time and median peak RSS over `runs` runs. */
async function measure(cmd, args, opts = {}, runs = RUNS) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(cmd, args, opts));
  return { seconds: median(results.map((r) => r.seconds)), rssMb: median(results.map((r) => r.rssMb)), runs };
}

/** Ours and Python in turn, RUNS pairs: both medians, and the median of Python/ours per pair. */
async function paired(ours, python, runs = RUNS) {
  const a = [],
    b = [];
  for (let i = 0; i < runs; i++) {
    a.push(await once(...ours));
    b.push(await once(...python));
  }
  const sum = (xs) => ({ seconds: median(xs.map((r) => r.seconds)), rssMb: median(xs.map((r) => r.rssMb)), runs });
  return { ours: sum(a), python: sum(b), speedup: median(a.map((r, i) => b[i].seconds / r.seconds)) };
}

function log(...a) {
  process.stderr.write(`${a.join(' ')}\n`);
}

// ---------------------------------------------------------------------------- inputs
function dataFile(rows) {
  const file = join(WORK, `apps-${rows}.csv`);
  if (!existsSync(file))
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'make-sample-data.mjs'), String(rows), file], {
      stdio: 'ignore',
    });
  return file;
}

function bigModel() {
  const file = join(WORK, 'big_rf.pkl');
  if (!existsSync(file)) execFileSync(PY, [join(ROOT, 'bench', 'make-big-model.py'), WORK], { stdio: 'inherit' });
  return file;
}

/** A project folder: the sample's metrics, with the given model and data. */
function project(name, model, data) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'data'), { recursive: true });
  cpSync(join(ROOT, 'models'), join(dir, 'models'), { recursive: true });
  if (model) cpSync(model, join(dir, 'models', 'production_model.pkl'));
  cpSync(data, join(dir, 'data', 'apps.csv'));
  return dir;
}

// ---------------------------------------------------------------------------- cases
const results = {
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? '?',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    load_average_at_start: loadavg().map((x) => Math.round(x * 100) / 100),
  },
  runs: RUNS,
  cases: [],
  skipped: [],
};
const row = (c) => results.cases.push(c);
execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });

// 1. data stats, 1 M rows, against pandas doing the same counts
{
  const csv = dataFile(1_000_000);
  log('data stats, 1 M rows…');
  const ours = [process.execPath, [BIN, 'stats', '--data', csv]];
  const pandas = [PY, [join(ROOT, 'bench', 'pandas-stats.py'), csv]];
  if (hasPython('pandas')) {
    // same numbers first: rows, missing per column, duplicates, category counts
    const o = JSON.parse(execFileSync(...ours, { cwd: ROOT, maxBuffer: 1 << 26 }).toString());
    const p = JSON.parse(execFileSync(...pandas, { maxBuffer: 1 << 26 }).toString());
    const pc = Object.fromEntries(p.categories.map(([k, n]) => [k ?? '', n]));
    const same =
      o.total_apps === p.rows &&
      o.duplicates === p.duplicates &&
      JSON.stringify(o.missing) === JSON.stringify(p.missing) &&
      JSON.stringify(Object.entries(o.category_counts).sort()) === JSON.stringify(Object.entries(pc).sort());
    if (!same) throw new Error('stats and pandas disagree on the 1 M-row file');
    const r = await paired(ours, pandas);
    row({
      case: `data stats, 1 M rows (${Math.round(statSync(csv).size / 2 ** 20)} MiB CSV): rows, missing per column, duplicates, categories`,
      ours: r.ours,
      python: r.python,
      speedup: r.speedup,
      same_counts: same,
      python_what: 'pandas read_csv(dtype=str) + isna/duplicated/value_counts (bench/pandas-stats.py)',
      target: '≥ 2× faster than pandas; peak RSS ≤ 150 MB',
    });
  } else {
    results.skipped.push('pandas data stats: /usr/bin/python3 with pandas not found');
    row({ case: 'data stats, 1 M rows', ours: await measure(...ours), python: null, target: 'peak RSS ≤ 150 MB' });
  }
}

// 2. data stats, 10 M rows: bounded memory (one run)
if (!process.env.BENCH_QUICK) {
  const csv = dataFile(10_000_000);
  log('data stats, 10 M rows (one run)…');
  const ours = await measure(process.execPath, [BIN, 'stats', '--data', csv], {}, 1);
  row({
    case: `data stats, 10 M rows (${(statSync(csv).size / 2 ** 30).toFixed(2)} GiB CSV), one run`,
    ours,
    python: null,
    target: 'completes in bounded memory',
  });
} else results.skipped.push('10 M rows: BENCH_QUICK is set');

// 3. inspect a large random forest (plain pickle, as the issue measured), against joblib.load
let model = null;
if (hasPython('sklearn, joblib, pandas')) {
  model = bigModel();
  log('inspect, large model…');
  const r = await paired(
    [process.execPath, [BIN, 'inspect', model]],
    [PY, ['-c', 'import joblib,sys; joblib.load(sys.argv[1])', model]],
  );
  const mib = statSync(model).size / 2 ** 20;
  row({
    case: `inspect, RandomForestClassifier ${Math.round(mib)} MiB plain pickle`,
    ours: r.ours,
    python: r.python,
    speedup: r.speedup,
    file_mb: (mib * 2 ** 20) / 1e6,
    python_what: 'joblib.load',
    target: '≥ 5× faster than joblib.load; peak RSS < the file',
  });
} else
  results.skipped.push(
    'large model cases: /usr/bin/python3 with scikit-learn not found (apt-get install python3-sklearn)',
  );

// 3b. compression bombs under 10 MB, one per codec (made by bench/make-bombs.py)
if (existsSync(PY)) {
  execFileSync(PY, [join(ROOT, 'bench', 'make-bombs.py'), WORK], { stdio: 'ignore' });
  for (const codec of ['zlib', 'gzip', 'bz2', 'xz', 'xz-lying-index', 'lzma', 'lz4']) {
    const bomb = join(WORK, `bomb-${codec}.pkl`);
    if (!existsSync(bomb)) continue;
    log(`inspect, ${codec} bomb…`);
    const ours = await measure(process.execPath, [BIN, 'inspect', bomb], { allowFail: true }, 3);
    const declared =
      codec === 'lzma'
        ? '2 GiB, size not declared'
        : codec === 'xz-lying-index'
          ? '2 GiB, index says 1000 B'
          : '2 GiB declared';
    row({
      case: `inspect, ${codec} bomb (${(statSync(bomb).size / 1e6).toFixed(2)} MB → ${declared})`,
      ours,
      python: null,
      target: 'answered within 2 s, peak ≤ 300 MB',
    });
  }
}

// 4. full generate on the sample
{
  const dir = project('sample', null, join(ROOT, 'data', 'apps.csv'));
  log('generate, sample…');
  const ours = await measure(process.execPath, [BIN, 'generate', '--keep', '1'], { cwd: dir });
  row({ case: 'generate, the sample (9,309 rows, 2 models)', ours, python: null, target: '≤ 0.5 s' });
}

// 5. full generate on the large inputs, against the sum of its parts
if (model) {
  const dir = project('large', model, dataFile(1_000_000));
  log('generate, large inputs…');
  const ours = await measure(process.execPath, [BIN, 'generate', '--keep', '1'], { cwd: dir });
  const parts =
    results.cases[0].ours.seconds + results.cases.find((c) => c.case.startsWith('inspect, Random')).ours.seconds;
  row({
    case: 'generate, large model + 1 M rows',
    ours,
    python: null,
    parts_seconds: parts,
    target: '≤ sum of its parts + 20 %',
  });
}

// 6. report size
const sampleReport = join(WORK, 'sample', 'reports', 'dashboard_report.html');
const size = statSync(sampleReport).size;
results.report_bytes = size;

// 7. the report in headless Chromium: first paint and charts drawn
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const paints = [],
    charts = [];
  for (let i = 0; i < RUNS; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(sampleReport).href);
    await page.waitForSelector('html[data-charts-ready]');
    const t = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      charts: performance.getEntriesByName('charts-ready')[0]?.startTime ?? null,
    }));
    paints.push(t.paint);
    charts.push(t.charts);
    await page.close();
  }
  await browser.close();
  results.browser = {
    first_contentful_paint_ms: Math.round(median(paints)),
    charts_drawn_ms: Math.round(median(charts)),
  };
} else results.skipped.push('browser timings: no Chromium at /usr/bin/chromium (apt-get install chromium)');

results.machine.load_average_at_end = loadavg().map((x) => Math.round(x * 100) / 100);
writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

// ---------------------------------------------------------------------------- table
const f2 = (x) => x.toFixed(2);
const lines = [
  `Machine: ${results.machine.cores} cores (${results.machine.cpu}), ${results.machine.memory_gb} GiB, Node ${results.machine.node}; load average ${results.machine.load_average_at_start.join(' / ')} at the start, ${results.machine.load_average_at_end.join(' / ')} at the end; median of ${RUNS} whole-process runs, ours and Python in turn (ratio: median of the pairs).`,
  '',
  '| case | mlops-report | peak RSS | Python | peak RSS | ratio | target |',
  '|---|---:|---:|---:|---:|---:|---|',
];
for (const c of results.cases) {
  const x = c.speedup ?? (c.python ? c.python.seconds / c.ours.seconds : null);
  const ratio = x
    ? x >= 1
      ? `${f2(x)}× faster`
      : `${f2(1 / x)}× slower`
    : c.parts_seconds
      ? `parts: ${f2(c.parts_seconds)} s`
      : '';
  lines.push(
    `| ${c.case} | ${f2(c.ours.seconds)} s | ${Math.round(c.ours.rssMb)} MB | ${c.python ? `${f2(c.python.seconds)} s (${c.python_what})` : '—'} | ${c.python ? `${Math.round(c.python.rssMb)} MB` : '—'} | ${ratio} | ${c.target} |`,
  );
}
lines.push(`| report size (sample, chart.js inlined) | ${Math.round(size / 1024)} KB | | | | | ≤ 300 KB |`);
if (results.browser)
  lines.push(
    `| report in Chromium: first paint / charts drawn | ${results.browser.first_contentful_paint_ms} ms / ${results.browser.charts_drawn_ms} ms | | | | | |`,
  );
for (const s of results.skipped) lines.push('', `Skipped: ${s}`);
console.log(lines.join('\n'));
