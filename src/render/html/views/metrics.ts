/** The production model's metrics: one meter each, the score and the legend (partials/metrics.hbs). */
import type { ModelMetrics, ReportData } from '../../../report-data.js';
import { type Ctx, LEVEL_ICON, LEVEL_TONE, metricLabel, type Tone } from './context.js';

export interface MetricsView {
  readonly rows: {
    readonly key: string;
    readonly label: string;
    readonly value: string;
    /** Percent of the meter filled. */
    readonly width: number;
    readonly tone: Tone;
    readonly icon: string;
    readonly level: string;
  }[];
  readonly score: string;
  readonly score_source: string;
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
  return {
    rows: prod.metrics.map((x) => ({
      key: x.key,
      label: metricLabel(c, x.key),
      value: c.pct(x.value),
      width: Math.round(x.value * 1000) / 10,
      tone: LEVEL_TONE[x.level],
      icon: LEVEL_ICON[x.level],
      level: t(`metrics.level.${x.level}`),
    })),
    score: t('metrics.score', { score: c.num(prod.score, 1) }),
    score_source: t(prod.score_source === 'file' ? 'metrics.score_file' : 'metrics.score_computed'),
    trained: prod.trained_at ? t('metrics.trained_at', { date: c.date(prod.trained_at) ?? '' }) : null,
    legend: t('metrics.legend', { excellent: c.pct(thresholds.excellent), good: c.pct(thresholds.good) }),
    chart_legend: [
      { swatch: 'production', text: t('comparison.production') },
      ...(candidate ? [{ swatch: 'candidate' as const, text: t('comparison.candidate') }] : []),
    ],
  };
}
