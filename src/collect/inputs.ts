/**
 * Which files to read, and why. Rule, per input: a path the user named (a flag or the config
 * file) is read from there, present or not; an unnamed one is read from its conventional
 * path when that exists (models/production_model.pkl, …, data/apps.csv); otherwise discovery
 * finds it (collect/discover/). Discovery runs only when some input is not at its path, and
 * then also gives the alternatives, the `dvc pull` / `git lfs pull` hints and the notes of
 * the report's Inputs block.
 */
import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Config } from '../config/load.js';
import { ReportError } from '../errors.js';
import type { InputSource, ModelInfo, Why } from '../report-data.js';
import { applyRunLink, discover, linkModelToRun, type Discovery, type MetricsPick } from './discover/index.js';
import type { MlflowRunFiles, SplitInfo } from './metrics/adapters/types.js';
import { why } from './why.js';

/** A path as the report shows it: relative to the root, with forward slashes. */
export function displayPath(config: Config, abs: string): string {
  const rel = relative(config.root, abs);
  return (rel.startsWith('..') || rel === '' ? abs : rel).split(sep).join('/');
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export interface FileSource {
  /** How the report names it: relative to the root. */
  readonly label: string;
  /** Where to read it (the file, or a DVC cache object); null when it is not here. */
  readonly abs: string | null;
  readonly source: InputSource;
  readonly reason: Why | null;
  /** What to run to get it when it is not in the checkout (hint_*); null otherwise. */
  readonly pull: Why | null;
}

export interface MetricsSource {
  readonly label: string;
  readonly source: InputSource;
  readonly reason: Why | null;
  readonly input:
    | { readonly kind: 'file'; readonly abs: string }
    | { readonly kind: 'run'; readonly run: MlflowRunFiles }
    /** A named MLflow run folder (mlruns/<experiment>/<run>): read by collect. */
    | { readonly kind: 'run-dir'; readonly abs: string };
  readonly splitHint: SplitInfo | null;
  readonly modelHints: readonly string[];
}

export interface Resolved {
  /** False when the command reads no models (or, for `stats`, its named models folder is missing). */
  readonly models: boolean;
  readonly production: FileSource | null;
  readonly candidate: FileSource | null;
  readonly productionMetrics: MetricsSource | null;
  readonly candidateMetrics: MetricsSource | null;
  readonly data: FileSource | null;
  /** null when every input was named or at its conventional path. */
  readonly discovery: Discovery | null;
}

/**
 * The inputs a command reads: `model` and `comparison` no data; `stats` reads the models
 * only when they are there (a named models folder that is missing is not an error for it).
 */
export interface Needs {
  readonly models: 'required' | 'optional';
  readonly data: boolean;
}

type Role = 'productionModel' | 'candidateModel' | 'productionMetrics' | 'candidateMetrics' | 'data';

interface Fixed {
  readonly abs: string;
  readonly source: InputSource;
  readonly present: boolean;
  readonly folder: boolean;
}

/** A named input, or one at its conventional path; undefined when discovery should look. */
async function fixed(config: Config, role: Role): Promise<Fixed | undefined> {
  const abs = config[role];
  const info = await stat(abs).catch(() => null);
  const present = info !== null;
  const folder = info?.isDirectory() ?? false;
  const named = config.named[role];
  if (named) return { abs, source: named, present, folder };
  return present && !folder ? { abs, source: 'default', present, folder } : undefined;
}

const reasonOf = (f: Fixed): Why =>
  why(f.source === 'default' ? 'default_name' : f.source === 'flag' ? 'flag' : 'configured');

function pullFor(d: Discovery | null, path: string, what: Why): Why | null {
  if (!d) return null;
  const hint = d.hints.find((h) => h.path === path && h.kind !== 'dvc-cache' && h.kind !== 'declared-missing');
  if (hint) return hint.why;
  const tracked = d.dvcTracked.find((t) => t.path === path || path.startsWith(`${t.path}/`));
  return tracked ? why('hint_dvc_pull', { path, what, from: tracked.from }) : null;
}

function fileSource(
  config: Config,
  f: Fixed | undefined,
  pick: Discovery['production'] | Discovery['data'],
  d: Discovery | null,
  what: Why,
): FileSource | null {
  if (f) {
    const label = displayPath(config, f.abs);
    return {
      label,
      abs: f.present ? f.abs : null,
      source: f.source,
      reason: reasonOf(f),
      pull: f.present ? null : pullFor(d, label, what),
    };
  }
  if (!pick) return null;
  return {
    label: pick.path,
    abs: pick.readPath === null ? null : join(config.root, pick.readPath),
    source: 'discovered',
    reason: pick.reason,
    pull: pick.readPath === null ? pullFor(d, pick.path, what) : null,
  };
}

function metricsSource(config: Config, f: Fixed | undefined, pick: MetricsPick | null): MetricsSource | null {
  if (f) {
    if (!f.present) return null;
    return {
      label: displayPath(config, f.abs),
      source: f.source,
      reason: reasonOf(f),
      input: { kind: f.folder ? 'run-dir' : 'file', abs: f.abs },
      splitHint: null,
      modelHints: [],
    };
  }
  if (!pick) return null;
  const s = pick.source;
  return {
    label: s.path,
    source: 'discovered',
    reason: pick.reason,
    input: s.kind === 'file' ? { kind: 'file', abs: join(config.root, s.path) } : { kind: 'run', run: s.run },
    splitHint: pick.splitHint,
    modelHints: pick.modelHints,
  };
}

/** Resolves every input the command needs (see the header). */
export async function resolveInputs(config: Config, wanted: Needs): Promise<Resolved> {
  const modelsDirMissing = config.named.modelsDir !== null && !(await exists(config.modelsDir));
  const needs = { models: !(modelsDirMissing && wanted.models === 'optional'), data: wanted.data };
  if (needs.models && modelsDirMissing) {
    throw new ReportError('INPUT_MISSING', `${displayPath(config, config.modelsDir)}: models folder not found`, {
      hint: 'run from the repository root, or pass --root / --models-dir (or leave it out: the models are then found)',
    });
  }
  const roles: Role[] = [
    ...(needs.models ? (['productionModel', 'candidateModel', 'productionMetrics', 'candidateMetrics'] as const) : []),
    ...(needs.data ? (['data'] as const) : []),
  ];
  const found = new Map<Role, Fixed | undefined>();
  for (const role of roles) found.set(role, await fixed(config, role));
  const missing = roles.some((r) => !found.get(r)?.present);
  const rel = (f: Fixed | undefined): string | null | undefined => (f ? displayPath(config, f.abs) : undefined);
  const d = missing
    ? await discover(config.root, {
        production: rel(found.get('productionModel')),
        candidate: rel(found.get('candidateModel')),
        modelsUnder: config.named.modelsDir ? displayPath(config, config.modelsDir) : null,
      })
    : null;
  return {
    models: needs.models,
    production: needs.models
      ? fileSource(config, found.get('productionModel'), d?.production ?? null, d, why('what_production_model'))
      : null,
    candidate: needs.models
      ? fileSource(config, found.get('candidateModel'), d?.candidate ?? null, d, why('what_candidate_model'))
      : null,
    productionMetrics: needs.models
      ? metricsSource(config, found.get('productionMetrics'), d?.productionMetrics ?? null)
      : null,
    candidateMetrics: needs.models
      ? metricsSource(config, found.get('candidateMetrics'), d?.candidateMetrics ?? null)
      : null,
    data: needs.data ? fileSource(config, found.get('data'), d?.data ?? null, d, why('what_data')) : null,
    discovery: d,
  };
}

/** The estimator whose parameters an MLflow run logged: a pipeline's last step (of a pipeline in a pipeline, too). */
function predictorParams(m: Pick<ModelInfo, 'components' | 'params'>): Record<string, unknown> {
  const last = m.components.filter((c) => c.role === 'steps').at(-1)?.estimator;
  return typeof last === 'object' && last !== null ? predictorParams(last) : m.params;
}

/**
 * After the production model is read: the MLflow run it came from (by its parameters) may
 * hold its metrics, and a candidate that is that same run is no candidate (discover/run-link.ts).
 * Only for a production model the user did not name, and only inputs discovery chose change.
 */
export function linkRun(config: Config, r: Resolved, model: ModelInfo | null): Resolved {
  const d = r.discovery;
  const named = r.production?.source === 'flag' || r.production?.source === 'config';
  if (!d?.mlflow || !model?.deployed || named) return r;
  const linked = applyRunLink(d, linkModelToRun(predictorParams(model), d.mlflow.runs));
  const discoveredMetrics = r.productionMetrics === null || r.productionMetrics.source === 'discovered';
  const discoveredCandidate = r.candidate === null || r.candidate.source === 'discovered';
  return {
    ...r,
    productionMetrics: discoveredMetrics
      ? metricsSource(config, undefined, linked.productionMetrics)
      : r.productionMetrics,
    candidate: discoveredCandidate
      ? fileSource(config, undefined, linked.candidate, linked, why('what_candidate_model'))
      : r.candidate,
    candidateMetrics:
      discoveredCandidate && (r.candidateMetrics === null || r.candidateMetrics.source === 'discovered')
        ? metricsSource(config, undefined, linked.candidateMetrics)
        : r.candidateMetrics,
    discovery: linked,
  };
}
