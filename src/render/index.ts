/**
 * render(report, assets, { lang }) → one self-contained HTML string. Pure: no file system,
 * no clock; the same ReportData and language always give the same bytes.
 */
import type { Lang, ReportData } from '../report-data.js';
import type { Assets } from './html/assets.js';
import { buildCharts } from './html/charts.js';
import { scriptHash, toScriptJson } from './html/embed.js';
import { pageTemplate } from './html/template.js';
import { buildView } from './html/views/index.js';

export type { Assets } from './html/assets.js';
export { loadAssets } from './html/assets.js';

/**
 * The page's Content-Security-Policy: nothing may load from anywhere, and only the two
 * inline scripts we wrote (by hash) may run, so an injected <script> would not.
 */
export function contentSecurityPolicy(assets: Assets): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHash(assets.chartJs)} ${scriptHash(assets.clientJs)}`,
    "style-src 'unsafe-inline'", // Chart.js sizes canvases with style attributes
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface RenderOptions {
  /** The report's language: every word, number and date. */
  readonly lang: Lang;
  /** Served by `mlops-report serve`: reload every 30 s and offer a refresh button. */
  readonly live?: boolean;
}

/** Renders the report. */
export function render(report: ReportData, assets: Assets, options: RenderOptions): string {
  return pageTemplate(assets)({
    ...buildView(report, options.lang),
    live: options.live === true,
    csp: contentSecurityPolicy(assets),
    // the only triple-stash values: our own CSS and scripts, and the escaped data block
    css: assets.css,
    chartJs: assets.chartJs,
    clientJs: assets.clientJs,
    dataJson: toScriptJson({ report, charts: buildCharts(report, options.lang) }),
  });
}
