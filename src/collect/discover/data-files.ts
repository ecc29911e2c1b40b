/**
 * Data files (CSV, TSV, Parquet, JSON Lines) and which one is the training data. Not data:
 * empty files, files under mlruns/, dvclive/, reports/, metrics/, and names that say
 * metrics, results, importance, comparison, mapping, summary, predictions, … (patterns.ts
 * isDataName).
 *
 * Ranking, first difference decides:
 *  1. readable here (in the checkout or the DVC cache) before data to pull;
 *  2. one file with features and label before X_… / y_… halves;
 *  3. a dependency of the DVC stage that writes the production model;
 *  4. place: data/, then dataset(s)/ or training_data/, then artifacts/ or input(s)/, the root, elsewhere;
 *  5. the name: train/training, then neutral, then test/validation;
 *  6. the shorter path, then alphabetical.
 */
import { posix } from 'node:path';
import type { Why } from '../../report-data.js';
import { why } from '../why.js';
import { splitOfName } from '../metrics/adapters/metric-names.js';
import { cacheCandidates, trackedEntry, type DvcInfo, type DvcStage } from './dvc.js';
import { DATA_FILE, isDataName, isLfsPointer } from './patterns.js';
import type { Snapshot } from './types.js';

export interface DataFile {
  readonly path: string;
  readonly present: boolean;
  readonly readPath: string | null;
  readonly lfsPointer: boolean;
  readonly dvcFrom: string | null;
  readonly columns: readonly string[] | null;
}

const DATA_DIRS: readonly [RegExp, number][] = [
  [/^data$/i, 0],
  [/^(datasets?|training_data|train_data|raw_data)$/i, 1],
  [/^(artifacts?|inputs?)$/i, 2],
];

function placeRank(path: string): number {
  const d = path.split('/').slice(0, -1);
  if (d.length === 0) return 3;
  return DATA_DIRS.find(([re]) => re.test(d[0]!))?.[1] ?? 4;
}

/** Column names from a CSV/TSV header line in the first bytes; null when the line is cut or absent. */
export function headerColumns(head: string | undefined, path: string): string[] | null {
  if (!head || !/\.(csv|tsv)$/i.test(path)) return null;
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const nl = text.search(/\r?\n/);
  if (nl < 0) return null;
  const line = text.slice(0, nl);
  const sep = line.includes('\t') ? '\t' : line.includes(';') && !line.includes(',') ? ';' : ',';
  return line.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}

/** Data files in the checkout and DVC-tracked data files that are not. */
export function listDataFiles(snap: Snapshot, dvc: DvcInfo): DataFile[] {
  const cache = new Set(snap.dvcCache);
  const present = snap.files.filter((f) => f.size > 0 && isDataName(f.path)).map((f) => f.path);
  const tracked = dvc.tracked
    .filter((t) => DATA_FILE.test(t.path) && isDataName(t.path) && !present.includes(t.path))
    .map((t) => t.path);
  return [...new Set([...present, ...tracked])].sort().map((path) => {
    const inCheckout = present.includes(path);
    const lfsPointer = inCheckout && isLfsPointer(snap.heads[path]);
    const t = trackedEntry(dvc, path);
    const cached = !inCheckout && t ? (cacheCandidates(t.md5).find((c) => cache.has(c)) ?? null) : null;
    const readPath = inCheckout && !lfsPointer ? path : cached;
    return {
      path,
      present: inCheckout && !lfsPointer,
      readPath,
      lfsPointer,
      dvcFrom: t?.from ?? null,
      columns: headerColumns(snap.heads[readPath ?? ''], path),
    };
  });
}

const isHalf = (path: string): boolean => /^[XxYy]_/.test(posix.basename(path));
const NAME_RANK: Readonly<Record<string, number>> = { train: 0, null: 1, test: 2, validation: 2, eval: 2, cv: 2 };

/** Ranks the data files (see the header); `modelStage` is the DVC stage that writes the production model. */
export function rankDataFiles(
  files: readonly DataFile[],
  modelStage: DvcStage | null,
): { file: DataFile; facts: Why[] }[] {
  const facts = (f: DataFile): Why[] => {
    const split = splitOfName(posix.basename(f.path));
    return [
      f.present
        ? null
        : why(f.readPath ? 'fact_dvc_cache' : f.lfsPointer ? 'fact_lfs_pointer' : 'fact_not_in_checkout'),
      isHalf(f.path) ? why('fact_half') : null,
      modelStage?.deps.includes(f.path) ? why('fact_stage_dep', { stage: modelStage.name }) : null,
      posix.dirname(f.path) === '.'
        ? why('fact_at_root')
        : why('fact_in_folder', { folder: `${posix.dirname(f.path)}/` }),
      split ? why('fact_name_split', { split }) : null,
    ].filter((x): x is Why => x !== null);
  };
  const key = (f: DataFile): number[] => [
    f.readPath ? 0 : 1,
    isHalf(f.path) ? 1 : 0,
    modelStage?.deps.includes(f.path) ? 0 : 1,
    placeRank(f.path),
    NAME_RANK[String(splitOfName(posix.basename(f.path)))]!,
    f.path.length,
  ];
  return [...files]
    .sort((a, b) => key(a).reduce((d, x, i) => d || x - key(b)[i]!, 0) || a.path.localeCompare(b.path))
    .map((file) => ({ file, facts: facts(file) }));
}
