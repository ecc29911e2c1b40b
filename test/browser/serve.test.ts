// The live dashboard in Chromium: the page served by `mlops-report serve` follows its
// inputs. Each input is broken and fixed in turn; the page must show the stale banner and
// recover by itself, with what the reader opened still open and the same content in view.
// Time is Playwright's fake clock: the page's 5 s polls run when the test says so.
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli.js';
import { sampleProject } from '../helpers.js';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
});
afterAll(async () => {
  await browser?.close();
});

async function serve(dir: string): Promise<{ url: string; stop: () => Promise<number> }> {
  let stdout = '';
  let shutdown: (() => void) | null = null;
  const io: Io = {
    stdout: (t) => (stdout += t),
    stderr: () => undefined,
    env: { SOURCE_DATE_EPOCH: '1768039200' },
    cwd: dir,
    onShutdown: (h) => (shutdown = h),
  };
  const exit = main(['serve', '--port', '0'], io);
  for (let i = 0; i < 500 && !/serving (\S+)/.test(stdout); i++) await new Promise((r) => setTimeout(r, 10));
  return { url: /serving (\S+)/.exec(stdout)![1]!, stop: () => (shutdown!(), exit) };
}

let tick = 0;
/** New content with a new file time, so the server sees the change within the same second. */
function put(file: string, content: string | Buffer): void {
  writeFileSync(file, content);
  const t = new Date(Date.UTC(2030, 0, 1) + ++tick * 1000);
  utimesSync(file, t, t);
}

/** Runs the page's next poll and waits for the update it brings. */
async function nextUpdate(page: Page): Promise<void> {
  const before = Number((await page.getAttribute('html', 'data-live-updated')) ?? 0);
  await page.clock.runFor(5000);
  await page.waitForFunction(
    (n) => Number(document.documentElement.getAttribute('data-live-updated') ?? 0) > n,
    before,
    { polling: 50, timeout: 15_000 },
  );
}

/** Where the data section sits in the window: the reader's place. */
const dataTop = (page: Page) => page.$eval('#data', (e) => Math.round(e.getBoundingClientRect().top));
const openDetails = (page: Page) =>
  page.$$eval('details', (ds) => ds.map((d, i) => (d.open ? i : -1)).filter((i) => i >= 0));

const INPUTS = [
  { file: 'models/production_model.pkl', bad: 'not a pickle\n' },
  { file: 'models/production_metrics.json', bad: '{ broken' },
  { file: 'models/candidate_model.pkl', bad: '<html>nope</html>' },
  { file: 'models/candidate_metrics.json', bad: '[1, 2]' },
  { file: 'data/apps.csv', bad: '' },
  { file: 'mlops-report.config.json', bad: '{"bogus": 1}' },
];

describe('mlops-report serve in Chromium', () => {
  it('updates in place, shows "stale since" while an input is broken, and recovers by itself', async () => {
    const dir = sampleProject();
    const server = await serve(dir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // /health answering 503 is the design while an input is broken; Chromium logs each one
    page.on('console', (m) => m.type() === 'error' && !/status of 503/.test(m.text()) && errors.push(m.text()));
    try {
      await page.clock.install();
      await page.goto(`${server.url}/`);
      await page.waitForSelector('html[data-charts-ready]');
      // the reader opens two sections and reads the data section
      await page.$$eval('details', (ds) => {
        ds[0]!.open = true;
        ds[ds.length - 1]!.open = true;
      });
      const opened = await openDetails(page);
      expect(opened.length).toBeGreaterThanOrEqual(2);
      await page.$eval('#data', (e) => e.scrollIntoView());
      const top = await dataTop(page);

      // new metrics: the sections that show them change in place, the rest stays
      const metrics = join(dir, 'models', 'production_metrics.json');
      const original = readFileSync(metrics);
      const originalTime = statSync(metrics).mtime;
      put(metrics, original.toString().replace('"accuracy": 0.793,', '"accuracy": 0.612,'));
      await nextUpdate(page);
      expect(await page.textContent('[data-metric="accuracy"]')).toContain('61.2%');
      expect(await openDetails(page)).toEqual(opened);
      expect(Math.abs((await dataTop(page)) - top)).toBeLessThanOrEqual(1);
      writeFileSync(metrics, original);
      utimesSync(metrics, originalTime, originalTime);
      await nextUpdate(page);
      expect(await page.textContent('[data-metric="accuracy"]')).toContain('79.3%');

      for (const input of INPUTS) {
        const path = join(dir, input.file);
        const good = existsSync(path) ? readFileSync(path) : null;
        const time = good ? statSync(path).mtime : null;
        put(path, input.bad);
        await nextUpdate(page);
        const banner = page.locator('[data-testid="stale"]');
        expect(await banner.isVisible()).toBe(true);
        expect(await banner.textContent()).toContain(`Stale since 10:00 UTC — ${input.file}: `);
        // the last good report is still there, and the reader's place and open sections with it
        expect(await page.textContent('[data-metric="accuracy"]')).toContain('79.3%');
        expect(await openDetails(page)).toEqual(opened);
        expect([input.file, Math.abs((await dataTop(page)) - top) <= 1]).toEqual([input.file, true]);
        expect((await fetch(`${server.url}/health`)).status).toBe(503);

        if (good === null) rmSync(path);
        else {
          writeFileSync(path, good);
          utimesSync(path, time!, time!);
        }
        await nextUpdate(page);
        expect(await page.locator('[data-testid="stale"]').count()).toBe(0);
        expect(await openDetails(page)).toEqual(opened);
        expect([input.file, Math.abs((await dataTop(page)) - top) <= 1]).toEqual([input.file, true]);
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        for (const route of ['/api/model', '/api/stats', '/api/comparison'])
          expect((await fetch(server.url + route)).status).toBe(200);
      }
      // every chart still drawn after all those updates, and never an error in the page
      const drawn = await page.$$eval('canvas[data-chart]', (cs) => cs.map((c) => c.getAttribute('data-drawn')));
      expect(drawn.every((d) => d === 'true')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await server.stop();
    }
  });

  it('says when the server stops answering', async () => {
    const dir = sampleProject();
    const server = await serve(dir);
    const page = await browser.newPage();
    try {
      await page.clock.install();
      await page.goto(`${server.url}/`);
      await page.waitForSelector('html[data-charts-ready]');
      await server.stop();
      await page.clock.runFor(5000);
      await page.waitForSelector('[data-testid="offline"]', { timeout: 15_000 });
      expect(await page.textContent('[data-testid="offline"]')).toContain('does not answer');
    } finally {
      await page.close();
    }
  });
});
