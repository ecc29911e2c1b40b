/**
 * ReportData: the contract between collecting and rendering, and the public JSON of
 * dashboard_report.json, the model/stats/comparison commands, serve's /api/* and
 * `inspect --json`. Plain JSON only (no undefined, no NaN), snake_case, versioned, and
 * language-neutral: words are chosen by render/. Bump SCHEMA_VERSION on any breaking
 * change and say so in the README. Imports nothing: every layer may depend on it.
 */

/**
 * 4: `task`, `inputs` (what was read and why); metrics beyond the four core ones (any may be
 * missing: `missing`, `score` null), each file's shape, split and notes; a model's wrapper.
 * 3: `decision` (one object) replaces comparison.decision, reasons, candidate_clears_bar,
 * min_score, tie_epsilon and class_tolerance; comparison.params is null with nothing deployed.
 * 2: `lang` removed, `title` null unless configured, warnings are {code, values}.
 */
export const SCHEMA_VERSION = 4;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The languages the report, the job summary and the warnings are written in. */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];

/** The four classification metrics the score is made of, in display order. */
export const CORE_METRICS = ['accuracy', 'precision', 'recall', 'f1_score'] as const;
export type CoreMetric = (typeof CORE_METRICS)[number];

/** What the model does: classification and regression are scored; "other" is shown and compared only. */
export const TASKS = ['classification', 'regression', 'other'] as const;
export type Task = (typeof TASKS)[number];

/** Every metric the report knows by name, in display order. Errors and losses are lower-is-better. */
export const METRIC_KEYS = [
  'accuracy',
  'precision',
  'recall',
  'f1_score',
  'roc_auc',
  'r2',
  'rmse',
  'mae',
  'mse',
  'mape',
  'log_loss',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** The metrics each task is judged on: shown as "n/a" when a file lacks them. */
export const HEADLINE_METRICS: Readonly<Record<Task, readonly MetricKey[]>> = {
  classification: CORE_METRICS,
  regression: ['r2', 'rmse', 'mae'],
  other: [],
};

/** excellent ≥ thresholds.excellent, good ≥ thresholds.good, else to_improve. */
export type Level = 'excellent' | 'good' | 'to_improve';

/** What collect noticed without failing; render words each code (render/i18n, "warning.<code>"). */
export const WARNING_CODES = [
  'pull',
  'metrics_unreadable',
  'metrics_missing',
  'metrics_note',
  'metrics_field',
  'missing_arrays',
  'deprecated_key',
  'shallow',
  'ledger',
  'no_production_metrics',
  'no_data',
  'latin1',
  'no_model',
  'no_candidate',
  'candidate_without_metrics',
  'predictions_disagree',
  'predictions_rows',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  readonly code: WarningCode;
  /** The facts the sentence names: file, key, count, … */
  readonly values: { readonly [name: string]: JsonValue };
}

/**
 * Why an input was chosen, how a file was read, what a hint asks for: one code per sentence,
 * worded by render/i18n ("why.<code>"). Values may hold nested Why objects (a list of facts).
 */
export const WHY_CODES = [
  // models
  'name_says',
  'name_says_others',
  'only_model',
  'only_model_named',
  'folder_first',
  'first_by_name',
  'metrics_entry_names_it',
  'helper_file',
  'other_model_file',
  'mlflow_run_model',
  'mlflow_stage',
  'mlflow_alias',
  'mlflow_latest_version',
  'mlflow_candidate_stage',
  'mlflow_candidate_alias',
  'mlflow_best_run',
  'mlflow_earliest_run',
  'mlflow_best_run_only',
  'mlflow_same_params',
  'run_metrics_preferred',
  // metrics files
  'facts',
  'facts_ranked',
  'mlflow_run_metrics',
  'chosen',
  'ranked',
  'not_used',
  'not_used_other_role',
  'not_used_mlflow_run',
  'not_used_no_production',
  'fact_named',
  'fact_named_after_model',
  'fact_dvc_declared',
  'fact_dvc_stage',
  'fact_beside_model',
  'fact_in_folder',
  'fact_at_root',
  'fact_name_split',
  'fact_dvc_cache',
  'fact_lfs_pointer',
  'fact_not_in_checkout',
  'fact_half',
  'fact_stage_dep',
  // where an input came from
  'configured',
  'flag',
  'default_name',
  // problems of a metrics file
  'problem_empty',
  'problem_merge_conflict',
  'problem_not_json',
  'problem_no_metrics',
  // how a metrics file was read
  'split_unstated',
  'split_partial',
  'split_key',
  'split_key_mixed',
  'split_nested',
  'split_dvclive',
  'split_dvc_stage',
  'split_file_name',
  'variant_unstated',
  'variant_keys',
  'variant_no_match',
  'variant_match',
  'ref_weighted',
  'ref_macro',
  'ref_class_row',
  'src_rows',
  'src_confusion',
  'entry_role',
  'entry_best_key',
  'entry_name_match',
  'entry_highest',
  'entry_lowest',
  'entry_best_missing',
  'entry_no_best_key',
  'entry_first',
  'note_non_finite',
  'note_percent_key',
  'note_percent_scale',
  'note_impossible',
  'note_from_cv',
  'note_from_train',
  'note_nested',
  'note_empty_entries',
  'note_text_lines',
  'note_mlflow_no_value',
  // task and score
  'task_model_class',
  'task_model_class_differs',
  'task_classification_metrics',
  'task_regression_metrics',
  'task_no_known_metric',
  'task_no_metrics',
  'score_file',
  'score_weighted_mean',
  'score_weighted_mean_missing',
  'score_r2',
  'score_r2_negative',
  'score_no_r2',
  'score_other',
  'score_none_present',
  // label column
  'label_model_classes',
  'label_helper_classes',
  'label_metric_classes',
  'label_name',
  'label_regression_numeric',
  'label_last_column',
  'label_tie',
  'label_features_left_out',
  // hints and notes
  'hint_git_lfs_pull',
  'hint_dvc_pull',
  'hint_dvc_cache',
  'hint_dvc_pull_metrics',
  'hint_mlflow_artifact_missing',
  'what_production_model',
  'what_candidate_model',
  'what_model_file',
  'what_data',
  'what_production_metrics',
  'what_candidate_metrics',
  'note_several_models',
  'note_walk_depth',
  'note_walk_files',
  'note_yaml_invalid',
  'note_best_run_is_production',
] as const;
export type WhyCode = (typeof WHY_CODES)[number];

/** A type alias, not an interface, so that a Why is a JsonValue and can nest in another's values. */
export type Why = {
  readonly code: WhyCode;
  readonly values: { readonly [name: string]: JsonValue };
};

// --- What the safe pickle reader finds in a model file (collect/pickle produces these) ---

export type ImportVerdict = 'safe' | 'unknown' | 'dangerous';

/**
 * Why an import got its verdict (render/i18n words each, "safety.reason.<code>"; README,
 * "Safety"). safe: on the generated allowlist, allowed by safety.allow in the config, or a
 * conditional entry whose rule held. unknown: nobody listed it (code from the training
 * script: script-code). dangerous: a denylist reason (the callable loads, writes, opens,
 * imports, evaluates, spawns…: DENY_REASONS, the codes of denylist.json), one of the name
 * rules, or a conditional rule that failed.
 */
export const DENY_REASONS = [
  'loads-code',
  'writes-files',
  'opens-files',
  'reads-writes-files',
  'imports-by-name',
  'evaluates-code',
  'spawns',
  'calls-argument',
  'process-state',
  'attribute-by-name',
  'builds-classes',
  'reaches-os',
] as const;
export const IMPORT_REASONS = [
  'allowlist',
  'config-allow',
  'rule-held',
  'not-listed',
  'script-code',
  ...DENY_REASONS,
  'builtin',
  'dotted-name',
  'dunder-name',
  'module-attribute',
  'reconstructor-args',
  'newobj-args',
  'codec',
  'ufunc-args',
  'companion-path',
  'scipy-template',
] as const;
export type ImportReason = (typeof IMPORT_REASONS)[number];

/** One `module.name` the pickle would import in Python, and its verdict. */
export interface ImportCheck {
  readonly name: string;
  readonly count: number;
  readonly verdict: ImportVerdict;
  readonly reason: ImportReason;
  /** Text from the file the reason is about (the name a reconstructor resolves, a companion path), else null. */
  readonly detail: string | null;
}

/**
 * What the reader saw the pickle do beyond its imports: calling a value computed while
 * loading (a real pickle only calls the globals it imports), setting attributes on a
 * class or function it imports (which changes it for the whole program).
 */
export const FINDING_REASONS = ['computed-call', 'build-on-global'] as const;
export type FindingReason = (typeof FINDING_REASONS)[number];

export interface SafetyFinding {
  readonly reason: FindingReason;
  readonly verdict: ImportVerdict;
  readonly count: number;
  /** Byte offset of the first occurrence in the (decompressed) pickle stream. */
  readonly offset: number;
}

export interface SafetyReport {
  /** The worst verdict over the imports and the findings. */
  readonly verdict: ImportVerdict;
  readonly imports: ImportCheck[];
  readonly findings: SafetyFinding[];
}

export interface FeatureWeight {
  readonly feature: string;
  readonly value: number | string;
}

export type EstimatorKind = 'scikit-learn' | 'xgboost' | 'lightgbm' | 'custom';

/** Where the parameters came from: the scikit-learn table, or the object's public attributes. */
export type ParamsSource = 'table' | 'attributes';

/** One part of a composite estimator. */
export interface Component {
  /** steps (Pipeline), transformers (ColumnTransformer, FeatureUnion), estimators (Voting, Stacking), final_estimator, best_estimator, estimator */
  readonly role: string;
  readonly name: string;
  /** Columns a ColumnTransformer gives this transformer, else null. */
  readonly columns: JsonValue;
  /** The part itself, or a string such as "passthrough" / "drop". */
  readonly estimator: EstimatorSummary | string | null;
}

/** An estimator as scikit-learn itself reports it. */
export interface EstimatorSummary {
  readonly class_name: string;
  readonly module: string;
  readonly kind: EstimatorKind;
  readonly sklearn_version: string | null;
  readonly params: Record<string, JsonValue>;
  readonly params_source: ParamsSource;
  /** True when any fitted attribute (trailing underscore) is present. */
  readonly fitted: boolean;
  readonly classes: JsonValue[] | null;
  readonly n_features_in: number | null;
  readonly feature_names: string[] | null;
  readonly n_outputs: number | null;
  readonly n_iter: JsonValue;
  /** len(estimators_) for ensembles. */
  readonly n_estimators_fitted: number | null;
  readonly best_score: JsonValue;
  readonly best_params: JsonValue;
  readonly components: Component[];
}

/** coef_ of a linear model: one row per class (one row for binary and regression). */
export interface Coefficients {
  /** The class each row belongs to; null when there is a single row. */
  readonly rows: (string | number)[] | null;
  readonly features: string[];
  readonly values: (number | string)[][];
  readonly intercept: (number | string)[];
}

export interface ModelInspection {
  readonly format: 'joblib' | 'pickle';
  readonly compression: string;
  readonly protocol: number;
  readonly stream_bytes: number;
  /** What the file holds at the top: "sklearn.ensemble._forest.RandomForestClassifier", "list", "dict", … */
  readonly root_type: string;
  readonly estimator: EstimatorSummary | null;
  /** feature_importances_ as scikit-learn computes it, by feature, in feature order; null when the model has none. */
  readonly feature_importances: FeatureWeight[] | null;
  /** coef_ and intercept_ of the predictor, for linear models; null otherwise. */
  readonly coefficients: Coefficients | null;
  readonly safety: SafetyReport;
  /** When the estimator sits inside a dict, a list or a custom class: where, and what else is there. */
  readonly wrapper: Wrapper | null;
  /** joblib < 0.10 companion .npy files that were not found: the arrays they hold are not shown. */
  readonly missing_arrays: string[];
}

/** The container a model was saved in: {"model": pipeline, "features": [...]}, a list, a custom class. */
export interface Wrapper {
  /** "dict", "list", "tuple" or the custom class ("app.model.ModelWrapper"). */
  readonly type: string;
  /** Where the reported estimator is: dict["model"], ModelWrapper.model_object, list[0]. */
  readonly path: string;
  /** Plain values beside it (strings, numbers, short lists): model_name, target_column, … */
  readonly attributes: { readonly [name: string]: JsonValue };
  /** The other estimators in the container (a scaler, a label encoder), with their classes when fitted. */
  readonly others: {
    readonly path: string;
    readonly class_name: string;
    readonly module: string;
    readonly classes: JsonValue[] | null;
  }[];
}

/** One file of `mlops-report inspect`: what was found, or the user-fixable problem. */
export type InspectResult =
  | {
      readonly file: string;
      readonly size_bytes: number;
      readonly sha256: string;
      readonly inspection: ModelInspection;
    }
  | {
      readonly file: string;
      readonly error: { readonly code: string; readonly message: string; readonly hint: string | null };
    };

// --- The report ---

/** A model file as read from its bytes. */
export interface ModelInfo {
  readonly role: 'production' | 'candidate';
  readonly deployed: boolean;
  /** Relative to the root, forward slashes. */
  readonly path: string;
  readonly model_type: string | null;
  readonly module: string | null;
  readonly kind: string | null;
  readonly size_bytes: number | null;
  readonly sha256: string | null;
  readonly deployed_at: string | null;
  readonly sklearn_version: string | null;
  readonly format: string | null;
  readonly compression: string | null;
  readonly protocol: number | null;
  readonly params: { readonly [name: string]: JsonValue };
  readonly params_source: string | null;
  readonly classes: JsonValue[] | null;
  readonly n_classes: number | null;
  readonly n_features: number | null;
  readonly feature_names: string[] | null;
  readonly n_estimators_fitted: number | null;
  readonly components: Component[];
  /**
   * The 15 features that weigh most, largest first: feature_importances_ for tree models,
   * else the linear coefficient of largest magnitude (signed) across classes.
   */
  readonly top_features: FeatureWeight[] | null;
  readonly top_features_kind: 'importance' | 'coefficient' | null;
  readonly safety: SafetyReport | null;
  /** The container the estimator was found in; null when the file holds the estimator itself. */
  readonly wrapper: Wrapper | null;
  readonly missing_arrays: string[];
  /** Why the file could not be read here (not in the checkout: `git lfs pull`, `dvc pull`); null otherwise. */
  readonly unreadable: Why | null;
}

export interface MetricValue {
  readonly key: MetricKey;
  readonly value: number;
  /** null for errors (rmse, mae, …), whose scale is the target's. */
  readonly level: Level | null;
  readonly direction: 'higher' | 'lower';
  /** Where the number was in the file: "report.weighted avg.f1-score", "test_accuracy", "metrics/rmse". */
  readonly source: string;
}

export type MetricsShape =
  | 'flat'
  | 'classification_report'
  | 'by_split'
  | 'dvclive'
  | 'by_model'
  | 'leaderboard'
  | 'log_list'
  | 'mlflow_run'
  | 'text';

export type Split = 'test' | 'validation' | 'eval' | 'train' | 'cv';

export interface ClassMetrics {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1_score: number;
  readonly support: number;
}

export interface TrainingSnapshot {
  readonly rows: number | null;
  readonly category_counts: { readonly [category: string]: number } | null;
  readonly data_sha256: string | null;
}

/** One model's metrics (a file or an MLflow run), normalised: fractions in [0, 1], errors as written. */
export interface ModelMetrics {
  /** The file, or the MLflow run folder. */
  readonly path: string;
  readonly source: 'file' | 'mlflow_run';
  /** The shape that was read, from the outside in (by_model, flat). */
  readonly shape: MetricsShape;
  readonly shape_via: MetricsShape[];
  /** The entry used when the file holds several models (by_model, leaderboard). */
  readonly entry: { readonly name: string; readonly reason: Why; readonly entries: number } | null;
  /** The data the numbers were measured on, as far as anything says. */
  readonly split: { readonly name: Split | null; readonly reason: Why };
  /** How precision, recall and f1 were averaged; null when the file has none of them. */
  readonly variant: { readonly name: string | null; readonly reason: Why } | null;
  /** In METRIC_KEYS order. */
  readonly metrics: MetricValue[];
  /** The task's headline metrics the file does not have: shown as "n/a", left out of the score. */
  readonly missing: MetricKey[];
  /** Out of 100; null when the task has no score or its metrics are missing. */
  readonly score: number | null;
  readonly score_source: 'file' | 'computed' | null;
  readonly score_basis: Why;
  /** NaN values, dropped impossible values, percentages, cross-validation numbers. */
  readonly notes: Why[];
  /** Evaluation rows, when the file says (support, n_test, the confusion matrix). */
  readonly support: { readonly total: number; readonly source: string } | null;
  readonly model_type: string | null;
  readonly trained_at: string | null;
  readonly deployed_at: string | null;
  readonly per_class: ClassMetrics[] | null;
  readonly confusion_matrix: { readonly labels: string[]; readonly matrix: number[][] } | null;
  readonly training: TrainingSnapshot | null;
  /** The held-out data the metrics come from, when the file says. */
  readonly evaluation: { readonly rows: number | null; readonly data_sha256: string | null } | null;
  /** Other numeric values in the file (normalised the same way), shown as they are. */
  readonly extra: { readonly [key: string]: number };
}

export interface CategoryCount {
  readonly category: string;
  readonly count: number;
}

/** Class balance now against the training snapshot. */
export interface Drift {
  readonly new_categories: string[];
  readonly vanished_categories: string[];
  /** Population stability index. */
  readonly psi: number;
  readonly js_distance: number;
  readonly thresholds: { readonly moderate: number; readonly significant: number };
  readonly verdict: 'stable' | 'moderate' | 'significant';
  /** The categories whose share moved most, largest first. */
  readonly largest_shifts: {
    readonly category: string;
    readonly training_share: number;
    readonly current_share: number;
    readonly delta: number;
  }[];
}

/**
 * Why a row of the data file does not fit: `short` (fewer fields than the header: read with
 * the missing ones empty), `long` (more: the ones past the header's width were cut),
 * `unterminated_quote` (a quote never closed: the field ran to the end of the file),
 * `not_json` / `not_object` (a JSON Lines line that is not JSON, or not an object: skipped).
 */
export type MalformedKind = 'short' | 'long' | 'unterminated_quote' | 'not_json' | 'not_object';

export interface MalformedRow {
  /** 1-based physical line the row starts on, as an editor numbers lines. */
  readonly line: number;
  readonly kind: MalformedKind;
  /** Fields the row had and the header's count (CSV/TSV); null for JSON Lines. */
  readonly fields: number | null;
  readonly expected: number | null;
  /** A long row: the text of the cut fields as written (at most 80 bytes, then "…"); else null. */
  readonly cut: string | null;
}

/** A data-quality finding: rows that do not fit the file's shape, still counted as pandas counts them. */
export interface MalformedRows {
  readonly count: number;
  readonly by_kind: { readonly [K in MalformedKind]: number };
  /** The first 10, in file order. */
  readonly first: MalformedRow[];
}

/** The user's word for a data row, as given (data_options.row_noun); `fr` in French when given. */
export interface RowNoun {
  readonly one: string;
  readonly other: string;
  readonly fr?: { readonly one: string; readonly other: string };
}

export interface DataStats {
  readonly path: string;
  readonly format: 'csv' | 'tsv' | 'jsonl' | 'parquet';
  readonly rows: number;
  readonly columns: string[];
  /** The label column whose classes are counted (found, configured, or the default Category). */
  readonly category_column: string;
  /** numeric: a regressor's target, whose values are not classes (categories is then empty, n_categories its distinct values). */
  readonly label_kind: 'classes' | 'numeric';
  /** Distinct categories, the missing one not counted (pandas' nunique()). */
  readonly n_categories: number;
  /** Largest first, then by name; missing cells (empty, NA, …) are the category "". */
  readonly categories: CategoryCount[];
  /** Missing cells per column, in column order: empty, null, or one of pandas' NA strings (README, "How the training data is counted"). */
  readonly missing: { readonly [column: string]: number };
  /** Rows equal to an earlier row; a lower bound when duplicates_exact is false. */
  readonly duplicates: number;
  readonly duplicates_exact: boolean;
  readonly malformed_rows: MalformedRows;
  /** What a row is called in the report; null: "row" in the report's language. */
  readonly row_noun: RowNoun | null;
  /** null when the production metrics carry no training.category_counts. */
  readonly drift: Drift | null;
  readonly last_updated: string | null;
  readonly last_updated_source: 'git' | 'mtime';
  readonly retraining: {
    readonly threshold: number;
    readonly trained_rows: number | null;
    readonly new_rows: number | null;
    readonly due: boolean | null;
  };
}

export type Winner = 'production' | 'candidate' | 'tie';

export interface MetricComparison {
  readonly metric: string;
  /** A metric the report knows (METRIC_KEYS), or another number both files carry. */
  readonly core: boolean;
  /** Which way is better: most metrics go up, losses and errors go down. */
  readonly direction: 'higher' | 'lower';
  readonly production: number | null;
  readonly candidate: number | null;
  readonly delta: number | null;
  readonly winner: Winner | null;
}

/** A hyperparameter that differs between the two models. */
export interface ParamChange {
  readonly name: string;
  readonly change: 'changed' | 'added' | 'removed';
  readonly production: JsonValue;
  readonly candidate: JsonValue;
}

/**
 * A class's F1 of 0, explained: never predicted (no row was given this class: the confusion
 * matrix's column is empty), or predicted but never right. null when F1 is above 0 or unknown.
 */
export type ZeroF1 = 'never_predicted' | 'never_right';

/** One class of the classification report, for both models. */
export interface ClassComparison {
  readonly label: string;
  /** Each model's F1 for the class; the rest of each row is in metrics.per_class. */
  readonly f1_production: number | null;
  readonly f1_candidate: number | null;
  /** Candidate F1 minus production F1. */
  readonly f1_delta: number | null;
  /** True when the candidate's F1 for this class fell by more than the tolerance. */
  readonly regressed: boolean;
  /** Why the candidate's F1 is 0, when it is. */
  readonly candidate_zero: ZeroF1 | null;
  readonly production_zero: ZeroF1 | null;
  /** The level of the candidate's F1 (production's when the candidate lacks the class). */
  readonly level: Level | null;
}

/** The facts of the comparison; the verdict drawn from them is ReportData.decision. */
export interface Comparison {
  readonly rows: MetricComparison[];
  readonly production_score: number | null;
  /** null when the task has no score (other, or regression without R²). */
  readonly candidate_score: number | null;
  /** null when no production model is deployed (nothing to compare hyperparameters with). */
  readonly params: ParamChange[] | null;
  readonly per_class: ClassComparison[] | null;
  /** false when the two metrics files were computed on different held-out data; null when unknown. */
  readonly same_evaluation_data: boolean | null;
}

// --- The deployment decision: computed once (collect/compare/decision.ts), shown everywhere ---

/**
 * promote: deploy the candidate; keep: production stays (or, with nothing deployed, the
 * candidate is not deployed); already_deployed: the candidate file is production's;
 * first_deployment: nothing in production and the candidate clears the bar; no_candidate.
 */
export const DECISION_VALUES = ['promote', 'keep', 'already_deployed', 'first_deployment', 'no_candidate'] as const;
export type DecisionValue = (typeof DECISION_VALUES)[number];

/** The values that deploy the candidate (promote exits 0). */
export const DEPLOYING: readonly DecisionValue[] = ['promote', 'first_deployment'];

export const REASON_CODES = [
  'no_candidate',
  'candidate_without_metrics',
  'same_file',
  'no_production',
  'production_unmeasured',
  'clears_bar',
  'below_bar',
  'no_score',
  'score_above_production',
  'score_below_production',
  'score_tie',
  'better_on_all',
  'worse_on_all',
  'metric_regression',
  'metric_worse',
  'class_regression',
  'gain_beyond_noise',
  'gain_within_noise',
  'noise_unknown',
  'accuracy_worse_beyond_noise',
  'different_data',
  'not_compared',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** blocks: keeps production; warns: said, decides nothing; supports: speaks for the candidate. */
export type ReasonEffect = 'blocks' | 'warns' | 'supports';

export type ReasonValues = { readonly [name: string]: number | string };

/** One reason, as a code with the numbers it names; render words it in the report's language. */
export interface Reason {
  readonly code: ReasonCode;
  readonly values: ReasonValues;
  readonly effect: ReasonEffect;
}

/** The rules the decision applies, in the order the report lists them. */
export const RULE_CODES = [
  'same_file',
  'min_score',
  'not_worse',
  'no_tie',
  'max_regression',
  'not_worse_on_all',
  'class_regression',
  'significant_gain',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** pass; fail (blocks); warn (failed, but configured as a warning); skip (does not apply). */
export type RuleStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface RuleCheck {
  readonly rule: RuleCode;
  readonly status: RuleStatus;
  /** What was measured against the setting (score, worst fall, …). */
  readonly values: ReasonValues;
}

/** A proportion with its interval at the configured confidence. */
export interface EstimateWithInterval {
  readonly value: number;
  readonly low: number;
  readonly high: number;
}

/** Where the evaluation size n came from, first found in this order. */
export type EvaluationSizeSource = 'evaluation.rows' | 'confusion_matrix' | 'classification_report' | 'predictions';

/** How sure the comparison is: accuracy, the one core metric with a sound interval. */
export interface Uncertainty {
  readonly metric: 'accuracy';
  readonly confidence: number;
  /** newcombe: Wilson intervals and Newcombe's for the change; mcnemar: exact test on per-row predictions. */
  readonly method: 'newcombe' | 'mcnemar';
  readonly production_n: number;
  readonly production_n_source: EvaluationSizeSource;
  readonly candidate_n: number;
  readonly candidate_n_source: EvaluationSizeSource;
  /** Wilson intervals of each model's accuracy. */
  readonly production: EstimateWithInterval;
  readonly candidate: EstimateWithInterval;
  /** Candidate − production accuracy. */
  readonly delta: number;
  /** Newcombe's interval of the change; null with McNemar (there is no paired interval to check it against). */
  readonly delta_interval: { readonly low: number; readonly high: number } | null;
  /** The exact McNemar p-value (two-sided), with per-row predictions; else null. */
  readonly p_value: number | null;
  /** True when the interval of the change includes 0 (or p ≥ 1 − confidence). */
  readonly within_noise: boolean;
  /** The per-row predictions file and its 2×2 table, when McNemar was used. */
  readonly predictions: {
    readonly path: string;
    readonly both_right: number;
    readonly only_production_right: number;
    readonly only_candidate_right: number;
    readonly both_wrong: number;
  } | null;
}

/** The configured rules, as the decision applied them (tolerances in points). */
export interface DeploymentSettings {
  readonly min_score: number;
  readonly tie_epsilon: number;
  readonly max_regression: number;
  readonly class_regression_tolerance: number;
  readonly block_on_class_regression: boolean;
  readonly require_significant_gain: boolean;
  readonly confidence: number;
}

/** A regression --fail-on-regression fails on: the score, a core metric or a class. */
export interface Regression {
  readonly kind: 'score' | 'metric' | 'class';
  readonly name: string;
  /** The fall, in points (positive). */
  readonly points: number;
}

/** The deployment decision: one value, used unchanged by the report, the job summary, promote and the API. */
export interface Decision {
  readonly value: DecisionValue;
  /** The reason the verdict sentence names. */
  readonly headline: { readonly code: ReasonCode; readonly values: ReasonValues };
  /** Every reason, blocking ones first. */
  readonly reasons: Reason[];
  readonly rules: RuleCheck[];
  readonly settings: DeploymentSettings;
  /** null when there is nothing to compare or the evaluation size is unknown. */
  readonly uncertainty: Uncertainty | null;
  /** What --fail-on-regression fails on; empty when nothing regressed. */
  readonly regressions: Regression[];
}

/** The production model's metrics at one past deployment. */
export interface HistoryPoint {
  /** When it was deployed (deployed_at, else trained_at, else the commit date). */
  readonly at: string;
  readonly source: 'git' | 'ledger';
  readonly commit: string | null;
  readonly model_type: string | null;
  readonly score: number;
  readonly accuracy: number | null;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1_score: number | null;
}

export interface History {
  /** Oldest first, at most 50. */
  readonly points: HistoryPoint[];
  /** Timestamped reports in the output folder, newest first, at most 20. */
  readonly reports: { readonly file: string; readonly at: string }[];
}

export interface ReportData {
  readonly schema_version: typeof SCHEMA_VERSION;
  readonly tool_version: string;
  readonly generated_at: string;
  /** The configured title; null when the config sets none (render words the default). */
  readonly title: string | null;
  readonly thresholds: { readonly excellent: number; readonly good: number };
  /** From the production model's class, else the candidate's, else the metric names. */
  readonly task: { readonly kind: Task; readonly reason: Why };
  /** What was read, from where and why; the alternatives; what to pull. */
  readonly inputs: Inputs;
  readonly model: ModelInfo;
  readonly candidate: ModelInfo | null;
  readonly metrics: ModelMetrics | null;
  readonly candidate_metrics: ModelMetrics | null;
  readonly data: DataStats | null;
  /** null when there is no candidate to compare with. */
  readonly comparison: Comparison | null;
  /** Present even without a candidate (value no_candidate). */
  readonly decision: Decision;
  readonly history: History;
  readonly environment: {
    readonly commit: string | null;
    readonly run_url: string | null;
  };
  /** Sorted by code, then values. */
  readonly warnings: Warning[];
}

export type InputRole =
  'production_model' | 'candidate_model' | 'production_metrics' | 'candidate_metrics' | 'data' | 'label_column';

/** flag or config: named by the user; default: the conventional path; discovered: found by discovery. */
export type InputSource = 'flag' | 'config' | 'default' | 'discovered';

export interface InputChoice {
  readonly role: InputRole;
  /** The path relative to the root (a column name for label_column); null when nothing was found. */
  readonly value: string | null;
  readonly source: InputSource | null;
  readonly reason: Why | null;
}

export interface Inputs {
  /** True when discovery ran: some input was neither configured nor at its conventional path. */
  readonly discovered: boolean;
  /** One per role, in InputRole order. */
  readonly chosen: InputChoice[];
  /** Other files that were considered, with why they were not used; sorted by kind, then path. */
  readonly alternatives: { readonly kind: 'model' | 'metrics' | 'data'; readonly path: string; readonly reason: Why }[];
  /** What to run before mlops-report: `git lfs pull`, `dvc pull` (hint_*). */
  readonly hints: Why[];
  /** Facts that are not choices: walk limits, unreadable YAML, several equal models. */
  readonly notes: Why[];
}

/** A model's metrics as one object: { accuracy, f1_score, r2, … }, only those present. */
export function metricValues(m: ModelMetrics): Partial<Record<MetricKey, number>> {
  return Object.fromEntries(m.metrics.map((x) => [x.key, x.value]));
}

/**
 * The level of a value in [0, 1] (a metric, a score / 100, a class's F1) against the
 * thresholds: the one rule, so the page grades everything the way collect grades metrics.
 */
export function levelOf(value: number, t: { readonly excellent: number; readonly good: number }): Level {
  return value >= t.excellent ? 'excellent' : value >= t.good ? 'good' : 'to_improve';
}

/**
 * Why a model's F1 for a class is 0: its confusion-matrix column is empty (never predicted)
 * or not (never right); null when the F1 is above 0 or the class is not in the report.
 */
export function zeroF1(m: ModelMetrics, label: string): ZeroF1 | null {
  const row = m.per_class?.find((x) => x.label === label);
  if (!row || row.f1_score > 0) return null;
  const cm = m.confusion_matrix;
  const j = cm?.labels.indexOf(label) ?? -1;
  // without the matrix, precision 0 cannot tell "never predicted" from "always wrong"
  if (!cm || j < 0) return 'never_right';
  return cm.matrix.every((r) => r[j] === 0) ? 'never_predicted' : 'never_right';
}
