/**
 * One metrics input (a file's text, or an MLflow run's files) read by the shape adapters,
 * plus the fields of our own convention (dates, score, training snapshot). Never throws for
 * bad content: a file that cannot be understood is a warning and null (degrade, never block).
 */
import { readMetricsShapes } from './adapters/dispatch.js';
import { isObject } from './adapters/parse-text.js';
import type { AdapterContext, AdapterMatch, MlflowRunFiles } from './adapters/types.js';
import { metricsMetaSchema, parseJsonLenient, type MetricsMeta } from '../read-json.js';
import type { Warn } from '../warn.js';

export interface MetricsRead {
  /** The file or the MLflow run folder, relative to the root. */
  readonly path: string;
  readonly source: 'file' | 'mlflow_run';
  readonly match: AdapterMatch;
  readonly meta: MetricsMeta;
}

/** The convention's fields that are present and valid; a malformed one is left out with a warning. */
function metaOf(text: string, path: string, warn: Warn, maxDepth?: number): MetricsMeta {
  let value: unknown;
  try {
    value = parseJsonLenient(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, maxDepth);
  } catch {
    return {};
  }
  if (!isObject(value)) return {};
  const meta: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(metricsMetaSchema)) {
    if (value[key] === undefined || value[key] === null) continue;
    const r = schema.safeParse(value[key]);
    if (r.success) meta[key] = r.data;
    // a bare 0.87 "score" is scikit-learn's model.score(), not ours out of 100: it stays an extra number
    else if (!(key === 'score' && typeof value[key] === 'number' && value[key] >= 0 && value[key] <= 1))
      warn('metrics_field', { file: path, key });
  }
  return meta as MetricsMeta;
}

/** Reads one metrics input; null (and a metrics_unreadable warning) when nothing can be understood. */
export function readMetrics(
  input: string | MlflowRunFiles,
  ctx: Omit<AdapterContext, 'fileName'> & { readonly path: string },
  warn: Warn,
): MetricsRead | null {
  const { path, ...rest } = ctx;
  const outcome = readMetricsShapes(input, { ...rest, fileName: path });
  if (!outcome.ok) {
    warn('metrics_unreadable', { file: path, problem: outcome.why });
    return null;
  }
  const file = typeof input === 'string';
  return {
    path,
    source: file ? 'file' : 'mlflow_run',
    match: outcome.match,
    meta: file ? metaOf(input, path, warn, ctx.maxDepth) : {},
  };
}
