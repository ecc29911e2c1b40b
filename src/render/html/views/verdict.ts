/**
 * The verdict at the top of the page (partials/verdict.hbs): the decision as one sentence,
 * both scores, how sure it is, and the reasons that block or warn.
 */
import type { DecisionValue, ReasonEffect, ReportData } from '../../../report-data.js';
import { decisionLabel, reasonText, uncertaintyText, verdictSentence } from '../../decision-text.js';
import type { Ctx, Tone } from './context.js';

export interface VerdictView {
  readonly sentence: string;
  /** The decision in a few words, for screen readers' landmark. */
  readonly label: string;
  readonly tone: Tone;
  readonly icon: string;
  readonly production_score: string | null;
  readonly candidate_score: string | null;
  readonly bar: string;
  readonly noise: string | null;
  readonly reasons: {
    readonly text: string;
    readonly effect: ReasonEffect;
    readonly icon: string;
    readonly effect_label: string;
  }[];
  /** The link to the rules, saying how many reasons it holds beyond those shown. */
  readonly more: string;
}

/** The verdict stays a first-screen summary: the rest is in the comparison section. */
const SHOWN = 3;

export const DECISION_TONE: Readonly<Record<DecisionValue, Tone>> = {
  promote: 'good',
  first_deployment: 'good',
  keep: 'warn',
  already_deployed: 'neutral',
  no_candidate: 'neutral',
};
/** Status is never colour alone: each verdict has an icon, and the sentence says it. */
export const DECISION_ICON: Readonly<Record<DecisionValue, string>> = {
  promote: '✔',
  first_deployment: '✔',
  keep: '■',
  already_deployed: '=',
  no_candidate: '–',
};
export const EFFECT_ICON: Readonly<Record<ReasonEffect, string>> = { blocks: '✖', warns: '⚠', supports: '✔' };

export function verdictView(r: ReportData, c: Ctx): VerdictView {
  const d = r.decision;
  const fixed = (x: number | null | undefined): string | null => (x == null ? null : c.fixed(x));
  const cmp = r.comparison;
  const said = d.reasons.filter((x) => x.effect !== 'supports' && x.code !== d.headline.code);
  return {
    sentence: verdictSentence(c.lang, r),
    label: decisionLabel(c.lang, r),
    tone: DECISION_TONE[d.value],
    icon: DECISION_ICON[d.value],
    production_score: cmp?.production_score != null ? fixed(cmp.production_score) : fixed(r.metrics?.score),
    candidate_score: fixed(cmp?.candidate_score),
    bar: c.num(d.settings.min_score),
    noise: d.uncertainty ? uncertaintyText(c.lang, d.uncertainty) : null,
    // the headline is the sentence; the rest of what blocks or warns follows it
    reasons: said.slice(0, SHOWN).map((x) => ({
      text: reasonText(c.lang, x),
      effect: x.effect,
      icon: EFFECT_ICON[x.effect],
      effect_label: c.t(`effect.${x.effect}`),
    })),
    more: said.length > SHOWN ? c.plural('verdict.more', said.length - SHOWN) : c.t('verdict.details'),
  };
}
