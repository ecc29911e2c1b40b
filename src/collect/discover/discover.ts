/**
 * discoverLayout: a repository snapshot in, the inputs a report needs out (production and
 * candidate model, their metrics, the training data), each with one reason line, every
 * alternative considered, and pull hints. Pure: fs-snapshot.ts did the reading. The rules
 * live beside the code that applies them: models.ts, mlflow-pick.ts, metrics-files.ts,
 * data-files.ts, label-column.ts.
 */
import { nameWords } from '../metrics/adapters/metric-names.js';
import { matchName } from '../metrics/adapters/select-entry.js';
import { readDvc, stageWithOut } from './dvc.js';
import { listDataFiles, rankDataFiles } from './data-files.js';
import { hintFor, missingDeclaredMetrics, missingTrackedData } from './hints.js';
import { detectLabelColumn } from './label-column.js';
import { listMetricsFiles, rankMetricsFiles, splitHintFor, type MetricsFile } from './metrics-files.js';
import { readMlflow, runModelFile, type MlflowStore } from './mlflow.js';
import { mlflowCandidate, mlflowProduction, rankRuns, type MlflowPick } from './mlflow-pick.js';
import {
  listModelFiles,
  namedCandidate,
  namedProduction,
  placedProduction,
  type FileChoice,
  type ModelFile,
  type TieBreak,
} from './models.js';
import { fileWords, modelFolderRank, nameRole } from './patterns.js';
import type { Why } from '../../report-data.js';
import { why } from '../why.js';
import type { Discovery, Hint, MetricsPick, MlflowRef, ModelCandidate, Snapshot } from './types.js';

interface Chosen {
  readonly path: string;
  readonly readPath: string | null;
  readonly reason: Why;
  readonly mlflow: MlflowRef | null;
  readonly file: ModelFile | null;
  readonly pick: MlflowPick | null;
}

const fromFile = (c: FileChoice): Chosen => ({
  path: c.file.path,
  readPath: c.file.readPath,
  reason: c.reason,
  mlflow: null,
  file: c.file,
  pick: null,
});
const fromMlflow = (p: MlflowPick): Chosen => ({
  path: p.path ?? `${p.run?.dir ?? 'mlruns'}/artifacts`,
  readPath: p.path,
  reason: p.reason,
  mlflow: p.ref,
  file: null,
  pick: p,
});

/** Names of a model for picking its entry in a by-model metrics file. */
const hintsOf = (c: Chosen | null): string[] =>
  c
    ? [...new Set([fileWords(c.path).join('_'), ...(c.pick?.run?.runName ? [c.pick.run.runName] : [])])].filter(
        (h) => nameWords(h).length > 0,
      )
    : [];

/** The mlruns folder: the shallowest folder of that name. */
function mlflowRoot(snap: Snapshot): string | null {
  const roots = snap.files.map((f) => /^(.*?mlruns)\//.exec(f.path)?.[1]).filter((r): r is string => r !== undefined);
  return roots.sort((a, b) => a.length - b.length)[0] ?? null;
}

function tieBreakByMetrics(metrics: readonly MetricsFile[]): TieBreak {
  return (tied) => {
    const ranked = rankMetricsFiles(metrics, { role: 'production', modelPath: tied[0]!.path });
    const outcome = ranked.pick?.file.outcome;
    const entry = outcome?.ok ? outcome.match.model : null;
    if (!entry) return null;
    const hit = matchName(tied, (f) => fileWords(f.path).join(' '), entry.chosen);
    return hit
      ? {
          file: hit,
          reason: why('metrics_entry_names_it', {
            count: tied.length,
            folder: hit.folder.label,
            file: ranked.pick!.file.path,
            entry: entry.chosen,
            because: entry.reason,
          }),
        }
      : null;
  };
}

function chooseProduction(
  files: readonly ModelFile[],
  store: MlflowStore | null,
  metrics: readonly MetricsFile[],
  notes: Why[],
): Chosen | null {
  const named = namedProduction(files);
  if (named) return fromFile(named);
  const marked = store ? mlflowProduction(store, true) : null;
  if (marked) return fromMlflow(marked);
  const best = namedProduction(files, true);
  if (best) return fromFile(best);
  // a model folder (models/ … the root) before an unmarked registry version; elsewhere after it
  const inFolders = placedProduction(
    files.filter((f) => f.folder.rank < 5),
    tieBreakByMetrics(metrics),
  );
  if (inFolders.note) notes.push(inFolders.note);
  if (inFolders.choice) return fromFile(inFolders.choice);
  const latest = store ? mlflowProduction(store) : null;
  if (latest) return fromMlflow(latest);
  const placed = placedProduction(files, tieBreakByMetrics(metrics));
  if (placed.note) notes.push(placed.note);
  if (placed.choice) return fromFile(placed.choice);
  const top = store ? rankRuns(store.runs.filter((r) => runModelFile(store, r) !== null))[0] : undefined;
  if (!store || !top) return null;
  const path = runModelFile(store, top.run);
  return fromMlflow({
    path,
    reason: why('mlflow_best_run_only', { root: `${store.root}/`, run: top.run.runId, metric: top.key }),
    ref: { runId: top.run.runId, modelId: null, registered: null },
    run: top.run,
  });
}

function metricsFor(
  c: Chosen,
  role: 'production' | 'candidate',
  files: readonly MetricsFile[],
  exclude: ReadonlySet<string>,
): { pick: MetricsPick | null; considered: { path: string; reason: Why }[] } {
  const run = c.pick?.run;
  if (run && Object.keys(run.files.metrics).length > 0) {
    return {
      pick: {
        source: { kind: 'mlflow-run', path: run.dir, run: run.files },
        reason: why('mlflow_run_metrics', { run: run.runId }),
        splitHint: null,
        role,
        modelHints: hintsOf(c),
        basis: 'mlflow-run',
      },
      considered: [],
    };
  }
  const ranked = rankMetricsFiles(files, { role, modelPath: c.file?.path ?? null }, exclude);
  const f = ranked.pick?.file;
  return {
    pick: f
      ? {
          source: { kind: 'file', path: f.path },
          reason: ranked.pick!.reason,
          splitHint: splitHintFor(f),
          role,
          modelHints: hintsOf(c),
          basis: ranked.pick!.basis,
        }
      : null,
    considered: [...ranked.considered],
  };
}

function modelList(
  files: readonly ModelFile[],
  store: MlflowStore | null,
  prod: Chosen | null,
  cand: Chosen | null,
): ModelCandidate[] {
  const status = (path: string, aux: string | null): ModelCandidate['status'] =>
    path === prod?.path ? 'production' : path === cand?.path ? 'candidate' : aux ? 'auxiliary' : 'other';
  const out: ModelCandidate[] = files.map((f) => ({
    path: f.path,
    status: status(f.path, f.aux),
    source: f.dvcFrom && !f.present ? 'dvc' : 'file',
    present: f.present,
    readPath: f.readPath,
    mlflow: null,
    reason:
      f.path === prod?.path
        ? prod.reason
        : f.path === cand?.path
          ? cand.reason
          : f.aux
            ? why('helper_file', { word: f.aux })
            : why('other_model_file'),
  }));
  for (const run of store?.runs ?? []) {
    const path = runModelFile(store!, run);
    if (!path || out.some((m) => m.path === path)) continue;
    const chosen = path === prod?.path ? prod : path === cand?.path ? cand : null;
    out.push({
      path,
      status: status(path, null),
      source: path.includes('/models/m-') ? 'mlflow-logged-model' : 'mlflow-run',
      present: true,
      readPath: path,
      mlflow: chosen?.mlflow ?? { runId: run.runId, modelId: null, registered: null },
      reason: chosen?.reason ?? why('mlflow_run_model', { run: run.runId, name: run.runName }),
    });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

export interface DiscoverOptions {
  /** A model already chosen (named by the user, or at its conventional path), relative to the root; null: none. */
  readonly production?: string | null;
  readonly candidate?: string | null;
  /** A models folder the user named: model files outside it are not considered. */
  readonly modelsUnder?: string | null;
}

/** A model the caller chose: taken as it is, so the metrics ranked are the ones for it. */
function given(files: readonly ModelFile[], path: string | null | undefined): Chosen | null | undefined {
  if (path === undefined || path === null) return path;
  const file = files.find((f) => f.path === path) ?? {
    path,
    present: true,
    readPath: path,
    lfsPointer: false,
    dvcFrom: null,
    aux: null,
    role: nameRole(path),
    folder: modelFolderRank(path),
  };
  return fromFile({ file, reason: why('configured') });
}

/** Finds the inputs of the repository the snapshot was taken of. */
export function discoverLayout(snap: Snapshot, options: DiscoverOptions = {}): Discovery {
  const notes: Why[] = snap.truncated ? [snap.truncated] : [];
  const dvc = readDvc(snap.texts);
  notes.push(...dvc.problems);
  const under = options.modelsUnder ? `${options.modelsUnder.replace(/\/$/, '')}/` : null;
  const root = mlflowRoot(snap);
  const store = root && (!under || `${root}/`.startsWith(under)) ? readMlflow(snap.files, snap.texts, root) : null;
  const files = listModelFiles(snap, dvc).filter((f) => !under || f.path.startsWith(under));
  const metrics = listMetricsFiles(snap, dvc);

  const fixedProd = given(files, options.production);
  const prod = fixedProd !== undefined ? fixedProd : chooseProduction(files, store, metrics, notes);
  const fixedCand = given(files, options.candidate);
  const named = fixedCand === undefined ? namedCandidate(files, prod?.file ?? null) : null;
  const mlCand = fixedCand === undefined && !named && store ? mlflowCandidate(store, prod?.pick ?? null) : null;
  const cand = fixedCand !== undefined ? fixedCand : named ? fromFile(named) : mlCand ? fromMlflow(mlCand) : null;

  const pm = prod ? metricsFor(prod, 'production', metrics, new Set()) : null;
  const used = pm?.pick?.source.kind === 'file' ? metrics.find((m) => m.path === pm.pick!.source.path) : undefined;
  const sharesFile = used?.outcome.ok === true && used.outcome.match.model?.candidate != null;
  const cm = cand ? metricsFor(cand, 'candidate', metrics, new Set(used && !sharesFile ? [used.path] : [])) : null;
  for (const m of metrics) if (!m.outcome.ok && m.outcome.problem === 'merge-conflict') notes.push(m.outcome.why);

  const ranked = rankDataFiles(listDataFiles(snap, dvc), prod ? stageWithOut(dvc, prod.path) : null);
  const top = ranked[0];
  const labelGuess = top?.file.columns ? detectLabelColumn({ columns: top.file.columns }) : null;

  const hints: Hint[] = [];
  const push = (h: Hint | null): void =>
    void (h && !hints.some((x) => x.path === h.path && x.kind === h.kind) && hints.push(h));
  for (const [c, what] of [
    [prod, why('what_production_model')],
    [cand, why('what_candidate_model')],
  ] as const) {
    if (c?.file) push(hintFor(c.file, what));
    if (c?.pick && !c.pick.path)
      push({
        kind: 'mlflow-artifact-missing',
        path: c.path,
        why: why('hint_mlflow_artifact_missing', { path: c.path, what, because: c.reason }),
      });
  }
  for (const f of files) if (f.lfsPointer) push(hintFor(f, why('what_model_file')));
  if (top) push(hintFor(top.file, why('what_data')));
  if (!top?.file.readPath) for (const h of missingTrackedData(dvc, new Set(snap.files.map((f) => f.path)))) push(h);
  for (const h of missingDeclaredMetrics(dvc, new Set(Object.keys(snap.texts)))) push(h);

  return {
    mlflow: store,
    production: prod ? { path: prod.path, readPath: prod.readPath, reason: prod.reason, mlflow: prod.mlflow } : null,
    candidate: cand
      ? {
          path: cand.path,
          readPath: cand.readPath,
          reason: cand.reason,
          mlflow: cand.mlflow,
          needsLinkCheck: mlCand !== null && prod?.pick == null,
        }
      : null,
    productionMetrics: pm?.pick ?? null,
    candidateMetrics: cm?.pick ?? null,
    data: top
      ? {
          path: top.file.path,
          readPath: top.file.readPath,
          reason:
            ranked.length > 1
              ? why('facts_ranked', { facts: top.facts, count: ranked.length })
              : why('facts', { facts: top.facts }),
          labelColumn: labelGuess && { column: labelGuess.column, reason: labelGuess.reason },
        }
      : null,
    models: modelList(files, store, prod, cand),
    metrics: metrics.map((m) => ({
      path: m.path,
      declared: m.declared,
      present: true,
      reason:
        pm?.considered.find((c) => c.path === m.path)?.reason ??
        (!m.outcome.ok
          ? why('not_used', { problem: m.outcome.why })
          : pm?.pick?.basis === 'mlflow-run'
            ? why('not_used_mlflow_run')
            : why('not_used_no_production')),
    })),
    dataFiles: ranked.map((r, i) => ({
      path: r.file.path,
      present: r.file.present,
      readPath: r.file.readPath,
      columns: r.file.columns,
      reason: i === 0 ? why('chosen', { facts: r.facts }) : why('ranked', { rank: i + 1, facts: r.facts }),
    })),
    hints,
    notes,
    dvcTracked: dvc.tracked.map((t) => ({ path: t.path, from: t.from })),
  };
}
