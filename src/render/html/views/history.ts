/** Past deployments and the links to earlier reports (partials/history.hbs). */
import type { History } from '../../../report-data.js';
import type { Ctx } from './context.js';

export interface HistoryView {
  readonly has_points: boolean;
  readonly has_trend: boolean;
  readonly rows: {
    readonly when: string;
    readonly model: string;
    readonly score: string;
    readonly accuracy: string;
    readonly f1: string;
    readonly source: string;
  }[];
  readonly reports: { readonly file: string; readonly when: string }[];
}

export function historyView(h: History, c: Ctx): HistoryView {
  const pct = (x: number | null): string => (x === null ? '—' : c.pct(x));
  return {
    has_points: h.points.length > 0,
    has_trend: h.points.length > 1,
    // newest first in the table; the chart reads oldest to newest
    rows: [...h.points].reverse().map((p) => ({
      when: c.date(p.at) ?? p.at,
      model: p.model_type ?? '—',
      score: c.num(p.score, 1),
      accuracy: pct(p.accuracy),
      f1: pct(p.f1_score),
      source: p.source === 'git' && p.commit ? `git ${p.commit.slice(0, 7)}` : p.source,
    })),
    reports: h.reports.map((x) => ({ file: x.file, when: c.date(x.at) ?? x.at })),
  };
}
