/**
 * What the user must run when an input is not in the checkout: `dvc pull` for DVC-tracked
 * files, `git lfs pull` for Git LFS pointers, and notes for DVC cache reads and MLflow
 * artifacts that were never committed. One line each, with the command.
 */
import { posix } from 'node:path';
import type { DvcInfo } from './dvc.js';
import type { Hint } from './types.js';

export interface Readability {
  readonly path: string;
  readonly present: boolean;
  readonly readPath: string | null;
  readonly lfsPointer: boolean;
  readonly dvcFrom: string | null;
}

/** The hint for one input, or null when it is in the checkout. `what` names it ("the production model"). */
export function hintFor(f: Readability, what: string): Hint | null {
  if (f.lfsPointer)
    return {
      kind: 'git-lfs-pull',
      path: f.path,
      message: `${f.path} (${what}) is a Git LFS pointer, not the file: run \`git lfs pull\` (actions/checkout: \`lfs: true\`)`,
    };
  if (f.present) return null;
  if (f.readPath)
    return {
      kind: 'dvc-cache',
      path: f.path,
      message: `${f.path} (${what}) is not in the checkout; read from the DVC cache ${f.readPath}`,
    };
  if (f.dvcFrom)
    return {
      kind: 'dvc-pull',
      path: f.path,
      message: `${f.path} (${what}) is tracked by DVC (${f.dvcFrom}) but not in the checkout: run \`dvc pull\` before mlops-report (in CI, after checkout)`,
    };
  return null;
}

/** dvc.yaml metrics that are not in the checkout. */
export function missingDeclaredMetrics(dvc: DvcInfo, present: ReadonlySet<string>): Hint[] {
  const declared = [...new Set([...dvc.metrics, ...dvc.stages.flatMap((s) => s.metrics)])].sort();
  return declared
    .filter((p) => !present.has(p))
    .map((p) => {
      const stage = dvc.stages.find((s) => s.metrics.includes(p));
      return {
        kind: 'declared-missing' as const,
        path: p,
        message: `${p} is declared as metrics in dvc.yaml${stage ? ` (stage ${stage.name})` : ''} but not in the checkout: run \`dvc pull\` (or \`dvc repro\`)`,
      };
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
      message: `${t.path} (data) is tracked by DVC (${t.from}) but not in the checkout: run \`dvc pull\` before mlops-report (in CI, after checkout)`,
    }));
}
