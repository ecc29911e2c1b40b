/**
 * What a metrics adapter returns: the numbers a report needs, normalised, plus where each
 * came from, so the report can say "f1 = weighted avg f1-score of report (test split)".
 * Every explanation is a Why (a code and its values): render/i18n words it.
 */
import type { Why } from '../../../report-data.js';

/** Metric names after normalisation ("F1 Score", "f1-score:", "test_f1" all become f1). */
export type MetricKey =
  'accuracy' | 'precision' | 'recall' | 'f1' | 'roc_auc' | 'r2' | 'rmse' | 'mae' | 'mse' | 'mape' | 'log_loss';

export const CLASSIFICATION_KEYS: readonly MetricKey[] = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'];
export const REGRESSION_KEYS: readonly MetricKey[] = ['r2', 'rmse', 'mae', 'mse', 'mape'];
/** Metrics that live in [0, 1] (or [0, 100] on the percent scale). */
export const BOUNDED_KEYS: readonly MetricKey[] = ['accuracy', 'precision', 'recall', 'f1', 'roc_auc'];

/** The data the numbers were measured on, as far as the file says. */
export type Split = 'test' | 'validation' | 'eval' | 'train' | 'cv';
/** How precision, recall and f1 were averaged over classes. */
export type Variant = 'weighted' | 'macro' | 'micro' | 'binary' | 'samples';

/** Shape codes, one per adapter. */
export type ShapeCode =
  | 'flat'
  | 'classification-report'
  | 'by-split'
  | 'dvclive'
  | 'by-model'
  | 'leaderboard'
  | 'log-list'
  | 'mlflow-run'
  | 'text';

export interface SplitInfo {
  readonly name: Split | null;
  /** The key (or file name, or stage) that said so; null when nothing did. */
  readonly key: string | null;
  readonly reason: Why;
}

export interface ClassRow {
  readonly label: string;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  readonly support: number | null;
}

export interface ConfusionMatrix {
  /** Row/column labels when the file names them (a 2×2 {tn, fp, fn, tp} is labelled 0, 1). */
  readonly labels: string[] | null;
  readonly matrix: number[][];
}

/** One model of a file that holds several (by-model dict, leaderboard list or table). */
export interface ModelEntry {
  readonly name: string;
  readonly metrics: Partial<Record<MetricKey, number>>;
  /** A role the file gives it ("champion_governance_selected"), else null. */
  readonly role: string | null;
}

export interface ModelSelection {
  readonly chosen: string;
  readonly reason: Why;
  readonly entries: readonly ModelEntry[];
  /** The entry a role column marks as challenger/candidate, when there is one. */
  readonly candidate: string | null;
}

export interface AdapterMatch {
  /** The outermost shape matched. */
  readonly shape: ShapeCode;
  /** Shapes from the outside in: ["by-model", "flat"] for a best_model entry. */
  readonly via: readonly ShapeCode[];
  readonly metrics: Partial<Record<MetricKey, number>>;
  /** Where each metric came from: the key path in the file ("report.weighted avg.f1-score"). */
  readonly sources: Partial<Record<MetricKey, string>>;
  /** Every other finite number, by its key path. */
  readonly extras: Readonly<Record<string, number>>;
  /** Averaging of precision/recall/f1; null when none of them is present. */
  readonly variant: { readonly name: Variant | null; readonly reason: Why } | null;
  readonly split: SplitInfo;
  readonly perClass: readonly ClassRow[] | null;
  /** Evaluation rows (support total), for confidence intervals. */
  readonly support: { readonly total: number; readonly source: string } | null;
  readonly confusion: ConfusionMatrix | null;
  /** True when bounded metrics were written out of 100 and were divided by 100. */
  readonly percentScale: boolean;
  readonly model: ModelSelection | null;
  /** MLflow params/, verbatim. */
  readonly params: Readonly<Record<string, string>> | null;
  /** Things the reader should know: NaN values, dropped out-of-range values, ties. */
  readonly notes: readonly Why[];
}

export interface AdapterContext {
  /** Path of the file relative to the repository root, for messages and path-based shapes (dvclive/). */
  readonly fileName: string;
  /** Names that identify the model the metrics are wanted for (file stem, class name), to pick an entry. */
  readonly modelHints?: readonly string[];
  /** Which role's entry to pick from a file that marks champion/challenger rows. */
  readonly role?: 'production' | 'candidate';
  /** The split discovery inferred from outside the file (file name, DVC stage), used when the content says none. */
  readonly splitHint?: SplitInfo | null;
  /** How deep the JSON may nest (limits.max_metrics_depth; read-json.ts's default when absent). */
  readonly maxDepth?: number;
}

/** A pure function from a parsed value to a match, or null when the shape does not apply. */
export type Adapter = (value: unknown, ctx: AdapterContext) => AdapterMatch | null;

/** An MLflow run folder's files, as text (metrics/<name>, params/<name>). */
export interface MlflowRunFiles {
  readonly kind: 'mlflow-run';
  readonly runId: string;
  readonly runName: string | null;
  readonly metrics: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, string>>;
}
