#!/usr/bin/env node
// The README's screenshots of the bundled sample, in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core): node scripts/screenshot.mjs [OUT-DIR]
// (npm run screenshots; run npm run build first). Writes to OUT-DIR (default docs/):
//   desktop.png  the first screen at 1280 × 800      phone.png   the first screen at 390 × 844
//   dark.png     the first screen in dark mode       french.png  the first screen with --lang fr
//   classes.png  the per-class section               print-N.png each printed A4 page (page.pdf,
//                                                    then pdftoppm from poppler-utils)
// The reports are generated into a temporary folder with a fixed SOURCE_DATE_EPOCH, so the
// images change only when the report does; Pillow, when installed, makes the files smaller.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = resolve(process.argv[2] ?? 'docs');
const work = mkdtempSync(join(tmpdir(), 'mlops-shots-'));
const env = { ...process.env, SOURCE_DATE_EPOCH: '1768039200', NO_COLOR: '1' };
const generate = (lang) => {
  const dir = join(work, lang);
  execFileSync(process.execPath, ['dist/bin.js', 'generate', '--quiet', '--lang', lang, '--out', dir], { env });
  return pathToFileURL(join(dir, 'dashboard_report.html')).href;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});
try {
  mkdirSync(out, { recursive: true });
  const en = generate('en');
  const fr = generate('fr');
  const shot = async (url, name, viewport, { colorScheme = 'light', scale = 1, selector = null } = {}) => {
    const page = await browser.newPage({ viewport, colorScheme, deviceScaleFactor: scale });
    await page.goto(url);
    await page.waitForSelector('html[data-charts-ready]');
    const path = join(out, `${name}.png`);
    if (selector) await page.locator(selector).screenshot({ path });
    else await page.screenshot({ path });
    await page.close();
  };
  await shot(en, 'desktop', { width: 1280, height: 800 });
  await shot(en, 'phone', { width: 390, height: 844 }, { scale: 2 });
  await shot(en, 'dark', { width: 1280, height: 800 }, { colorScheme: 'dark' });
  await shot(fr, 'french', { width: 1280, height: 800 });
  await shot(en, 'classes', { width: 1280, height: 800 }, { selector: '#classes' });

  // paper: Chromium's own print to PDF, then each page as an image
  const page = await browser.newPage();
  await page.goto(en);
  await page.waitForSelector('html[data-charts-ready]');
  const pdf = join(work, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  await page.close();
  for (const f of readdirSync(out).filter((f) => /^print-\d+\.png$/.test(f))) rmSync(join(out, f));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(work, 'print')]);
  for (const f of readdirSync(work).filter((f) => /^print-\d+\.png$/.test(f)))
    renameSync(join(work, f), join(out, f.replace(/^print-0*(\d+)\.png$/, 'print-$1.png')));
  // smaller files for the repository: 128 colours, when Python's Pillow is there (optional)
  const pngs = readdirSync(out)
    .filter((f) => f.endsWith('.png'))
    .map((f) => join(out, f));
  const quantize = `import sys\nfrom PIL import Image\nfor f in sys.argv[1:]:\n    Image.open(f).convert('RGB').quantize(128, dither=Image.Dither.NONE).save(f, optimize=True)`;
  try {
    execFileSync(process.env.PYTHON ?? '/usr/bin/python3', ['-c', quantize, ...pngs], { stdio: 'ignore' });
  } catch {
    console.log('(Pillow not found: the images stay full colour)');
  }
  console.log(
    `wrote ${readdirSync(out)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .join(', ')} in ${out}`,
  );
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
