/**
 * render(report, assets, { lang }) → one self-contained HTML string. Pure: no file system,
 * no clock; the same ReportData and language always give the same bytes.
 */
import type { Lang, ReportData } from '../report-data.js';
import type { Assets } from './html/assets.js';
import { buildCharts } from './html/charts.js';
import { scriptHash, toScriptJson } from './html/embed.js';
import { pageTemplate, unavailableTemplate } from './html/template.js';
import { buildView } from './html/views/index.js';
import { liveView } from './html/views/live.js';
import { translate } from './i18n/index.js';

export type { Assets } from './html/assets.js';
export { loadAssets } from './html/assets.js';

/**
 * The page's Content-Security-Policy: nothing may load from anywhere, and only the two
 * inline scripts we wrote (by hash) may run, so an injected <script> would not. Served live,
 * the page may also ask its own server what changed (connect-src 'self'), nothing else.
 */
export function contentSecurityPolicy(assets: Assets, live = false): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHash(assets.chartJs)} ${scriptHash(assets.clientJs)}`,
    "style-src 'unsafe-inline'", // Chart.js sizes canvases with style attributes
    'img-src data:',
    ...(live ? ["connect-src 'self'"] : []),
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** An input `serve` could not read, and since when. */
export interface LiveProblem {
  readonly file: string;
  readonly problem: string;
  /** ISO time the problem was first seen. */
  readonly since: string;
}

/** What `serve` adds to the page it serves. */
export interface LiveState {
  /** Names what the page shows; /health answers it, and the page updates itself when it changes. */
  readonly key: string;
  /** How often the page asks /health, in milliseconds. */
  readonly interval_ms: number;
  /** Inputs broken now; empty when all is well. */
  readonly problems: readonly LiveProblem[];
  /** True when the report shown is the last good one, older than the problems. */
  readonly stale: boolean;
}

export interface RenderOptions {
  /** The report's language: every word, number and date. */
  readonly lang: Lang;
  /** Served by `mlops-report serve`: the page follows its inputs and says when they break. */
  readonly live?: LiveState;
}

const scripts = (assets: Assets) => ({
  // the only triple-stash values: our own CSS and scripts, and the escaped data block
  css: assets.css,
  chartJs: assets.chartJs,
  clientJs: assets.clientJs,
});

/** Renders the report. */
export function render(report: ReportData, assets: Assets, options: RenderOptions): string {
  const live = options.live ?? null;
  return pageTemplate(assets)({
    ...buildView(report, options.lang),
    live: live && liveView(live, options.lang),
    csp: contentSecurityPolicy(assets, live !== null),
    ...scripts(assets),
    dataJson: toScriptJson({ report, charts: buildCharts(report, options.lang) }),
  });
}

/** serve's page before any report could be made (the config or the models folder is broken): the problems, and a page that recovers by itself. */
export function renderUnavailable(assets: Assets, options: RenderOptions & { readonly live: LiveState }): string {
  return unavailableTemplate(assets)({
    lang: options.lang,
    title: translate(options.lang, 'report.title'),
    live: liveView(options.live, options.lang),
    csp: contentSecurityPolicy(assets, true),
    ...scripts(assets),
  });
}
