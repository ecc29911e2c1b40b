/** The data section's malformed rows: how many of each kind, and the first ones by line (partials/data.hbs). */
import type { DataStats, MalformedKind } from '../../../report-data.js';
import type { Ctx } from './context.js';

export interface MalformedView {
  readonly summary: string;
  readonly rows: { readonly line: string; readonly problem: string }[];
  readonly more: string | null;
}

const KINDS: readonly MalformedKind[] = ['short', 'long', 'unterminated_quote', 'not_json', 'not_object'];

/** null when every row fits. */
export function malformedView(d: DataStats, c: Ctx): MalformedView | null {
  const m = d.malformed_rows;
  if (m.count === 0) return null;
  const { t } = c;
  const kinds = KINDS.filter((k) => m.by_kind[k] > 0)
    .map((k) => t(`data.malformed_kind.${k}`, { count: c.num(m.by_kind[k]) }))
    .join(', ');
  return {
    summary: t(d.format === 'jsonl' ? 'data.malformed_count_jsonl' : 'data.malformed_count', {
      count: c.num(m.count),
      kinds,
    }),
    rows: m.first.map((r) => ({
      line: c.num(r.line, 0),
      problem: t(`data.malformed_row.${r.kind}`, {
        fields: r.fields ?? '',
        expected: r.expected ?? '',
        extra: r.fields !== null && r.expected !== null ? r.fields - r.expected : '',
        cut: r.cut ?? '',
      }),
    })),
    more: m.count > m.first.length ? t('data.malformed_more', { count: c.num(m.count - m.first.length) }) : null,
  };
}
