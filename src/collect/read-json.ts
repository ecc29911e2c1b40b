/**
 * Reading JSON inputs: parse, then check against a schema, so nothing after collect/ has
 * to validate again. Python's json.dump writes NaN and Infinity, which are not JSON; they
 * are read anyway and reported by name ("accuracy is NaN") instead of as a syntax error.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { fromFsError, invalidInput } from '../errors.js';

/** Stands in for a non-finite number while the text goes through JSON.parse. */
export const NON_FINITE = '\u0000nonfinite:';

/** JSON.parse that also accepts Python's bare NaN, Infinity and -Infinity (outside strings). */
export function parseJsonLenient(text: string): unknown {
  const patched = text.replace(/"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)/g, (m, bare: string | undefined) =>
    bare ? JSON.stringify(NON_FINITE + bare) : m,
  );
  return JSON.parse(patched);
}

/**
 * The inverse of parseJsonLenient: JSON text (2-space indent) in which the non-finite
 * numbers it read are written back bare, as Python's json.dump writes them.
 */
export function stringifyJsonLenient(value: unknown): string {
  // JSON.stringify writes the U+0000 of NON_FINITE as the six characters \u0000
  return JSON.stringify(value, null, 2).replace(/"\\u0000nonfinite:(NaN|-?Infinity)"/g, '$1');
}

/** Reads and parses a JSON file; `label` is how messages name it (a path relative to the root). */
export async function readJsonFile(path: string, label: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw fromFsError(e, label, { missingHint: 'check the path, or --models-dir' });
  }
  if (text.trim() === '')
    throw invalidInput(label, 'the file is empty', 'write the metrics JSON again (json.dump(metrics, f))');
  try {
    return parseJsonLenient(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw invalidInput(
      label,
      `not valid JSON (${(e as Error).message})`,
      'fix the JSON syntax; the file must hold one JSON object',
    );
  }
}

/**
 * What our own metrics convention adds beside the numbers (README, "Metrics JSON"): dates,
 * the model type, a score out of 100, and the training and evaluation snapshots. Each field
 * is checked on its own, so one malformed field costs only itself (collect/metrics/read.ts).
 */
export const metricsMetaSchema = {
  model_type: z.string(),
  trained_at: z.string(),
  deployed_at: z.string(),
  score: z.number().gt(1).max(100),
  evaluation: z.looseObject({
    rows: z.number().int().min(0).nullable().optional(),
    data_sha256: z.string().nullable().optional(),
  }),
  training: z.looseObject({
    rows: z.number().int().min(0).nullable().optional(),
    category_counts: z.record(z.string(), z.number().int().min(0)).nullable().optional(),
    data_sha256: z.string().nullable().optional(),
  }),
} as const;

export type MetricsMeta = { -readonly [K in keyof typeof metricsMetaSchema]?: z.infer<(typeof metricsMetaSchema)[K]> };

/** Reads a metrics JSON as it is (keys in file order, NaN kept as NON_FINITE markers); throws unless it is an object. */
export async function readMetricsObject(path: string, label: string): Promise<Record<string, unknown>> {
  const value = await readJsonFile(path, label);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(label, 'expected a JSON object', "promote copies the candidate's metrics JSON object");
  }
  return value as Record<string, unknown>;
}
