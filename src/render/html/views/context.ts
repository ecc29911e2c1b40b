/** What every view shares: the language, its formatters, tones and icons. */
import type { CoreMetric, Lang, Level, Winner } from '../../../report-data.js';
import {
  formatDate,
  formatDay,
  formatFixed,
  formatNumber,
  formatPercent,
  formatPoints,
  formatSize,
} from '../../format.js';
import { translate, translatePlural, type MessageKey, type MessageValues, type PluralKey } from '../../i18n/index.js';

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
}

export function contextFor(lang: Lang): Ctx {
  return {
    lang,
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

const CORE: ReadonlySet<string> = new Set<CoreMetric>(['accuracy', 'precision', 'recall', 'f1_score']);
const isCore = (key: string): key is CoreMetric => CORE.has(key);

/** A metric's label: the four core ones are translated, others keep their file name. */
export function metricLabel(c: Ctx, key: string): string {
  return isCore(key) ? c.t(`metrics.${key}`) : key;
}
