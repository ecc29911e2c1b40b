/**
 * The deployment decision, computed once from the comparison's facts and stored in ReportData:
 * the report's verdict, the job summary, promote's exit code and the API all read this one
 * value. Common sense over settings: a candidate worse on every core metric is never promoted,
 * and a tie keeps production. Pure.
 */
import {
  RULE_CODES,
  type Comparison,
  type Decision,
  type DecisionValue,
  type DeploymentSettings,
  type ModelInfo,
  type ModelMetrics,
  type Reason,
  type ReasonCode,
  type Uncertainty,
} from '../../report-data.js';
import {
  Findings,
  checkBar,
  checkClasses,
  checkMetrics,
  checkNoise,
  checkScore,
  type DeploymentRules,
} from './rules.js';

export type { DeploymentRules } from './rules.js';

export interface DecisionInput {
  readonly production: ModelInfo;
  readonly candidate: ModelInfo | null;
  readonly candidateMetrics: ModelMetrics | null;
  /** null when there is no candidate with metrics. */
  readonly comparison: Comparison | null;
  readonly uncertainty: Uncertainty | null;
}

/** The reason a verdict sentence names, first match wins: the one that weighs most. */
export const HEADLINE_ORDER: Readonly<Record<DecisionValue, readonly ReasonCode[]>> = {
  promote: ['gain_beyond_noise', 'gain_within_noise', 'noise_unknown', 'score_above_production'],
  keep: [
    'score_below_production',
    'worse_on_all',
    'below_bar',
    'no_score',
    'metric_regression',
    'production_unmeasured',
    'class_regression',
    'accuracy_worse_beyond_noise',
    'gain_within_noise',
    'noise_unknown',
    'score_tie',
  ],
  already_deployed: ['same_file'],
  first_deployment: ['no_production'],
  no_candidate: ['candidate_without_metrics', 'no_candidate'],
};

const EFFECT_ORDER = { blocks: 0, warns: 1, supports: 2 } as const;

export function settingsOf(s: DeploymentRules): DeploymentSettings {
  return {
    min_score: s.minScore,
    tie_epsilon: s.tieEpsilon,
    max_regression: s.maxRegression,
    class_regression_tolerance: s.classTolerance,
    block_on_class_regression: s.blockOnClassRegression,
    require_significant_gain: s.requireSignificantGain,
    confidence: s.confidence,
  };
}

function finish(value: DecisionValue, f: Findings, s: DeploymentRules, u: Uncertainty | null): Decision {
  const reasons = [...f.reasons].sort((a, b) => EFFECT_ORDER[a.effect] - EFFECT_ORDER[b.effect]);
  // a kept candidate is kept for what blocks it, not for what only warns
  const pool = value === 'keep' ? reasons.filter((r) => r.effect === 'blocks') : reasons;
  const head: Reason | undefined = HEADLINE_ORDER[value]
    .map((code) => pool.find((r) => r.code === code))
    .find((r) => r !== undefined);
  // every rule is listed; the ones not reached did not apply
  const rules = RULE_CODES.map(
    (rule) => f.rules.find((r) => r.rule === rule) ?? { rule, status: 'skip' as const, values: {} },
  );
  return {
    value,
    headline: head ? { code: head.code, values: head.values } : { code: reasons[0]!.code, values: reasons[0]!.values },
    reasons,
    rules,
    settings: settingsOf(s),
    uncertainty: u,
    regressions: value === 'already_deployed' ? [] : f.regressions,
  };
}

/** Decides from what collect gathered; `rules` are the configured deployment settings. */
export function decide(input: DecisionInput, rules: DeploymentRules): Decision {
  const f = new Findings();
  const { production, candidate, comparison: c } = input;
  const sameFile = production.deployed && candidate?.sha256 != null && candidate.sha256 === production.sha256;
  if (sameFile) {
    f.rule('same_file', 'fail');
    f.reason('same_file', 'blocks');
    return finish('already_deployed', f, rules, null);
  }
  if (!c) {
    if (candidate && !input.candidateMetrics) f.reason('candidate_without_metrics', 'blocks');
    f.reason('no_candidate', 'blocks');
    return finish('no_candidate', f, rules, null);
  }
  f.rule('same_file', production.deployed && candidate?.sha256 ? 'pass' : 'skip');
  const clears = checkBar(c, rules, f);
  if (c.production_score === null) {
    // nothing to compare with: a deployed model without metrics cannot be shown to be beaten
    if (production.deployed) f.reason('production_unmeasured', 'blocks');
    else if (clears && c.candidate_score !== null)
      f.reason('no_production', 'supports', { score: c.candidate_score, bar: rules.minScore });
    return finish(f.blocked ? 'keep' : 'first_deployment', f, rules, null);
  }
  // a candidate without a score (a regressor without R²) is already kept by the bar
  const gain = c.candidate_score === null ? null : checkScore(c, rules, f);
  checkMetrics(c, input.uncertainty, rules, f);
  checkClasses(c, rules, f);
  // the noise is judged on accuracy: a comparison without it (a regressor) has nothing to judge it on
  if (c.rows.some((r) => r.metric === 'accuracy' && r.delta !== null)) checkNoise(gain, input.uncertainty, rules, f);
  if (c.same_evaluation_data === false) f.reason('different_data', 'warns');
  const unmatched = c.rows.filter((r) => !r.core && r.delta === null).map((r) => r.metric);
  if (unmatched.length) f.reason('not_compared', 'warns', { metrics: unmatched.join(', '), count: unmatched.length });
  return finish(f.blocked ? 'keep' : 'promote', f, rules, input.uncertainty);
}
