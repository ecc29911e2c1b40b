/**
 * Production against candidate: metrics, decision, hyperparameters, classes, confusion
 * matrices (partials/comparison.hbs and comparison-row.hbs).
 */
import type { Comparison, ModelMetrics, ReportData } from '../../../report-data.js';
import { formatParam } from '../../format.js';
import { type Ctx, type Tone, WINNER_ICON, metricLabel } from './context.js';

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
  readonly decision: string;
  readonly decision_tone: Tone;
  readonly decision_icon: string;
  readonly bar: string;
  readonly reasons: string[];
  readonly tie_note: string;
  readonly different_data: string | null;
  readonly params: {
    readonly name: string;
    readonly change: string;
    readonly production: string;
    readonly candidate: string;
  }[];
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
      readonly f1_candidate: string;
      readonly delta: string;
      readonly delta_tone: Tone;
      readonly regressed: boolean;
      readonly status: string;
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

export function comparisonView(cmp: Comparison, r: ReportData, c: Ctx): ComparisonView {
  const { t } = c;
  const row = (x: Comparison['rows'][number]): ComparisonRowView => ({
    label: metricLabel(c, x.metric),
    direction: x.direction === 'lower' ? t('comparison.direction_lower') : '',
    production: x.production === null ? '—' : x.core ? c.pct(x.production) : c.num(x.production, 4),
    candidate: x.candidate === null ? '—' : x.core ? c.pct(x.candidate) : c.num(x.candidate, 4),
    delta: x.delta === null ? '—' : x.core ? c.points(x.delta) : `${x.delta > 0 ? '+' : ''}${c.num(x.delta, 4)}`,
    delta_tone: x.winner === null || x.winner === 'tie' ? 'neutral' : x.winner === 'candidate' ? 'good' : 'bad',
    winner: x.winner ? t(`comparison.w.${x.winner}`) : '—',
    winner_icon: x.winner ? WINNER_ICON[x.winner] : '',
    winner_class: x.winner ?? 'none',
  });
  // the tolerance is an F1 difference; it reads as points, like the deltas
  const tolerancePoints = c.num(cmp.class_tolerance * 100, 1);
  const perClass = cmp.per_class;
  const f1 = (x: number | null): string => (x === null ? '—' : c.pct(x));
  const candidateRows = new Map(r.candidate_metrics?.per_class?.map((x) => [x.label, x]) ?? []);
  const productionRows = new Map(r.metrics?.per_class?.map((x) => [x.label, x]) ?? []);
  return {
    rows: cmp.rows.filter((x) => x.core).map(row),
    extra_rows: cmp.rows.filter((x) => !x.core).map(row),
    production_score: cmp.production_score === null ? '—' : c.num(cmp.production_score, 1),
    candidate_score: c.num(cmp.candidate_score, 1),
    decision: t(`comparison.decision.${cmp.decision}`),
    decision_tone: cmp.decision === 'deploy_candidate' ? 'good' : 'warn',
    decision_icon: cmp.decision === 'deploy_candidate' ? '✔' : '■',
    bar: t('comparison.bar', { bar: cmp.min_score }),
    reasons: cmp.reasons.map((reason) =>
      t(
        `reason.${reason.code}`,
        Object.fromEntries(
          Object.entries(reason.values).map(([k, v]) => [k, k === 'tolerance' ? tolerancePoints : c.num(v, 1)]),
        ),
      ),
    ),
    tie_note: t('comparison.tie_note', { eps: c.points(cmp.tie_epsilon).replace(/^\+/, '') }),
    different_data: cmp.same_evaluation_data === false ? t('comparison.different_data') : null,
    params: cmp.params.map((p) => ({
      name: p.name,
      change: t(`comparison.c.${p.change}`),
      production: p.change === 'added' ? '—' : formatParam(p.production),
      candidate: p.change === 'removed' ? '—' : formatParam(p.candidate),
    })),
    per_class: perClass
      ? {
          note: t('classes.note', { tolerance: tolerancePoints }),
          summary: t('classes.regressions', { count: perClass.filter((x) => x.regressed).length }),
          any_regressed: perClass.some((x) => x.regressed),
          rows: perClass.map((x) => {
            const cand = candidateRows.get(x.label),
              prod = productionRows.get(x.label);
            return {
              label: x.label,
              support: c.num(cand?.support ?? prod?.support ?? 0),
              precision: cand ? c.pct(cand.precision) : '—',
              recall: cand ? c.pct(cand.recall) : '—',
              f1_production: f1(x.f1_production),
              f1_candidate: f1(x.f1_candidate),
              delta: x.f1_delta === null ? '—' : c.points(x.f1_delta),
              delta_tone:
                x.f1_delta === null || Math.abs(x.f1_delta) < 1e-12 ? 'neutral' : x.f1_delta > 0 ? 'good' : 'bad',
              regressed: x.regressed,
              status: x.regressed ? t('classes.regressed') : t('classes.ok'),
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
