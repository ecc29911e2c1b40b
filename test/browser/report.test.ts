// The report in a real browser: Debian's Chromium driven by playwright-core, the file
// opened from file:// as a user would double-click it.
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { collect } from '../../src/collect/index.js';
import { loadAssets, render } from '../../src/render/index.js';
import { FIXED_NOW, REPO, repoWithHistory, sampleProject, tempProject } from '../helpers.js';
import { readFileSync } from 'node:fs';
import { cpSync } from 'node:fs';

const SHOTS = join(REPO, 'test', 'browser', 'screenshots');
const XSS = '</script><img src=x onerror=alert(1)>';
let browser: Browser;
let reportFile: string;
let hostileFile: string;
let frenchFile: string;
let historyFile: string;
let foundFile: string;
const AXE = readFileSync(join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const dir = sampleProject();
  const report = await collect(await loadConfig({}, dir), FIXED_NOW);
  const assets = await loadAssets();
  reportFile = join(dir, 'report.html');
  writeFileSync(reportFile, render(report, assets, { lang: 'en' }));
  hostileFile = join(dir, 'hostile.html');
  writeFileSync(
    hostileFile,
    render(
      {
        ...report,
        title: XSS,
        model: { ...report.model, model_type: XSS },
        warnings: [{ code: 'no_data', values: { file: XSS } }],
      },
      assets,
      { lang: 'en' },
    ),
  );
  frenchFile = join(dir, 'fr.html');
  // the same data, worded in French: ReportData carries no language
  writeFileSync(frenchFile, render(report, assets, { lang: 'fr' }));
  // a repository whose production metrics were committed three times, with the sample's other files
  const repo = repoWithHistory();
  for (const f of ['production_model.pkl', 'candidate_model.pkl', 'candidate_metrics.json'])
    cpSync(join(dir, 'models', f), join(repo, 'models', f));
  historyFile = join(repo, 'history.html');
  writeFileSync(
    historyFile,
    render(await collect(await loadConfig({ data: join(dir, 'data', 'apps.csv') }, repo), FIXED_NOW), assets, {
      lang: 'en',
    }),
  );
  // a regression repository with no configuration: found inputs, a missing MAE (n/a), R² on the chart
  const found = tempProject();
  mkdirSync(join(found, 'models'));
  mkdirSync(join(found, 'reports'));
  cpSync(join(REPO, 'test', 'fixtures', 'models', 'linreg__pickle_p4.pkl'), join(found, 'models', 'model.pkl'));
  writeFileSync(join(found, 'reports', 'metrics.json'), '{"test": {"r2": 0.91, "rmse": 12.5}, "train": {"r2": 0.99}}');
  writeFileSync(join(found, 'train.csv'), 'id,r0,r1,r2,r3,price\n1,0.1,0.2,0.3,0.4,250\n2,0.5,0.6,0.7,0.8,310\n');
  writeFileSync(join(found, 'raw.csv.dvc'), 'outs:\n- md5: 0123456789abcdef0123456789abcdef\n  path: raw.csv\n');
  foundFile = join(found, 'found.html');
  writeFileSync(foundFile, render(await collect(await loadConfig({}, found), FIXED_NOW), assets, { lang: 'en' }));
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

/** Opens a file, recording console errors, page errors, dialogs and every request. */
async function open(file: string, viewport = { width: 1280, height: 900 }, colorScheme: 'light' | 'dark' = 'light') {
  const page: Page = await browser.newPage({ viewport, colorScheme });
  const errors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-charts-ready]', { timeout: 10_000 });
  return { page, errors, requests, dialogs };
}

describe('the report in Chromium', () => {
  it('loads with no console error, makes no request but the file, and draws every chart', async () => {
    const { page, errors, requests } = await open(reportFile);
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(reportFile).href]);
    const canvases = await page.$$eval('canvas[data-chart]', (cs) =>
      cs.map((c) => {
        const canvas = c as HTMLCanvasElement;
        const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
        return { chart: canvas.dataset.chart, drawn: canvas.dataset.drawn, painted };
      }),
    );
    expect(canvases.map((c) => c.chart).sort()).toEqual(['categories', 'importances', 'metrics']); // one deployment: no trend chart
    for (const c of canvases) {
      expect(c.drawn).toBe('true');
      expect(c.painted).toBeGreaterThan(1000);
    }
    const parsed = await page.$eval(
      '#report-data',
      (s) => (JSON.parse(s.textContent!) as { report: { schema_version: number } }).report.schema_version,
    );
    expect(parsed).toBe(4);
    await page.screenshot({ path: join(SHOTS, 'desktop.png'), fullPage: true });
    await page.close();
  });

  it('shows every section and the numbers without JavaScript', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(pathToFileURL(reportFile).href);
    for (const id of [
      'verdict',
      'kpis',
      'legend',
      'model',
      'metrics',
      'data',
      'comparison',
      'decision',
      'rules',
      'classes',
      'history',
    ]) {
      expect(await page.isVisible(`[data-testid="${id}"]`)).toBe(true);
    }
    expect(await page.textContent('[data-metric="accuracy"]')).toContain('79.3%');
    expect(await page.textContent('[data-testid="kpis"]')).toContain('85.3/100');
    expect(await page.textContent('[data-testid="data"]')).toContain('9,309');
    await page.close();
  });

  it.each([
    [1280, 800, 'first-screen-desktop'],
    [390, 844, 'first-screen-phone'],
  ])('shows the verdict and both scores on the first screen at %i×%i', async (width, height, shot) => {
    const { page, errors } = await open(reportFile, { width, height });
    expect(errors).toEqual([]);
    for (const id of ['verdict-sentence', 'verdict-production-score', 'verdict-candidate-score', 'verdict']) {
      const box = await page.locator(`[data-testid="${id}"]`).boundingBox();
      expect(box, id).not.toBeNull();
      expect([box!.x >= 0, box!.y >= 0, box!.x + box!.width <= width, box!.y + box!.height <= height], id).toEqual([
        true,
        true,
        true,
        true,
      ]);
    }
    expect(await page.textContent('[data-testid="verdict-sentence"]')).toContain(
      'Deploy the candidate: +5.1 points, but its accuracy gain (+0.6 points) is within noise',
    );
    expect(await page.textContent('[data-testid="verdict-production-score"]')).toBe('Production 80.2/100');
    expect(await page.textContent('[data-testid="verdict-candidate-score"]')).toBe('Candidate 85.3/100');
    await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: false });
    await page.close();
  });

  it.each([390, 360])('holds its layout at %i px: nothing wider than the screen', async (width) => {
    const { page, errors } = await open(reportFile, { width, height: 844 });
    expect(errors).toEqual([]);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    if (width === 390) await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: true });
    await page.close();
  });

  it.each([
    ['light', 'sample'],
    ['dark', 'sample'],
    ['light', 'found'],
  ] as const)('passes an axe-core scan with no serious or critical violation (%s, %s)', async (scheme, which) => {
    // bypassCSP: the report's CSP rightly refuses the injected axe script
    const page = await browser.newPage({
      bypassCSP: true,
      colorScheme: scheme,
      viewport: { width: 1280, height: 900 },
    });
    await page.goto(pathToFileURL(which === 'sample' ? reportFile : foundFile).href);
    await page.waitForSelector('html[data-charts-ready]');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const r = await (
        window as unknown as {
          axe: { run: (d: Document) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
        }
      ).axe.run(document);
      return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await page.close();
  });

  it('can be read with the keyboard alone: every scrolling table takes focus', async () => {
    const { page } = await open(reportFile);
    const unreachable = await page.$$eval(
      '.scroll',
      (els) => els.filter((e) => e.getAttribute('tabindex') !== '0').length,
    );
    expect(unreachable).toBe(0);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the report');
    await page.close();
  });

  it('renders in French with French labels and number formats', async () => {
    const { page, errors } = await open(frenchFile);
    expect(errors).toEqual([]);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.title()).toBe('Tableau de bord MLOps');
    expect(await page.textContent('#metrics-title')).toBe('Métriques de performance');
    expect(await page.textContent('[data-metric="accuracy"]')).toContain('79,3');
    expect(await page.textContent('[data-testid="verdict-sentence"]')).toContain('Déployer le candidat : +5,1 points');
    await page.screenshot({ path: join(SHOTS, 'french.png'), fullPage: false });
    await page.close();
  });

  it('draws the history trend from three commits of the production metrics', async () => {
    const { page, errors } = await open(historyFile);
    expect(errors).toEqual([]);
    const drawn = await page.getAttribute('canvas[data-chart="history"]', 'data-drawn');
    expect(drawn).toBe('true');
    const rows = await page.$$eval('[data-testid="history-table"] tbody tr', (trs) =>
      trs.map((tr) => tr.children[2]!.textContent),
    );
    expect(rows).toEqual(['80', '75', '70']);
    await page.locator('[data-testid="history"]').screenshot({ path: join(SHOTS, 'history.png') });
    await page.close();
  });

  it('a found regression model: the Inputs block, R² on the chart, n/a for the missing MAE, nothing too wide', async () => {
    const { page, errors } = await open(foundFile, { width: 390, height: 844 });
    expect(errors).toEqual([]);
    const inputs = await page.textContent('[data-testid="inputs"]');
    expect(inputs).toContain('models/model.pkl');
    expect(inputs).toContain('the only model file');
    expect(inputs).toContain('Task: regression (the model is a LinearRegression).');
    expect(inputs).toContain('evaluation split: test');
    expect(await page.textContent('[data-metric="mae"]')).toContain('n/a');
    expect(await page.textContent('[data-metric="r2"]')).toContain('0.91');
    expect(await page.getAttribute('canvas[data-chart="metrics"]', 'data-drawn')).toBe('true');
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.locator('[data-testid="inputs"]').screenshot({ path: join(SHOTS, 'inputs.png') });
    await page.close();
  });

  it('follows dark mode', async () => {
    const { page } = await open(reportFile, { width: 1280, height: 900 }, 'dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(11, 17, 32)');
    await page.screenshot({ path: join(SHOTS, 'dark.png'), fullPage: true });
    await page.close();
  });

  it('keeps hostile input inert: no injected element, no script run', async () => {
    const { page, errors, dialogs } = await open(hostileFile);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.$$('img')).toHaveLength(0);
    expect(await page.textContent('h1')).toBe(XSS);
    await page.close();
  });
});
