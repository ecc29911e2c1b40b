/**
 * The files the renderer inlines: templates, partials, CSS, the client script and chart.js.
 * This is the only module of render/ that touches the file system.
 */
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertInlineSafe } from './embed.js';

export interface Assets {
  readonly template: string;
  /** serve's page before any report could be made. */
  readonly unavailable: string;
  readonly partials: Readonly<Record<string, string>>;
  readonly css: string;
  readonly clientJs: string;
  readonly chartJs: string;
}

/** templates/ and assets/ sit beside dist/ and src/ in the package. */
const TEMPLATES = fileURLToPath(new URL('../../../templates/', import.meta.url));
const CHART_BUNDLE = fileURLToPath(new URL('../../../assets/chart.min.js', import.meta.url));

/**
 * Chart.js as the report needs it: assets/chart.min.js, bundled at build time with only
 * the bar and line charts (npm run build:chart; 170 KB instead of 210 KB). When it has
 * not been built, the package's full minified UMD build (its exports map hides dist/, so
 * resolve the entry and read the file beside it). A sourceMappingURL would point nowhere.
 */
async function readChartJs(): Promise<string> {
  const code = await readFile(CHART_BUNDLE, 'utf8').catch(async () => {
    const entry = createRequire(import.meta.url).resolve('chart.js');
    return readFile(join(dirname(entry), 'chart.umd.min.js'), 'utf8');
  });
  return assertInlineSafe(code.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, ''), 'chart.min.js');
}

/**
 * The stylesheet without its comments and extra whitespace: about 4 KB off every report.
 * Safe for ours (no strings or url() that hold these characters); report.css stays readable.
 */
export function minifyCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

/** A template without its indentation: indented for reading, and 4 KB lighter in the report. */
const unindent = (template: string): string => template.replace(/^[ \t]+/gm, '');

/** Reads every asset once. */
export async function loadAssets(): Promise<Assets> {
  const partialDir = join(TEMPLATES, 'partials');
  const names = (await readdir(partialDir)).filter((f) => f.endsWith('.hbs')).sort();
  const [template, unavailable, css, clientJs, chartJs, ...bodies] = await Promise.all([
    readFile(join(TEMPLATES, 'report.hbs'), 'utf8'),
    readFile(join(TEMPLATES, 'unavailable.hbs'), 'utf8'),
    readFile(join(TEMPLATES, 'report.css'), 'utf8'),
    readFile(join(TEMPLATES, 'report.client.js'), 'utf8'),
    readChartJs(),
    ...names.map((n) => readFile(join(partialDir, n), 'utf8')),
  ]);
  return {
    template: unindent(template!),
    unavailable: unindent(unavailable!),
    partials: Object.fromEntries(names.map((n, i) => [basename(n, '.hbs'), unindent(bodies[i]!)])),
    css: minifyCss(css!),
    clientJs: assertInlineSafe(clientJs!, 'report.client.js'),
    chartJs: chartJs!,
  };
}
