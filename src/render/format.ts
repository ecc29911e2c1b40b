/**
 * The one home of number, percent, size and date formatting, shared by the HTML report,
 * the job summary and `inspect`'s text. Plain strings, never markup: templates escape them
 * like any other value.
 */
import type { Lang } from '../report-data.js';
import { LOCALES } from './i18n/locales.js';

const locale = (lang: Lang): string => LOCALES[lang];

// Intl formatters are costly to build and a report formats thousands of numbers: one per
// language and options
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(
  kind: string,
  lang: Lang,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as T | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}
const numberFormat = (lang: Lang, o: Intl.NumberFormatOptions): Intl.NumberFormat =>
  cached('n', lang, o, () => new Intl.NumberFormat(locale(lang), o));
const dateFormat = (lang: Lang, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat =>
  cached('d', lang, o, () => new Intl.DateTimeFormat(locale(lang), o));
const pluralRules = (lang: Lang, o: Intl.PluralRulesOptions): Intl.PluralRules =>
  cached('p', lang, o, () => new Intl.PluralRules(locale(lang), o));

/** 0.7934 → "79.3%" (en) or "79,3 %" (fr). */
export function formatPercent(lang: Lang, x: number, digits = 1): string {
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}

const SIZE_UNITS: Readonly<Record<Lang, readonly string[]>> = {
  en: ['B', 'KB', 'MB', 'GB', 'TB'],
  fr: ['o', 'Ko', 'Mo', 'Go', 'To'],
};

/**
 * A file size in 1024 steps with one decimal, as the old dashboard wrote it: "198.2 KB",
 * "3.0 MB" (en; also the API's `size`), "198,2 Ko" (fr).
 */
export function formatSize(lang: Lang, bytes: number): string {
  const units = SIZE_UNITS[lang];
  let v = bytes,
    u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return `${bytes} ${units[0]}`;
  const n = numberFormat(lang, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    useGrouping: false,
  });
  return `${n.format(Math.round(v * 10) / 10)} ${units[u]}`;
}

/** 9309 → "9,309" (en) or "9 309" (fr). */
export function formatNumber(lang: Lang, x: number, maxDigits = 2): string {
  return numberFormat(lang, { maximumFractionDigits: maxDigits }).format(x);
}

/**
 * A metric delta in percentage points, one decimal, signed: 0.006 → "+0.6 pts" (en),
 * "+0,6 pt" (fr: below 2 a point is singular), exactly 0 → "0.0 pts". A real minus sign.
 */
export function formatPoints(lang: Lang, delta: number): string {
  const options = { minimumFractionDigits: 1, maximumFractionDigits: 1 } as const;
  const value = Math.round(delta * 1000) / 10;
  const s = numberFormat(lang, { ...options, signDisplay: 'exceptZero' }).format(value);
  const one = pluralRules(lang, options).select(Math.abs(value)) === 'one';
  return `${s.replace('-', '−')} ${one ? 'pt' : 'pts'}`;
}

/** An ISO time as a Date; "2026-01-03 14:30:00" (the old dashboard's form) is read as UTC. */
function parseTime(iso: string): Date {
  // no zone: read it as UTC, never local time
  const naive = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(iso);
  return new Date(naive ? `${iso.replace(' ', 'T')}Z` : iso);
}

/** An ISO time in UTC, e.g. "3 Jan 2026, 14:30 UTC"; unparseable text is shown as given. */
export function formatDate(lang: Lang, iso: string | null): string | null {
  if (iso === null) return null;
  const d = parseTime(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = dateFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);
  return `${s} UTC`;
}

/** The day of an ISO time in UTC, e.g. "3 Jan 2026"; unparseable text is shown as given. */
export function formatDay(lang: Lang, iso: string | null): string | null {
  if (iso === null) return null;
  const d = parseTime(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** The time of day of an ISO time, in UTC: "14:30 UTC". */
export function formatTime(lang: Lang, iso: string): string {
  const d = parseTime(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${dateFormat(lang, { timeStyle: 'short', timeZone: 'UTC' }).format(d)} UTC`;
}

/** A parameter value as Python would print it in a table: None, True, 'gini', 0.1, {...}. */
export function formatParam(v: unknown): string {
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'string') return v === 'nan' || v === 'inf' || v === '-inf' ? v : `'${v}'`;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatParam).join(', ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.__estimator__ === 'string') return `${o.__estimator__.split('.').pop()}(…)`;
    if (typeof o.__global__ === 'string') return o.__global__;
    if (typeof o.__dtype__ === 'string') return o.__dtype__;
    if (typeof o.__object__ === 'string') return `<${o.__object__}>`;
    if (o.__ndarray__) return 'array(…)';
    return `{${Object.entries(o)
      .map(([k, x]) => `${k}: ${formatParam(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

/** A number with exactly `digits` decimals: 82 → "82.0" (en), "82,0" (fr). */
export function formatFixed(lang: Lang, x: number, digits = 1): string {
  return numberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
}

/** A signed number with exactly `digits` decimals and a real minus: "+5.1", "−2.0", "0.0". */
export function formatSigned(lang: Lang, x: number, digits = 1): string {
  const s = numberFormat(lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: 'exceptZero',
  }).format(x);
  return s.replace('-', '−');
}

/** A p-value to three significant digits, or "< 0.001". */
export function formatPValue(lang: Lang, p: number): string {
  if (p < 0.001) return `< ${formatNumber(lang, 0.001, 3)}`;
  return numberFormat(lang, { maximumSignificantDigits: 3 }).format(p);
}
