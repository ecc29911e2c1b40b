/** The report's languages: one catalogue each (en.ts, fr.ts), and the wording of warnings. */
import type { Lang, Warning } from '../../report-data.js';
import { en, type MessageKey, type Messages } from './en.js';
import { fr } from './fr.js';

export type { MessageKey, Messages } from './en.js';

export const MESSAGES: Readonly<Record<Lang, Messages>> = { en, fr };

/** Intl locale for each report language. */
export const LOCALES: Readonly<Record<Lang, string>> = { en: 'en-GB', fr: 'fr-FR' };

/** Values a message fills in: strings and numbers, anything else as JSON. */
export type MessageValues = Readonly<Record<string, unknown>>;

const asText = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : JSON.stringify(v));

/** The message for `key` in `lang`, with {placeholders} replaced. */
export function translate(lang: Lang, key: MessageKey, values: MessageValues = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? asText(values[name]) : m));
}

/** The keys that have a singular and a plural form: `<key>.one` and `<key>.other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

const pluralRules = new Map<Lang, Intl.PluralRules>();

/**
 * The message for `count` things: `<key>.one` or `<key>.other` as the language's plural rules
 * choose (French says "0 classe", English "0 classes"), with {count} and `values` filled in.
 */
export function translatePlural(lang: Lang, key: PluralKey, count: number, values: MessageValues = {}): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(LOCALES[lang])));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return translate(lang, `${key}.${form}` as MessageKey, { count, ...values });
}

/** Values a warning names that are words or numbers to format, not text to show as it is. */
function warningValues(lang: Lang, w: Warning): MessageValues {
  const v = w.values;
  if (w.code !== 'predictions_disagree' && w.code !== 'predictions_rows') return v;
  // format.ts imports this module: format here rather than import it back
  const percent = new Intl.NumberFormat(LOCALES[lang], { style: 'percent', minimumFractionDigits: 2 });
  const pct = (x: unknown) => (typeof x === 'number' ? percent.format(x) : x);
  const model = v.model === 'production' || v.model === 'candidate' ? translate(lang, `role.${v.model}`) : v.model;
  return w.code === 'predictions_disagree'
    ? { ...v, model, predictions: pct(v.predictions), metrics: pct(v.metrics) }
    : { ...v, model };
}

/** A warning of the report data, in words. */
export function warningText(lang: Lang, w: Warning): string {
  return translate(lang, `warning.${w.code}`, warningValues(lang, w));
}

/** True for a key of the catalogue (templates name keys as plain strings). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
