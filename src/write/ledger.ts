/**
 * The deployment ledger, reports/history.jsonl: one JSON line per deployment a report saw
 * ("observed") or promote decided ("promoted", "kept"). Append-only (O_APPEND, one line per
 * write), so concurrent runs never tear it. collect/history.ts reads it back.
 */
import fse from 'fs-extra';
import { join } from 'node:path';
import { z } from 'zod';
import { ReportError, fromFsError } from '../errors.js';
import { openAppend, openReadNoFollow } from './output-path.js';
import { metricValues, type JsonValue, type ModelMetrics, type ReportData } from '../report-data.js';

/** The ledger's file name, in the output folder. */
export const LEDGER = 'history.jsonl';

export type LedgerEvent = 'observed' | 'promoted' | 'kept';

export interface LedgerEntry {
  readonly at: string;
  readonly event: LedgerEvent;
  readonly model_sha256: string | null;
  readonly commit: string | null;
  /** The model's metrics as a metrics JSON would hold them; history checks them when it reads. */
  readonly metrics: { readonly [key: string]: JsonValue };
}

const json: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(json), z.record(z.string(), json)]),
);

const entrySchema = z.object({
  at: z.string(),
  event: z.enum(['observed', 'promoted', 'kept']),
  model_sha256: z.string().nullable(),
  commit: z.string().nullable(),
  metrics: z.record(z.string(), json),
});

/** What a ledger line keeps of a model's metrics, with its deployment time. */
function ledgerMetrics(m: ModelMetrics, deployedAt: string | null): LedgerEntry['metrics'] {
  return {
    ...metricValues(m),
    score: m.score,
    model_type: m.model_type,
    trained_at: m.trained_at,
    deployed_at: deployedAt,
  };
}

/** The line for the production model a report saw; null when none is deployed or it has no metrics. */
export function observedEntry(report: ReportData): LedgerEntry | null {
  const m = report.metrics;
  if (!report.model.deployed || !m) return null;
  return {
    at: m.deployed_at ?? report.generated_at,
    event: 'observed',
    model_sha256: report.model.sha256,
    commit: report.environment.commit,
    metrics: ledgerMetrics(m, m.deployed_at),
  };
}

/** The line for promote's decision on the candidate (deployed now when promoted). */
export function decisionEntry(report: ReportData, decision: 'promoted' | 'kept', now: Date): LedgerEntry {
  const at = now.toISOString();
  const m = report.candidate_metrics;
  return {
    at,
    event: decision,
    model_sha256: report.candidate?.sha256 ?? null,
    commit: report.environment.commit,
    metrics: m ? ledgerMetrics(m, decision === 'promoted' ? at : null) : {},
  };
}

/** A ledger line as an entry; null when it is not one. */
function parseEntry(line: string): LedgerEntry | null {
  try {
    const r = entrySchema.safeParse(JSON.parse(line));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** A ledger bigger than this is not one this tool wrote (about 200 000 lines). */
const MAX_LEDGER_BYTES = 64 << 20;

/** The ledger's text ('' when absent), read without following a symbolic link. */
async function ledgerText(path: string): Promise<string> {
  const fh = await openReadNoFollow(path, path);
  if (!fh) return '';
  try {
    const { size } = await fh.stat();
    if (size > MAX_LEDGER_BYTES)
      throw new ReportError(
        'INPUT_INVALID',
        `${path}: larger than ${MAX_LEDGER_BYTES} bytes; not a ledger this tool wrote`,
        {
          hint: 'move it aside; mlops-report starts a new one',
        },
      );
    const buf = Buffer.alloc(size);
    const { bytesRead } = await fh.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}

/** Every readable entry, oldest first, and how many lines could not be read. */
export async function readLedger(dir: string): Promise<{ entries: LedgerEntry[]; unreadable: number }> {
  const text = await ledgerText(join(dir, LEDGER));
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const entries = lines.map(parseEntry).filter((e): e is LedgerEntry => e !== null);
  return { entries, unreadable: lines.length - entries.length };
}

/**
 * Appends `entry` to the ledger in `dir` (created if needed), unless it observes the same
 * model as the last readable line; returns whether a line was written.
 */
export async function appendLedger(dir: string, entry: LedgerEntry): Promise<boolean> {
  const path = join(dir, LEDGER);
  try {
    if (entry.event === 'observed') {
      const text = await ledgerText(path);
      const last = parseEntry(text.trim().split('\n').pop() ?? '');
      if (last && last.model_sha256 === entry.model_sha256) return false;
    }
    await fse.ensureDir(dir);
    const fh = await openAppend(path, path);
    try {
      await fh.appendFile(`${JSON.stringify(entry)}\n`);
    } finally {
      await fh.close();
    }
    return true;
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw fromFsError(e, path, { code: 'OUTPUT_FAILED', write: true, action: 'append to the ledger' });
  }
}
