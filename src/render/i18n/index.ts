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

/** A warning of the report data, in words. */
export function warningText(lang: Lang, w: Warning): string {
  return translate(lang, `warning.${w.code}`, w.values);
}

/** True for a key of the catalogue (templates name keys as plain strings). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
