/**
 * Production against candidate: per-metric deltas and direction-aware winners, scores,
 * hyperparameter changes and per-class regressions: the facts. The deployment decision
 * drawn from them is decision.ts. Every verdict the report shows is computed in this
 * folder, once; templates only display. Pure.
 */
import {
  HEADLINE_METRICS,
  metricValues,
  type MetricKey,
  type Task,
  type ClassComparison,
  type Comparison,
  type JsonValue,
  type MetricComparison,
  type ModelInfo,
  type ModelMetrics,
  type ParamChange,
  type Winner,
  levelOf,
  zeroF1,
} from '../../report-data.js';

export interface CompareSettings {
  /** Points (0.01 of a metric): deltas within ± this are a tie. */
  readonly tieEpsilon: number;
  /** Metric names where lower is better (log_loss, mae, …). */
  readonly lowerIsBetter: readonly string[];
  /** Points of F1: a class regresses when its F1 falls by more than this. */
  readonly classTolerance: number;
  /** The levels of a class's F1, as for the metrics. */
  readonly thresholds: { readonly excellent: number; readonly good: number };
}

export interface Side {
  readonly metrics: ModelMetrics | null;
  readonly model: ModelInfo | null;
}

/** Rounds away float noise (0.1 + 0.2) so deltas read and compare cleanly. */
const clean = (x: number): number => Math.round(x * 1e12) / 1e12;

/** A metric difference in points: 100 × the difference of the values. */
export const toPoints = (delta: number): number => clean(delta * 100);

/** Errors in the target's units: their change reads relative to production's value. */
const RELATIVE = new Set(['rmse', 'mae', 'mse', 'mape']);

/**
 * A change in points: 100 × the difference for metrics on a 0–1 scale (fractions, R², losses);
 * for the errors of a regressor (RMSE, MAE, MSE, MAPE), whose scale is the target's, 100 ×
 * the difference relative to production's value: an RMSE 5 % higher is 5 points worse.
 */
export function changePoints(metric: string, delta: number, production: number): number {
  return RELATIVE.has(metric) && production !== 0 ? clean((delta / Math.abs(production)) * 100) : toPoints(delta);
}

function winnerOf(points: number, eps: number, direction: 'higher' | 'lower'): Winner {
  if (Math.abs(points) <= eps) return 'tie';
  return points > 0 === (direction === 'higher') ? 'candidate' : 'production';
}

/** `core`: the task's headline metrics, the ones the decision weighs; every other is shown and compared only. */
function metricRows(
  prod: ModelMetrics | null,
  cand: ModelMetrics,
  s: CompareSettings,
  core: readonly MetricKey[],
): MetricComparison[] {
  const isCore = (k: MetricKey): boolean => core.includes(k);
  const row = (metric: string, core: boolean, p: number | undefined, c: number | undefined): MetricComparison => {
    const direction = s.lowerIsBetter.includes(metric) ? 'lower' : 'higher';
    if (p === undefined || c === undefined)
      return { metric, core, direction, production: p ?? null, candidate: c ?? null, delta: null, winner: null };
    const delta = clean(c - p);
    return {
      metric,
      core,
      direction,
      production: p,
      candidate: c,
      delta,
      winner: winnerOf(changePoints(metric, delta, p), s.tieEpsilon, direction),
    };
  };
  const prodCore = prod ? metricValues(prod) : null;
  const rows = cand.metrics.map((m) => row(m.key, isCore(m.key), prodCore?.[m.key], m.value));
  // a metric only production has (n/a in the candidate's file): shown, never won
  for (const m of prod?.metrics ?? [])
    if (!cand.metrics.some((x) => x.key === m.key)) rows.push(row(m.key, isCore(m.key), m.value, undefined));
  // the core ones first, as the report lists them
  rows.sort((a, b) => Number(b.core) - Number(a.core));
  // any other number either file carries, in name order; one present in only one file (or NaN
  // in the other: collect drops non-finite numbers) is shown, not compared
  if (prod) {
    const names = [...new Set([...Object.keys(prod.extra), ...Object.keys(cand.extra)])].sort();
    for (const k of names) rows.push(row(k, false, prod.extra[k], cand.extra[k]));
  }
  return rows;
}

const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Hyperparameters changed, added or removed, in name order; null when either model is absent. */
export function paramChanges(prod: ModelInfo | null, cand: ModelInfo | null): ParamChange[] | null {
  if (!prod?.deployed || !cand) return null;
  const names = [...new Set([...Object.keys(prod.params), ...Object.keys(cand.params)])].sort();
  const out: ParamChange[] = [];
  for (const name of names) {
    const p = prod.params[name],
      c = cand.params[name];
    if (p === undefined) out.push({ name, change: 'added', production: null, candidate: c! });
    else if (c === undefined) out.push({ name, change: 'removed', production: p, candidate: null });
    else if (!same(p, c)) out.push({ name, change: 'changed', production: p, candidate: c });
  }
  return out;
}

function perClass(prod: ModelMetrics | null, cand: ModelMetrics, s: CompareSettings): ClassComparison[] | null {
  if (!cand.per_class && !prod?.per_class) return null;
  const p = new Map(prod?.per_class?.map((c) => [c.label, c]) ?? []);
  const c = new Map(cand.per_class?.map((x) => [x.label, x]) ?? []);
  const labels = [...new Set([...p.keys(), ...c.keys()])].sort();
  return labels.map((label) => {
    const a = p.get(label) ?? null,
      b = c.get(label) ?? null;
    const delta = a && b ? clean(b.f1_score - a.f1_score) : null;
    return {
      label,
      f1_production: a?.f1_score ?? null,
      f1_candidate: b?.f1_score ?? null,
      f1_delta: delta,
      regressed: delta !== null && toPoints(delta) < -s.classTolerance,
      candidate_zero: zeroF1(cand, label),
      production_zero: prod ? zeroF1(prod, label) : null,
      level: b ? levelOf(b.f1_score, s.thresholds) : a ? levelOf(a.f1_score, s.thresholds) : null,
    };
  });
}

/** null when either file does not say which data it was evaluated on. */
function sameEvaluation(prod: ModelMetrics | null, cand: ModelMetrics): boolean | null {
  const a = prod?.evaluation,
    b = cand.evaluation;
  if (!a || !b) return null;
  if (a.data_sha256 && b.data_sha256) return a.data_sha256 === b.data_sha256;
  if (a.rows !== null && b.rows !== null) return a.rows === b.rows;
  return null;
}

/** Compares the candidate with production (whose metrics may be absent: nothing deployed yet). */
export function compareModels(
  production: Side,
  candidate: Side & { metrics: ModelMetrics },
  s: CompareSettings,
  task: Task = 'classification',
): Comparison {
  const prod = production.metrics,
    cand = candidate.metrics;
  return {
    rows: metricRows(prod, cand, s, HEADLINE_METRICS[task]),
    production_score: prod?.score ?? null,
    candidate_score: cand.score,
    params: paramChanges(production.model, candidate.model),
    per_class: perClass(prod, cand, s),
    same_evaluation_data: sameEvaluation(prod, cand),
  };
}
