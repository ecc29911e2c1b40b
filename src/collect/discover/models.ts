/**
 * Model files and which is production, which the candidate. Rule, documented once:
 *
 * Every *.pkl, *.pickle, *.joblib, *.sav (compressed variants too) in the walk, plus model
 * paths DVC tracks that are not in the checkout, is listed. A name with a helper word
 * (scaler, encoder, preprocessor, features, label, …) is auxiliary: listed, never chosen.
 * MLflow store files are handled by mlflow-pick.ts.
 *
 * Production, first that applies:
 *  1. a file named production, prod, champion, current, deployed or live;
 *  2. the MLflow registry's version with stage Production or alias champion/production;
 *  3. a file named best;
 *  4. the other model files in a model folder: models/, model/, artifacts/, outputs/, the
 *     root (shallower first); a tie in the best folder is broken by the metrics file's
 *     chosen model name (see discover.ts), else by path, with a note; a file named only new
 *     or latest when it is the only model;
 *  5. the MLflow registry's latest version (nothing marks production);
 *  6. a model file anywhere else;
 *  7. the best MLflow run's model when the repository has no model file outside mlruns/.
 * A committed model file outside mlruns/ is what a project serves more often than an
 * unmarked registry version it was exported from (harshitha-heart: models/final_model.pkl).
 * Candidate: a file named candidate, challenger or staging (or new/latest beside a
 * production file); else the MLflow candidate (mlflow-pick.ts); else none.
 */
import { why } from '../why.js';
import { cacheCandidates, trackedEntry, type DvcInfo } from './dvc.js';
import {
  auxiliaryWord,
  isBestWord,
  isLfsPointer,
  isMlflowPath,
  MODEL_FILE,
  modelFolderRank,
  nameRole,
} from './patterns.js';
import type { Why } from '../../report-data.js';
import type { Snapshot } from './types.js';

export interface ModelFile {
  readonly path: string;
  readonly present: boolean;
  readonly readPath: string | null;
  readonly lfsPointer: boolean;
  /** "dvc.lock (stage train)" when DVC tracks it. */
  readonly dvcFrom: string | null;
  readonly aux: string | null;
  readonly role: ReturnType<typeof nameRole>;
  readonly folder: ReturnType<typeof modelFolderRank>;
}

/** Model files outside the MLflow store, present or DVC-tracked. */
export function listModelFiles(snap: Snapshot, dvc: DvcInfo): ModelFile[] {
  const cache = new Set(snap.dvcCache);
  const present = snap.files.filter((f) => MODEL_FILE.test(f.path) && !isMlflowPath(f.path)).map((f) => f.path);
  const tracked = dvc.tracked.filter((t) => MODEL_FILE.test(t.path) && !present.includes(t.path)).map((t) => t.path);
  return [...new Set([...present, ...tracked])].sort().map((path) => {
    const inCheckout = present.includes(path);
    const lfsPointer = inCheckout && isLfsPointer(snap.heads[path]);
    const t = trackedEntry(dvc, path);
    const cached = !inCheckout && t ? (cacheCandidates(t.md5).find((c) => cache.has(c)) ?? null) : null;
    return {
      path,
      present: inCheckout && !lfsPointer,
      readPath: inCheckout && !lfsPointer ? path : cached,
      lfsPointer,
      dvcFrom: t?.from ?? null,
      aux: auxiliaryWord(path),
      role: nameRole(path),
      folder: modelFolderRank(path),
    };
  });
}

export interface FileChoice {
  readonly file: ModelFile;
  readonly reason: Why;
}

/** Breaks a tie between equally placed model files; null when it cannot. */
export type TieBreak = (tied: readonly ModelFile[]) => FileChoice | null;

const byPlace = (a: ModelFile, b: ModelFile): number => a.folder.rank - b.folder.rank || a.path.localeCompare(b.path);

/** Rules 1 and 3: a file whose name says production (a role word; or, with `best`, the word "best"). */
export function namedProduction(files: readonly ModelFile[], best = false): FileChoice | null {
  const named = files
    .filter((f) => !f.aux && f.role?.role === 'production' && isBestWord(f.role.word) === best)
    .sort(byPlace);
  const f = named[0];
  if (!f) return null;
  const others = named.slice(1).map((x) => x.path);
  return {
    file: f,
    reason: others.length
      ? why('name_says_others', { word: f.role!.word, others })
      : why('name_says', { word: f.role!.word }),
  };
}

/** Rules 3 and 4: the best-placed plain model file; `tieBreak` decides between equals. */
export function placedProduction(
  files: readonly ModelFile[],
  tieBreak: TieBreak,
): { choice: FileChoice | null; note: Why | null } {
  const plain = files.filter((f) => !f.aux && f.role === null).sort(byPlace);
  const pool = plain.length > 0 ? plain : files.filter((f) => !f.aux && f.role?.weak).sort(byPlace);
  const first = pool[0];
  if (!first) return { choice: null, note: null };
  const only = plain.length === 0 ? why('only_model_named', { word: first.role!.word }) : why('only_model');
  if (pool.length === 1) return { choice: { file: first, reason: only }, note: null };
  const tied = pool.filter(
    (f) => Math.floor(f.folder.rank) === Math.floor(first.folder.rank) && f.folder.label === first.folder.label,
  );
  if (tied.length === 1)
    return {
      choice: {
        file: first,
        reason: why('folder_first', { folder: first.folder.label, others: pool.slice(1).map((f) => f.path) }),
      },
      note: null,
    };
  const broken = tieBreak(tied);
  if (broken) return { choice: broken, note: null };
  return {
    choice: { file: first, reason: why('first_by_name', { count: tied.length, folder: first.folder.label }) },
    note: why('note_several_models', { folder: first.folder.label, files: tied.map((f) => f.path) }),
  };
}

/** A file whose name says candidate (strong word always; new/latest only beside a production file). */
export function namedCandidate(files: readonly ModelFile[], production: ModelFile | null): FileChoice | null {
  const named = files
    .filter((f) => f !== production && !f.aux && f.role?.role === 'candidate' && (!f.role.weak || production !== null))
    .sort(byPlace);
  const f = named[0];
  return f ? { file: f, reason: why('name_says', { word: f.role!.word }) } : null;
}
