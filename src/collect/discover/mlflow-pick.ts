/**
 * Production and candidate from an MLflow store, and the run a model file came from.
 *
 * Production: the registered version with stage Production or alias champion/production
 * (the highest such version), else the latest registered version (by creation time, then
 * number). No registry versions → no MLflow production.
 * Candidate: a registered version with stage Staging or alias challenger/candidate; else
 * the best run with a model file by the headline metric (f1, accuracy, roc_auc; r2, rmse),
 * ties to the earliest run (a later run with the same numbers adds nothing). Older versions
 * of the production model are not candidates, and when the best run is production's own run
 * there is no candidate. The issue suggested "the newest run": in real stores the newest run
 * is often the production model re-logged (sloffer-vehicle), so the best run is the one a
 * reviewer wants compared.
 */
import { readMetricsShapes } from '../metrics/adapters/dispatch.js';
import type { MetricKey } from '../metrics/adapters/types.js';
import { runModelFile, type MlflowRun, type MlflowStore, type RegistryVersion } from './mlflow.js';
import type { MlflowRef } from './types.js';

export interface MlflowPick {
  readonly path: string | null;
  readonly reason: string;
  readonly ref: MlflowRef;
  readonly run: MlflowRun | null;
}

const PRODUCTION_ALIASES = ['champion', 'production', 'prod'];
const CANDIDATE_ALIASES = ['challenger', 'candidate', 'staging'];

function describe(v: RegistryVersion): string {
  const facts = [
    v.stage && v.stage !== 'None' ? `stage ${v.stage}` : '',
    v.aliases.length ? `aliases ${v.aliases.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${v.name} v${v.version}${facts ? ` (${facts})` : ''}`;
}

function resolve(store: MlflowStore, v: RegistryVersion, reason: string): MlflowPick {
  const run = store.runs.find((r) => r.runId === v.runId) ?? null;
  const logged = v.modelId ? store.loggedModels.find((m) => m.modelId === v.modelId) : undefined;
  const path = logged?.modelFile ?? (run ? runModelFile(store, run) : null);
  return { path, reason, ref: { runId: v.runId, modelId: v.modelId, registered: describe(v) }, run };
}

const marked = (v: RegistryVersion, stage: string, aliases: readonly string[]): boolean =>
  v.stage?.toLowerCase() === stage || v.aliases.some((a) => aliases.includes(a.toLowerCase()));

/** The registry's production version (see the header), or null without registry versions. */
export function mlflowProduction(store: MlflowStore): MlflowPick | null {
  const byVersion = [...store.versions].sort((a, b) => b.version - a.version);
  const flagged = byVersion.find((v) => marked(v, 'production', PRODUCTION_ALIASES));
  if (flagged) return resolve(store, flagged, `MLflow registry: ${describe(flagged)} is marked production`);
  const latest = [...store.versions].sort(
    (a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || b.version - a.version,
  )[0];
  if (!latest) return null;
  return resolve(
    store,
    latest,
    `MLflow registry: ${describe(latest)} is the latest version (no stage or alias marks production)`,
  );
}

const HEADLINE: readonly { key: MetricKey; higher: boolean }[] = [
  { key: 'f1', higher: true },
  { key: 'accuracy', higher: true },
  { key: 'roc_auc', higher: true },
  { key: 'r2', higher: true },
  { key: 'rmse', higher: false },
];

/** Runs ranked by the first headline metric they all have, best first; ties keep the earlier start. */
export function rankRuns(
  runs: readonly MlflowRun[],
): { run: MlflowRun; key: MetricKey | null; value: number | null }[] {
  const scored = runs.map((run) => {
    const r = readMetricsShapes(run.files, { fileName: run.dir });
    return { run, metrics: r.ok ? r.match.metrics : {} };
  });
  const h = HEADLINE.find(({ key }) => scored.length > 0 && scored.every((s) => s.metrics[key] !== undefined));
  const byStart = (a: MlflowRun, b: MlflowRun): number =>
    (a.startTime ?? 0) - (b.startTime ?? 0) || a.runId.localeCompare(b.runId);
  if (!h) return scored.map((s) => ({ run: s.run, key: null, value: null })).sort((a, b) => byStart(a.run, b.run));
  const sign = h.higher ? -1 : 1;
  return scored
    .map((s) => ({ run: s.run, key: h.key, value: s.metrics[h.key]! }))
    .sort((a, b) => sign * (a.value - b.value) || byStart(a.run, b.run));
}

/** The candidate (see the header); `production` is the MLflow production pick when there is one. */
export function mlflowCandidate(store: MlflowStore, production: MlflowPick | null): MlflowPick | null {
  const staged = [...store.versions]
    .sort((a, b) => b.version - a.version)
    .find((v) => marked(v, 'staging', CANDIDATE_ALIASES));
  if (staged && staged.runId !== production?.ref.runId)
    return resolve(store, staged, `MLflow registry: ${describe(staged)} is marked as the candidate`);
  const prodVersion = production ? store.versions.find((v) => v.runId === production.ref.runId) : undefined;
  const older = new Set(
    store.versions
      .filter((v) => prodVersion && v.name === prodVersion.name && v.version < prodVersion.version)
      .map((v) => v.runId),
  );
  const withModel = store.runs.filter((r) => runModelFile(store, r) !== null && !older.has(r.runId));
  const ranked = rankRuns(withModel);
  const best = ranked[0];
  if (!best) return null;
  if (production && best.run.runId === production.ref.runId) return null;
  const how = best.key
    ? `best ${best.key} (${best.value}) of ${ranked.length} runs with a model`
    : `no shared metric to rank ${ranked.length} runs; the earliest`;
  return {
    path: runModelFile(store, best.run),
    reason: `MLflow run ${best.run.runId}${best.run.runName ? ` (${best.run.runName})` : ''}: ${how}`,
    ref: { runId: best.run.runId, modelId: best.run.loggedModelIds[0] ?? null, registered: null },
    run: best.run,
  };
}

/** Python's str() of a parameter value as MLflow logs it (True, None, 0.1). */
function pyText(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The run a model file came from, by its hyper-parameters: every parameter the run logged
 * that the model also has must be equal (numbers compared as numbers), and at least one
 * must be shared; the most shared wins, ties to the newest run. Null when none matches.
 */
export function linkModelToRun(
  params: Readonly<Record<string, unknown>>,
  runs: readonly MlflowRun[],
): { run: MlflowRun; reason: string } | null {
  let best: { run: MlflowRun; shared: string[] } | null = null;
  for (const run of runs) {
    const shared: string[] = [];
    let clash = false;
    for (const [k, logged] of Object.entries(run.files.params)) {
      if (!(k in params)) continue;
      const a = logged.trim(),
        b = pyText(params[k]);
      if (a === b || (a !== '' && b !== '' && Number(a) === Number(b))) shared.push(k);
      else clash = true;
    }
    if (clash || shared.length === 0) continue;
    const better =
      !best ||
      shared.length > best.shared.length ||
      (shared.length === best.shared.length && (run.startTime ?? 0) > (best.run.startTime ?? 0));
    if (better) best = { run, shared };
  }
  return best
    ? { run: best.run, reason: `MLflow run ${best.run.runId} logged the same ${best.shared.sort().join(', ')}` }
    : null;
}
