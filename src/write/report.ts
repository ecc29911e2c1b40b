/**
 * Writing the outputs so that a failure never leaves a half-written report: everything
 * is rendered in memory first, the latest report and its JSON are replaced through
 * write/atomic.ts, and timestamped copies are created exclusively, so two runs in the same
 * second get two names instead of one torn file.
 */
import fse from 'fs-extra';
import { join } from 'node:path';
import { ReportError, fromFsError } from '../errors.js';
import { replaceFiles } from './atomic.js';

export const LATEST_HTML = 'dashboard_report.html';
export const LATEST_JSON = 'dashboard_report.json';

/** dashboard_report_<yyyymmdd>_<hhmmss>[_<n>].html: the one pattern of timestamped copies. */
const TIMESTAMPED = /^dashboard_report_(\d{4})(\d\d)(\d\d)_(\d\d)(\d\d)(\d\d)(?:_\d+)?\.html$/;

/** "20260110_100000" in UTC. */
export function stampOf(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}

/** The UTC time in a timestamped copy's name ("2026-01-10T10:00:00Z"), or null for any other file. */
export function timestampOf(file: string): string | null {
  const m = TIMESTAMPED.exec(file);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : null;
}

/** The timestamped copies among `files`, oldest first (names sort by time, then by _n). */
export function timestampedReports(files: readonly string[]): string[] {
  return files.filter((f) => TIMESTAMPED.test(f)).sort();
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

/** Writes the three outputs into `dir` (created if needed; `label` names it in messages); returns their file names. */
export async function writeReport(
  dir: string,
  label: string,
  now: Date,
  html: string,
  json: string,
): Promise<WrittenReport> {
  try {
    await fse.ensureDir(dir);
    const timestamped = await writeExclusive(dir, stampOf(now), html);
    await replaceFiles([
      { target: join(dir, LATEST_JSON), data: json },
      { target: join(dir, LATEST_HTML), data: html },
    ]);
    return { html: LATEST_HTML, json: LATEST_JSON, timestamped };
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw fromFsError(e, label, {
      code: 'OUTPUT_FAILED',
      write: true,
      action: 'write the report',
      hint: 'make the output folder writable, or choose another with --out',
    });
  }
}

/** Deletes timestamped copies beyond the `keep` newest; returns the names deleted. */
export async function pruneReports(dir: string, keep: number): Promise<string[]> {
  const stamped = timestampedReports(await fse.readdir(dir));
  const doomed = stamped.slice(0, Math.max(0, stamped.length - keep));
  // only the regular files this tool wrote: never a link, never a folder
  const regular = await Promise.all(doomed.map(async (f) => (await fse.lstat(join(dir, f))).isFile()));
  const removed = doomed.filter((_, i) => regular[i]);
  await Promise.all(removed.map((f) => fse.unlink(join(dir, f))));
  return removed;
}
