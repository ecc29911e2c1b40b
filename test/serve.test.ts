// The live dashboard over real HTTP on an ephemeral port. The page itself (its polling and
// in-place updates) is tested in Chromium: test/browser/serve.test.ts.
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type Io } from '../src/cli.js';
import { sampleProject } from './helpers.js';

interface Running {
  url: string;
  out: () => { stdout: string; stderr: string };
  stop: () => Promise<number>;
}

async function serve(dir: string, args: string[] = []): Promise<Running> {
  let stdout = '';
  let stderr = '';
  let shutdown: (() => void) | null = null;
  const io: Io = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: { SOURCE_DATE_EPOCH: '1768039200' },
    cwd: dir,
    onShutdown: (h) => (shutdown = h),
  };
  const exit = main(['serve', '--port', '0', ...args], io);
  for (let i = 0; i < 500 && !/serving (\S+)/.test(stdout); i++) await new Promise((r) => setTimeout(r, 10));
  const url = /serving (\S+)/.exec(stdout)![1]!;
  return {
    url,
    out: () => ({ stdout, stderr }),
    stop: async () => {
      shutdown!();
      return exit;
    },
  };
}

let running: Running | null = null;
afterEach(async () => {
  if (running) await running.stop();
  running = null;
});

/** Writes `content` and moves the file's time on, so the server sees a change even within a second. */
let tick = 0;
function put(file: string, content: string | Buffer): void {
  writeFileSync(file, content);
  const t = new Date(Date.UTC(2030, 0, 1) + ++tick * 1000);
  utimesSync(file, t, t);
}

const status = async (url: string): Promise<number> => (await fetch(url)).status;

describe('mlops-report serve', () => {
  it('serves the live report and the JSON API', async () => {
    running = await serve(sampleProject());
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    // it follows its inputs by asking /health, not by reloading itself every 30 s
    expect(html).toMatch(/<html lang="en" class="no-js" data-live="[0-9a-f]{16}" data-live-interval="5000">/);
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="30"></noscript>');
    expect(html).toContain('connect-src &#x27;self&#x27;');
    expect(html).not.toContain('data-testid="stale"');
    const model = await (await fetch(`${running.url}/api/model`)).json();
    expect(model).toMatchObject({
      deployed: true,
      model_type: 'RandomForestClassifier',
      n_estimators: 100,
      max_depth: 10,
    });
    expect((await (await fetch(`${running.url}/api/stats`)).json()).total_apps).toBe(9309);
    expect((await (await fetch(`${running.url}/api/comparison`)).json()).decision.value).toBe('promote');
    const health = await fetch(`${running.url}/health`);
    expect(health.status).toBe(200);
    const h = await health.json();
    expect(h).toMatchObject({ status: 'ok', deployed: true, problems: [] });
    expect(html).toContain(`data-live="${h.page}"`);
    expect((await fetch(`${running.url}/nope`)).status).toBe(404);
    expect((await fetch(`${running.url}/api/model`, { method: 'POST' })).status).toBe(405);
  });

  it('collects again only when an input changed (its size or time), not on every request', async () => {
    const dir = sampleProject();
    const file = join(dir, 'models', 'production_metrics.json');
    const then = new Date('2026-01-05T12:00:00Z'); // whole seconds: utimes restores it exactly
    utimesSync(file, then, then);
    running = await serve(dir);
    const url = running.url;
    const accuracy = async () => (await (await fetch(`${url}/api/model`)).json()).metrics.accuracy;
    expect(await accuracy()).toBe(0.793);
    // new content of the same size and time: nothing says it changed, so the cached report answers
    writeFileSync(file, readFileSync(file, 'utf8').replace('"accuracy": 0.793,', '"accuracy": 0.500,'));
    utimesSync(file, then, then);
    expect(await accuracy()).toBe(0.793);
    // a new modification time: collected again
    const later = new Date(then.getTime() + 5000);
    utimesSync(file, later, later);
    expect(await accuracy()).toBe(0.5);
  });

  // each input in turn: which routes it takes down, and what the page and the log say
  const INPUTS = [
    { file: 'models/production_model.pkl', bad: 'not a pickle\n', down: ['/api/model', '/api/comparison'] },
    {
      file: 'models/production_metrics.json',
      bad: '{ broken',
      down: ['/api/model', '/api/stats', '/api/comparison'],
    },
    { file: 'models/candidate_model.pkl', bad: '<html>nope</html>', down: ['/api/comparison'] },
    { file: 'models/candidate_metrics.json', bad: '[1, 2]', down: ['/api/comparison'] },
    { file: 'data/apps.csv', bad: '', down: ['/api/stats'] },
    { file: 'mlops-report.config.json', bad: '{"bogus": 1}', down: ['/api/model', '/api/stats', '/api/comparison'] },
  ];
  const API = ['/api/model', '/api/stats', '/api/comparison'];

  it('fails each route only for its own inputs, keeps the last good page under a banner, and recovers', async () => {
    const dir = sampleProject();
    running = await serve(dir);
    const { url } = running;
    const goodPage = await (await fetch(`${url}/`)).text();
    for (const input of INPUTS) {
      const path = join(dir, input.file);
      // the sample has no config file: breaking it means writing a bad one, fixing it removing it
      const good = existsSync(path) ? readFileSync(path) : null;
      const time = good ? statSync(path).mtime : null;
      put(path, input.bad);
      const statuses = Object.fromEntries(await Promise.all(API.map(async (r) => [r, await status(url + r)])));
      expect([input.file, statuses]).toEqual([
        input.file,
        Object.fromEntries(API.map((r) => [r, input.down.includes(r) ? 503 : 200])),
      ]);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(503);
      const h = await health.json();
      expect(h.status).toBe('error');
      expect(h.problems).toEqual([
        { file: input.file, problem: expect.stringMatching(/\S/), since: '2026-01-10T10:00:00.000Z' },
      ]);
      const down = await (await fetch(`${url}${input.down[0]}`)).json();
      expect(down.error).toContain(`${input.file}: `);
      // the page: the last good report, under "Stale since 10:00 UTC — <file>: <problem>"
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('data-testid="stale"');
      expect(html).toContain(`<li>Stale since 10:00 UTC — ${input.file}: ${escapeHtml(h.problems[0].problem)}</li>`);
      expect(html).toContain('RandomForestClassifier'); // still the report, not an error page

      if (good === null) rmSync(path);
      else {
        writeFileSync(path, good);
        utimesSync(path, time!, time!); // the data's "last update" is its file time
      }
      expect(await Promise.all([...API, '/health'].map((r) => status(url + r)))).toEqual([200, 200, 200, 200]);
      const fixed = await (await fetch(`${url}/`)).text();
      expect(fixed).not.toContain('data-testid="stale"');
      // the same page as before the break (a toBe would print 300 KB on failure)
      expect(fixed === goodPage, `${input.file}: the page after the fix differs from the page before`).toBe(true);
    }
    // every failure and recovery was said, and written to logs/dashboard.log
    const log = readFileSync(join(dir, 'logs', 'dashboard.log'), 'utf8')
      .trim()
      .split('\n');
    expect(
      log.filter((l) => / serve (error|recovered) /.test(l)).map((l) => l.split(' ').slice(1, 4).join(' ')),
    ).toEqual(INPUTS.flatMap((i) => [`serve error ${i.file}:`, `serve recovered ${i.file}`]));
    const { stdout, stderr } = running.out();
    for (const i of INPUTS) {
      expect(stderr).toContain(`mlops-report: ${i.file}: `);
      expect(stdout).toContain(`mlops-report: ${i.file} is readable again`);
    }
  });

  it('starts even when nothing can be read yet, says why, and turns into the report once fixed', async () => {
    const dir = sampleProject();
    const config = join(dir, 'mlops-report.config.json');
    put(config, '{ not json');
    running = await serve(dir);
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('No report could be made yet.');
    expect(html).toContain('Since 10:00 UTC — mlops-report.config.json: not valid JSON');
    expect(html).toMatch(/data-live="[0-9a-f]{16}"/);
    expect(await status(`${running.url}/api/model`)).toBe(503);
    expect(await status(`${running.url}/health`)).toBe(503);
    rmSync(config);
    expect(await status(`${running.url}/health`)).toBe(200);
    expect(await (await fetch(`${running.url}/`)).text()).toContain('RandomForestClassifier');
  });

  it('serves the earlier timestamped reports the history links to, and nothing else from the folder', async () => {
    const dir = sampleProject();
    const r = await main(['generate'], {
      stdout: () => undefined,
      stderr: () => undefined,
      env: { SOURCE_DATE_EPOCH: '1768039200' },
      cwd: dir,
    });
    expect(r).toBe(0);
    running = await serve(dir);
    const html = await (await fetch(`${running.url}/`)).text();
    expect(html).toContain('href="dashboard_report_20260110_100000.html"');
    const earlier = await fetch(`${running.url}/dashboard_report_20260110_100000.html`);
    expect(earlier.status).toBe(200);
    expect(await earlier.text()).toBe(
      readFileSync(join(dir, 'reports', 'dashboard_report_20260110_100000.html'), 'utf8'),
    );
    for (const path of [
      '/dashboard_report_20990101_000000.html', // no such report
      '/dashboard_report.json',
      '/reports/dashboard_report_20260110_100000.html',
      '/..%2Fpackage.json',
      '/%2e%2e/models/production_metrics.json',
      '/dashboard_report_20260110_100000.html%2F..%2F..%2Fmodels',
    ])
      expect([path, await status(`${running.url}${path}`)]).toEqual([path, 404]);
  });

  it('shuts down cleanly on SIGINT/SIGTERM and exits 0', async () => {
    const r = await serve(sampleProject());
    expect(await r.stop()).toBe(0);
    await expect(fetch(`${r.url}/health`)).rejects.toThrow();
  });
});

/** Handlebars' escaping of text, for comparing with the page. */
function escapeHtml(s: string): string {
  const map: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#x27;',
    '`': '&#x60;',
    '=': '&#x3D;',
  };
  return s.replace(/[&<>"'`=]/g, (c) => map[c]!);
}
