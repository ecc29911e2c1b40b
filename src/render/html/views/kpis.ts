/** The summary tiles at the top (partials/kpis.hbs). */
import type { ReportData } from '../../../report-data.js';
import { decisionLabel } from '../../decision-text.js';
import { type Ctx, LEVEL_ICON, LEVEL_TONE, type Tone } from './context.js';
import { DECISION_TONE } from './verdict.js';

export interface KpiView {
  readonly label: string;
  readonly value: string;
  readonly sub: string;
  readonly tone: Tone;
}

export function kpisView(r: ReportData, c: Ctx): KpiView[] {
  const { t } = c;
  const m = r.model;
  const prod = r.metrics;
  const accuracy = prod?.metrics.find((x) => x.key === 'accuracy') ?? null;
  const cmp = r.comparison;
  const none = (label: string): KpiView => ({ label, value: t('kpi.none'), sub: '', tone: 'neutral' });
  return [
    {
      label: t('kpi.model'),
      value: m.deployed ? (m.model_type ?? '—') : t(prod ? 'status.model_missing' : 'status.nothing'),
      sub: m.deployed && m.size_bytes !== null ? c.size(m.size_bytes) : '',
      tone: m.deployed ? 'info' : 'bad',
    },
    prod
      ? {
          label: t('kpi.score'),
          value: c.num(prod.score, 1),
          sub: t('kpi.out_of_100'),
          tone: prod.score >= r.decision.settings.min_score ? 'good' : 'bad',
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
    {
      label: t('kpi.decision'),
      value: decisionLabel(c.lang, r),
      sub: cmp
        ? `${c.fixed(cmp.candidate_score)}/100 · ${t('comparison.bar', { bar: c.num(r.decision.settings.min_score) })}`
        : '',
      tone: DECISION_TONE[r.decision.value],
    },
  ];
}
