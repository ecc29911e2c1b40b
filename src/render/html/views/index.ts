/**
 * ReportData → the view the templates display: every string formatted in the report's
 * language, every width and tone decided. Templates hold no logic beyond if/each; each
 * partial has its typed view beside this file.
 */
import type { Lang, ReportData } from '../../../report-data.js';
import { warningText } from '../../i18n/index.js';
import { classesView, type ClassesView } from './classes.js';
import { comparisonView, type ComparisonView } from './comparison.js';
import { contextFor, type Ctx, type Tone } from './context.js';
import { dataView, type DataView } from './data.js';
import { historyView, type HistoryView } from './history.js';
import { kpisView, legendView, type KpiView, type LegendView } from './kpis.js';
import { inputsView, type InputsView } from './inputs.js';
import { metricsView, type MetricsView } from './metrics.js';
import { modelView, type ModelView } from './model.js';
import { verdictView, type VerdictView } from './verdict.js';

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
  /** partials/verdict.hbs: the decision, first thing on the page */
  readonly verdict: VerdictView;
  readonly decision_value: string;
  /** partials/kpis.hbs */
  readonly kpis: KpiView[];
  readonly legend: LegendView;
  /** partials/warnings.hbs */
  readonly warnings: string[];
  /** partials/inputs.hbs */
  readonly inputs: InputsView;
  readonly model: ModelView;
  readonly metrics: MetricsView | null;
  readonly data: DataView | null;
  readonly comparison: ComparisonView | null;
  /** partials/classes.hbs */
  readonly classes: ClassesView | null;
  readonly history: HistoryView;
  /** partials/environment.hbs */
  readonly footer: { readonly generated: string; readonly commit: string | null; readonly run_url: string | null };
}

/**
 * Production's status in the header: a fact about production, never advice about the
 * candidate ("Deployed" beside "Keep production" read as a recommendation).
 */
function productionStatus(r: ReportData, c: Ctx): Pick<PageView['header'], 'status' | 'status_tone' | 'status_icon'> {
  const m = r.model;
  // a Git LFS pointer or a DVC-tracked file: there is a model, just not here
  if (!m.deployed && m.unreadable) return { status: c.t('status.not_here'), status_tone: 'warn', status_icon: '?' };
  if (!m.deployed)
    return r.metrics
      ? { status: c.t('status.model_missing'), status_tone: 'warn', status_icon: '?' }
      : { status: c.t('status.nothing'), status_tone: 'neutral', status_icon: '○' };
  const since = c.day(m.deployed_at);
  return {
    status: since ? c.t('status.in_production_since', { date: since }) : c.t('status.in_production'),
    status_tone: 'info',
    status_icon: '●',
  };
}

export function buildView(r: ReportData, lang: Lang): PageView {
  const c = contextFor(lang, r.data?.row_noun);
  const { t } = c;
  const m = r.model;
  const commit = r.environment.commit;
  return {
    lang,
    title: r.title ?? t('report.title'),
    header: {
      generated: t('report.generated', { date: c.date(r.generated_at) ?? '' }),
      commit: commit ? t('report.commit', { commit: commit.slice(0, 7) }) : null,
      ...productionStatus(r, c),
    },
    verdict: verdictView(r, c),
    decision_value: r.decision.value,
    kpis: kpisView(r, c),
    legend: legendView(r, c),
    warnings: r.warnings.map((w) => warningText(lang, w)),
    inputs: inputsView(r, c),
    model: modelView(m, c),
    metrics: r.metrics ? metricsView(r.metrics, r.thresholds, r.candidate_metrics !== null, c) : null,
    data: r.data ? dataView(r.data, c) : null,
    comparison: r.comparison ? comparisonView(r.comparison, r, c) : null,
    classes: classesView(r, c),
    history: historyView(r.history, c),
    footer: {
      generated: t('footer.generated', { version: r.tool_version, date: c.date(r.generated_at) ?? '' }),
      commit: commit ? t('footer.commit', { commit: commit.slice(0, 12) }) : null,
      run_url: r.environment.run_url,
    },
  };
}
