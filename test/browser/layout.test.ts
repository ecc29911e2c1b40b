// The report on every screen and on paper, in Chromium: what the first viewport holds,
// tables on a phone, nothing clipped in print, one meaning per colour with a legend, and a
// French page with no English left in it.
import { chromium, type Browser, type Page } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect } from '../../src/collect/index.js';
import { loadConfig } from '../../src/config/load.js';
import { loadAssets, render } from '../../src/render/index.js';
import { FIXED_NOW, sampleProject } from '../helpers.js';

let browser: Browser;
let english: string;
let french: string;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  const dir = sampleProject();
  const report = await collect(await loadConfig({}, dir), FIXED_NOW);
  const assets = await loadAssets();
  english = join(dir, 'en.html');
  french = join(dir, 'fr.html');
  writeFileSync(english, render(report, assets, { lang: 'en' }));
  writeFileSync(french, render(report, assets, { lang: 'fr' }));
});

afterAll(async () => {
  await browser?.close();
});

async function open(file: string, width: number, height: number, colorScheme: 'light' | 'dark' = 'light') {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('html[data-charts-ready]');
  return page;
}

/** The element's box, relative to the first viewport (the page unscrolled). */
const box = (page: Page, selector: string) =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, left: r.left, right: r.right };
  });

describe('the first screen', () => {
  it.each([
    [1280, 800],
    [390, 844],
  ])('holds the verdict and both scores at %i × %i, the scores with their levels', async (width, height) => {
    const page = await open(english, width, height);
    for (const id of ['verdict', 'kpi-production', 'kpi-candidate']) {
      const b = await box(page, `[data-testid="${id}"]`);
      expect([id, b.top >= 0 && b.bottom <= height && b.right <= width]).toEqual([id, true]);
    }
    expect(await page.textContent('[data-testid="kpi-production"]')).toMatch(/80\.2\/100\s*● Good/);
    expect(await page.textContent('[data-testid="kpi-candidate"]')).toMatch(/85\.3\/100\s*✔ Excellent/);
    // the verdict comes first: nothing but the header above it
    const verdict = await box(page, '[data-testid="verdict"]');
    const header = await box(page, 'header');
    expect(verdict.top - header.bottom).toBeLessThan(40);
    if (width === 1280) {
      // on a desktop the weakest metric and the worst class are on the first screen too
      for (const id of ['kpi-weakest', 'kpi-worst', 'legend'])
        expect((await box(page, `[data-testid="${id}"]`)).bottom).toBeLessThanOrEqual(height);
    }
    await page.close();
  });
});

describe('colour', () => {
  it('has a legend for every colour, and the model colours in it are the charts’ colours', async () => {
    const page = await open(english, 1280, 800);
    const legend = page.locator('[data-testid="legend"]');
    expect(await legend.isVisible()).toBe(true);
    expect((await legend.textContent())!.replace(/\s+/g, ' ')).toContain(
      'Colours: Production Candidate ✔ excellent (≥ 85%), better or fine ● good (≥ 75%) or worth a look ▲ to improve (below 75%), worse or to act on',
    );
    const swatches = await page.$$eval('[data-testid="legend"] .swatch', (ss) =>
      ss.map((s) => getComputedStyle(s).backgroundColor),
    );
    const charts = await page.$eval(
      '#report-data',
      (s) =>
        (JSON.parse(s.textContent!) as { charts: { metrics: { data: { datasets: { backgroundColor: string }[] } } } })
          .charts.metrics.data.datasets,
    );
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(swatches).toEqual(charts.map((d) => rgb(d.backgroundColor)));
    await page.close();
  });

  it('shades the dark-mode heatmap so the fewest apps are the quietest cells', async () => {
    const page = await open(english, 1280, 800, 'dark');
    await page.$$eval('details.confusion', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    // luminance of each step's background: it must rise with the count, from near the page's own
    const steps = await page.$$eval('.heatmap td[class^="h"]', (tds) => {
      const lum = (c: string) => {
        const [r, g, b] = c.match(/\d+/g)!.map(Number) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const by: Record<string, number> = {};
      for (const td of tds) by[td.className.split(' ')[0]!] = lum(getComputedStyle(td).backgroundColor);
      return Object.entries(by)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, l]) => l);
    });
    expect(steps.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!).toBeGreaterThan(steps[i - 1]!);
    const page_ = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(page_).toBe('rgb(11, 17, 32)');
    expect(steps[0]!).toBeLessThan(40); // h1: barely lighter than the page
    await page.close();
  });
});

describe('on a phone (390 px)', () => {
  it('stacks the comparison and per-class tables into cards that fit the width', async () => {
    const page = await open(english, 390, 844);
    await page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    for (const id of ['comparison-table', 'per-class', 'per-class-rest']) {
      const fit = await page.$eval(`[data-testid="${id}"]`, (t) => ({
        right: t.getBoundingClientRect().right,
        scroll: t.scrollWidth - t.clientWidth,
        display: getComputedStyle(t.querySelector('tbody tr')!).display,
      }));
      expect([id, fit.right <= 390, fit.scroll <= 1, fit.display]).toEqual([id, true, true, 'grid']);
    }
    // each value says which column it is, and labels are never cut at the start
    const first = await page.$eval('[data-testid="per-class"] tbody tr', (tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => getComputedStyle(td, '::before').content),
    );
    expect(first.slice(0, 4)).toEqual(['"Apps"', '"F1 production"', '"F1 candidate"', '"Change"']);
    await page.close();
  });

  it('gives every other table wider than the screen a visible scroll cue', async () => {
    const page = await open(english, 390, 844);
    await page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    const wide = await page.$$eval('table', (ts) =>
      ts
        .filter((t) => t.getBoundingClientRect().width > document.documentElement.clientWidth)
        .map((t) => {
          const box = t.closest('.scroll');
          return {
            table: t.getAttribute('data-testid') ?? t.className,
            cue: box ? getComputedStyle(box, '::before').content : 'none',
            visible: box ? box.getBoundingClientRect().right <= document.documentElement.clientWidth : false,
          };
        }),
    );
    expect(wide.length).toBeGreaterThan(0); // the 33 × 33 matrices at least
    for (const w of wide)
      expect(w).toEqual({ table: w.table, cue: '"Scroll sideways for more columns →"', visible: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('breaks identifiers only after "_"', async () => {
    const page = await open(english, 390, 844);
    // every line of a wrapped parameter name ends with "_" (or is its last piece)
    const lines = await page.$$eval('[data-testid="params"] td:first-child', (tds) =>
      tds.flatMap((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        const rects = Array.from(range.getClientRects());
        const tops = [...new Set(rects.map((r) => Math.round(r.top)))];
        return tops.length > 1 ? [td.textContent!] : [];
      }),
    );
    for (const name of lines) expect(name).toContain('_');
    const wbr = await page.$eval('[data-testid="params"] tbody', (t) => t.innerHTML);
    expect(wbr).toContain('min_<wbr>samples_<wbr>leaf');
    await page.close();
  });
});

describe('on paper', () => {
  it('clips nothing: every table whole, every details block open, no scroll box', async () => {
    // A4 at 96 dpi less Chromium's default margins: the width the content gets when printed
    const page = await open(english, 718, 1000);
    await page.emulateMedia({ media: 'print' });
    const clipped = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *')).flatMap((e) => {
        const s = getComputedStyle(e);
        // .sr-only is clipped on purpose: read aloud, never shown
        if (s.display === 'none' || e.closest('.sr-only')) return [];
        const scrolls = [s.overflowX, s.overflowY].some((o) => o !== 'visible');
        const tooWide = e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0;
        const tooTall = e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0;
        return scrolls && (tooWide || tooTall) ? [`${e.tagName}.${e.className}`] : [];
      }),
    );
    expect(clipped).toEqual([]);
    // nothing wider than the paper
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(718);
    // the closed details blocks print open: their tables take room on the page
    const hidden = await page.$$eval('details table', (ts) =>
      ts.filter((t) => t.getBoundingClientRect().height === 0).map((t) => t.className),
    );
    expect(hidden).toEqual([]);
    // each section starts a page
    const breaks = await page.$$eval('main section.card', (ss) => ss.map((s) => getComputedStyle(s).breakBefore));
    expect(breaks.slice(1).every((b) => b === 'page')).toBe(true);
    await page.close();
  });
});

describe('in French', () => {
  // words that would only be there if an English label leaked; the data's own names
  // (class and feature names) are upper case or snake_case and never match, and names the
  // page marks translate="no" (paths, column names) are left out
  const ENGLISH =
    /\b(Accuracy|Winner|Change|Candidate|Apps?|Category|Training|History|Deployed|Generated|Regressed|Better|Same|Never|predicted|Worst|Weakest|Colours|Missing|Duplicate|Trees|Fitted|Details|Parameter|Value|Feature|Safe|Why|Share|Stable|Status|Support|True class|Retraining|Threshold|update|Earlier|Scroll|the|and|of|with|against|below|above|Good|Excellent|To improve|Warnings?|Hyperparameters|Metrics?|Per class|None to compare)\b/;

  it('shows no English label in its text, its title or its charts', async () => {
    const page = await open(french, 1280, 800);
    await page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    // names from the data (a path, a column) are marked translate="no": they are not labels
    const text = await page.evaluate(() => {
      document.querySelectorAll('[translate="no"]').forEach((e) => e.remove());
      return document.body.innerText;
    });
    const leaks = text.split('\n').filter((line) => ENGLISH.test(line));
    expect(leaks).toEqual([]);
    expect(await page.title()).toBe('Tableau de bord MLOps');
    const charts = await page.$eval('#report-data', (s) => JSON.stringify(JSON.parse(s.textContent!).charts));
    expect(charts).toContain('"locale":"fr-FR"');
    const words = [...charts.matchAll(/"(?:label|text)":"([^"]*)"/g)].map((m) => m[1]!);
    expect(words.filter((w) => ENGLISH.test(w))).toEqual([]);
    await page.close();
  });

  it('writes numbers the French way', async () => {
    const page = await open(french, 1280, 800);
    expect(await page.textContent('[data-testid="kpi-candidate"]')).toContain('+5,1 pts');
    expect(await page.textContent('[data-testid="comparison-table"]')).toContain('+0,6 pt');
    expect(await page.textContent('[data-testid="data"]')).toContain('9\u202f309');
    await page.close();
  });
});
