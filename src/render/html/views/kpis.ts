/**
 * The first screen's cards (partials/kpis.hbs): both scores with their change, the weakest
 * core metric and the worst class, each with its level, and the legend of every colour the
 * page uses. A model that is excellent on average but never predicts some classes shows it
 * here, not three screens down.
 */
import { levelOf, type Level, type ModelMetrics, type ReportData, type ZeroF1, zeroF1 } from '../../../report-data.js';
import { classesByHarm } from './classes.js';
import { type Ctx, LEVEL_ICON, LEVEL_TONE, ident, metricLabel, metricText, type Tone } from './context.js';

export interface KpiView {
  readonly id: 'production' | 'candidate' | 'weakest' | 'worst';
  readonly label: string;
  /** The model's colour, as in the charts; null for cards about a metric or a class. */
  readonly swatch: 'production' | 'candidate' | null;
  /** In pieces that end after each "_" (a class name breaks only there). */
  readonly value: string[];
  readonly level: { readonly tone: Tone; readonly icon: string; readonly text: string } | null;
  readonly sub: string;
  readonly tone: Tone;
}

export interface LegendView {
  readonly models: { readonly swatch: 'production' | 'candidate'; readonly text: string }[];
  readonly levels: { readonly tone: Tone; readonly icon: string; readonly text: string }[];
}

const level = (l: Level, c: Ctx): KpiView['level'] => ({
  tone: LEVEL_TONE[l],
  icon: LEVEL_ICON[l],
  text: c.t(`metrics.level.${l}`),
});

/** Why the judged model's F1 for a class is 0: never predicted, or never right. */
function zeroOf(r: ReportData, label: string): ZeroF1 {
  const cls = r.comparison?.per_class?.find((x) => x.label === label);
  const m = judged(r);
  return (cls ? cls.candidate_zero : m && zeroF1(m, label)) ?? 'never_right';
}

/** The model the decision is about: the candidate when there is one, else production. */
const judged = (r: ReportData): ModelMetrics | null => (r.comparison ? r.candidate_metrics : null) ?? r.metrics;

export function kpisView(r: ReportData, c: Ctx): KpiView[] {
  const { t } = c;
  const cmp = r.comparison;
  const scoreLevel = (score: number): Level => levelOf(score / 100, r.thresholds);
  const none = (id: KpiView['id'], label: string, value: string, swatch: KpiView['swatch'] = null): KpiView => ({
    id,
    label,
    swatch,
    value: ident(value),
    level: null,
    sub: '',
    tone: 'neutral',
  });
  const cards: KpiView[] = [];

  const prod = r.metrics;
  // a regressor without R², or a model of another task, has metrics but no score
  const noScore = (id: KpiView['id'], label: string, swatch: KpiView['swatch']): KpiView =>
    none(id, label, t('metrics.no_score'), swatch);
  cards.push(
    prod && prod.score !== null
      ? {
          id: 'production',
          label: t('kpi.production'),
          swatch: 'production',
          value: ident(t('kpi.score_value', { score: c.num(prod.score, 1) })),
          level: level(scoreLevel(prod.score), c),
          // a model not in the checkout (LFS, DVC) is said, not taken for "not deployed"
          sub: r.model.model_type ?? (r.model.unreadable ? t('status.not_here') : ''),
          tone: LEVEL_TONE[scoreLevel(prod.score)],
        }
      : prod
        ? noScore('production', t('kpi.production'), 'production')
        : none(
            'production',
            t('kpi.production'),
            r.model.deployed ? t('kpi.no_metrics') : t(r.model.unreadable ? 'status.not_here' : 'status.nothing'),
            'production',
          ),
  );
  cards.push(
    cmp && cmp.candidate_score !== null
      ? {
          id: 'candidate',
          label: t('kpi.candidate'),
          swatch: 'candidate',
          value: ident(t('kpi.score_value', { score: c.num(cmp.candidate_score, 1) })),
          level: level(scoreLevel(cmp.candidate_score), c),
          sub:
            cmp.production_score === null
              ? (r.candidate?.model_type ?? '')
              : t('kpi.vs_production', { change: c.points((cmp.candidate_score - cmp.production_score) / 100) }),
          tone: LEVEL_TONE[scoreLevel(cmp.candidate_score)],
        }
      : cmp
        ? noScore('candidate', t('kpi.candidate'), 'candidate')
        : none('candidate', t('kpi.candidate'), t('kpi.no_candidate'), 'candidate'),
  );

  // the weakest graded metric of the model being judged (errors have no level: their scale is
  // the target's); ties go to the first in display order
  const graded = (judged(r)?.metrics ?? []).flatMap((x) => (x.level === null ? [] : [{ ...x, level: x.level }]));
  if (graded.length) {
    const weakest = graded.reduce((a, b) => (b.value < a.value ? b : a));
    const before = cmp && r.metrics ? r.metrics.metrics.find((x) => x.key === weakest.key) : null;
    cards.push({
      id: 'weakest',
      label: t('kpi.weakest'),
      swatch: null,
      value: ident(`${metricLabel(c, weakest.key)} ${metricText(c, weakest.key, weakest.value)}`),
      level: level(weakest.level, c),
      sub: before
        ? t('kpi.of_candidate_vs', { production: metricText(c, before.key, before.value) })
        : cmp
          ? t('kpi.of_candidate')
          : t('kpi.of_production'),
      tone: LEVEL_TONE[weakest.level],
    });
  } else cards.push(none('weakest', t('kpi.weakest'), t('kpi.none')));

  // the worst class: lowest F1 of the judged model, most apps first among equals
  const classes = classesByHarm(r);
  const f1 = (x: (typeof classes)[number]): number | null =>
    cmp ? (x.cmp?.f1_candidate ?? null) : (x.production?.f1_score ?? null);
  const scored = classes.filter((x) => f1(x) !== null);
  if (scored.length) {
    const worst = scored.reduce((a, b) => (f1(b)! < f1(a)! || (f1(b) === f1(a) && b.support > a.support) ? b : a));
    const value = f1(worst)!;
    const zero = scored.filter((x) => f1(x) === 0).length;
    cards.push({
      id: 'worst',
      label: t('kpi.worst_class'),
      swatch: null,
      value: ident(worst.label),
      level:
        value === 0
          ? { tone: 'bad', icon: '✖', text: t(`classes.${zeroOf(r, worst.label)}`) }
          : level(levelOf(value, r.thresholds), c),
      sub: [
        t('kpi.class_f1', { f1: c.pct(value), rows: c.rows.count(worst.support) }),
        ...(zero > 1 ? [c.plural('kpi.zero_more', zero - 1)] : []),
      ].join(' · '),
      tone: value === 0 ? 'bad' : LEVEL_TONE[levelOf(value, r.thresholds)],
    });
  } else cards.push(none('worst', t('kpi.worst_class'), t('kpi.none')));
  return cards;
}

/** Every colour the page gives a meaning, in words: the two models, then the levels. */
export function legendView(r: ReportData, c: Ctx): LegendView {
  const { t } = c;
  return {
    models: [
      { swatch: 'production', text: t('comparison.production') },
      ...(r.comparison ? [{ swatch: 'candidate' as const, text: t('comparison.candidate') }] : []),
    ],
    levels: [
      {
        tone: 'good',
        icon: LEVEL_ICON.excellent,
        text: t('legend.good', { excellent: c.pct(r.thresholds.excellent, 0) }),
      },
      { tone: 'warn', icon: LEVEL_ICON.good, text: t('legend.warn', { good: c.pct(r.thresholds.good, 0) }) },
      { tone: 'bad', icon: LEVEL_ICON.to_improve, text: t('legend.bad', { good: c.pct(r.thresholds.good, 0) }) },
    ],
  };
}
