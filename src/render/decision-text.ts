/**
 * The deployment decision in words: the verdict sentence (the report's first line, the job
 * summary's first line and promote's message are this one string), its reasons, the rules
 * applied and the uncertainty line. ReportData.decision decides; this only words it.
 */
import type { Decision, Lang, Reason, ReasonValues, ReportData, RuleCheck, Uncertainty } from '../report-data.js';
import { formatFixed, formatNumber, formatPercent, formatPValue, formatSigned } from './format.js';
import { isMessageKey, translate, translatePlural, type PluralKey } from './i18n/index.js';

/** A metric's translated label ("Recall", "R²"), or its name as the file wrote it. */
const metricWord = (lang: Lang, metric: string): string => {
  const key = `metrics.${metric}`;
  return isMessageKey(key) ? translate(lang, key) : metric;
};

/** A regressor's errors fall as a share of production's value (compare/index.ts changePoints): their own sentences. */
const RELATIVE = new Set(['rmse', 'mae', 'mse', 'mape']);
const relativeKey = (key: string, v: ReasonValues): string =>
  /metric_(regression|worse)$/.test(key) && typeof v.metric === 'string' && RELATIVE.has(v.metric)
    ? `${key}_relative`
    : key;

/** "95 % interval −2.0 to +3.2" or "McNemar p = 0.41": the noise a sentence quotes. */
function noisePhrase(lang: Lang, v: ReasonValues): string {
  const confidence = formatPercent(lang, Number(v.confidence), 0);
  if (typeof v.p_value === 'number') return translate(lang, 'noise.p_value', { p: formatPValue(lang, v.p_value) });
  return translate(lang, 'noise.interval', {
    confidence,
    low: formatSigned(lang, Number(v.low)),
    high: formatSigned(lang, Number(v.high)),
  });
}

/** A reason's values as the sentences show them: scores with one decimal, changes signed, … */
function worded(lang: Lang, v: ReasonValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') out[k] = k === 'metric' ? metricWord(lang, x) : x;
    else if (['score', 'candidate_score', 'production_score', 'points'].includes(k)) out[k] = formatFixed(lang, x);
    else if (['delta', 'low', 'high'].includes(k)) out[k] = formatSigned(lang, x);
    else if (k === 'confidence') out[k] = formatPercent(lang, x, 0);
    else if (k === 'p_value') out[k] = formatPValue(lang, x);
    else out[k] = formatNumber(lang, x);
  }
  if (typeof v.delta === 'number') out.drop = formatFixed(lang, Math.abs(v.delta));
  if (v.confidence !== undefined) out.noise = noisePhrase(lang, v);
  return out;
}

function say(lang: Lang, plainKey: string, values: ReasonValues): string {
  const key = relativeKey(plainKey, values);
  const w = worded(lang, values);
  if (typeof values.count === 'number' && isMessageKey(`${key}.one`))
    return translatePlural(lang, key as PluralKey, values.count, w);
  return isMessageKey(key) ? translate(lang, key, w) : key;
}

/** True when the decision keeps production but nothing is in production to keep. */
const nothingDeployed = (r: ReportData): boolean => r.decision.value === 'keep' && !r.model.deployed;

/** The verdict: one sentence, with the main reason in numbers. */
export function verdictSentence(lang: Lang, r: ReportData): string {
  const d = r.decision;
  const { code, values } = d.headline;
  let key = `verdict.${d.value}.${code}`;
  if (nothingDeployed(r) && (code === 'below_bar' || code === 'no_score')) key = `verdict.none.${code}`;
  if (d.value === 'first_deployment' && values.score === values.bar) key = 'verdict.first_deployment.at_bar';
  return say(lang, key, values);
}

/** The decision in two or three words: "Keep production", "Do not deploy", … */
export function decisionLabel(lang: Lang, r: ReportData): string {
  return translate(lang, nothingDeployed(r) ? 'decision.keep_none' : `decision.${r.decision.value}`);
}

/** One reason as a sentence. */
export function reasonText(lang: Lang, reason: Pick<Reason, 'code' | 'values'>): string {
  return say(lang, `reason.${reason.code}`, reason.values);
}

/** One line of the "Rules applied" list: what the rule asks, with its configured values. */
export function ruleText(lang: Lang, rule: RuleCheck, d: Decision): string {
  const s = d.settings;
  const mode = (blocks: boolean) => translate(lang, blocks ? 'rule.mode.blocks' : 'rule.mode.warns');
  const values: Record<string, string> = {
    bar: formatNumber(lang, s.min_score),
    tie: formatNumber(lang, s.tie_epsilon),
    max: formatNumber(lang, s.max_regression),
    tolerance: formatNumber(lang, s.class_regression_tolerance),
    confidence: formatPercent(lang, s.confidence, 0),
    mode: mode(rule.rule === 'class_regression' ? s.block_on_class_regression : s.require_significant_gain),
  };
  // a regressor's errors fall by a share of production's, not by points: said only when there are some
  const key = rule.rule === 'max_regression' && rule.values.relative === 1 ? 'rule.max_regression_relative' : null;
  return translate(lang, key ?? `rule.${rule.rule}`, values);
}

/** What a rule found, when it measured something: "85.3", "recall −0.4", … */
export function ruleFinding(lang: Lang, rule: RuleCheck): string {
  const v = rule.values;
  if (rule.status === 'skip') return '';
  switch (rule.rule) {
    case 'min_score':
      return typeof v.score === 'number' ? formatFixed(lang, v.score) : '—';
    case 'not_worse':
    case 'no_tie':
      return `${formatFixed(lang, Number(v.candidate_score))} / ${formatFixed(lang, Number(v.production_score))}`;
    case 'max_regression':
      return typeof v.metric === 'string'
        ? `${worded(lang, { metric: v.metric }).metric} −${formatFixed(lang, Number(v.points))}`
        : '';
    case 'class_regression':
      return typeof v.count === 'number' ? `${v.label} −${formatFixed(lang, Number(v.points))}` : '';
    default:
      return '';
  }
}

/** The accuracy change with its interval or p-value, the method and where n came from. */
export function uncertaintyText(lang: Lang, u: Uncertainty): string {
  const pct = (x: number) => formatPercent(lang, x);
  const common = {
    production: pct(u.production.value),
    candidate: pct(u.candidate.value),
    delta: formatSigned(lang, u.delta * 100),
    noise_label: translate(lang, u.within_noise ? 'uncertainty.within' : 'uncertainty.beyond'),
    confidence: formatPercent(lang, u.confidence, 0),
    n: formatNumber(lang, u.candidate_n),
  };
  if (u.method === 'mcnemar') {
    return translate(lang, 'uncertainty.mcnemar', {
      ...common,
      p: formatPValue(lang, u.p_value!),
      file: u.predictions!.path,
      only_production: formatNumber(lang, u.predictions!.only_production_right),
      only_candidate: formatNumber(lang, u.predictions!.only_candidate_right),
    });
  }
  const sameN = u.production_n === u.candidate_n && u.production_n_source === u.candidate_n_source;
  return translate(lang, 'uncertainty.newcombe', {
    ...common,
    low: formatSigned(lang, u.delta_interval!.low * 100),
    high: formatSigned(lang, u.delta_interval!.high * 100),
    p_low: pct(u.production.low),
    p_high: pct(u.production.high),
    c_low: pct(u.candidate.low),
    c_high: pct(u.candidate.high),
    n: sameN ? common.n : `${formatNumber(lang, u.production_n)} / ${common.n}`,
    source: sameN ? u.candidate_n_source : `${u.production_n_source} / ${u.candidate_n_source}`,
  });
}
