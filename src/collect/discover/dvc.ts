/**
 * DVC files read as data: dvc.yaml (stages with deps, outs, metrics; top-level metrics),
 * dvc.lock (outs with md5) and *.dvc pointer files. A tracked file that is not in the
 * checkout is either in the local cache (.dvc/cache, read from there) or needs `dvc pull`.
 */
import { why } from '../why.js';
import { posix } from 'node:path';
import { parse } from 'yaml';
import type { Why } from '../../report-data.js';
import { isObject } from '../metrics/adapters/parse-text.js';

export interface DvcStage {
  readonly name: string;
  readonly deps: readonly string[];
  readonly outs: readonly string[];
  readonly metrics: readonly string[];
}

export interface DvcTracked {
  readonly path: string;
  readonly md5: string | null;
  /** Which file says it is tracked: "dvc.lock (stage train)", "data/heart.csv.dvc". */
  readonly from: string;
}

export interface DvcInfo {
  readonly stages: readonly DvcStage[];
  /** Top-level `metrics:` of dvc.yaml files. */
  readonly metrics: readonly string[];
  readonly tracked: readonly DvcTracked[];
  /** Files that could not be parsed, with the parser's message. */
  readonly problems: readonly Why[];
}

const join = (dir: string, p: string): string => posix.normalize(posix.join(dir, p)).replace(/^\.\//, '');

/** Entries of a deps/outs/metrics list: "path" or {"path": {options}} or {path: "..."} (dvc.lock). */
function pathsOf(list: unknown, dir: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((e) => {
    if (typeof e === 'string') return [join(dir, e)];
    if (isObject(e) && typeof e.path === 'string') return [join(dir, e.path)];
    if (isObject(e)) return Object.keys(e).map((k) => join(dir, k));
    return [];
  });
}

function parseYaml(text: string, file: string, problems: Why[]): unknown {
  try {
    return parse(text);
  } catch (e) {
    problems.push(why('note_yaml_invalid', { file, message: (e as Error).message.split('\n')[0]! }));
    return null;
  }
}

/** Everything DVC says about the repository, from the snapshot's texts. */
export function readDvc(texts: Readonly<Record<string, string>>): DvcInfo {
  const stages: DvcStage[] = [],
    metrics: string[] = [],
    tracked: DvcTracked[] = [],
    problems: Why[] = [];
  for (const file of Object.keys(texts).sort()) {
    const dir = posix.dirname(file);
    const name = posix.basename(file);
    if (name !== 'dvc.yaml' && name !== 'dvc.lock' && !name.endsWith('.dvc')) continue;
    const doc = parseYaml(texts[file]!, file, problems);
    if (!isObject(doc)) continue;
    if (name === 'dvc.yaml') {
      metrics.push(...pathsOf(doc.metrics, dir));
      for (const [stage, s] of Object.entries(isObject(doc.stages) ? doc.stages : {})) {
        if (!isObject(s)) continue;
        stages.push({
          name: stage,
          deps: pathsOf(s.deps, dir),
          outs: pathsOf(s.outs, dir),
          metrics: pathsOf(s.metrics, dir),
        });
      }
    } else if (name === 'dvc.lock') {
      for (const [stage, s] of Object.entries(isObject(doc.stages) ? doc.stages : {})) {
        if (!isObject(s) || !Array.isArray(s.outs)) continue;
        for (const o of s.outs)
          if (isObject(o) && typeof o.path === 'string')
            tracked.push({
              path: join(dir, o.path),
              md5: typeof o.md5 === 'string' ? o.md5 : null,
              from: `${file} (stage ${stage})`,
            });
      }
    } else if (Array.isArray(doc.outs)) {
      for (const o of doc.outs)
        if (isObject(o) && typeof o.path === 'string')
          tracked.push({ path: join(dir, o.path), md5: typeof o.md5 === 'string' ? o.md5 : null, from: file });
    }
  }
  // dvc.yaml outs not in dvc.lock are tracked too (never reproduced, or the lock is absent)
  for (const s of stages)
    for (const o of [...s.outs, ...s.metrics])
      if (!tracked.some((t) => t.path === o)) tracked.push({ path: o, md5: null, from: `dvc.yaml (stage ${s.name})` });
  return { stages, metrics, tracked, problems };
}

/** Cache locations of a file's md5: DVC 3 (.dvc/cache/files/md5/ab/…) and DVC 2 (.dvc/cache/ab/…). Directories (.dir) have none. */
export function cacheCandidates(md5: string | null): string[] {
  if (!md5 || !/^[0-9a-f]{32}$/.test(md5)) return [];
  return [`.dvc/cache/files/md5/${md5.slice(0, 2)}/${md5.slice(2)}`, `.dvc/cache/${md5.slice(0, 2)}/${md5.slice(2)}`];
}

/** Every cache path worth probing for the tracked files. */
export const cachePaths = (info: DvcInfo): string[] =>
  [...new Set(info.tracked.flatMap((t) => cacheCandidates(t.md5)))].sort();

/** The tracked entry for a path, if DVC tracks it (directly or through a tracked folder). */
export function trackedEntry(info: DvcInfo, path: string): DvcTracked | null {
  return info.tracked.find((t) => t.path === path) ?? info.tracked.find((t) => path.startsWith(`${t.path}/`)) ?? null;
}

/** The stage that outputs a path. */
export const stageWithOut = (info: DvcInfo, path: string): DvcStage | null =>
  info.stages.find((s) => s.outs.includes(path)) ?? null;
