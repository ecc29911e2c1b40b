/**
 * Reading an input file safely: only a regular file (a FIFO would block forever, /dev/zero
 * never ends, a folder is not a file), opened without blocking and checked on the open
 * descriptor, read up to a size limit; and only inside the project root unless the
 * command line named it. Messages never quote what the file holds.
 */
import { constants, type Stats } from 'node:fs';
import { closeSync, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ReportError, fromFsError } from './errors.js';

/** O_NONBLOCK: a FIFO opens at once instead of waiting for a writer; O_NOCTTY: a terminal never becomes ours. */
const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0);

/** What a path is when it is not a regular file, for the message. */
export function specialKind(s: Stats): string | null {
  if (s.isFile()) return null;
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function notRegular(label: string, kind: string, what = 'file'): ReportError {
  return new ReportError('INPUT_INVALID', `${label}: is ${kind}, not a ${what}`, {
    hint: `point the setting at a regular ${what}`,
  });
}

export interface ReadLimit {
  readonly maxBytes: number;
  /** The limits.* key that raises maxBytes, named in the message (none: a fixed bound). */
  readonly setting?: string;
}

function tooBig(label: string, limit: ReadLimit): ReportError {
  if (!limit.setting)
    return new ReportError('INPUT_INVALID', `${label}: larger than ${limit.maxBytes} bytes`, {
      hint: 'point the setting at the right file',
    });
  return new ReportError(
    'INPUT_INVALID',
    `${label}: larger than ${limit.maxBytes} bytes (limit limits.${limit.setting})`,
    { hint: `raise limits.${limit.setting} in mlops-report.config.json if the file is genuine` },
  );
}

/** Reads a regular file whole, refusing anything else at once. Throws fs errors (ENOENT…) as they are. */
export async function readRegularFile(path: string, label: string, limit: ReadLimit, what = 'file'): Promise<Buffer> {
  const fh = await open(path, FLAGS);
  try {
    const st = await fh.stat();
    const kind = specialKind(st);
    if (kind) throw notRegular(label, kind, what);
    if (st.size > limit.maxBytes) throw tooBig(label, limit);
    // one byte more than stat said: a file that grows while read is refused, not read forever
    const buf = Buffer.alloc(st.size + 1);
    let at = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, at, buf.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
      if (at > st.size) throw tooBig(label, { ...limit, maxBytes: st.size });
    }
    return buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}

/** readRegularFile, synchronously (companion files, read while a pickle is parsed). */
export function readRegularFileSync(path: string, label: string, limit: ReadLimit, what = 'file'): Buffer {
  const fd = openSync(path, FLAGS);
  try {
    const st = fstatSync(fd);
    const kind = specialKind(st);
    if (kind) throw notRegular(label, kind, what);
    if (st.size > limit.maxBytes) throw tooBig(label, limit);
    const buf = Buffer.alloc(st.size + 1);
    let at = 0;
    for (;;) {
      const n = readSync(fd, buf, at, buf.length - at, at);
      if (n === 0) break;
      at += n;
      if (at > st.size) throw tooBig(label, { ...limit, maxBytes: st.size });
    }
    return buf.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

const inside = (path: string, base: string): boolean => {
  const rel = relative(base, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

function outside(label: string, where: string): ReportError {
  return new ReportError('INPUT_INVALID', `${label}: resolves to a file outside ${where}; not read`, {
    hint: 'keep inputs inside the repository (a committed symbolic link may point anywhere), or name the file on the command line',
  });
}

/**
 * Refuses `path` when it resolves (symbolic links followed) outside `base`. An absent path
 * passes: the caller decides what absent means.
 */
export async function assertInside(
  path: string,
  base: string,
  label: string,
  where = 'the project root',
): Promise<void> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fromFsError(e, label);
  }
  if (!inside(real, await realpath(base).catch(() => resolve(base)))) throw outside(label, where);
}

/** assertInside, synchronously. */
export function assertInsideSync(path: string, base: string, label: string, where = 'the project root'): void {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw fromFsError(e, label);
  }
  let realBase: string;
  try {
    realBase = realpathSync(base);
  } catch {
    realBase = resolve(base);
  }
  if (!inside(real, realBase)) throw outside(label, where);
}

/** True when `path` (made absolute) lies under `base` by its name alone (no links followed). */
export function isUnder(path: string, base: string): boolean {
  return inside(resolve(path), resolve(base));
}
