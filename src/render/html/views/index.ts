/**
 * ReportData → the view the templates display: every string formatted in the report's
 * language, every width and tone decided. Templates hold no logic beyond if/each; each
 * partial has its typed view beside this file.
 */
import type { Lang, ReportData } from '../../../report-data.js';
import { warningText } from '../../i18n/index.js';
import { comparisonView, type ComparisonView } from './comparison.js';
import { contextFor, type Tone } from './context.js';
import { dataView, type DataView } from './data.js';
import { historyView, type HistoryView } from './history.js';
import { kpisView, type KpiView } from './kpis.js';
import { metricsView, type MetricsView } from './metrics.js';
import { modelView, type ModelView } from './model.js';

/** The page (report.hbs) and what it hands each partial. */
export interface PageView {
  readonly lang: Lang;
  readonly title: string;
  readonly header: {
    readonly generated: string;
    readonly commit: string | null;
    readonly status: string;
    readonly status_tone: Tone;
    readonly status_icon: string;
  };
  /** partials/kpis.hbs */
  readonly kpis: KpiView[];
  /** partials/warnings.hbs */
  readonly warnings: string[];
  readonly model: ModelView;
  readonly metrics: MetricsView | null;
  readonly data: DataView | null;
  readonly comparison: ComparisonView | null;
  readonly history: HistoryView;
  /** partials/environment.hbs */
  readonly footer: { readonly generated: string; readonly commit: string | null; readonly run_url: string | null };
}

export function buildView(r: ReportData, lang: Lang): PageView {
  const c = contextFor(lang);
  const { t } = c;
  const m = r.model;
  const commit = r.environment.commit;
  return {
    lang,
    title: r.title ?? t('report.title'),
    header: {
      generated: t('report.generated', { date: c.date(r.generated_at) ?? '' }),
      commit: commit ? t('report.commit', { commit: commit.slice(0, 7) }) : null,
      status: m.deployed ? t('status.deployed') : t('status.not_deployed'),
      status_tone: m.deployed ? 'good' : 'bad',
      status_icon: m.deployed ? '✔' : '✖',
    },
    kpis: kpisView(r, c),
    warnings: r.warnings.map((w) => warningText(lang, w)),
    model: modelView(m, c),
    metrics: r.metrics ? metricsView(r.metrics, r.thresholds, c) : null,
    data: r.data ? dataView(r.data, c) : null,
    comparison: r.comparison ? comparisonView(r.comparison, r, c) : null,
    history: historyView(r.history, c),
    footer: {
      generated: t('footer.generated', { version: r.tool_version, date: c.date(r.generated_at) ?? '' }),
      commit: commit ? t('footer.commit', { commit: commit.slice(0, 12) }) : null,
      run_url: r.environment.run_url,
    },
  };
}
