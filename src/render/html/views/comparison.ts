/**
 * Production against candidate: metrics, decision, hyperparameters, classes, confusion
 * matrices (partials/comparison.hbs and comparison-row.hbs).
 */
import type { Comparison, ModelMetrics, ReasonEffect, ReportData, RuleStatus, ZeroF1 } from '../../../report-data.js';
import { reasonText, ruleFinding, ruleText, uncertaintyText } from '../../decision-text.js';
import { formatParam } from '../../format.js';
import { type Ctx, LEVEL_ICON, LEVEL_TONE, type Tone, WINNER_ICON, metricLabel } from './context.js';
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

export interface ConfusionView {
  readonly title: string;
  readonly labels: string[];
  readonly rows: { readonly label: string; readonly cells: { readonly n: number; readonly cls: string }[] }[];
}

export interface ComparisonView {
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
        readonly name: string;
        readonly change: string;
        readonly production: string;
        readonly candidate: string;
      }[]
    | null;
  readonly per_class: {
    readonly note: string;
    readonly summary: string;
    readonly any_regressed: boolean;
    readonly rows: {
      readonly label: string;
      readonly support: string;
      readonly precision: string;
      readonly recall: string;
      readonly f1_production: string;
      /** Why production's F1 is 0 ("never predicted"), when it is and the candidate's is not. */
      readonly production_note: string | null;
      readonly f1_candidate: string;
      readonly delta: string;
      readonly delta_tone: Tone;
      readonly regressed: boolean;
      readonly status: string;
      readonly status_tone: Tone;
      readonly status_icon: string;
    }[];
  } | null;
  readonly confusion: ConfusionView[];
}

/** Heat levels 0–8 for confusion-matrix cells, relative to the row's total (its class). */
function heat(n: number, rowTotal: number): number {
  return rowTotal === 0 || n === 0 ? 0 : Math.min(8, 1 + Math.floor((n / rowTotal) * 8));
}

function confusionView(m: ModelMetrics | null, model: string, c: Ctx): ConfusionView | null {
  const cm = m?.confusion_matrix;
  if (!cm) return null;
  return {
    title: c.t('classes.confusion', { model }),
    labels: cm.labels,
    rows: cm.matrix.map((row, i) => {
      const total = row.reduce((a, b) => a + b, 0);
      // short class names and none on the many empty cells: two 33×33 matrices are ~2,000 cells
      return {
        label: cm.labels[i] ?? '',
        cells: row.map((n, j) => ({
          n,
          cls: [heat(n, total) ? `h${heat(n, total)}` : '', i === j ? 'd' : ''].filter(Boolean).join(' '),
        })),
      };
    }),
  };
}

/** The status of a class: regressed, never predicted or right, else the level of its candidate F1. */
function classStatus(
  x: NonNullable<Comparison['per_class']>[number],
  c: Ctx,
): { status: string; status_tone: Tone; status_icon: string } {
  if (x.regressed) return { status: c.t('classes.regressed'), status_tone: 'bad', status_icon: '▼' };
  const zero: ZeroF1 | null = x.f1_candidate === null ? x.production_zero : x.candidate_zero;
  if (zero) return { status: c.t(`classes.${zero}`), status_tone: 'bad', status_icon: '✖' };
  const level = x.level;
  if (level === null) return { status: '—', status_tone: 'neutral', status_icon: '' };
  return { status: c.t(`metrics.level.${level}`), status_tone: LEVEL_TONE[level], status_icon: LEVEL_ICON[level] };
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
      production: x.production === null ? '—' : x.core ? c.pct(x.production) : c.num(x.production, 4),
      candidate: x.candidate === null ? '—' : x.core ? c.pct(x.candidate) : c.num(x.candidate, 4),
      delta:
        x.delta === null ? '—' : (x.core ? c.points(x.delta) : `${x.delta > 0 ? '+' : ''}${c.num(x.delta, 4)}`) + noise,
      delta_tone: x.winner === null || x.winner === 'tie' ? 'neutral' : x.winner === 'candidate' ? 'good' : 'bad',
      winner: x.winner ? t(`comparison.w.${x.winner}`) : '—',
      winner_icon: x.winner ? WINNER_ICON[x.winner] : '',
      winner_class: x.winner ?? 'none',
    };
  };
  const tolerancePoints = c.num(d.settings.class_regression_tolerance, 1);
  const perClass = cmp.per_class;
  const f1 = (x: number | null): string => (x === null ? '—' : c.pct(x));
  const candidateRows = new Map(r.candidate_metrics?.per_class?.map((x) => [x.label, x]) ?? []);
  const productionRows = new Map(r.metrics?.per_class?.map((x) => [x.label, x]) ?? []);
  const regressed = perClass?.filter((x) => x.regressed).length ?? 0;
  return {
    rows: cmp.rows.filter((x) => x.core).map(row),
    extra_rows: cmp.rows.filter((x) => !x.core).map(row),
    production_score: cmp.production_score === null ? '—' : c.fixed(cmp.production_score),
    candidate_score: c.fixed(cmp.candidate_score),
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
        name: p.name,
        change: t(`comparison.c.${p.change}`),
        production: p.change === 'added' ? '—' : formatParam(p.production),
        candidate: p.change === 'removed' ? '—' : formatParam(p.candidate),
      })) ?? null,
    per_class: perClass
      ? {
          note: t('classes.note', { tolerance: tolerancePoints }),
          summary: c.plural('classes.regressions', regressed),
          any_regressed: regressed > 0,
          rows: perClass.map((x) => {
            const cand = candidateRows.get(x.label),
              prod = productionRows.get(x.label);
            return {
              label: x.label,
              support: c.num(cand?.support ?? prod?.support ?? 0),
              precision: cand ? c.pct(cand.precision) : '—',
              recall: cand ? c.pct(cand.recall) : '—',
              f1_production: f1(x.f1_production),
              production_note:
                x.production_zero && x.f1_candidate !== null ? t(`classes.${x.production_zero}`).toLowerCase() : null,
              f1_candidate: f1(x.f1_candidate),
              delta: x.f1_delta === null ? '—' : c.points(x.f1_delta),
              delta_tone:
                x.f1_delta === null || Math.abs(x.f1_delta) < 1e-12 ? 'neutral' : x.f1_delta > 0 ? 'good' : 'bad',
              regressed: x.regressed,
              ...classStatus(x, c),
            };
          }),
        }
      : null,
    confusion: [
      confusionView(r.metrics, t('comparison.production'), c),
      confusionView(r.candidate_metrics, t('comparison.candidate'), c),
    ].filter((x): x is ConfusionView => x !== null),
  };
}
