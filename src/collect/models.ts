/**
 * The production and candidate model files as the inputs resolved them: read with the safe
 * pickle reader (model.ts), or, when the bytes are not here (a Git LFS pointer, a DVC-tracked
 * file), an undeployed card that says what to run.
 */
import { open } from 'node:fs/promises';
import type { ModelInfo, Why } from '../report-data.js';
import type { FileSource } from './inputs.js';
import { absentModel, collectModel } from './model.js';
import type { ExtraAllow, PickleLimits } from './pickle/index.js';
import { why } from './why.js';
import type { Warn } from './warn.js';

/** True when the file is a Git LFS pointer (spec v1) rather than the content. */
async function isLfsPointer(path: string): Promise<boolean> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return false;
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.subarray(0, bytesRead).toString('latin1').startsWith('version https://git-lfs.github.com/spec/v1');
  } finally {
    await fh.close();
  }
}

const what = (role: ModelInfo['role']): Why =>
  why(role === 'production' ? 'what_production_model' : 'what_candidate_model');

/**
 * One model; null when there is none to show (not found; or a candidate not here). A file
 * not found is handed to `notFound` (its path as the report names it): whether that is
 * worth a warning depends on the other inputs (collect decides).
 */
export async function readModel(
  src: FileSource | null,
  conventional: string,
  role: ModelInfo['role'],
  limits: PickleLimits,
  warn: Warn,
  notFound: (label: string) => void,
  allow: ExtraAllow,
  /** Refuses a file that leads outside the root, or is a FIFO or a device, before anything opens it. */
  check: (abs: string, label: string) => Promise<void>,
): Promise<ModelInfo | null> {
  if (!src) {
    // the conventional path, where it was looked for first
    notFound(conventional);
    return null;
  }
  if (src.abs) await check(src.abs, src.label);
  let pull = src.pull;
  if (src.abs && (await isLfsPointer(src.abs))) pull = why('hint_git_lfs_pull', { path: src.label, what: what(role) });
  if (!src.abs || pull) {
    if (pull) warn('pull', { hint: pull });
    else notFound(src.label);
    // production's card says what to run; a candidate that is not here is no candidate
    return pull && role === 'production' ? { ...absentModel(role, src.label), unreadable: pull } : null;
  }
  const m = await collectModel(src.abs, src.label, role, limits, null, allow);
  if (!m) notFound(src.label);
  if (m?.missing_arrays.length) warn('missing_arrays', { file: src.label, arrays: m.missing_arrays });
  return m;
}
