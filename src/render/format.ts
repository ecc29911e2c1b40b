/**
 * Formatters shared by the view model and the Handlebars helpers. They return plain strings,
 * never markup: templates escape them like any other value.
 */
import { LOCALES } from './i18n/index.js';

const locale = (lang: string): string => LOCALES[lang] ?? 'en-GB';

/** 0.7934 → "79.3%" (en) or "79,3 %" (fr). */
export function formatPercent(lang: string, x: number, digits = 1): string {
  return new Intl.NumberFormat(locale(lang), {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x);
}

/** A file size the way each language writes it: "198.2 KB" (en, like the old dashboard), "198,2 Ko" (fr). */
export function formatBytes(lang: string, bytes: number): string {
  const units = lang === 'fr' ? ['o', 'Ko', 'Mo', 'Go', 'To'] : ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes,
    u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} ${units[0]}` : `${formatNumber(lang, Math.round(v * 10) / 10, 1)} ${units[u]}`;
}

/** 9309 → "9,309" (en) or "9 309" (fr). */
export function formatNumber(lang: string, x: number, maxDigits = 2): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: maxDigits }).format(x);
}

/** A metric delta in percentage points: 0.006 → "+0.6 pts"; exactly 0 → "0.0 pts". */
export function formatPoints(lang: string, delta: number): string {
  const s = new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(delta * 100);
  return `${s.replace('-', '−')} pts`;
}

/** An ISO time in UTC, e.g. "3 Jan 2026, 14:30 UTC"; unparseable text is shown as given. */
export function formatDate(lang: string, iso: string | null): string | null {
  if (iso === null) return null;
  // "2026-01-03 14:30:00" (the old dashboard's form) has no zone: read it as UTC, never local time
  const naive = /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(iso);
  const d = new Date(naive ? `${iso.replace(' ', 'T')}Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  const s = new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(
    d,
  );
  return `${s} UTC`;
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
