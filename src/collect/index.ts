/**
 * collect(config, now) → ReportData: reads every input once, in parallel, and computes
 * every number and verdict the report shows. Optional inputs that are absent become
 * warnings and null sections; inputs that are present but broken throw ReportError.
 */
import { stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Config } from '../config/load.js';
import { ReportError } from '../errors.js';
import {
  SCHEMA_VERSION,
  type DataStats,
  type ModelMetrics,
  type ReportData,
  type Uncertainty,
  type Warning,
} from '../report-data.js';
import type { Warn } from './warn.js';
import { TOOL_VERSION } from '../version.js';
import { decide } from './compare/decision.js';
import { compareModels } from './compare/index.js';
import { uncertaintyOf } from './compare/uncertainty.js';
import { categoryDrift } from './drift.js';
import { readTableStats } from './dataset/index.js';
import { headCommit, lastCommitDate } from './git.js';
import { collectHistory } from './history.js';
import { LEDGER } from '../write/ledger.js';
import { collectMetrics } from './metrics/index.js';
import { absentModel, collectModel } from './model.js';
import { readPredictionsFile } from './predictions-file.js';
import { readMetricsFile } from './read-json.js';
import { missingFileValues } from './siblings.js';

/** A path as the report shows it: relative to the root, with forward slashes. */
export function displayPath(config: Config, abs: string): string {
  const rel = relative(config.root, abs);
  return (rel.startsWith('..') || rel === '' ? abs : rel).split(sep).join('/');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function metricsOrNull(
  config: Config,
  path: string,
  warn: Warn,
  role: 'production' | 'candidate',
): Promise<ModelMetrics | null> {
  const label = displayPath(config, path);
  if (!(await exists(path))) {
    // no candidate at all is the normal state between trainings: the comparison says so, no warning
    if (role === 'production') warn('no_production_metrics', await missingFileValues(path, label));
    return null;
  }
  const file = await readMetricsFile(path, label);
  return collectMetrics(file, label, config, warn);
}

async function dataOrNull(
  config: Config,
  metrics: Promise<ModelMetrics | null>,
  warn: Warn,
): Promise<DataStats | null> {
  const label = displayPath(config, config.data);
  if (!(await exists(config.data))) {
    warn('no_data', await missingFileValues(config.data, label));
    return null;
  }
  const [table, gitDate, info] = await Promise.all([
    readTableStats(config.data, label, config.categoryColumn),
    lastCommitDate(config.data),
    stat(config.data),
  ]);
  const training = (await metrics)?.training ?? null;
  const trainedRows = training?.rows ?? null;
  const newRows = trainedRows === null ? null : table.rows - trainedRows;
  if (table.latin1) warn('latin1', { file: label });
  return {
    path: label,
    format: table.format,
    rows: table.rows,
    columns: table.columns,
    category_column: table.categoryColumn,
    n_categories: table.nCategories,
    categories: table.categories,
    missing: table.missing,
    duplicates: table.duplicates,
    duplicates_exact: table.duplicatesExact,
    malformed_rows: table.malformed,
    drift: training?.category_counts ? categoryDrift(table.categories, training.category_counts, config.drift) : null,
    last_updated: gitDate ?? info.mtime.toISOString(),
    last_updated_source: gitDate ? 'git' : 'mtime',
    retraining: {
      threshold: config.retrainThreshold,
      trained_rows: trainedRows,
      new_rows: newRows,
      due: newRows === null ? null : newRows >= config.retrainThreshold,
    },
  };
}

/** Accuracy's uncertainty when both models have metrics; the predictions file is read only then. */
async function uncertaintyFor(
  config: Config,
  prod: ModelMetrics | null,
  cand: ModelMetrics | null,
  warn: Warn,
): Promise<Uncertainty | null> {
  if (!prod || !cand) return null;
  const label = displayPath(config, config.predictions);
  const counts = await readPredictionsFile(config.predictions, label);
  return uncertaintyOf(prod, cand, counts && { counts, path: label }, config.confidence, warn);
}

// warnings arrive in whatever order the parallel reads finish; sort them for the output
const warningKey = (w: Warning): string => `${w.code} ${JSON.stringify(w.values)}`;
const byCodeThenValues = (a: Warning, b: Warning): number =>
  warningKey(a) < warningKey(b) ? -1 : warningKey(a) > warningKey(b) ? 1 : 0;

/** The inputs a report reads, each of which can break on its own. */
export type InputName =
  'production_model' | 'production_metrics' | 'candidate_model' | 'candidate_metrics' | 'data' | 'predictions';

export interface CollectOptions {
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
  if (!(await exists(config.modelsDir))) {
    throw new ReportError('INPUT_MISSING', `${displayPath(config, config.modelsDir)}: models folder not found`, {
      hint: 'run from the repository root, or pass --root / --models-dir',
    });
  }
  const warnings: Warning[] = [];
  const warn: Warn = (code, values = {}) => warnings.push({ code, values });
  const broken = new Set<InputName>();
  const { onInputError } = options;
  const guard = <T>(input: InputName, file: string, read: Promise<T | null>): Promise<T | null> =>
    onInputError
      ? read.catch((e: unknown) => {
          if (!(e instanceof ReportError)) throw e;
          broken.add(input);
          onInputError(input, file, e);
          return null;
        })
      : read;
  const label = (abs: string): string => displayPath(config, abs);
  const limits = {
    maxModelBytes: config.limits.maxModelBytes,
    maxOps: config.limits.maxPickleOps,
    maxExpansionRatio: config.limits.maxExpansionRatio,
  };
  const prodMetrics = guard(
    'production_metrics',
    label(config.productionMetrics),
    metricsOrNull(config, config.productionMetrics, warn, 'production'),
  );
  const candMetrics = guard(
    'candidate_metrics',
    label(config.candidateMetrics),
    metricsOrNull(config, config.candidateMetrics, warn, 'candidate'),
  );
  const [metrics, candidateMetrics, data, commit, history] = await Promise.all([
    prodMetrics,
    candMetrics,
    guard('data', label(config.data), dataOrNull(config, prodMetrics, warn)),
    headCommit(config.root),
    collectHistory(config.productionMetrics, config.out, label(join(config.out, LEDGER)), config, warn),
  ]);
  const prodLabel = label(config.productionModel);
  const candLabel = label(config.candidateModel);
  const [model, candidate] = await Promise.all([
    guard(
      'production_model',
      prodLabel,
      collectModel(config.productionModel, prodLabel, 'production', limits, metrics?.deployed_at ?? null),
    ),
    guard('candidate_model', candLabel, collectModel(config.candidateModel, candLabel, 'candidate', limits, null)),
  ]);
  // a broken file is reported as broken (onInputError), never as missing
  if (!model && !broken.has('production_model'))
    warn('no_model', await missingFileValues(config.productionModel, prodLabel));
  // half a candidate is worth a warning; no candidate at all is not (see metricsOrNull)
  if (!candidate && candidateMetrics && !broken.has('candidate_model'))
    warn('no_candidate', await missingFileValues(config.candidateModel, candLabel));
  if (candidate && !candidateMetrics && !broken.has('candidate_metrics'))
    warn('candidate_without_metrics', await missingFileValues(config.candidateMetrics, label(config.candidateMetrics)));
  const comparison =
    candidate && candidateMetrics
      ? compareModels({ metrics, model }, { metrics: candidateMetrics, model: candidate }, config)
      : null;
  const uncertainty = await guard(
    'predictions',
    label(config.predictions),
    uncertaintyFor(config, metrics, comparison ? candidateMetrics : null, warn),
  );
  const production = model ?? absentModel('production', prodLabel);
  const decision = decide({ production, candidate, candidateMetrics, comparison, uncertainty }, config);

  return {
    schema_version: SCHEMA_VERSION,
    tool_version: TOOL_VERSION,
    generated_at: now.toISOString(),
    title: config.title,
    thresholds: config.thresholds,
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
