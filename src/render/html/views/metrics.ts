/** The production model's metrics: one meter each, "n/a" for the missing ones, the score and the legend (partials/metrics.hbs). */
import type { ModelMetrics, ReportData } from '../../../report-data.js';
import { whyText } from '../../i18n/index.js';
import { type Ctx, LEVEL_ICON, LEVEL_TONE, metricLabel, metricText, type Tone } from './context.js';

export interface MetricsView {
  readonly rows: {
    readonly key: string;
    readonly label: string;
    readonly value: string;
    /** No meter for an error (RMSE, …) or a missing metric. */
    readonly meter: boolean;
    /** Percent of the meter filled. */
    readonly width: number;
    readonly tone: Tone;
    readonly icon: string;
    /** The level's word, "lower is better" for errors, "not in the metrics file" when missing. */
    readonly level: string;
  }[];
  readonly score: string;
  readonly score_source: string;
  /** Which headline metrics are missing (n/a), and that the score uses the others; null when none is. */
  readonly missing: string | null;
  readonly trained: string | null;
  readonly legend: string;
  /** What the chart's bar colours are: production, and the candidate when it has metrics. */
  readonly chart_legend: { readonly swatch: 'production' | 'candidate'; readonly text: string }[];
}

export function metricsView(
  prod: ModelMetrics,
  thresholds: ReportData['thresholds'],
  candidate: boolean,
  c: Ctx,
): MetricsView {
  const { t } = c;
  const present = prod.metrics.map((x) => ({
    key: x.key,
    label: metricLabel(c, x.key),
    value: metricText(c, x.key, x.value),
    // R² fills its meter as the score does: max(0, R²)
    meter: x.level !== null,
    width: Math.round(Math.min(1, Math.max(0, x.value)) * 1000) / 10,
    tone: x.level ? LEVEL_TONE[x.level] : ('neutral' as Tone),
    icon: x.level ? LEVEL_ICON[x.level] : '',
    level: x.level ? t(`metrics.level.${x.level}`) : t('metrics.lower_better'),
  }));
  const missing = prod.missing.map((key) => ({
    key,
    label: metricLabel(c, key),
    value: t('metrics.na'),
    meter: false,
    width: 0,
    tone: 'neutral' as Tone,
    icon: '',
    level: t('metrics.not_in_file'),
  }));
  return {
    rows: [...present, ...missing],
    score: prod.score === null ? t('metrics.no_score') : t('metrics.score', { score: c.num(prod.score, 1) }),
    score_source: whyText(c.lang, prod.score_basis),
    missing: prod.missing.length
      ? t('metrics.missing', { keys: prod.missing.map((k) => metricLabel(c, k)).join(', ') })
      : null,
    trained: prod.trained_at ? t('metrics.trained_at', { date: c.date(prod.trained_at) ?? '' }) : null,
    legend: t('metrics.legend', { excellent: c.pct(thresholds.excellent), good: c.pct(thresholds.good) }),
    chart_legend: [
      { swatch: 'production', text: t('comparison.production') },
      ...(candidate ? [{ swatch: 'candidate' as const, text: t('comparison.candidate') }] : []),
    ],
  };
}
