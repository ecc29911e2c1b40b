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

/**
 * `git cat-file --batch`: the contents of many `<rev>:<path>` specs through one process.
 * Read as it streams: a blob larger than `maxBlob` is skipped, never held (a committed
 * 500 MB metrics file in the history must not be read 50 times into memory).
 */
export function catFiles(specs: string[], cwd: string, maxBlob = 16 << 20): Promise<Map<string, string>> {
  return new Promise((done) => {
    const out = new Map<string, string>();
    const child = spawn('git', ['cat-file', '--batch'], { cwd });
    let next = 0; // index of the spec whose header comes next
    let pending: Buffer = Buffer.alloc(0); // unparsed bytes (a header, or part of a kept blob)
    let want = -1; // bytes of the current blob still to come (+1 for its newline), -1 between blobs
    let keep: Buffer[] | null = null; // the current blob's chunks, null when it is skipped
    const take = (chunk: Buffer): void => {
      let c: Buffer = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      pending = Buffer.alloc(0);
      while (c.length > 0) {
        if (want < 0) {
          const nl = c.indexOf(0x0a);
          if (nl < 0) {
            if (c.length > 4096) child.kill(); // not a header git writes
            pending = c;
            return;
          }
          const size = /^\S+ blob (\d+)$/.exec(c.subarray(0, nl).toString('utf8'))?.[1];
          c = c.subarray(nl + 1);
          if (!size) {
            next++; // "<spec> missing"
            continue;
          }
          want = Number(size) + 1;
          keep = Number(size) <= maxBlob ? [] : null;
          continue;
        }
        const n = Math.min(want, c.length);
        keep?.push(c.subarray(0, n));
        want -= n;
        c = c.subarray(n);
        if (want === 0) {
          if (keep) out.set(specs[next]!, Buffer.concat(keep).subarray(0, -1).toString('utf8'));
          next++;
          want = -1;
          keep = null;
        }
      }
    };
    child.stdout.on('data', take);
    child.on('error', () => done(out));
    child.on('close', () => done(out));
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
