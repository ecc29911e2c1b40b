#!/usr/bin/env node
// Screenshots a report in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core): node scripts/screenshot.mjs REPORT.html OUT-PREFIX
// Writes OUT-PREFIX-desktop.png (1280 px), -phone.png (390 px), -dark.png (full pages)
// and OUT-PREFIX-hero.png (the first screen at 1280 px, for the README).
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [report = 'reports/dashboard_report.html', prefix = 'reports/screenshot'] = process.argv.slice(2);
const browser = await chromium.launch({
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
const shots = [
  ['desktop', { width: 1280, height: 900 }, 'light'],
  ['phone', { width: 390, height: 844 }, 'light'],
  ['dark', { width: 1280, height: 900 }, 'dark'],
];
for (const [name, viewport, colorScheme] of shots) {
  const page = await browser.newPage({ viewport, colorScheme, deviceScaleFactor: name === 'phone' ? 2 : 1 });
  await page.goto(pathToFileURL(resolve(report)).href);
  await page.waitForSelector('html[data-charts-ready]');
  await page.screenshot({ path: `${prefix}-${name}.png`, fullPage: true });
  if (name === 'desktop') await page.screenshot({ path: `${prefix}-hero.png`, fullPage: false });
  await page.close();
}
await browser.close();
console.log(`wrote ${prefix}-{desktop,phone,dark,hero}.png`);
