/**
 * ReportData → the view the templates display: every string formatted in the report's
 * language, every width and tone decided. Templates hold no logic beyond if/each.
 */
import type { ReportData } from '../../../report-data.js';
import { formatBytes } from '../../format.js';
import { comparisonView } from './comparison.js';
import { contextFor, LEVEL_ICON, LEVEL_TONE, metricLabel } from './context.js';
import { dataView } from './data.js';
import { historyView } from './history.js';
import { modelView } from './model.js';

export function buildView(r: ReportData): Record<string, unknown> {
  const c = contextFor(r.lang);
  const { t } = c;
  const m = r.model;
  const prod = r.metrics;
  const accuracy = prod?.metrics.find((x) => x.key === 'accuracy') ?? null;
  const cmp = r.comparison;
  const none = (label: string) => ({ label, value: t('kpi.none'), sub: '', tone: 'neutral' });

  const kpis = [
    {
      label: t('kpi.model'),
      value: m.model_type ?? t('status.not_deployed'),
      sub: m.deployed && m.size_bytes !== null ? formatBytes(r.lang, m.size_bytes) : '',
      tone: m.deployed ? 'info' : 'bad',
    },
    prod
      ? {
          label: t('kpi.score'),
          value: c.num(prod.score, 1),
          sub: t('kpi.out_of_100'),
          tone: prod.score >= (cmp?.min_score ?? 70) ? 'good' : 'bad',
        }
      : none(t('kpi.score')),
    accuracy
      ? {
          label: t('kpi.accuracy'),
          value: c.pct(accuracy.value),
          sub: `${LEVEL_ICON[accuracy.level]} ${t(`metrics.level.${accuracy.level}`)}`,
          tone: LEVEL_TONE[accuracy.level],
        }
      : none(t('kpi.accuracy')),
    r.data
      ? {
          label: t('kpi.data'),
          value: t('kpi.apps', { count: c.num(r.data.rows) }),
          sub: t('kpi.categories', { count: r.data.n_categories }),
          tone: 'info',
        }
      : none(t('kpi.data')),
    cmp
      ? {
          label: t('kpi.decision'),
          value: t(`comparison.decision.${cmp.decision}`),
          sub: `${c.num(cmp.candidate_score, 1)}/100 · ${t('comparison.bar', { bar: cmp.min_score })}`,
          tone: cmp.decision === 'deploy_candidate' ? 'good' : 'warn',
        }
      : { label: t('kpi.decision'), value: t('kpi.no_candidate'), sub: '', tone: 'neutral' },
  ];

  return {
    lang: r.lang,
    title: r.title,
    header: {
      generated: t('report.generated', { date: c.date(r.generated_at) ?? '' }),
      commit: r.environment.commit ? t('report.commit', { commit: r.environment.commit.slice(0, 7) }) : null,
      status: m.deployed ? t('status.deployed') : t('status.not_deployed'),
      status_tone: m.deployed ? 'good' : 'bad',
      status_icon: m.deployed ? '✔' : '✖',
    },
    kpis,
    warnings: r.warnings,
    model: modelView(m, c),
    metrics: prod
      ? {
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
          legend: t('metrics.legend', { excellent: c.pct(r.thresholds.excellent), good: c.pct(r.thresholds.good) }),
        }
      : null,
    data: r.data ? dataView(r.data, c) : null,
    comparison: cmp ? comparisonView(cmp, r, c) : null,
    history: historyView(r.history, c),
    footer: {
      generated: t('footer.generated', { version: r.tool_version, date: c.date(r.generated_at) ?? '' }),
      commit: r.environment.commit ? t('footer.commit', { commit: r.environment.commit.slice(0, 12) }) : null,
      run_url: r.environment.run_url,
    },
  };
}
