/** The report's languages: one catalogue each (en.ts, fr.ts), and the wording of warnings and explanations. */
import {
  METRIC_KEYS,
  type Lang,
  type MetricKey,
  type RowNoun,
  type Warning,
  type Why,
  type WhyCode,
} from '../../report-data.js';
import { en, type MessageKey, type Messages } from './en.js';
import { fr } from './fr.js';
import { LOCALES } from './locales.js';

export type { MessageKey, Messages } from './en.js';
export { LOCALES } from './locales.js';

export const MESSAGES: Readonly<Record<Lang, Messages>> = { en, fr };

// every explanation code has its sentence: a code added to report-data.ts without one fails to compile
const _everyWhy: Readonly<Record<`why.${WhyCode}`, string>> = en;
void _everyWhy;

/** Values a message fills in: strings and numbers, anything else as JSON. */
export type MessageValues = Readonly<Record<string, unknown>>;

const numberFormats = new Map<Lang, Intl.NumberFormat>();

/** Numbers are written the language's way ("9,309", "9 309", "0.875", "0,875"); strings as they are. */
function asText(lang: Lang, v: unknown): string {
  if (typeof v === 'number') {
    let f = numberFormats.get(lang);
    if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 4 })));
    return f.format(v);
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The message for `key` in `lang`, with {placeholders} replaced (numbers written the language's way). */
export function translate(lang: Lang, key: MessageKey, values: MessageValues = {}): string {
  return MESSAGES[lang][key].replace(/\{(\w+)\}/g, (all, name: string) =>
    name in values ? asText(lang, values[name]) : all,
  );
}

const METRICS: ReadonlySet<string> = new Set<string>(METRIC_KEYS);

/** A metric's label, one style everywhere: the known ones translated ("F1", "R²"), others as the file names them. */
export function metricName(lang: Lang, key: string): string {
  return METRICS.has(key) ? translate(lang, `metrics.${key as MetricKey}`) : key;
}

/** " (data/ holds apps.jsonl)": what is beside a missing file, when the warning recorded it. */
function where(lang: Lang, v: Warning['values']): string {
  if (typeof v.dir !== 'string') return '';
  const list = Array.isArray(v.siblings) ? v.siblings.map(String) : null;
  if (list === null) return translate(lang, 'warning.where.no_dir', { dir: v.dir });
  if (list.length === 0) return translate(lang, 'warning.where.empty', { dir: v.dir });
  const more = typeof v.more === 'number' ? v.more : 0;
  return translate(lang, more > 0 ? 'warning.where.more' : 'warning.where.holds', {
    dir: v.dir,
    list: list.join(', '),
    more,
  });
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

/** What a data row is called: the user's words (data_options.row_noun, `fr` in French) or the language's "row". */
export interface RowWords {
  /** "9,309 apps", "1 row". */
  readonly count: (n: number) => string;
  /** A column or axis title: "Apps", "Rows". */
  readonly title: string;
}

export function rowWords(lang: Lang, noun: RowNoun | null | undefined): RowWords {
  const own = noun ? (lang === 'fr' && noun.fr ? noun.fr : { one: noun.one, other: noun.other }) : null;
  if (!own) return { count: (n) => translatePlural(lang, 'kpi.rows', n), title: translate(lang, 'data.rows') };
  return {
    count: (n) => translatePlural(lang, 'kpi.noun', n, own),
    title: own.other.charAt(0).toLocaleUpperCase(LOCALES[lang]) + own.other.slice(1),
  };
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

/** True for a key of the catalogue (templates name keys as plain strings). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** True for an explanation (a code with its sentence, and its values). */
export const isWhy = (v: unknown): v is Why =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  'code' in v &&
  'values' in v &&
  isMessageKey(`why.${String((v as Why).code)}`);

/** Values named so are words of the catalogue: a split, a task, a role, a metric's name. */
function word(lang: Lang, name: string, v: string): string {
  const key =
    name === 'split' || name === 'splits'
      ? `split.${v}`
      : name === 'metrics_task'
        ? `task.${v}`
        : name === 'model'
          ? `role.${v}`
          : ['metric', 'metrics', 'keys', 'missing'].includes(name) && METRICS.has(v === 'f1' ? 'f1_score' : v)
            ? `metrics.${v === 'f1' ? 'f1_score' : v}`
            : null;
  return key && isMessageKey(key) ? translate(lang, key) : v;
}

/** One value of an explanation, in words: a nested Why, a list (facts joined by commas), a number. */
function valueText(lang: Lang, name: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (isWhy(v)) return whyText(lang, v);
  if (Array.isArray(v)) return v.map((x) => valueText(lang, name, x)).join(', ');
  if (typeof v === 'string') return word(lang, name, v);
  if (typeof v === 'number') return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 6 }).format(v);
  return asText(lang, v);
}

/** An explanation (ReportData Why) in words; `also` holds further clauses, joined with semicolons. */
export function whyText(lang: Lang, why: Why): string {
  const values = Object.fromEntries(Object.entries(why.values).map(([k, v]) => [k, valueText(lang, k, v)]));
  const main = translate(lang, `why.${why.code}`, values);
  const also = why.values.also;
  if (!Array.isArray(also) || !also.every(isWhy)) return main;
  return also.reduce<string>((first, a) => translate(lang, 'inputs.clauses', { first, then: whyText(lang, a) }), main);
}

/** A warning of the report data, in words: its values formatted, explanations worded. */
export function warningText(lang: Lang, w: Warning): string {
  const worded =
    w.code === 'predictions_disagree' || w.code === 'predictions_rows'
      ? warningValues(lang, w)
      : Object.fromEntries(Object.entries(w.values).map(([k, v]) => [k, valueText(lang, k, v)]));
  const values = { ...worded, where: where(lang, w.values) };
  // a warning that counts ("3 lines could not be read") has a singular and a plural form
  const key = `warning.${w.code}`;
  return typeof w.values.count === 'number' && isMessageKey(`${key}.one`)
    ? translatePlural(lang, key as PluralKey, w.values.count, values)
    : translate(lang, key as MessageKey, values);
}
