/**
 * logs/dashboard.log: one line per run, as the old dashboard kept, with the time, the
 * command, the exit code, the duration and what was written. Logging never fails a run.
 * node:fs only: cli.ts loads this for every command, and fs-extra took 40-90 ms to load.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { termText } from '../render/terminal.js';
import { assertOutputDir, openAppend } from './output-path.js';

export const RUN_LOG = join('logs', 'dashboard.log');

export async function appendRunLog(
  root: string,
  line: { at: Date; command: string; exit: number; ms: number; detail: string },
): Promise<boolean> {
  return appendLogLine(
    root,
    line.at,
    `${line.command} exit=${line.exit} ${(line.ms / 1000).toFixed(2)}s ${line.detail}`,
  );
}

/**
 * One event line ("<time> serve error models/x.json: …"), on one line whatever `text`
 * holds, its controls made visible; never through a symbolic link (logs/ or the file).
 */
export async function appendLogLine(root: string, at: Date, text: string): Promise<boolean> {
  try {
    const dir = join(root, 'logs');
    await assertOutputDir(dir, root, false, 'logs', 'the run log');
    await mkdir(dir, { recursive: true });
    const fh = await openAppend(join(root, RUN_LOG), RUN_LOG);
    try {
      await fh.appendFile(`${at.toISOString()} ${termText(text.replace(/\s+/g, ' ').trim(), 2000)}\n`);
    } finally {
      await fh.close();
    }
    return true;
  } catch {
    return false;
  }
}
