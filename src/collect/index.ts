/**
 * collect(config, now) → ReportData: reads every input once, in parallel, and computes
 * every number and verdict the report shows. Optional inputs that are absent become
 * warnings and null sections; inputs that are present but broken throw ReportError.
 */
import { stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import type { Config } from '../config.js';
import { ReportError } from '../errors.js';
import { SCHEMA_VERSION, type DataStats, type ModelMetrics, type ReportData } from '../report-data.js';
import { TOOL_VERSION } from '../version.js';
import { compareModels } from './compare.js';
import { readTableStats } from './dataset.js';
import { headCommit, lastCommitDate } from './git.js';
import { collectMetrics } from './metrics.js';
import { absentModel, collectModel } from './model.js';
import { readMetricsFile } from './read-json.js';

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

async function metricsOrNull(config: Config, path: string, warnings: string[], what: string): Promise<ModelMetrics | null> {
  const label = displayPath(config, path);
  if (!(await exists(path))) {
    warnings.push(`${label} not found: no ${what} metrics to show.`);
    return null;
  }
  const file = await readMetricsFile(path, label);
  return collectMetrics(file, label, config, warnings);
}

async function dataOrNull(config: Config, metrics: Promise<ModelMetrics | null>, warnings: string[]): Promise<DataStats | null> {
  const label = displayPath(config, config.data);
  if (!(await exists(config.data))) {
    warnings.push(`${label} not found: the data section is empty.`);
    return null;
  }
  const [table, gitDate, info] = await Promise.all([
    readTableStats(config.data, label, config.categoryColumn),
    lastCommitDate(config.data),
    stat(config.data),
  ]);
  const trainedRows = (await metrics)?.training?.rows ?? null;
  const newRows = trainedRows === null ? null : table.rows - trainedRows;
  return {
    path: label,
    format: 'csv',
    rows: table.rows,
    columns: table.columns,
    category_column: table.categoryColumn,
    n_categories: table.categories.length,
    categories: table.categories,
    missing: table.missing,
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

/** Gathers everything the report needs. `now` is the only clock. */
export async function collect(config: Config, now: Date): Promise<ReportData> {
  if (!(await exists(config.modelsDir))) {
    throw new ReportError('INPUT_MISSING', `${displayPath(config, config.modelsDir)}: models folder not found`, {
      hint: 'run from the repository root, or pass --root / --models-dir',
    });
  }
  const warnings: string[] = [];
  const limits = { maxModelBytes: config.limits.maxModelBytes, maxOps: config.limits.maxPickleOps };
  const prodMetrics = metricsOrNull(config, config.productionMetrics, warnings, 'production');
  const candMetrics = metricsOrNull(config, config.candidateMetrics, warnings, 'candidate');
  const [metrics, candidateMetrics, data, commit] = await Promise.all([
    prodMetrics,
    candMetrics,
    dataOrNull(config, prodMetrics, warnings),
    headCommit(config.root),
  ]);
  const prodLabel = displayPath(config, config.productionModel);
  const candLabel = displayPath(config, config.candidateModel);
  const [model, candidate] = await Promise.all([
    collectModel(config.productionModel, prodLabel, 'production', limits, metrics?.deployed_at ?? null),
    collectModel(config.candidateModel, candLabel, 'candidate', limits, null),
  ]);
  if (!model) warnings.push(`${prodLabel} not found: no model is deployed.`);
  if (!candidate) warnings.push(`${candLabel} not found: there is no candidate to compare.`);
  if (candidate && !candidateMetrics) warnings.push('The candidate has no metrics, so it cannot be compared.');

  return {
    schema_version: SCHEMA_VERSION,
    tool_version: TOOL_VERSION,
    generated_at: now.toISOString(),
    title: config.title,
    lang: config.lang,
    thresholds: config.thresholds,
    model: model ?? absentModel('production', prodLabel),
    candidate,
    metrics,
    candidate_metrics: candidateMetrics,
    data,
    comparison: candidate && candidateMetrics ? compareModels(metrics, candidateMetrics, config) : null,
    environment: { commit, run_url: config.runUrl },
    warnings: [...warnings].sort(),
  };
}
