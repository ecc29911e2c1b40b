/**
 * Production and candidate from an MLflow store, and the run a model file came from.
 *
 * Production: the registered version with stage Production or alias champion/production
 * (the highest such version), else the latest registered version (by creation time, then
 * number). No registry versions → no MLflow production.
 * Candidate: a registered version with stage Staging or alias challenger/candidate; else
 * the best run with a model file by the headline metric (f1, accuracy, roc_auc; r2, rmse, mae),
 * ties to the earliest run (a later run with the same numbers adds nothing). Older versions
 * of the production model are not candidates, and when the best run is production's own run
 * there is no candidate. The issue suggested "the newest run": in real stores the newest run
 * is often the production model re-logged (sloffer-vehicle), so the best run is the one a
 * reviewer wants compared.
 */
import type { Why, WhyCode } from '../../report-data.js';
import { why } from '../why.js';
import { readMetricsShapes } from '../metrics/adapters/dispatch.js';
import { HEADLINE } from '../metrics/adapters/select-entry.js';
import type { MetricKey } from '../metrics/adapters/types.js';
import { runModelFile, type MlflowRun, type MlflowStore, type RegistryVersion } from './mlflow.js';
import type { MlflowRef } from './types.js';

export interface MlflowPick {
  readonly path: string | null;
  readonly reason: Why;
  readonly ref: MlflowRef;
  readonly run: MlflowRun | null;
}

const PRODUCTION_ALIASES = ['champion', 'production', 'prod'];
const CANDIDATE_ALIASES = ['challenger', 'candidate', 'staging'];

function resolve(store: MlflowStore, v: RegistryVersion, reason: Why): MlflowPick {
  const run = store.runs.find((r) => r.runId === v.runId) ?? null;
  const logged = v.modelId ? store.loggedModels.find((m) => m.modelId === v.modelId) : undefined;
  const path = logged?.modelFile ?? (run ? runModelFile(store, run) : null);
  const registered = { name: v.name, version: v.version, stage: v.stage, aliases: v.aliases };
  return { path, reason, ref: { runId: v.runId, modelId: v.modelId, registered }, run };
}

const byStage = (v: RegistryVersion, stage: string): boolean => v.stage?.toLowerCase() === stage;
const byAlias = (v: RegistryVersion, aliases: readonly string[]): string | undefined =>
  v.aliases.find((a) => aliases.includes(a.toLowerCase()));

/** Why a version was chosen for a role: its stage, else its alias. */
function markedBy(
  v: RegistryVersion,
  stage: string,
  aliases: readonly string[],
  codes: [WhyCode, WhyCode],
): Why | null {
  if (byStage(v, stage)) return why(codes[0], { name: v.name, version: v.version, stage: v.stage });
  const alias = byAlias(v, aliases);
  return alias ? why(codes[1], { name: v.name, version: v.version, alias }) : null;
}

/** The registry's production version (see the header), or null without registry versions; `markedOnly`: no fallback to the latest. */
export function mlflowProduction(store: MlflowStore, markedOnly = false): MlflowPick | null {
  const byVersion = [...store.versions].sort((a, b) => b.version - a.version);
  for (const v of byVersion) {
    const reason = markedBy(v, 'production', PRODUCTION_ALIASES, ['mlflow_stage', 'mlflow_alias']);
    if (reason) return resolve(store, v, reason);
  }
  if (markedOnly) return null;
  const latest = [...store.versions].sort(
    (a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0) || b.version - a.version,
  )[0];
  if (!latest) return null;
  return resolve(store, latest, why('mlflow_latest_version', { name: latest.name, version: latest.version }));
}

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
  for (const v of [...store.versions].sort((a, b) => b.version - a.version)) {
    const reason = markedBy(v, 'staging', CANDIDATE_ALIASES, ['mlflow_candidate_stage', 'mlflow_candidate_alias']);
    if (!reason) continue;
    if (v.runId !== production?.ref.runId) return resolve(store, v, reason);
    break;
  }
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
  const run = { run: best.run.runId, name: best.run.runName, count: ranked.length };
  return {
    path: runModelFile(store, best.run),
    reason: best.key
      ? why('mlflow_best_run', { ...run, metric: best.key, value: best.value })
      : why('mlflow_earliest_run', run),
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
): { run: MlflowRun; reason: Why } | null {
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
    ? { run: best.run, reason: why('mlflow_same_params', { run: best.run.runId, params: best.shared.sort() }) }
    : null;
}
