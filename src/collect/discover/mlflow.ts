/**
 * An MLflow file store (mlruns/) read as data: runs (meta.yaml, metrics/, params/,
 * artifacts), MLflow 3 logged models (<exp>/models/m-<id>/) and the model registry
 * (mlruns/models/<name>/version-N/meta.yaml, aliases). Deleted runs are left out.
 * Absolute artifact URIs in meta.yaml (often another machine's Windows path) are ignored:
 * artifacts are looked up inside the store itself.
 */
import { parse } from 'yaml';
import type { MlflowRunFiles } from '../metrics/adapters/types.js';
import type { FileEntry } from './types.js';
import { MODEL_FILE, auxiliaryWord } from './patterns.js';
import { isObject } from '../metrics/adapters/parse-text.js';

export interface MlflowRun {
  readonly dir: string;
  readonly experimentId: string;
  readonly runId: string;
  readonly runName: string | null;
  readonly startTime: number | null;
  readonly files: MlflowRunFiles;
  /** Model pickles under artifacts/ that are present (not helpers). */
  readonly modelFiles: readonly string[];
  /** MLflow 3: logged models this run produced (outputs/<m-id>). */
  readonly loggedModelIds: readonly string[];
}

export interface LoggedModel {
  readonly dir: string;
  readonly modelId: string;
  readonly sourceRunId: string | null;
  readonly createdAt: number | null;
  readonly modelFile: string | null;
}

export interface RegistryVersion {
  readonly name: string;
  readonly version: number;
  readonly stage: string | null;
  readonly aliases: readonly string[];
  readonly runId: string | null;
  readonly modelId: string | null;
  readonly createdAt: number | null;
}

export interface MlflowStore {
  readonly root: string;
  readonly runs: readonly MlflowRun[];
  readonly loggedModels: readonly LoggedModel[];
  readonly versions: readonly RegistryVersion[];
  readonly registeredModels: readonly string[];
}

const yamlOf = (text: string | undefined): Record<string, unknown> => {
  try {
    const v: unknown = text === undefined ? null : parse(text);
    return isObject(v) ? v : {};
  } catch {
    return {};
  }
};
const str = (v: unknown): string | null =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
const num = (v: unknown): number | null =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;

/** Texts of the files directly inside `dir/sub/`, by file name. */
function folderTexts(texts: Readonly<Record<string, string>>, dir: string, sub: string): Record<string, string> {
  const prefix = `${dir}/${sub}/`;
  return Object.fromEntries(
    Object.entries(texts)
      .filter(([p]) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map(([p, t]) => [p.slice(prefix.length), t]),
  );
}

/** Aliases from the registered model's meta.yaml ({alias: version} or [{alias, version}]) or its aliases/ folder. */
function aliasesOf(texts: Readonly<Record<string, string>>, modelDir: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (alias: string, version: unknown): void => {
    const v = num(version);
    if (v !== null) out.set(v, [...(out.get(v) ?? []), alias]);
  };
  const meta = yamlOf(texts[`${modelDir}/meta.yaml`]).aliases;
  if (isObject(meta)) for (const [a, v] of Object.entries(meta)) add(a, v);
  if (Array.isArray(meta))
    for (const e of meta) if (isObject(e) && typeof e.alias === 'string') add(e.alias, e.version);
  for (const [a, v] of Object.entries(folderTexts(texts, modelDir, 'aliases'))) add(a, v.trim());
  return out;
}

/** The MLflow store under `root` ("mlruns"), or null when the snapshot has none. */
export function readMlflow(
  files: readonly FileEntry[],
  texts: Readonly<Record<string, string>>,
  root = 'mlruns',
): MlflowStore | null {
  const inStore = files.filter((f) => f.path.startsWith(`${root}/`));
  if (inStore.length === 0) return null;
  const runs: MlflowRun[] = [],
    loggedModels: LoggedModel[] = [],
    versions: RegistryVersion[] = [];
  const registered = new Set<string>();
  for (const f of inStore) {
    const parts = f.path.slice(root.length + 1).split('/');
    if (parts.at(-1) !== 'meta.yaml') continue;
    if (parts[0] === 'models' && parts.length === 3) registered.add(parts[1]!);
    if (parts[0] === 'models' && parts.length === 4 && /^version-\d+$/.test(parts[2]!)) {
      const m = yamlOf(texts[f.path]);
      const version = num(m.version) ?? Number(parts[2]!.slice(8));
      const aliases = aliasesOf(texts, `${root}/models/${parts[1]}`).get(version) ?? [];
      versions.push({
        name: str(m.name) ?? parts[1]!,
        version,
        stage: str(m.current_stage),
        aliases,
        runId: str(m.run_id),
        modelId: str(m.model_id),
        createdAt: num(m.creation_timestamp),
      });
    } else if (parts.length === 4 && parts[1] === 'models' && parts[2]!.startsWith('m-')) {
      const dir = `${root}/${parts.slice(0, 3).join('/')}`;
      const m = yamlOf(texts[f.path]);
      const modelFile =
        inStore.find((x) => x.path.startsWith(`${dir}/artifacts/`) && MODEL_FILE.test(x.path) && !auxiliaryWord(x.path))
          ?.path ?? null;
      loggedModels.push({
        dir,
        modelId: parts[2]!,
        sourceRunId: str(m.source_run_id),
        createdAt: num(m.creation_timestamp),
        modelFile,
      });
    } else if (parts.length === 3 && parts[0] !== 'models' && parts[1] !== 'models') {
      const dir = `${root}/${parts[0]}/${parts[1]}`;
      const m = yamlOf(texts[f.path]);
      if (str(m.lifecycle_stage) === 'deleted') continue;
      const runId = str(m.run_id) ?? str(m.run_uuid) ?? parts[1]!;
      const runName = str(m.run_name) ?? texts[`${dir}/tags/mlflow.runName`]?.trim() ?? null;
      const modelFiles = inStore
        .filter((x) => x.path.startsWith(`${dir}/artifacts/`) && MODEL_FILE.test(x.path) && !auxiliaryWord(x.path))
        .map((x) => x.path)
        .sort();
      const loggedModelIds = [
        ...new Set(
          inStore
            .filter((x) => x.path.startsWith(`${dir}/outputs/m-`))
            .map((x) => x.path.slice(dir.length + 9).split('/')[0]!),
        ),
      ].sort();
      const files: MlflowRunFiles = {
        kind: 'mlflow-run',
        runId,
        runName,
        metrics: folderTexts(texts, dir, 'metrics'),
        params: folderTexts(texts, dir, 'params'),
      };
      runs.push({
        dir,
        experimentId: parts[0]!,
        runId,
        runName,
        startTime: num(m.start_time),
        files,
        modelFiles,
        loggedModelIds,
      });
    }
  }
  const byName = (a: { dir: string }, b: { dir: string }): number => a.dir.localeCompare(b.dir);
  return {
    root,
    runs: runs.sort(byName),
    loggedModels: loggedModels.sort(byName),
    versions: versions.sort((a, b) => a.name.localeCompare(b.name) || a.version - b.version),
    registeredModels: [...registered].sort(),
  };
}

/** The model file of a run: its own artifact, else the file of a logged model it produced. */
export function runModelFile(store: MlflowStore, run: MlflowRun): string | null {
  if (run.modelFiles.length > 0) return run.modelFiles[0]!;
  for (const id of run.loggedModelIds) {
    const lm = store.loggedModels.find((m) => m.modelId === id);
    if (lm?.modelFile) return lm.modelFile;
  }
  return store.loggedModels.find((m) => m.sourceRunId === run.runId && m.modelFile)?.modelFile ?? null;
}
