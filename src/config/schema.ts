/**
 * mlops-report.config.json: every key once, with its default and what it does. Objects are
 * strict, so an unknown key is an error and a typo never silently does nothing. Parsing
 * fills in every default; flags override the result (config/load.ts).
 */
import { z } from 'zod';
import { LANGS } from '../report-data.js';

const fraction = z.number().min(0).max(1);
const path = z.string().min(1);
/** A whole number from 1 to a ceiling past which the tool could not work at all. */
const count = (max: number) => z.number().int().min(1).max(max);
/** A difference in points: 0.01 of a metric in [0, 1], or 1 of the score out of 100. */
const points = z.number().min(0).max(100);

export const configSchema = z.strictObject({
  $schema: z.string().optional().describe('a JSON Schema for editors; ignored'),
  models_dir: path
    .default('models')
    .describe('folder of the model files and their metrics (--models-dir); unset and absent, discovery finds them'),
  data: path
    .default('data/apps.csv')
    .describe('training data: CSV, TSV, JSON Lines or Parquet (--data); unset and absent, discovery finds it'),
  out: path.default('reports').describe('output folder (--out)'),
  lang: z.enum(LANGS).default('en').describe('report language (--lang)'),
  title: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('report title; unset, the report says "MLOps Dashboard" in its language'),
  models: z
    .strictObject({
      production_model: path.default('production_model.pkl').describe('deployed model, in models_dir'),
      production_metrics: path.default('production_metrics.json').describe('its metrics JSON, in models_dir'),
      candidate_model: path.default('candidate_model.pkl').describe('model that may replace it, in models_dir'),
      candidate_metrics: path.default('candidate_metrics.json').describe('its metrics JSON, in models_dir'),
      predictions: path
        .default('predictions.csv')
        .describe('optional per-row predictions (y_true,production,candidate), in models_dir: exact McNemar test'),
    })
    .prefault({}),
  thresholds: z
    .strictObject({
      excellent: fraction.default(0.85).describe('a metric at or above this is "excellent"'),
      good: fraction.default(0.75).describe('at or above this (and below excellent) "good", else "to improve"'),
    })
    .prefault({}),
  // Every tolerance below is in points: 1 point = 0.01 of a metric (a metric in [0, 1] shown
  // as a percentage moves 1 point from 79.3 % to 80.3 %) and 1 point of the score out of 100.
  deployment: z
    .strictObject({
      min_score: z.number().min(0).max(100).default(70).describe('deployment bar out of 100 (promote --min-score)'),
      tie_epsilon: points
        .default(0.1)
        .describe('tie band in points: a score or metric change within ± this is a tie, and a tie keeps production'),
      max_regression: points
        .default(2)
        .describe('largest fall, in points, any core metric may show against production (promote --max-regression)'),
      lower_is_better: z
        .array(z.string().min(1))
        .default([
          'log_loss',
          'loss',
          'mae',
          'mse',
          'rmse',
          'mape',
          'brier_score',
          'error_rate',
          'hamming_loss',
          'zero_one_loss',
        ])
        .describe('metrics where a smaller value is better; any other is higher-is-better'),
      class_regression_tolerance: points
        .default(2)
        .describe('a class regresses when its F1 falls by more than this many points'),
      block_on_class_regression: z
        .boolean()
        .default(false)
        .describe('a regressed class keeps production (by default it is a warning)'),
      require_significant_gain: z
        .boolean()
        .default(false)
        .describe('a gain within noise (or of unknown noise) keeps production (by default it is a warning)'),
      confidence: z
        .number()
        .min(0.5)
        .max(0.999)
        .default(0.95)
        .describe('confidence level of the intervals and of the McNemar test'),
    })
    .prefault({}),
  score_weights: z
    .strictObject({ accuracy: fraction, precision: fraction, recall: fraction, f1_score: fraction })
    .default({ accuracy: 0.25, precision: 0.25, recall: 0.25, f1_score: 0.25 })
    .describe('weights of the computed score (when the metrics file has none); they sum to 1'),
  data_options: z
    .strictObject({
      label_column: z
        .string()
        .min(1)
        .optional()
        .describe('the label column, whose classes are counted (--label-column); unset, it is found'),
      category_column: z.string().min(1).optional().describe('deprecated: the old name of label_column'),
      row_noun: z
        .strictObject({
          one: z.string().min(1).max(40),
          other: z.string().min(1).max(40),
          fr: z.strictObject({ one: z.string().min(1).max(40), other: z.string().min(1).max(40) }).optional(),
        })
        .optional()
        .describe('what a data row is, e.g. {"one": "app", "other": "apps"} (fr: its French words); unset, "row"'),
      retrain_threshold: z.number().int().min(1).default(100).describe('new rows since training that make it due'),
      drift_moderate: z.number().min(0).default(0.1).describe('population stability index of a moderate shift'),
      drift_significant: z.number().min(0).default(0.25).describe('… and of a significant one'),
    })
    .prefault({}),
  limits: z
    .strictObject({
      max_model_bytes: z.number().int().min(1).default(2147483647).describe('largest pickle stream, decompressed'),
      max_expansion_ratio: z
        .number()
        .min(1)
        .default(20)
        .describe('past 16 MiB decompressed, the most bytes out per compressed byte in (compression bombs)'),
      max_lzma_dictionary_bytes: z
        .number()
        .int()
        .min(4096)
        .max(1536 << 20) // the largest an xz encoder writes
        .default(64 << 20)
        .describe('largest dictionary of an xz or lzma model (its decoder allocates it)'),
      max_pickle_ops: count(1e9).default(20_000_000).describe('most pickle opcodes read in one model file'),
      max_pickle_items: count(1e9).default(5_000_000).describe('most values a model file creates (a dict counts 8)'),
      // V8's Map holds at most 2^24 entries: past this ceiling a dict could not be read at all
      max_container_items: count(16_000_000).default(4_000_000).describe('most items in one list, dict or set'),
      max_memo_entries: count(1e9).default(4_000_000).describe('most memo entries of a pickle'),
      max_int_bytes: count(1 << 24)
        .default(4096)
        .describe('largest integer in a pickle, in bytes'),
      max_tree_work: count(1e10)
        .default(50_000_000)
        .describe('tree nodes and additions spent weighing feature importances'),
      max_summary_values: count(1e8).default(200_000).describe('values written when summarising one model'),
      // V8 strings hold at most 2^29 characters: past this ceiling no output could be built
      max_output_bytes: count(256 << 20)
        .default(64 << 20)
        .describe('largest JSON or HTML output'),
      max_metrics_bytes: count(256 << 20)
        .default(16 << 20)
        .describe('largest metrics JSON file'),
      max_metrics_depth: count(100_000).default(64).describe('deepest nesting of a metrics JSON'),
      max_csv_line_bytes: count(256 << 20)
        .default(1 << 20)
        .describe('longest line (record) of the data file, in bytes'),
    })
    .prefault({}),
  safety: z
    .strictObject({
      allow: z
        .array(
          z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*\.([A-Za-z_][A-Za-z0-9_]*|\*)$/, {
            message: 'expected module.Name or module.* (Python identifiers separated by dots)',
          }),
        )
        .max(1000)
        .default([])
        .describe(
          "your own classes a model may import and still be safe: 'package.module.Class' or 'package.module.*'",
        ),
    })
    .prefault({}),
});

/** What a config file may hold (every key optional). */
export type RawConfig = z.input<typeof configSchema>;
/** A checked config file with every default filled in. */
export type FileConfig = z.output<typeof configSchema>;
