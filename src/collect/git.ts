/**
 * The few facts taken from git: a file's last commit date and the current commit. Git
 * being absent, or the folder not being a repository, is normal: the answer is null.
 */
import { execFile, spawn } from 'node:child_process';
import { dirname } from 'node:path';

/** A git command's trimmed output, or null when git fails or prints nothing. */
export function git(args: string[], cwd: string): Promise<string | null> {
  return new Promise((done) => {
    execFile('git', args, { cwd, timeout: 10_000, maxBuffer: 4 << 20 }, (err, stdout) =>
      done(err ? null : stdout.trim() || null),
    );
  });
}

/** `git cat-file --batch`: the contents of many `<rev>:<path>` specs through one process. */
export function catFiles(specs: string[], cwd: string): Promise<Map<string, string>> {
  return new Promise((done) => {
    const out = new Map<string, string>();
    const child = spawn('git', ['cat-file', '--batch'], { cwd });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => done(out));
    child.on('close', () => {
      const all = Buffer.concat(chunks);
      let at = 0;
      for (const spec of specs) {
        const nl = all.indexOf(0x0a, at);
        if (nl < 0) break;
        const size = /^\S+ blob (\d+)$/.exec(all.subarray(at, nl).toString('utf8'))?.[1];
        if (!size) {
          at = nl + 1; // "<spec> missing"
          continue;
        }
        out.set(spec, all.subarray(nl + 1, nl + 1 + Number(size)).toString('utf8'));
        at = nl + 1 + Number(size) + 1;
      }
      done(out);
    });
    child.stdin.end(`${specs.join('\n')}\n`);
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
