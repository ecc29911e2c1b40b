// The decision in words: every code has its sentence in both languages, plurals follow each
// language's rules, and the French verdict of the sample reads as a French speaker writes it.
import { describe, expect, it } from 'vitest';
import { HEADLINE_ORDER } from '../../src/collect/compare/decision.js';
import { collect } from '../../src/collect/index.js';
import { loadConfig } from '../../src/config/load.js';
import { verdictSentence } from '../../src/render/decision-text.js';
import { MESSAGES, isMessageKey, translatePlural } from '../../src/render/i18n/index.js';
import { REASON_CODES, RULE_CODES, type DecisionValue } from '../../src/report-data.js';
import { FIXED_NOW, sampleProject } from '../helpers.js';

/** A key, or its singular and plural forms. */
const worded = (key: string) => isMessageKey(key) || (isMessageKey(`${key}.one`) && isMessageKey(`${key}.other`));

describe('the decision in words', () => {
  it('has a verdict sentence for every headline a decision can have, a sentence per reason and a line per rule', () => {
    const missing: string[] = [];
    for (const [value, codes] of Object.entries(HEADLINE_ORDER) as [DecisionValue, readonly string[]][])
      for (const code of codes) if (!worded(`verdict.${value}.${code}`)) missing.push(`verdict.${value}.${code}`);
    for (const code of REASON_CODES) if (!worded(`reason.${code}`)) missing.push(`reason.${code}`);
    for (const rule of RULE_CODES) if (!worded(`rule.${rule}`)) missing.push(`rule.${rule}`);
    expect(missing).toEqual([]);
    // fr.ts is typed to have every key of en.ts; nothing in it is left in English
    expect(MESSAGES.fr['verdict.keep.score_below_production']).not.toBe(
      MESSAGES.en['verdict.keep.score_below_production'],
    );
  });

  it('chooses singular and plural as each language does (French: 0 and 1 are singular)', () => {
    const forms = (lang: 'en' | 'fr') => [0, 1, 2].map((n) => translatePlural(lang, 'classes.regressions', n));
    expect(forms('en')).toEqual(['0 classes regress', '1 class regresses', '2 classes regress']);
    expect(forms('fr')).toEqual(['0 classe en recul', '1 classe en recul', '2 classes en recul']);
  });

  it('words the sample’s verdict in French with French numbers', async () => {
    const r = await collect(await loadConfig({}, sampleProject()), FIXED_NOW);
    // decimal commas, and a no-break space before % (narrow in newer ICU versions than Node 20's)
    expect(verdictSentence('fr', r).replace('95\u202f%', '95\u00a0%')).toBe(
      'Déployer le candidat : +5,1 points, mais son gain d’exactitude (+0,6 points) reste dans le bruit (intervalle à 95\u00a0% de −2,0 à +3,2)',
    );
  });
});
