/**
 * Writing the outputs so that a failure never leaves a half-written report: everything
 * is rendered in memory first, each file is written beside its target and renamed over
 * it (atomic on one file system), and timestamped copies are created exclusively, so two
 * runs in the same second get two names instead of one torn file.
 */
import fse from 'fs-extra';
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { ReportError, fromFsError } from '../errors.js';

export const LATEST_HTML = 'dashboard_report.html';
export const LATEST_JSON = 'dashboard_report.json';

/** "20260110_100000" in UTC. */
export function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}

function outputFailed(dir: string, e: unknown): ReportError {
  return fromFsError(e, dir, {
    code: 'OUTPUT_FAILED',
    missing: null,
    action: 'write the report',
    hint: 'make the output folder writable, or choose another with --out',
  });
}

/** Writes `text` to `path` through a temporary file and a rename. */
async function replaceAtomically(path: string, text: string): Promise<void> {
  const tmp = join(path, '..', `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fse.writeFile(tmp, text, { flag: 'wx' });
    await fse.rename(tmp, path);
  } finally {
    await fse.remove(tmp);
  }
}

/** Creates dashboard_report_<stamp>.html, or _<stamp>_2.html and so on if taken. */
async function writeExclusive(dir: string, stamp: string, text: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const name = `dashboard_report_${stamp}${n === 1 ? '' : `_${n}`}.html`;
    try {
      await fse.writeFile(join(dir, name), text, { flag: 'wx' });
      return name;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new ReportError('OUTPUT_FAILED', `${dir}: 999 reports already carry the stamp ${stamp}`, {
    hint: 'clean the reports folder',
  });
}

export interface WrittenReport {
  readonly html: string;
  readonly json: string;
  readonly timestamped: string;
}

/** Writes the three outputs into `dir` (created if needed); returns their file names. */
export async function writeReport(dir: string, now: Date, html: string, json: string): Promise<WrittenReport> {
  try {
    await fse.ensureDir(dir);
    const timestamped = await writeExclusive(dir, stampOf(now), html);
    await replaceAtomically(join(dir, LATEST_JSON), json);
    await replaceAtomically(join(dir, LATEST_HTML), html);
    return { html: LATEST_HTML, json: LATEST_JSON, timestamped };
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw outputFailed(dir, e);
  }
}

/** Deletes timestamped copies beyond the `keep` newest; returns the names deleted. */
export async function pruneReports(dir: string, keep: number): Promise<string[]> {
  const stamped = (await fse.readdir(dir)).filter((f) => /^dashboard_report_\d{8}_\d{6}(_\d+)?\.html$/.test(f)).sort();
  const doomed = stamped.slice(0, Math.max(0, stamped.length - keep));
  await Promise.all(doomed.map((f) => fse.remove(join(dir, f))));
  return doomed;
}

/** One line of reports/history.jsonl: what was deployed, seen by a report or decided by promote. */
export interface LedgerEntry {
  readonly at: string;
  readonly event: 'observed' | 'promoted' | 'kept';
  readonly model_sha256: string | null;
  readonly commit: string | null;
  readonly metrics: Readonly<Record<string, unknown>>;
}

/**
 * Appends to the ledger (append-only: O_APPEND, one line per write), unless the last entry
 * already records the same deployed model.
 */
export async function appendLedger(dir: string, name: string, entry: LedgerEntry): Promise<boolean> {
  const path = join(dir, name);
  const text = await fse.readFile(path, 'utf8').catch(() => '');
  const last = text.trim().split('\n').filter(Boolean).pop();
  if (entry.event === 'observed' && last) {
    try {
      if ((JSON.parse(last) as LedgerEntry).model_sha256 === entry.model_sha256) return false;
    } catch {
      // an unreadable last line is not a reason to stop recording
    }
  }
  await fse.appendFile(path, `${JSON.stringify(entry)}\n`);
  return true;
}
