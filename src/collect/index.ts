/**
 * collect(config, now) → ReportData: resolves the inputs (named, conventional, or found by
 * discovery: inputs.ts), reads each once, and computes every number and verdict the report
 * shows. Order: the production model first (its MLflow run may hold its metrics), then the
 * candidate and both metrics, then the data (its label column may need the model's classes)
 * and the history. Absent or unreadable inputs are warnings and null sections; exit 2 only
 * when nothing at all could be read.
 */
import { join, resolve } from 'node:path';
import type { Config } from '../config/load.js';
import { ReportError, fromFsError } from '../errors.js';
import {
  SCHEMA_VERSION,
  type ModelInfo,
  type ModelMetrics,
  type ReportData,
  type Uncertainty,
  type Warning,
} from '../report-data.js';
import { TOOL_VERSION } from '../config/version.js';
import { LEDGER } from '../write/ledger.js';
import { decide } from './compare/decision.js';
import { compareModels } from './compare/index.js';
import { uncertaintyOf } from './compare/uncertainty.js';
import { collectData } from './data.js';
import { helperEvidence, modelEvidence } from './dataset/label.js';
import { headCommit } from './git.js';
import { collectHistory } from './history.js';
import { inputsBlock } from './inputs-block.js';
import { displayPath, linkRun, resolveInputs, type MetricsSource, type Needs } from './inputs.js';
import { detectTask } from './metrics/adapters/task.js';
import { collectMetrics, readMetrics, type MetricsRead } from './metrics/index.js';
import { absentModel } from './model.js';
import { readModel } from './models.js';
import { readRunFolder } from './metrics/run-folder.js';
import { readPredictionsFile } from './predictions-file.js';
import { guardInput, guardRegular } from './guard-input.js';
import { readRegularFile } from '../input-file.js';
import { jsonLimits, pickleLimits, safetyAllow } from './read-options.js';
import { missingFileValues } from './siblings.js';
import type { Warn } from './warn.js';

export { displayPath } from './inputs.js';
export type { Needs } from './inputs.js';

/** Every input: what `generate`, `serve` and `promote` need. */
export const ALL: Needs = { models: 'required', data: true };

/** Accuracy's uncertainty when both models have metrics; the predictions file is read only then. */
async function uncertaintyFor(
  config: Config,
  prod: ModelMetrics | null,
  cand: ModelMetrics | null,
  warn: Warn,
): Promise<Uncertainty | null> {
  if (!prod || !cand) return null;
  const label = displayPath(config, config.predictions);
  await guardInput(config, config.predictions, label, 'models');
  const counts = await readPredictionsFile(config.predictions, label, config.limits.maxMetricsBytes);
  return uncertaintyOf(prod, cand, counts && { counts, path: label }, config.confidence, warn);
}

// warnings arrive in whatever order the parallel reads finish; sort them for the output
const warningKey = (w: Warning): string => `${w.code} ${JSON.stringify(w.values)}`;
const byCodeThenValues = (a: Warning, b: Warning): number =>
  warningKey(a) < warningKey(b) ? -1 : warningKey(a) > warningKey(b) ? 1 : 0;

async function readMetricsSource(
  config: Config,
  src: MetricsSource | null,
  role: 'production' | 'candidate',
  model: ModelInfo | null,
  warn: Warn,
): Promise<MetricsRead | null> {
  if (!src) return null;
  const ctx = {
    path: src.label,
    role,
    splitHint: src.splitHint,
    modelHints: [...src.modelHints, ...(model?.model_type ? [model.model_type] : [])],
    maxDepth: config.limits.maxMetricsDepth,
  };
  if (src.input.kind === 'run') return readMetrics(src.input.run, ctx, warn);
  if (src.input.kind === 'run-dir') {
    await guardInput(config, src.input.abs, src.label, 'models');
    return readMetrics(await readRunFolder(src.input.abs, src.label), ctx, warn);
  }
  await guardRegular(config, src.input.abs, src.label, 'models', 'metrics file');
  const { maxBytes } = jsonLimits(config);
  const bytes = await readRegularFile(src.input.abs, src.label, { maxBytes, setting: 'max_metrics_bytes' }).catch(
    (e: unknown) => {
      if (e instanceof ReportError) throw e;
      throw fromFsError(e, src.label, { kind: 'metrics file' });
    },
  );
  const text = bytes.toString('utf8');
  return readMetrics(text, ctx, warn);
}

/** The class that decides the task: a pipeline's last step, else the model's own. */
function predictorClass(m: ModelInfo | null): string | null {
  if (!m?.deployed && m?.role === 'production') return null;
  const last = m?.components.filter((c) => c.role === 'steps').at(-1)?.estimator;
  return typeof last === 'object' && last !== null ? last.class_name : (m?.model_type ?? null);
}

/** The inputs a report reads, each of which can break on its own. */
export type InputName =
  'production_model' | 'production_metrics' | 'candidate_model' | 'candidate_metrics' | 'data' | 'predictions';

export interface CollectOptions {
  /** Which inputs the command reads (default: all). */
  readonly needs?: Needs;
  /**
   * When set, an input that is present but broken costs only its own section: the error is
   * handed here (with the file as the report names it) and the section is left empty, with
   * no "not found" warning. `serve` uses it so a broken CSV does not take /api/model down.
   * When absent, the first broken input throws, as `generate` wants.
   */
  readonly onInputError?: (input: InputName, file: string, error: ReportError) => void;
}

/** Gathers everything the report needs. `now` is the only clock. */
export async function collect(config: Config, now: Date, options: CollectOptions = {}): Promise<ReportData> {
  const { needs = ALL, onInputError } = options;
  const warnings: Warning[] = [];
  const warn: Warn = (code, values = {}) => warnings.push({ code, values });
  const broken = new Set<InputName>();
  const guard = <T>(input: InputName, file: string, read: Promise<T | null>): Promise<T | null> =>
    onInputError
      ? read.catch((e: unknown) => {
          if (!(e instanceof ReportError)) throw e;
          broken.add(input);
          onInputError(input, file, e);
          return null;
        })
      : read;
  const limits = pickleLimits(config);
  const allow = safetyAllow(config);
  const check = (abs: string, label: string) => guardRegular(config, abs, label, 'models', 'model file');
  // a file not found: where it was looked for (the named or conventional path), said after the reads
  const notFound: Partial<Record<'production' | 'candidate', string>> = {};
  const prodLabel = displayPath(config, config.productionModel);
  const metricsGuard = (
    input: 'production_metrics' | 'candidate_metrics',
    src: MetricsSource | null,
    m: ModelInfo | null,
  ) =>
    guard(
      input,
      src?.label ?? '',
      readMetricsSource(config, src, input === 'production_metrics' ? 'production' : 'candidate', m, warn),
    );
  let r = await resolveInputs(config, needs);
  const models = r.models;
  const model = models
    ? await guard(
        'production_model',
        r.production?.label ?? prodLabel,
        readModel(r.production, prodLabel, 'production', limits, warn, (l) => (notFound.production = l), allow, check),
      )
    : null;
  r = linkRun(config, r, model);
  const candLabel = displayPath(config, config.candidateModel);
  const [candidate, prodRead, candRead] = models
    ? await Promise.all([
        guard(
          'candidate_model',
          r.candidate?.label ?? candLabel,
          readModel(r.candidate, candLabel, 'candidate', limits, warn, (l) => (notFound.candidate = l), allow, check),
        ),
        metricsGuard('production_metrics', r.productionMetrics, model),
        metricsGuard('candidate_metrics', r.candidateMetrics, null),
      ])
    : [null, null, null];
  const task = detectTask(
    { ...(candRead?.match.metrics ?? {}), ...(prodRead?.match.metrics ?? {}) },
    predictorClass(model) ?? predictorClass(candidate) ?? prodRead?.meta.model_type,
  );
  const metrics = prodRead ? collectMetrics(prodRead, task.task, config, warn) : null;
  const candidateMetrics = candRead ? collectMetrics(candRead, task.task, config, warn) : null;
  const missing = (label: string) => missingFileValues(resolve(config.root, label), label);
  // a broken file is reported as broken (onInputError), never as missing
  if (notFound.production && !broken.has('production_model')) warn('no_model', await missing(notFound.production));
  // half a candidate is worth a warning; no candidate at all is not
  if (notFound.candidate && candidateMetrics) warn('no_candidate', await missing(notFound.candidate));
  if (models && !prodRead && model?.deployed && !r.productionMetrics && !broken.has('production_metrics'))
    warn('no_production_metrics', await missing(displayPath(config, config.productionMetrics)));
  for (const key of config.deprecated) warn('deprecated_key', { key, use: 'data_options.label_column' });
  if (candidate && !candidateMetrics && !broken.has('candidate_metrics'))
    warn(
      'candidate_without_metrics',
      await missing(r.candidateMetrics?.label ?? displayPath(config, config.candidateMetrics)),
    );
  const helpers = (r.discovery?.models ?? [])
    .filter((m) => m.status === 'auxiliary' && m.readPath)
    .map((m) => ({ abs: join(config.root, m.readPath!), label: m.path }));
  const evidence = modelEvidence(
    model,
    metrics,
    helpers.length ? helperEvidence(helpers, limits) : { classHints: [], columns: null },
    task.task,
  );
  const dataLabel = r.data?.label ?? displayPath(config, config.data);
  const [dataRead, commit, history] = await Promise.all([
    needs.data ? guard('data', dataLabel, collectData(config, r.data, evidence, metrics, warn)) : null,
    headCommit(config.root),
    collectHistory(
      r.productionMetrics?.input.kind === 'file' ? r.productionMetrics.input.abs : null,
      config.out,
      displayPath(config, join(config.out, LEDGER)),
      config,
      warn,
    ),
  ]);
  const { data, label } = dataRead ?? { data: null, label: null };
  if (!model?.deployed && !candidate && !metrics && !candidateMetrics && !data && broken.size === 0)
    nothingRead(config, r);

  const production = model
    ? { ...model, deployed_at: metrics?.deployed_at ?? null }
    : absentModel('production', r.production?.label ?? displayPath(config, config.productionModel));
  const comparison =
    candidate && candidateMetrics
      ? compareModels(
          { metrics, model: production },
          { metrics: candidateMetrics, model: candidate },
          config,
          task.task,
        )
      : null;
  const uncertainty = await guard(
    'predictions',
    displayPath(config, config.predictions),
    uncertaintyFor(config, metrics, comparison ? candidateMetrics : null, warn),
  );
  const decision = decide({ production, candidate, candidateMetrics, comparison, uncertainty }, config);
  return {
    schema_version: SCHEMA_VERSION,
    tool_version: TOOL_VERSION,
    generated_at: now.toISOString(),
    title: config.title,
    thresholds: config.thresholds,
    task: { kind: task.task, reason: task.reason },
    inputs: inputsBlock(r, label),
    model: production,
    candidate,
    metrics,
    candidate_metrics: candidateMetrics,
    data,
    comparison,
    decision,
    history,
    environment: { commit, run_url: config.runUrl },
    warnings: warnings.sort(byCodeThenValues),
  };
}

/** Exit 2: not one input could be read. The hint says what to pull, or how to name the inputs. */
function nothingRead(config: Config, r: Awaited<ReturnType<typeof resolveInputs>>): never {
  const kinds = new Set(r.discovery?.hints.map((h) => h.kind) ?? []);
  for (const s of [r.production, r.candidate, r.data])
    if (s?.pull?.code === 'hint_git_lfs_pull') kinds.add('git-lfs-pull');
  const hint = kinds.has('dvc-pull')
    ? 'the inputs are tracked by DVC: run `dvc pull` before mlops-report (in CI, after checkout)'
    : kinds.has('git-lfs-pull')
      ? 'the inputs are Git LFS pointers: run `git lfs pull` (actions/checkout: `lfs: true`)'
      : 'run from the repository root, or name the inputs: --models-dir, --data, or mlops-report.config.json (mlops-report init writes one)';
  throw new ReportError('INPUT_MISSING', `${config.root}: no model, metrics or data file could be read`, { hint });
}
