/**
 * The deployment rules, each a check on the comparison's facts that adds reasons (codes with
 * values and an effect), its line of the "Rules applied" list and, where something got worse,
 * a regression for --fail-on-regression. Tolerances are in points. Pure; decision.ts runs them.
 */
import type {
  Comparison,
  MetricComparison,
  Reason,
  ReasonCode,
  ReasonEffect,
  ReasonValues,
  Regression,
  RuleCheck,
  RuleCode,
  RuleStatus,
  Uncertainty,
} from '../../report-data.js';
import { changePoints, toPoints } from './index.js';

export interface DeploymentRules {
  /** Out of 100. */
  readonly minScore: number;
  /** Points. */
  readonly tieEpsilon: number;
  /** Points. */
  readonly maxRegression: number;
  /** Points of F1. */
  readonly classTolerance: number;
  readonly blockOnClassRegression: boolean;
  readonly requireSignificantGain: boolean;
  readonly confidence: number;
}

/** What the checks write to. */
export class Findings {
  readonly reasons: Reason[] = [];
  readonly rules: RuleCheck[] = [];
  readonly regressions: Regression[] = [];

  reason(code: ReasonCode, effect: ReasonEffect, values: ReasonValues = {}): void {
    this.reasons.push({ code, effect, values });
  }

  rule(rule: RuleCode, status: RuleStatus, values: ReasonValues = {}): void {
    this.rules.push({ rule, status, values });
  }

  get blocked(): boolean {
    return this.reasons.some((r) => r.effect === 'blocks');
  }
}

/** Rounds away float noise so points read and compare cleanly. */
const clean = (x: number): number => Math.round(x * 1e9) / 1e9;

/**
 * How many points a row got worse by (0 or less when it did not), whichever its direction; for
 * a regressor's errors, relative to production's value (compare/index.ts changePoints).
 */
export const pointsWorse = (r: MetricComparison): number =>
  r.delta === null || r.production === null
    ? 0
    : changePoints(r.metric, r.direction === 'higher' ? -r.delta : r.delta, r.production);

/** The bar: the candidate's score out of 100 against deployment.min_score. */
export function checkBar(c: Comparison, s: DeploymentRules, out: Findings): boolean {
  if (c.candidate_score === null) {
    // no score for the task (other), or a regressor without R²: nothing can clear the bar
    out.rule('min_score', 'fail', { bar: s.minScore });
    out.reason('no_score', 'blocks', { bar: s.minScore });
    return false;
  }
  const clears = c.candidate_score >= s.minScore;
  const values = { score: c.candidate_score, bar: s.minScore };
  out.rule('min_score', clears ? 'pass' : 'fail', values);
  out.reason(clears ? 'clears_bar' : 'below_bar', clears ? 'supports' : 'blocks', values);
  return clears;
}

/**
 * Not worse than production (score ≥ production − tie band), and not a tie either: a tie
 * keeps production, so a redeploy never churns for nothing. Returns the score gain in points.
 */
export function checkScore(c: Comparison, s: DeploymentRules, out: Findings): number {
  const prod = c.production_score!;
  const cand = c.candidate_score!;
  const gain = clean(cand - prod);
  const values = { candidate_score: cand, production_score: prod, tie: s.tieEpsilon };
  out.rule('not_worse', gain >= -s.tieEpsilon ? 'pass' : 'fail', values);
  out.rule('no_tie', gain > s.tieEpsilon ? 'pass' : 'fail', values);
  if (gain > s.tieEpsilon) out.reason('score_above_production', 'supports', { ...values, points: gain });
  else if (gain < -s.tieEpsilon) {
    out.reason('score_below_production', 'blocks', { ...values, points: -gain });
    out.regressions.push({ kind: 'score', name: 'score', points: -gain });
  } else out.reason('score_tie', 'blocks', values);
  return gain;
}

/**
 * Core metrics: none may fall more than max_regression points (blocks); a smaller fall beyond
 * the tie band is a warning, except accuracy within noise; worse on every one blocks whatever
 * the settings (common sense); better on every one is said.
 */
export function checkMetrics(c: Comparison, u: Uncertainty | null, s: DeploymentRules, out: Findings): void {
  const core = c.rows.filter((r) => r.core && r.delta !== null);
  let worst: MetricComparison | null = null;
  for (const r of core) {
    const points = pointsWorse(r);
    if (r.winner !== 'production') continue;
    if (!worst || points > pointsWorse(worst)) worst = r;
    if (points > s.maxRegression) {
      out.reason('metric_regression', 'blocks', { metric: r.metric, points, max: s.maxRegression });
    } else if (r.metric === u?.metric) {
      // accuracy has an interval: a fall within noise is not one; one beyond noise is checkNoise's
      continue;
    } else out.reason('metric_worse', 'warns', { metric: r.metric, points });
    out.regressions.push({ kind: 'metric', name: r.metric, points });
  }
  const worstPoints = worst ? pointsWorse(worst) : 0;
  out.rule('max_regression', worstPoints > s.maxRegression ? 'fail' : 'pass', {
    max: s.maxRegression,
    // relative: 1 when a core metric is an error (RMSE…), whose fall is a share of production's
    ...(core.some((r) => r.direction === 'lower') ? { relative: 1 } : {}),
    ...(worst ? { metric: worst.metric, points: worstPoints } : {}),
  });
  const all = (w: MetricComparison['winner']) => core.length > 0 && core.every((r) => r.winner === w);
  out.rule('not_worse_on_all', all('production') ? 'fail' : 'pass', { count: core.length });
  if (all('production')) out.reason('worse_on_all', 'blocks', { count: core.length });
  if (all('candidate')) out.reason('better_on_all', 'supports', { count: core.length });
}

/** Per-class F1: a class falling more than the tolerance warns, or blocks when configured. */
export function checkClasses(c: Comparison, s: DeploymentRules, out: Findings): void {
  const values = { tolerance: s.classTolerance };
  if (!c.per_class?.some((x) => x.f1_delta !== null)) return out.rule('class_regression', 'skip', values);
  const regressed = c.per_class
    .filter((x) => x.regressed)
    .map((x) => ({ name: x.label, points: -toPoints(x.f1_delta!) }))
    .sort((a, b) => b.points - a.points || (a.name < b.name ? -1 : 1));
  if (regressed.length === 0) return out.rule('class_regression', 'pass', values);
  const effect = s.blockOnClassRegression ? 'blocks' : 'warns';
  const worst = regressed[0]!;
  const facts = { ...values, count: regressed.length, label: worst.name, points: worst.points };
  out.rule('class_regression', effect === 'blocks' ? 'fail' : 'warn', facts);
  out.reason('class_regression', effect, facts);
  for (const r of regressed) out.regressions.push({ kind: 'class', ...r });
}

/** The interval or p-value a sentence quotes, in points. */
function noiseValues(u: Uncertainty): ReasonValues {
  return {
    delta: toPoints(u.delta),
    confidence: u.confidence,
    method: u.method,
    ...(u.delta_interval ? { low: toPoints(u.delta_interval.low), high: toPoints(u.delta_interval.high) } : {}),
    ...(u.p_value !== null ? { p_value: u.p_value } : {}),
  };
}

/**
 * Whether the gain stands out from the evaluation's noise, judged on accuracy (the one core
 * metric with a sound interval). Only a candidate that gains is judged; a gain within noise,
 * or of unknown noise, warns, or blocks with require_significant_gain.
 */
export function checkNoise(gain: number | null, u: Uncertainty | null, s: DeploymentRules, out: Findings): void {
  const effect: ReasonEffect = s.requireSignificantGain ? 'blocks' : 'warns';
  const status: RuleStatus = s.requireSignificantGain ? 'fail' : 'warn';
  const setting = { confidence: s.confidence, required: s.requireSignificantGain ? 1 : 0 };
  // an accuracy fall beyond noise is a regression whether or not the score gained (once:
  // checkMetrics has already counted one beyond max_regression)
  if (u && !u.within_noise && -toPoints(u.delta) > s.tieEpsilon) {
    const counted = out.regressions.some((g) => g.kind === 'metric' && g.name === u.metric);
    if (!counted) out.regressions.push({ kind: 'metric', name: u.metric, points: -toPoints(u.delta) });
    if (!counted && (gain === null || gain <= s.tieEpsilon))
      out.reason('accuracy_worse_beyond_noise', 'warns', noiseValues(u));
  }
  if (gain === null || gain <= s.tieEpsilon) return out.rule('significant_gain', 'skip', setting);
  if (!u) {
    out.rule('significant_gain', status, setting);
    return out.reason('noise_unknown', effect, { points: gain });
  }
  const values = { points: gain, ...noiseValues(u) };
  if (u.within_noise) {
    out.rule('significant_gain', status, setting);
    out.reason('gain_within_noise', effect, values);
  } else if (u.delta > 0) {
    out.rule('significant_gain', 'pass', setting);
    out.reason('gain_beyond_noise', 'supports', values);
  } else {
    out.rule('significant_gain', status, setting);
    out.reason('accuracy_worse_beyond_noise', effect, values);
  }
}
