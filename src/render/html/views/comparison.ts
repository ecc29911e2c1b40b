/**
 * Production against candidate: metrics, decision, hyperparameters (partials/comparison.hbs
 * and comparison-row.hbs). Classes have their own section: classes.ts.
 */
import type { Comparison, ReasonEffect, ReportData, RuleStatus } from '../../../report-data.js';
import { reasonText, ruleFinding, ruleText, uncertaintyText } from '../../decision-text.js';
import { formatParam } from '../../format.js';
import {
  type Ctx,
  type Tone,
  WINNER_ICON,
  ident,
  metricDelta,
  metricLabel,
  metricText,
  stackLabels,
} from './context.js';
import { EFFECT_ICON } from './verdict.js';

/** One metric row (partials/comparison-row.hbs). */
export interface ComparisonRowView {
  readonly label: string;
  readonly direction: string;
  readonly production: string;
  readonly candidate: string;
  readonly delta: string;
  readonly delta_tone: Tone;
  readonly winner: string;
  readonly winner_icon: string;
  readonly winner_class: string;
}

export interface ComparisonView {
  /** Column names for the phone's stacked cards (style attribute). */
  readonly stack: string;
  readonly rows: ComparisonRowView[];
  readonly extra_rows: ComparisonRowView[];
  readonly production_score: string;
  readonly candidate_score: string;
  /** Every reason of the decision, blocking ones first. */
  readonly reasons: {
    readonly text: string;
    readonly effect: ReasonEffect;
    readonly icon: string;
    readonly effect_label: string;
  }[];
  /** The "Rules applied" list: each rule with its configured values and what it found. */
  readonly rules: {
    readonly text: string;
    readonly finding: string;
    readonly status: RuleStatus;
    readonly status_label: string;
  }[];
  readonly uncertainty: string;
  readonly uncertainty_others: string;
  readonly bar: string;
  readonly tie_note: string;
  readonly different_data: string | null;
  /** null when no production model is deployed: nothing to compare hyperparameters with. */
  readonly params:
    | {
        readonly name: string[];
        readonly change: string;
        readonly production: string;
        readonly candidate: string;
      }[]
    | null;
}

export function comparisonView(cmp: Comparison, r: ReportData, c: Ctx): ComparisonView {
  const { t } = c;
  const d = r.decision;
  const u = d.uncertainty;
  const row = (x: Comparison['rows'][number]): ComparisonRowView => {
    // the one delta with an interval says whether it stands out from the noise
    const noise =
      u && x.metric === u.metric && x.delta !== null
        ? ` · ${t(u.within_noise ? 'uncertainty.within' : 'uncertainty.beyond')}`
        : '';
    return {
      label: metricLabel(c, x.metric),
      direction: x.direction === 'lower' ? t('comparison.direction_lower') : '',
      production: x.production === null ? '—' : metricText(c, x.metric, x.production),
      candidate: x.candidate === null ? '—' : metricText(c, x.metric, x.candidate),
      delta: x.delta === null ? '—' : metricDelta(c, x.metric, x.delta) + noise,
      delta_tone: x.winner === null || x.winner === 'tie' ? 'neutral' : x.winner === 'candidate' ? 'good' : 'bad',
      winner: x.winner ? t(`comparison.w.${x.winner}`) : '—',
      winner_icon: x.winner ? WINNER_ICON[x.winner] : '',
      winner_class: x.winner ?? 'none',
    };
  };
  return {
    stack: stackLabels([
      t('comparison.production'),
      t('comparison.candidate'),
      t('comparison.delta'),
      t('comparison.winner'),
    ]),
    rows: cmp.rows.filter((x) => x.core).map(row),
    extra_rows: cmp.rows.filter((x) => !x.core).map(row),
    production_score: cmp.production_score === null ? '—' : c.fixed(cmp.production_score),
    candidate_score: cmp.candidate_score === null ? '—' : c.fixed(cmp.candidate_score),
    reasons: d.reasons.map((x) => ({
      text: reasonText(c.lang, x),
      effect: x.effect,
      icon: EFFECT_ICON[x.effect],
      effect_label: t(`effect.${x.effect}`),
    })),
    rules: d.rules.map((x) => ({
      text: ruleText(c.lang, x, d),
      finding: ruleFinding(c.lang, x),
      status: x.status,
      status_label: t(`rule.status.${x.status}`),
    })),
    uncertainty: u ? uncertaintyText(c.lang, u) : t('uncertainty.none'),
    uncertainty_others: t('uncertainty.others'),
    bar: t('comparison.bar', { bar: c.num(d.settings.min_score) }),
    tie_note: t('comparison.tie_note', { eps: c.num(d.settings.tie_epsilon) }),
    different_data: cmp.same_evaluation_data === false ? t('comparison.different_data') : null,
    params:
      cmp.params?.map((p) => ({
        name: ident(p.name),
        change: t(`comparison.c.${p.change}`),
        production: p.change === 'added' ? '—' : formatParam(p.production),
        candidate: p.change === 'removed' ? '—' : formatParam(p.candidate),
      })) ?? null,
  };
}
