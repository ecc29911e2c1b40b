/**
 * Reading JSON inputs: parse, then check against a schema, so nothing after collect/ has
 * to validate again. Python's json.dump writes NaN and Infinity, which are not JSON; they
 * are read anyway and reported by name ("accuracy is NaN") instead of as a syntax error.
 */
import { z } from 'zod';
import { ReportError, fromFsError, invalidInput } from '../errors.js';
import { readRegularFile } from '../input-file.js';

/** Stands in for a non-finite number while the text goes through JSON.parse. */
export const NON_FINITE = '\u0000nonfinite:';

/** How deep a JSON text may nest (limits.max_metrics_depth). */
export const DEFAULT_JSON_DEPTH = 64;

/** A JSON text nested deeper than its limit. */
export class JsonTooDeep extends Error {
  constructor(readonly limit: number) {
    super(`nested more than ${limit} levels deep`);
  }
}

/** A syntax error, described by position only: the text may be anything, and is never quoted. */
export class JsonSyntax extends Error {}

/** "line L, column C" of a character offset. */
function lineColumn(text: string, at: number): string {
  let line = 1,
    from = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    from = i + 1;
  }
  return `line ${line}, column ${at - from + 1}`;
}

/**
 * JSON.parse that also accepts Python's bare NaN, Infinity and -Infinity (outside strings).
 * One linear pass finds them, checks strings end and counts the nesting (a pattern over
 * the whole text backtracks: 200 K escaped quotes took 48 s, a 10 MB string overflowed).
 */
export function parseJsonLenient(text: string, maxDepth = DEFAULT_JSON_DEPTH): unknown {
  const parts: string[] = [];
  let copied = 0,
    depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      if (i >= text.length)
        throw new JsonSyntax(`a JSON string is not closed (it starts at ${lineColumn(text, start)})`);
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) throw new JsonTooDeep(maxDepth);
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    } else if (c === 0x4e || c === 0x49 || c === 0x2d) {
      const bare = text.startsWith('NaN', i)
        ? 'NaN'
        : text.startsWith('Infinity', i)
          ? 'Infinity'
          : text.startsWith('-Infinity', i)
            ? '-Infinity'
            : null;
      if (bare) {
        parts.push(text.slice(copied, i), JSON.stringify(NON_FINITE + bare));
        i += bare.length - 1;
        copied = i + 1;
      }
    }
  }
  parts.push(text.slice(copied));
  try {
    return JSON.parse(parts.length === 1 ? text : parts.join(''));
  } catch (e) {
    // V8's message quotes the text around the error: keep only where it is
    const at = /at position (\d+)/.exec((e as Error).message)?.[1];
    throw new JsonSyntax(
      at === undefined ? 'a JSON syntax error' : `a JSON syntax error at ${lineColumn(text, Number(at))}`,
    );
  }
}

/**
 * The inverse of parseJsonLenient: JSON text (2-space indent) in which the non-finite
 * numbers it read are written back bare, as Python's json.dump writes them.
 */
export function stringifyJsonLenient(value: unknown): string {
  // JSON.stringify writes the U+0000 of NON_FINITE as the six characters \u0000
  return JSON.stringify(value, null, 2).replace(/"\\u0000nonfinite:(NaN|-?Infinity)"/g, '$1');
}

export interface JsonFileLimits {
  readonly maxBytes: number;
  readonly maxDepth: number;
}

export const DEFAULT_JSON_FILE_LIMITS: JsonFileLimits = { maxBytes: 16 << 20, maxDepth: DEFAULT_JSON_DEPTH };

/** Reads and parses a JSON file; `label` is how messages name it (a path relative to the root). */
export async function readJsonFile(
  path: string,
  label: string,
  limits: JsonFileLimits = DEFAULT_JSON_FILE_LIMITS,
): Promise<unknown> {
  let text: string;
  try {
    text = (await readRegularFile(path, label, { maxBytes: limits.maxBytes, setting: 'max_metrics_bytes' })).toString(
      'utf8',
    );
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw fromFsError(e, label, { missingHint: 'check the path, or --models-dir' });
  }
  if (text.trim() === '')
    throw invalidInput(label, 'the file is empty', 'write the metrics JSON again (json.dump(metrics, f))');
  try {
    return parseJsonLenient(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, limits.maxDepth);
  } catch (e) {
    if (e instanceof JsonTooDeep)
      throw invalidInput(
        label,
        `${e.message} (limit limits.max_metrics_depth)`,
        'raise limits.max_metrics_depth in mlops-report.config.json if the file is genuine',
      );
    if (e instanceof JsonSyntax)
      throw invalidInput(
        label,
        `not valid JSON (${e.message})`,
        'fix the JSON syntax; the file must hold one JSON object',
      );
    throw e;
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
export async function readMetricsObject(
  path: string,
  label: string,
  limits: JsonFileLimits = DEFAULT_JSON_FILE_LIMITS,
): Promise<Record<string, unknown>> {
  const value = await readJsonFile(path, label, limits);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(label, 'expected a JSON object', "promote copies the candidate's metrics JSON object");
  }
  return value as Record<string, unknown>;
}
