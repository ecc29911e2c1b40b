/**
 * The few facts taken from git: a file's last commit date and the current commit. Git
 * being absent, or the folder not being a repository, is normal: the answer is null.
 */
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';

function git(args: string[], cwd: string): Promise<string | null> {
  return new Promise((done) => {
    execFile('git', args, { cwd, timeout: 10_000, maxBuffer: 1 << 20 }, (err, stdout) => done(err ? null : stdout.trim() || null));
  });
}

/** ISO date of the last commit that touched `file`, or null. */
export async function lastCommitDate(file: string): Promise<string | null> {
  const out = await git(['log', '-1', '--format=%cI', '--', file], dirname(file));
  return out ? new Date(out).toISOString() : null;
}

/** The commit checked out in `dir` (full hash), or null. */
export function headCommit(dir: string): Promise<string | null> {
  return git(['rev-parse', 'HEAD'], dir);
}
