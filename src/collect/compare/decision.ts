/**
 * The promotion verdict (`mlops-report promote`), read off the comparison collect computed:
 * the candidate's score against the bar and, optionally, no core metric worse than
 * production by more than a tolerance. Pure; the command carries it out.
 */
import { ReportError } from '../../errors.js';
import type { ReportData } from '../../report-data.js';

export interface DecisionOptions {
  /** Largest drop, in points (0–100), any core metric may show against production. */
  readonly maxRegression?: number | undefined;
}

export interface Decision {
  readonly decision: 'promoted' | 'kept';
  readonly score: number;
  readonly min_score: number;
  /** Why, in words for the CLI's output. */
  readonly reasons: string[];
}

/** Promote or keep, from report.comparison; throws INPUT_MISSING when there is no candidate to compare. */
export function decide(report: ReportData, opts: DecisionOptions): Decision {
  const c = report.comparison;
  if (!c) {
    throw new ReportError('INPUT_MISSING', 'no candidate to promote: the candidate model or its metrics are missing', {
      hint: 'train the candidate first (models/candidate_model.pkl and models/candidate_metrics.json)',
    });
  }
  const reasons: string[] = [];
  let ok = c.candidate_clears_bar;
  reasons.push(`score ${c.candidate_score}/100 ${ok ? '≥' : '<'} bar ${c.min_score}/100`);
  const max = opts.maxRegression;
  if (max !== undefined) {
    for (const r of c.rows) {
      if (!r.core || r.winner !== 'production' || r.delta === null || Math.abs(r.delta) * 100 <= max) continue;
      reasons.push(
        `${r.metric} falls ${Math.round(Math.abs(r.delta) * 1000) / 10} points, more than the ${max} allowed`,
      );
      ok = false;
    }
  }
  return { decision: ok ? 'promoted' : 'kept', score: c.candidate_score, min_score: c.min_score, reasons };
}
