/**
 * Metrics files and which one belongs to a model. A file is a candidate when its name says
 * metrics, scores, eval, results, performance, report, comparison or metadata, or dvc.yaml
 * declares it under `metrics:`; it is usable when an adapter finds metrics in it (a file
 * with merge-conflict markers stays usable, so the report can say so).
 *
 * Ranking for one model, first difference decides:
 *  1. the name's role: the model's own role word first (champion_… for production,
 *     challenger_… for the candidate); a file named for the other role is never used;
 *  2. the name shares a word with the model file's name (random_forest_metrics.json);
 *  3. declared as metrics in dvc.yaml;
 *  4. place: beside the model, then metrics/, reports/, results/, eval/, then the root, then elsewhere;
 *  5. the split the name says: test, eval, none, validation, train, cv;
 *  6. how strongly the name says metrics (metrics > scores/eval/results > report > metadata);
 *  7. the shorter path, then alphabetical.
 * Split hint for the chosen file (what the file's content does not say): the data its DVC
 * stage reads (a stage reading test.csv writes test metrics, whatever the file is called),
 * else the file name. So metrics/train_metrics.json written by a stage that reads
 * data/processed/test.csv is reported as test.
 */
import { posix } from 'node:path';
import type { Why } from '../../report-data.js';
import { why } from '../why.js';
import { readMetricsShapes, type ReadOutcome } from '../metrics/adapters/dispatch.js';
import { splitOfName } from '../metrics/adapters/metric-names.js';
import type { Split, SplitInfo } from '../metrics/adapters/types.js';
import type { DvcInfo, DvcStage } from './dvc.js';
import { DATA_FILE, fileWords, metricsNameStrength, nameRole } from './patterns.js';
import type { Snapshot } from './types.js';

export interface MetricsFile {
  readonly path: string;
  readonly stage: DvcStage | null;
  readonly declared: boolean;
  readonly outcome: ReadOutcome;
}

/** Metrics candidates that are in the checkout, each read once. */
export function listMetricsFiles(snap: Snapshot, dvc: DvcInfo): MetricsFile[] {
  const declared = new Set([...dvc.metrics, ...dvc.stages.flatMap((s) => s.metrics)]);
  const paths = Object.keys(snap.texts).filter((p) => declared.has(p) || metricsNameStrength(p) !== null);
  return paths.sort().map((path) => ({
    path,
    stage: dvc.stages.find((s) => s.metrics.includes(path)) ?? null,
    declared: declared.has(path),
    outcome: readMetricsShapes(snap.texts[path]!, { fileName: path }),
  }));
}

const SPLIT_RANK: Readonly<Record<string, number>> = { test: 0, eval: 1, null: 2, validation: 3, train: 4, cv: 5 };
const GENERIC = new Set([
  'model',
  'models',
  'metrics',
  'metric',
  'final',
  'trained',
  'pipeline',
  'clf',
  'reg',
  'v1',
  'v2',
]);
const METRICS_DIRS = /^(metrics|reports?|results?|eval|evaluation)$/i;

export interface Target {
  readonly role: 'production' | 'candidate';
  /** The model's path, or null when unknown (its folder and name then do not count). */
  readonly modelPath: string | null;
}

function place(path: string, modelPath: string | null): { rank: number; fact: Why } {
  const dir = posix.dirname(path);
  if (modelPath && dir === posix.dirname(modelPath)) return { rank: 0, fact: why('fact_beside_model') };
  if (dir.split('/').some((d) => METRICS_DIRS.test(d)))
    return { rank: 1, fact: why('fact_in_folder', { folder: `${dir}/` }) };
  if (dir === '.') return { rank: 2, fact: why('fact_at_root') };
  return { rank: 3, fact: why('fact_in_folder', { folder: `${dir}/` }) };
}

/** The sort key and the facts that explain it. */
function assess(f: MetricsFile, t: Target): { key: number[]; facts: Why[]; basis: 'name' | 'dvc' | 'place' } | null {
  const role = nameRole(f.path);
  if (role && role.role !== t.role && !role.weak) return null;
  const stem = t.modelPath ? fileWords(t.modelPath).filter((w) => !GENERIC.has(w)) : [];
  const shares = stem.length > 0 && fileWords(f.path).some((w) => stem.includes(w));
  const where = place(f.path, t.modelPath);
  const split = splitOfName(posix.basename(f.path));
  const strength = metricsNameStrength(f.path) ?? 3;
  const facts = [
    role?.role === t.role ? why('fact_named', { word: role.word }) : null,
    shares ? why('fact_named_after_model') : null,
    f.declared ? (f.stage ? why('fact_dvc_stage', { stage: f.stage.name }) : why('fact_dvc_declared')) : null,
    where.fact,
    split ? why('fact_name_split', { split }) : null,
  ].filter((x): x is Why => x !== null);
  const basis = role?.role === t.role || shares ? 'name' : f.declared ? 'dvc' : 'place';
  return {
    key: [
      role?.role === t.role ? 0 : 1,
      shares ? 0 : 1,
      f.declared ? 0 : 1,
      where.rank,
      SPLIT_RANK[String(split)]!,
      strength,
      f.path.length,
    ],
    facts,
    basis,
  };
}

const usable = (f: MetricsFile): boolean => f.outcome.ok || f.outcome.problem === 'merge-conflict';

export interface MetricsRanking {
  readonly pick: {
    readonly file: MetricsFile;
    readonly reason: Why;
    readonly basis: 'name' | 'dvc' | 'place';
  } | null;
  /** Every candidate with where it ranked or why it was not used. */
  readonly considered: readonly { readonly path: string; readonly reason: Why }[];
}

/** Ranks the metrics files for one model (see the header). */
export function rankMetricsFiles(
  files: readonly MetricsFile[],
  t: Target,
  exclude: ReadonlySet<string> = new Set(),
): MetricsRanking {
  const considered: { path: string; reason: Why }[] = [];
  const ranked: { f: MetricsFile; key: number[]; facts: Why[]; basis: 'name' | 'dvc' | 'place' }[] = [];
  for (const f of files) {
    if (exclude.has(f.path)) continue;
    if (!f.outcome.ok && !usable(f)) {
      considered.push({ path: f.path, reason: why('not_used', { problem: f.outcome.why }) });
      continue;
    }
    const a = assess(f, t);
    if (!a) considered.push({ path: f.path, reason: why('not_used_other_role', { model: t.role }) });
    else ranked.push({ f, ...a });
  }
  ranked.sort((a, b) => a.key.reduce((d, x, i) => d || x - b.key[i]!, 0) || a.f.path.localeCompare(b.f.path));
  ranked.forEach((r, i) =>
    considered.push({
      path: r.f.path,
      reason: i === 0 ? why('chosen', { facts: r.facts }) : why('ranked', { rank: i + 1, facts: r.facts }),
    }),
  );
  const best = ranked[0];
  return {
    pick: best
      ? {
          file: best.f,
          reason:
            ranked.length > 1
              ? why('facts_ranked', { facts: best.facts, count: ranked.length })
              : why('facts', { facts: best.facts }),
          basis: best.basis,
        }
      : null,
    considered: considered.sort((a, b) => a.path.localeCompare(b.path)),
  };
}

/** What the file's DVC stage reads, else its name, says about the split (see the header). */
export function splitHintFor(f: MetricsFile): SplitInfo | null {
  const deps = f.stage?.deps.filter((d) => DATA_FILE.test(d)) ?? [];
  const said = deps
    .map((d) => ({ d, split: splitOfName(posix.basename(d)) }))
    .filter((x): x is { d: string; split: Split } => x.split !== null);
  const order: readonly Split[] = ['test', 'eval', 'validation', 'train'];
  for (const s of order) {
    const hit = said.find((x) => x.split === s);
    if (hit)
      return {
        name: s,
        key: `dvc.yaml stage ${f.stage!.name}`,
        reason: why('split_dvc_stage', { stage: f.stage!.name, dep: hit.d, split: s }),
      };
  }
  const byName = splitOfName(posix.basename(f.path));
  return byName ? { name: byName, key: f.path, reason: why('split_file_name', { split: byName }) } : null;
}
