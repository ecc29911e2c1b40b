/** The training data panel: counts, retraining, distribution, quality and class balance (partials/data.hbs). */
import type { DataStats } from '../../../report-data.js';
import { type Ctx, type Tone, ident } from './context.js';
import { malformedView, type MalformedView } from './malformed-rows.js';

interface Share {
  readonly count: string;
  readonly share: string;
}

export interface DataView {
  /** `input`: the sub line is a name from the data (a path, a column), not a word of ours. */
  readonly tiles: { readonly label: string; readonly value: string; readonly sub: string; readonly input: boolean }[];
  readonly retraining: { readonly tone: Tone; readonly icon: string; readonly label: string; readonly detail: string };
  readonly categories: (Share & { readonly name: string[] })[];
  /** For a regressor's numeric target, what is said instead of a class distribution; else null. */
  readonly numeric_label: string | null;
  /** "Apps per class", "Rows per class": the chart's title; `rows` the count column's. */
  readonly distribution_title: string;
  readonly rows_title: string;
  readonly chart_height: number;
  readonly missing: (Share & { readonly column: string[] })[];
  readonly malformed: MalformedView | null;
  readonly drift: {
    readonly tone: Tone;
    readonly icon: string;
    readonly label: string;
    readonly detail: string;
    readonly new_categories: string | null;
    readonly vanished_categories: string | null;
    readonly none_changed: boolean;
    readonly shifts: {
      readonly category: string[];
      readonly training: string;
      readonly now: string;
      readonly delta: string;
    }[];
  } | null;
}

const DRIFT_TONE = { stable: 'good', moderate: 'warn', significant: 'bad' } as const;
const DRIFT_ICON = { stable: '✔', moderate: '▲', significant: '✖' } as const;

export function dataView(d: DataStats, c: Ctx): DataView {
  const { t } = c;
  const r = d.retraining;
  const missing = Object.entries(d.missing).filter(([, n]) => n > 0);
  const drift = d.drift;
  return {
    tiles: [
      { label: c.rows.title, value: c.num(d.rows), sub: d.path, input: true },
      d.label_kind === 'numeric'
        ? { label: t('data.numeric_values'), value: c.num(d.n_categories), sub: d.category_column, input: true }
        : { label: t('data.categories'), value: c.num(d.n_categories), sub: d.category_column, input: true },
      {
        label: t('data.last_update'),
        value: c.date(d.last_updated) ?? '—',
        sub: t(d.last_updated_source === 'git' ? 'data.last_update_git' : 'data.last_update_mtime'),
        input: false,
      },
      {
        label: t('data.retrain_threshold'),
        value: c.plural('data.retrain_rows', r.threshold),
        sub: '',
        input: false,
      },
      {
        label: t('data.duplicates'),
        value: d.duplicates_exact ? c.num(d.duplicates) : t('data.duplicates_bound', { count: c.num(d.duplicates) }),
        sub: t('data.format', { format: d.format.toUpperCase() }),
        input: false,
      },
    ],
    retraining: {
      tone: r.due === null ? 'neutral' : r.due ? 'warn' : 'good',
      icon: r.due === null ? '?' : r.due ? '↻' : '✔',
      label: r.due === null ? t('data.retrain_unknown') : r.due ? t('data.retrain_due') : t('data.retrain_not_due'),
      detail: r.new_rows === null ? '' : c.plural('data.new_rows_value', r.new_rows, { threshold: r.threshold }),
    },
    categories: d.categories.map((x) => ({
      name: ident(x.category || t('data.empty_category')),
      count: c.num(x.count),
      share: c.pct(x.count / d.rows),
    })),
    distribution_title: t('data.distribution', { rows: c.rows.title }),
    rows_title: c.rows.title,
    numeric_label:
      d.label_kind === 'numeric'
        ? t('data.numeric_label', { column: d.category_column, count: c.num(d.n_categories) })
        : null,
    chart_height: Math.max(160, d.categories.length * 22 + 48),
    missing: missing.map(([column, n]) => ({ column: ident(column), count: c.num(n), share: c.pct(n / d.rows) })),
    malformed: malformedView(d, c),
    drift: drift
      ? {
          tone: DRIFT_TONE[drift.verdict],
          icon: DRIFT_ICON[drift.verdict],
          label: t(`data.drift.${drift.verdict}`),
          detail: t('data.psi', {
            psi: c.num(drift.psi, 4),
            moderate: c.num(drift.thresholds.moderate),
            significant: c.num(drift.thresholds.significant),
            js: c.num(drift.js_distance, 3),
          }),
          new_categories: drift.new_categories.length
            ? t('data.new_categories', { list: drift.new_categories.join(', ') })
            : null,
          vanished_categories: drift.vanished_categories.length
            ? t('data.vanished_categories', { list: drift.vanished_categories.join(', ') })
            : null,
          none_changed: drift.new_categories.length + drift.vanished_categories.length === 0,
          shifts: drift.largest_shifts.map((s) => ({
            category: ident(s.category || t('data.empty_category')),
            training: c.pct(s.training_share),
            now: c.pct(s.current_share),
            delta: c.points(s.delta),
          })),
        }
      : null,
  };
}
