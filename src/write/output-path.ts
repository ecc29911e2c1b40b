/**
 * Where outputs may go: inside the project root, unless the command line named the folder
 * (--out, --models-dir); and never through a symbolic link, since a committed link
 * (reports -> /elsewhere, reports/history.jsonl -> ../../x) would send a write anywhere.
 * Files are appended with O_NOFOLLOW and checked to be regular files.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, realpath, type FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ReportError } from '../errors.js';

const under = (path: string, base: string): boolean => {
  const rel = relative(base, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
};

async function lstatOrNull(path: string): Promise<Stats | null> {
  try {
    return await lstat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function refuse(message: string, hint: string): ReportError {
  return new ReportError('OUTPUT_FAILED', message, { hint });
}

/** The deepest existing ancestor's real path, plus the rest of `path`. */
async function realish(path: string): Promise<string> {
  let head = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return resolve(await realpath(head), ...rest.reverse());
    } catch {
      const up = dirname(head);
      if (up === head) return resolve(path);
      rest.push(head.slice(up.length).replace(/^[\\/]/, ''));
      head = up;
    }
  }
}

/**
 * Refuses to write into `dir` when it lies outside `root` and was not named on the command
 * line (`explicit`), or when it or a folder between the root and it is a symbolic link.
 * `label` names the folder as the user sees it; `setting` is where its path came from.
 */
export async function assertOutputDir(
  dir: string,
  root: string,
  explicit: boolean,
  label: string,
  setting: string,
): Promise<void> {
  const abs = resolve(dir);
  const inside = under(abs, resolve(root));
  if (!inside && !explicit) {
    throw refuse(
      `${label}: ${setting} points outside the project root; mlops-report writes there only when the command line names it`,
      `use a folder inside the repository, or pass it explicitly (--out ${label})`,
    );
  }
  // every folder from the root down (or the folder itself, for a path named outside the root)
  const chain: string[] = [];
  if (inside) for (let d = abs; d !== resolve(root) && under(d, root); d = dirname(d)) chain.push(d);
  else chain.push(abs);
  for (const d of chain) {
    const st = await lstatOrNull(d);
    if (st?.isSymbolicLink()) {
      const shown = inside ? relative(root, d) || '.' : d;
      throw refuse(
        `${shown}/ is a symbolic link; mlops-report writes only into real folders`,
        'replace the link with a folder, or choose another output folder',
      );
    }
  }
  if (inside && !explicit && !under(await realish(abs), await realish(root))) {
    throw refuse(`${label}: resolves outside the project root`, 'use a folder inside the repository');
  }
}

/** `fh` when it is a regular file; else closed, and refused. */
async function regularOr(fh: FileHandle, label: string): Promise<FileHandle> {
  if ((await fh.stat()).isFile()) return fh;
  await fh.close();
  throw refuse(`${label} is not a regular file`, 'remove it; mlops-report creates it again');
}

/**
 * Opens `path` to append (created if absent), never through a symbolic link, and only if
 * it is a regular file. The caller closes the handle.
 */
export async function openAppend(path: string, label: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP')
      throw refuse(
        `${label} is a symbolic link; mlops-report appends only to real files`,
        'replace the link with a file',
      );
    throw e;
  }
  return regularOr(fh, label);
}

/** Opens `path` to read, never through a symbolic link; null when absent. */
export async function openReadNoFollow(path: string, label: string): Promise<FileHandle | null> {
  let fh: FileHandle;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP')
      throw refuse(
        `${label} is a symbolic link; mlops-report reads and appends only real files`,
        'replace the link with a file',
      );
    throw e;
  }
  return regularOr(fh, label);
}
