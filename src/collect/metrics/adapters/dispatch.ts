/**
 * readMetricsShapes: a metrics file's text (or parsed value, or MLflow run files) to one
 * AdapterMatch, or a clear problem. Order, first match wins:
 *
 *  text:  empty → problem "empty"; git merge-conflict markers → problem "merge-conflict"
 *         (both sides are read and returned, never guessed between); JSON (NaN allowed) →
 *         the value order below; a .csv/.tsv table → leaderboard (one row: flat); anything
 *         else → plain text "name: value"; a .json file that is neither → problem
 *         "not-json"; nothing found → problem "no-metrics".
 *  value: classification report → dvclive {metric: {split: v}} → by split → by model with a
 *         best-model key → leaderboard list → log list (last entry) → flat (top level) → by
 *         model without a best-model key → flat one level down → problem "no-metrics".
 *
 * Specific shapes come first because each is also loosely "flat": a classification report
 * has a top-level accuracy, a by-model file has top-level strings and numbers.
 */
import type { Why } from '../../../report-data.js';
import { why } from '../../why.js';
import { adaptByModel, bestKeyOf } from './by-model.js';
import { adaptBySplit } from './by-split.js';
import { adaptClassificationReport } from './classification-report.js';
import { adaptDvclive } from './dvclive.js';
import { adaptFlat, adaptNestedFlat } from './flat.js';
import { adaptLeaderboard, adaptLogList } from './lists.js';
import { adaptMlflowRun, isMlflowRun } from './mlflow-run.js';
import { JsonTooDeep, parseJsonLenient } from '../../read-json.js';
import { parseTable, splitConflict } from './parse-text.js';
import { adaptText } from './text.js';
import type { Adapter, AdapterContext, AdapterMatch, MlflowRunFiles } from './types.js';

export type MetricsProblem = 'empty' | 'merge-conflict' | 'not-json' | 'no-metrics';

export type ReadOutcome =
  | { readonly ok: true; readonly match: AdapterMatch }
  | {
      readonly ok: false;
      readonly problem: MetricsProblem;
      /** Which file, what is wrong and how to fix it (problem_<problem>). */
      readonly why: Why;
      /** For a merge conflict: what each side would give. */
      readonly conflict: {
        readonly ours: AdapterMatch | null;
        readonly theirs: AdapterMatch | null;
        readonly oursLabel: string;
        readonly theirsLabel: string;
      } | null;
    };

/** The value adapters in the order they are tried (see the header). */
export const VALUE_ADAPTERS: readonly (readonly [string, Adapter])[] = [
  ['classification-report', adaptClassificationReport],
  ['dvclive', adaptDvclive],
  ['by-split', adaptBySplit],
  ['by-model (best-model key)', (v, ctx) => (bestKeyOf(v) !== null ? adaptByModel(v, ctx) : null)],
  ['leaderboard', adaptLeaderboard],
  ['log-list', adaptLogList],
  ['flat', adaptFlat],
  ['by-model', adaptByModel],
  ['flat (one level down)', adaptNestedFlat],
];

function fromValue(value: unknown, ctx: AdapterContext): AdapterMatch | null {
  for (const [, adapter] of VALUE_ADAPTERS) {
    const m = adapter(value, ctx);
    if (m) return m;
  }
  return null;
}

/** The match, or the JSON parser's message when a .json file is not JSON and holds no "name: value" text either. */
function fromText(text: string, ctx: AdapterContext): AdapterMatch | string | null {
  let value: unknown;
  try {
    value = parseJsonLenient(text, ctx.maxDepth);
  } catch (e) {
    if (/\.(csv|tsv)$/i.test(ctx.fileName)) {
      const rows = parseTable(text);
      if (rows && rows.length > 0) return fromValue(rows.length === 1 ? rows[0] : rows, ctx);
    }
    const m = adaptText(text, ctx);
    if (m || !/\.json$/i.test(ctx.fileName)) return m;
    return e instanceof JsonTooDeep ? `${e.message} (limit limits.max_metrics_depth)` : (e as Error).message;
  }
  return fromValue(value, ctx);
}

const matchOf = (r: AdapterMatch | string | null): AdapterMatch | null => (typeof r === 'object' ? r : null);

const noMetrics = (ctx: AdapterContext): ReadOutcome => ({
  ok: false,
  problem: 'no-metrics',
  why: why('problem_no_metrics', { file: ctx.fileName }),
  conflict: null,
});

/** Reads one metrics input; never throws for bad content. */
export function readMetricsShapes(input: string | MlflowRunFiles | unknown, ctx: AdapterContext): ReadOutcome {
  if (isMlflowRun(input)) {
    const m = adaptMlflowRun(input, ctx);
    return m ? { ok: true, match: m } : noMetrics(ctx);
  }
  if (typeof input !== 'string') {
    const m = fromValue(input, ctx);
    return m ? { ok: true, match: m } : noMetrics(ctx);
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === '')
    return {
      ok: false,
      problem: 'empty',
      why: why('problem_empty', { file: ctx.fileName }),
      conflict: null,
    };
  const conflict = splitConflict(text);
  if (conflict) {
    return {
      ok: false,
      problem: 'merge-conflict',
      why: why('problem_merge_conflict', {
        file: ctx.fileName,
        line: conflict.line,
        ours: conflict.oursLabel,
        theirs: conflict.theirsLabel,
      }),
      conflict: {
        ours: matchOf(fromText(conflict.ours, ctx)),
        theirs: matchOf(fromText(conflict.theirs, ctx)),
        oursLabel: conflict.oursLabel,
        theirsLabel: conflict.theirsLabel,
      },
    };
  }
  const m = fromText(text, ctx);
  if (typeof m === 'string')
    return {
      ok: false,
      problem: 'not-json',
      why: why('problem_not_json', { file: ctx.fileName, message: m }),
      conflict: null,
    };
  return m ? { ok: true, match: m } : noMetrics(ctx);
}
