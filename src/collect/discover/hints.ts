/**
 * What the user must run when an input is not in the checkout: `dvc pull` for DVC-tracked
 * files, `git lfs pull` for Git LFS pointers, and notes for DVC cache reads and MLflow
 * artifacts that were never committed. One Why each, worded with the command by render/i18n.
 */
import { posix } from 'node:path';
import type { Why } from '../../report-data.js';
import { why } from '../why.js';
import type { DvcInfo } from './dvc.js';
import type { Hint } from './types.js';

export interface Readability {
  readonly path: string;
  readonly present: boolean;
  readonly readPath: string | null;
  readonly lfsPointer: boolean;
  readonly dvcFrom: string | null;
}

/** The hint for one input, or null when it is in the checkout. `what` names it (what_production_model, …). */
export function hintFor(f: Readability, what: Why): Hint | null {
  const { path } = f;
  if (f.lfsPointer) return { kind: 'git-lfs-pull', path, why: why('hint_git_lfs_pull', { path, what }) };
  if (f.present) return null;
  if (f.readPath) return { kind: 'dvc-cache', path, why: why('hint_dvc_cache', { path, what, cache: f.readPath }) };
  if (f.dvcFrom) return { kind: 'dvc-pull', path, why: why('hint_dvc_pull', { path, what, from: f.dvcFrom }) };
  return null;
}

/** dvc.yaml metrics that are not in the checkout. */
export function missingDeclaredMetrics(dvc: DvcInfo, present: ReadonlySet<string>): Hint[] {
  const declared = [...new Set([...dvc.metrics, ...dvc.stages.flatMap((s) => s.metrics)])].sort();
  return declared
    .filter((p) => !present.has(p))
    .map((path) => {
      const stage = dvc.stages.find((s) => s.metrics.includes(path))?.name ?? null;
      return { kind: 'declared-missing' as const, path, why: why('hint_dvc_pull_metrics', { path, stage }) };
    });
}

/** DVC-tracked data folders and files not in the checkout, for when no data file could be read. */
export function missingTrackedData(dvc: DvcInfo, present: ReadonlySet<string>): Hint[] {
  const dataLike = (p: string): boolean =>
    /(^|\/)(data|datasets?|raw|processed)(\/|$)/i.test(p) || /\.(csv|tsv|parquet|jsonl)$/i.test(p);
  const out = dvc.tracked.filter(
    (t) => dataLike(t.path) && !present.has(t.path) && !posix.extname(t.path).match(/\.(pkl|joblib|json)$/),
  );
  return [...new Map(out.map((t) => [t.path, t])).values()]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((t) => ({
      kind: 'dvc-pull' as const,
      path: t.path,
      why: why('hint_dvc_pull', { path: t.path, what: why('what_data'), from: t.from }),
    }));
}
