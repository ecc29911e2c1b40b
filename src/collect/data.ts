/**
 * The data section: the label column (named, or found from the first rows and what the
 * models say: dataset/label.ts), then one streamed pass for the statistics.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config/load.js';
import type { DataStats, ModelMetrics, Task } from '../report-data.js';
import { readTableHead } from './dataset/head.js';
import { readTableStats } from './dataset/index.js';
import { chooseLabel, type LabelChoice } from './dataset/label.js';
import type { LabelEvidence } from './discover/index.js';
import { categoryDrift } from './drift.js';
import { lastCommitDate } from './git.js';
import { cut } from './cut.js';
import { guardRegular } from './guard-input.js';
import { displayPath, type FileSource } from './inputs.js';
import { missingFileValues } from './siblings.js';
import type { Warn } from './warn.js';

export interface DataResult {
  readonly data: DataStats | null;
  readonly label: LabelChoice | null;
}

/** Reads the data file `src` points at; an absent one is a warning and a null section. */
export async function collectData(
  config: Config,
  src: FileSource | null,
  evidence: Omit<LabelEvidence, 'columns' | 'sample'> & { readonly task: Task },
  metrics: ModelMetrics | null,
  warn: Warn,
): Promise<DataResult> {
  if (!src) {
    warn('no_data', await missingFileValues(config.data, displayPath(config, config.data)));
    return { data: null, label: null };
  }
  if (!src.abs) {
    if (src.pull) warn('pull', { hint: src.pull });
    else warn('no_data', await missingFileValues(resolve(config.root, src.label), src.label));
    return { data: null, label: null };
  }
  await guardRegular(config, src.abs, src.label, 'data', 'data file');
  const label = chooseLabel(
    { column: config.labelColumn, source: config.named.labelColumn },
    await readTableHead(src.abs),
    evidence,
  );
  const [table, gitDate, info] = await Promise.all([
    readTableStats(src.abs, src.label, label?.column ?? '', config.limits.maxCsvLineBytes),
    lastCommitDate(src.abs),
    stat(src.abs),
  ]);
  // a regressor's target is a number, not a class: its values have no balance to show
  const numeric = evidence.task === 'regression';
  const training = metrics?.training ?? null;
  const trainedRows = training?.rows ?? null;
  const newRows = trainedRows === null ? null : table.rows - trainedRows;
  if (table.latin1) warn('latin1', { file: src.label });
  return {
    label,
    data: {
      path: src.label,
      format: table.format,
      rows: table.rows,
      // names and labels from the file, cut: none can carry megabytes into the report
      columns: table.columns.map((c) => cut(c, 200)),
      category_column: cut(table.categoryColumn, 200),
      label_kind: numeric ? 'numeric' : 'classes',
      n_categories: table.nCategories,
      categories: numeric ? [] : table.categories.map((c) => ({ ...c, category: cut(c.category, 200) })),
      missing: Object.fromEntries(Object.entries(table.missing).map(([k, n]) => [cut(k, 200), n])),
      duplicates: table.duplicates,
      duplicates_exact: table.duplicatesExact,
      malformed_rows: table.malformed,
      row_noun: config.rowNoun,
      drift:
        training?.category_counts && !numeric
          ? categoryDrift(table.categories, training.category_counts, config.drift)
          : null,
      last_updated: gitDate ?? info.mtime.toISOString(),
      last_updated_source: gitDate ? 'git' : 'mtime',
      retraining: {
        threshold: config.retrainThreshold,
        trained_rows: trainedRows,
        new_rows: newRows,
        due: newRows === null ? null : newRows >= config.retrainThreshold,
      },
    },
  };
}
