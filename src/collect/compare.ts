/**
 * Production against candidate: per-metric deltas and winners, scores, and the deployment
 * decision. Every verdict the report shows is computed here, once; templates only display.
 */
import type { Comparison, MetricComparison, ModelMetrics, Reason, Winner } from '../report-data.js';

export interface CompareSettings {
  /** The deployment bar, out of 100. */
  readonly minScore: number;
  /** Deltas within ± this are a tie. */
  readonly tieEpsilon: number;
}

/** Rounds away float noise (0.1 + 0.2) so deltas read and compare cleanly. */
const clean = (x: number): number => Math.round(x * 1e12) / 1e12;

function winnerOf(delta: number, eps: number): Winner {
  if (Math.abs(delta) <= eps) return 'tie';
  return delta > 0 ? 'candidate' : 'production';
}

/** Compares the candidate's metrics with production's (which may be absent: nothing deployed yet). */
export function compareModels(production: ModelMetrics | null, candidate: ModelMetrics, s: CompareSettings): Comparison {
  const prod = new Map(production?.metrics.map((m) => [m.key, m.value]) ?? []);
  const rows: MetricComparison[] = candidate.metrics.map((m) => {
    const p = prod.get(m.key);
    if (p === undefined) return { metric: m.key, production: null, candidate: m.value, delta: null, winner: null };
    const delta = clean(m.value - p);
    return { metric: m.key, production: p, candidate: m.value, delta, winner: winnerOf(delta, s.tieEpsilon) };
  });
  const clears = candidate.score >= s.minScore;
  // Reasons are codes with values; the renderer words them in the report's language.
  const reasons: Reason[] = [{ code: clears ? 'clears_bar' : 'below_bar', values: { score: candidate.score, bar: s.minScore } }];
  if (production) {
    const d = clean(candidate.score - production.score);
    const code = d > 0 ? 'above_production' : d < 0 ? 'below_production' : 'same_as_production';
    reasons.push({ code, values: { points: Math.abs(d), production_score: production.score } });
    const wins = rows.filter((r) => r.winner === 'candidate').length;
    const losses = rows.filter((r) => r.winner === 'production').length;
    reasons.push({ code: 'metric_record', values: { wins, losses, total: rows.length } });
  } else {
    reasons.push({ code: 'no_production', values: {} });
  }
  return {
    rows,
    production_score: production?.score ?? null,
    candidate_score: candidate.score,
    min_score: s.minScore,
    tie_epsilon: s.tieEpsilon,
    candidate_clears_bar: clears,
    decision: clears ? 'deploy_candidate' : 'keep_production',
    reasons,
  };
}
