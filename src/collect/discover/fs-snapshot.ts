/**
 * The only file-system access of discovery: walk the repository (bounded), read the few
 * small texts and file heads the rules need, probe the DVC cache. Everything after this is
 * pure (discover.ts).
 *
 * Bounds: folders in SKIP_DIRS and hidden folders are not entered; at most maxDepth levels
 * and maxFiles files (the snapshot says when it stopped early); symbolic links are never
 * followed into folders, and a linked file counts only when it resolves inside the root.
 */
import { why } from '../why.js';
import { open, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { cachePaths, readDvc } from './dvc.js';
import { SKIP_DIRS, wantsHead, wantsText } from './patterns.js';
import type { Why } from '../../report-data.js';
import type { FileEntry, Snapshot } from './types.js';

export interface WalkLimits {
  readonly maxDepth: number;
  readonly maxFiles: number;
  /** Bytes read from the start of model and data files (LFS pointer, CSV header). */
  readonly headBytes: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { maxDepth: 12, maxFiles: 50_000, headBytes: 4096 };

const posixPath = (p: string): string => p.split(sep).join('/');

async function walk(root: string, limits: WalkLimits): Promise<{ files: FileEntry[]; truncated: Why | null }> {
  const realRoot = await realpath(root);
  const files: FileEntry[] = [];
  let truncated: Why | null = null;
  const queue: [string, number][] = [[root, 0]];
  while (queue.length > 0) {
    const [dir, depth] = queue.shift()!;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
        if (depth + 1 >= limits.maxDepth)
          truncated ??= why('note_walk_depth', { depth: limits.maxDepth, path: posixPath(relative(root, full)) });
        else queue.push([full, depth + 1]);
        continue;
      }
      if (!e.isFile() && !e.isSymbolicLink()) continue;
      if (e.isSymbolicLink()) {
        const target = await realpath(full).catch(() => null);
        if (!target || relative(realRoot, target).startsWith('..')) continue;
      }
      const s = await stat(full).catch(() => null);
      if (!s?.isFile()) continue;
      if (files.length >= limits.maxFiles) {
        truncated = why('note_walk_files', { count: limits.maxFiles });
        return { files, truncated };
      }
      files.push({ path: posixPath(relative(root, full)), size: s.size });
    }
  }
  return { files, truncated };
}

async function head(path: string, bytes: number): Promise<string | null> {
  const fh = await open(path, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return new TextDecoder('utf-8', { fatal: false }).decode(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** Reads what discovery needs from the repository at `root`. */
export async function takeSnapshot(root: string, limits: WalkLimits = DEFAULT_WALK_LIMITS): Promise<Snapshot> {
  const { files, truncated } = await walk(root, limits);
  const texts: Record<string, string> = {};
  const readText = async (p: string): Promise<void> => {
    const t = await readFile(join(root, p), 'utf8').catch(() => null);
    if (t !== null) texts[p] = t;
  };
  for (const f of files) if (wantsText(f.path, f.size)) await readText(f.path);
  // metrics declared in dvc.yaml may have any name
  const dvc = readDvc(texts);
  const known = new Set(files.map((f) => f.path));
  for (const p of [...dvc.metrics, ...dvc.stages.flatMap((s) => s.metrics)])
    if (known.has(p) && !(p in texts)) await readText(p);
  const dvcCache: string[] = [];
  for (const p of cachePaths(dvc)) if ((await stat(join(root, p)).catch(() => null))?.isFile()) dvcCache.push(p);
  const heads: Record<string, string> = {};
  for (const p of [...files.filter((f) => wantsHead(f.path)).map((f) => f.path), ...dvcCache]) {
    const h = await head(join(root, p), limits.headBytes);
    if (h !== null) heads[p] = h;
  }
  return { files, texts, heads, dvcCache, truncated };
}
