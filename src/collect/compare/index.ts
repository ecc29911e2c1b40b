/**
 * Production against candidate: per-metric deltas and direction-aware winners, scores,
 * hyperparameter changes, per-class regressions and the deployment decision. Every
 * verdict the report shows is computed here, once; templates only display. Pure.
 */
import {
  metricValues,
  type ClassComparison,
  type Comparison,
  type JsonValue,
  type MetricComparison,
  type ModelInfo,
  type ModelMetrics,
  type ParamChange,
  type Reason,
  type Winner,
} from '../../report-data.js';

export interface CompareSettings {
  /** The deployment bar, out of 100. */
  readonly minScore: number;
  /** Deltas within ± this are a tie. */
  readonly tieEpsilon: number;
  /** Metric names where lower is better (log_loss, mae, …). */
  readonly lowerIsBetter: readonly string[];
  /** A class regresses when its F1 falls by more than this. */
  readonly classTolerance: number;
}

export interface Side {
  readonly metrics: ModelMetrics | null;
  readonly model: ModelInfo | null;
}

/** Rounds away float noise (0.1 + 0.2) so deltas read and compare cleanly. */
const clean = (x: number): number => Math.round(x * 1e12) / 1e12;

function winnerOf(delta: number, eps: number, direction: 'higher' | 'lower'): Winner {
  if (Math.abs(delta) <= eps) return 'tie';
  return delta > 0 === (direction === 'higher') ? 'candidate' : 'production';
}

function metricRows(prod: ModelMetrics | null, cand: ModelMetrics, s: CompareSettings): MetricComparison[] {
  const row = (metric: string, core: boolean, p: number | undefined, c: number): MetricComparison => {
    const direction = s.lowerIsBetter.includes(metric) ? 'lower' : 'higher';
    if (p === undefined) return { metric, core, direction, production: null, candidate: c, delta: null, winner: null };
    const delta = clean(c - p);
    return {
      metric,
      core,
      direction,
      production: p,
      candidate: c,
      delta,
      winner: winnerOf(delta, s.tieEpsilon, direction),
    };
  };
  const prodCore = prod ? metricValues(prod) : null;
  const rows = cand.metrics.map((m) => row(m.key, true, prodCore?.[m.key], m.value));
  // any other number both files carry, in name order
  for (const [k, v] of Object.entries(cand.extra))
    if (prod && k in prod.extra) rows.push(row(k, false, prod.extra[k], v));
  return rows;
}

const same = (a: JsonValue | undefined, b: JsonValue | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Hyperparameters changed, added or removed, in name order. */
export function paramChanges(prod: ModelInfo | null, cand: ModelInfo | null): ParamChange[] {
  if (!prod?.deployed || !cand) return [];
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

function perClass(prod: ModelMetrics | null, cand: ModelMetrics, tolerance: number): ClassComparison[] | null {
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
      regressed: delta !== null && delta < -tolerance,
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
): Comparison {
  const prod = production.metrics,
    cand = candidate.metrics;
  const rows = metricRows(prod, cand, s);
  const classes = perClass(prod, cand, s.classTolerance);
  const sameData = sameEvaluation(prod, cand);
  const clears = cand.score >= s.minScore;
  // Reasons are codes with values; the renderer words them in the report's language.
  const reasons: Reason[] = [
    { code: clears ? 'clears_bar' : 'below_bar', values: { score: cand.score, bar: s.minScore } },
  ];
  if (prod) {
    const d = clean(cand.score - prod.score);
    const code = d > 0 ? 'above_production' : d < 0 ? 'below_production' : 'same_as_production';
    reasons.push({ code, values: { points: Math.abs(d), production_score: prod.score } });
    const core = rows.filter((r) => r.core);
    const wins = core.filter((r) => r.winner === 'candidate').length;
    const losses = core.filter((r) => r.winner === 'production').length;
    reasons.push({ code: 'metric_record', values: { wins, losses, total: core.length } });
    const regressed = classes?.filter((c) => c.regressed).length ?? 0;
    if (regressed > 0)
      reasons.push({ code: 'class_regressions', values: { count: regressed, tolerance: s.classTolerance } });
    if (sameData === false) reasons.push({ code: 'different_data', values: {} });
  } else {
    reasons.push({ code: 'no_production', values: {} });
  }
  return {
    rows,
    production_score: prod?.score ?? null,
    candidate_score: cand.score,
    min_score: s.minScore,
    tie_epsilon: s.tieEpsilon,
    candidate_clears_bar: clears,
    decision: clears ? 'deploy_candidate' : 'keep_production',
    reasons,
    params: paramChanges(production.model, candidate.model),
    per_class: classes,
    class_tolerance: s.classTolerance,
    same_evaluation_data: sameData,
  };
}
