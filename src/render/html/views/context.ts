/** What every view shares: the language, its formatters, tones and icons. */
import type { Lang, Level, RowNoun, Winner } from '../../../report-data.js';
import {
  formatDate,
  formatDay,
  formatFixed,
  formatNumber,
  formatPercent,
  formatPoints,
  formatSize,
} from '../../format.js';
import {
  metricName,
  rowWords,
  translate,
  translatePlural,
  type MessageKey,
  type MessageValues,
  type PluralKey,
  type RowWords,
} from '../../i18n/index.js';

export type Tone = 'good' | 'warn' | 'bad' | 'neutral' | 'info';

export const LEVEL_TONE: Readonly<Record<Level, Tone>> = { excellent: 'good', good: 'warn', to_improve: 'bad' };
/** Status is never colour alone: each tone has an icon, and the text says it too. */
export const LEVEL_ICON: Readonly<Record<Level, string>> = { excellent: '✔', good: '●', to_improve: '▲' };
export const VERDICT_TONE = { safe: 'good', unknown: 'warn', dangerous: 'bad' } as const;
export const VERDICT_ICON = { safe: '✔', unknown: '?', dangerous: '✖' } as const;
/** ★ rather than the old dashboard's 🏆: emoji fonts are missing on many CI and Linux machines. */
export const WINNER_ICON: Readonly<Record<Winner, string>> = { candidate: '★', production: '★', tie: '=' };

export interface Ctx {
  readonly lang: Lang;
  t(key: MessageKey, values?: MessageValues): string;
  /** The singular or plural form of `key` for `count`. */
  plural(key: PluralKey, count: number, values?: MessageValues): string;
  pct(x: number, digits?: number): string;
  num(x: number, digits?: number): string;
  /** Exactly `digits` decimals (1): scores read "82.0". */
  fixed(x: number, digits?: number): string;
  points(delta: number): string;
  size(bytes: number): string;
  date(iso: string | null): string | null;
  /** The day only: "3 Jan 2026". */
  day(iso: string | null): string | null;
  /** What a data row is called ("9,309 apps", "Rows"). */
  readonly rows: RowWords;
}

export function contextFor(lang: Lang, rowNoun: RowNoun | null = null): Ctx {
  return {
    lang,
    rows: rowWords(lang, rowNoun),
    t: (key, values) => translate(lang, key, values),
    plural: (key, count, values) => translatePlural(lang, key, count, values),
    pct: (x, digits = 1) => formatPercent(lang, x, digits),
    num: (x, digits = 2) => formatNumber(lang, x, digits),
    fixed: (x, digits = 1) => formatFixed(lang, x, digits),
    points: (d) => formatPoints(lang, d),
    size: (bytes) => formatSize(lang, bytes),
    date: (iso) => formatDate(lang, iso),
    day: (iso) => formatDay(lang, iso),
  };
}

/** A metric's label: the known ones are translated, others keep their file name. */
export function metricLabel(c: Ctx, key: string): string {
  return metricName(c.lang, key);
}

/**
 * An identifier ("class_weight", "ART_AND_DESIGN") in pieces that each end after a "_":
 * the template puts a <wbr> between them, so a name breaks there on a narrow screen and
 * never in the middle of a word (the CSS forbids any other break).
 */
export function ident(name: string): string[] {
  return name.split(/(?<=_)/);
}

/** A CSS string literal: quoted, with quotes, backslashes and line breaks escaped. */
const cssString = (s: string): string => `"${s.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

/**
 * The column names a table shows beside each value when it stacks into cards on a phone,
 * as custom properties for its style attribute ("--c2:"Apps";…", from the second column
 * on): one attribute per table rather than one per cell. Words come from i18n, never from
 * an input, and are escaped for CSS here and for HTML by the template.
 */
export function stackLabels(labels: readonly string[]): string {
  return labels.map((l, i) => `--c${i + 2}:${cssString(l)}`).join(';');
}

/** Metrics that are fractions of 1, shown as percentages; the others (r2, errors) as numbers. */
const FRACTIONS: ReadonlySet<string> = new Set(['accuracy', 'precision', 'recall', 'f1_score', 'roc_auc']);
export const isFraction = (key: string): boolean => FRACTIONS.has(key);

/** A metric's value: a percentage for fractions, else the number (R² 0.853, RMSE 3,123.4). */
export function metricText(c: Ctx, key: string, value: number): string {
  return isFraction(key) ? c.pct(value) : c.num(value, key === 'r2' ? 3 : 4);
}

/** A change of a metric: points for fractions, else a signed number. */
export function metricDelta(c: Ctx, key: string, delta: number): string {
  return isFraction(key) ? c.points(delta) : `${delta > 0 ? '+' : ''}${c.num(delta, 4)}`;
}
