/**
 * The label column of the data: the one the user named (--label-column, data_options.
 * label_column), else the one discover/label-column.ts finds from the first rows and what
 * the models say: the production model's classes_, class lists of helper pickles whose name
 * says target or label (a LabelEncoder saved beside the model), the metrics' class labels,
 * and the model's input columns (feature_names_in_, a ColumnTransformer's column lists, a
 * wrapper's "features" list), which are not the label.
 */
import { readRegularFileSync } from '../../input-file.js';
import type { InputSource, JsonValue, ModelInfo, ModelMetrics, Task, Why } from '../../report-data.js';
import { detectLabelColumn, type LabelEvidence } from '../discover/index.js';
import { words } from '../metrics/adapters/metric-names.js';
import { inspectPickle, type PickleLimits } from '../pickle/index.js';
import { why } from '../why.js';
import type { TableHead } from './head.js';

/** Helper pickles read for label evidence: small ones, a few. */
const MAX_HELPER_BYTES = 16 * 1024 * 1024;
const MAX_HELPERS = 6;
const LABEL_WORDS = new Set(['target', 'label', 'y', 'class', 'outcome']);

export interface LabelChoice {
  readonly column: string;
  readonly source: InputSource;
  readonly reason: Why;
}

const strings = (v: JsonValue | undefined): string[] | null =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

type Described = Pick<ModelInfo, 'feature_names' | 'components' | 'wrapper'>;

/** The model's input columns: its feature names, its ColumnTransformer's column lists, its wrapper's feature list. */
export function inputColumns(m: Described | null): string[] | null {
  if (!m) return null;
  if (m.feature_names?.length) return m.feature_names;
  const listed: string[] = [];
  const walk = (components: ModelInfo['components']): void => {
    for (const c of components) {
      listed.push(...(strings(c.columns) ?? []));
      if (typeof c.estimator === 'object' && c.estimator) walk(c.estimator.components);
    }
  };
  walk(m.components);
  if (listed.length) return listed;
  const a = m.wrapper?.attributes ?? {};
  return strings(a.features) ?? strings(a.feature_columns) ?? strings(a.feature_names) ?? null;
}

const saysLabel = (name: string): boolean => words(name).some((w) => LABEL_WORDS.has(w));
/** The last key of a path inside a pickle: dict["target_encoder"] → target_encoder. */
const lastKey = (path: string): string =>
  path
    .split(/[.[\]"]+/)
    .filter(Boolean)
    .at(-1) ?? '';

/** Class lists and input columns from helper pickles (scalers, encoders, preprocessors). */
export function helperEvidence(
  helpers: readonly { readonly abs: string; readonly label: string }[],
  limits: PickleLimits,
): { classHints: (string | number | boolean)[][]; columns: string[] | null } {
  const classHints: (string | number | boolean)[][] = [];
  let columns: string[] | null = null;
  for (const h of helpers.slice(0, MAX_HELPERS)) {
    try {
      // a regular file only (a committed link to a FIFO or /dev/zero would never end), and small
      const i = inspectPickle(readRegularFileSync(h.abs, h.label, { maxBytes: MAX_HELPER_BYTES }), limits, h.label);
      const est = i.estimator;
      // the encoder of the target: its key says so (target_encoder), or the file's name does
      const key = i.wrapper ? lastKey(i.wrapper.path) : h.label;
      if (est?.classes && saysLabel(key)) classHints.push(est.classes as (string | number | boolean)[]);
      for (const o of i.wrapper?.others ?? [])
        if (o.classes && saysLabel(lastKey(o.path))) classHints.push(o.classes as (string | number | boolean)[]);
      columns ??= est
        ? inputColumns({ feature_names: est.feature_names, components: est.components, wrapper: i.wrapper })
        : null;
    } catch {
      // a helper that cannot be read is only missing evidence
    }
  }
  return { classHints, columns };
}

/** The label column (see the header); null when the data has no columns. */
export function chooseLabel(
  named: { readonly column: string | null; readonly source: InputSource | null },
  head: TableHead,
  evidence: Omit<LabelEvidence, 'columns' | 'sample'> & { readonly task: Task },
): LabelChoice | null {
  if (named.column !== null && named.source)
    return { column: named.column, source: named.source, reason: why(named.source === 'flag' ? 'flag' : 'configured') };
  const guess = detectLabelColumn({ columns: head.columns, sample: head.sample, ...evidence });
  return guess ? { column: guess.column, source: 'discovered', reason: guess.reason } : null;
}

/** Evidence from the reports' production side: the model, its metrics and the task. */
export function modelEvidence(
  model: ModelInfo | null,
  metrics: ModelMetrics | null,
  helpers: { classHints: (string | number | boolean)[][]; columns: string[] | null },
  task: Task,
): Omit<LabelEvidence, 'columns' | 'sample'> & { readonly task: Task } {
  const classes = model?.classes?.filter((c): c is string | number | boolean => c !== null && typeof c !== 'object');
  return {
    modelClasses: classes?.length ? classes : null,
    classHints: helpers.classHints,
    metricLabels: metrics?.per_class?.map((r) => r.label) ?? null,
    featureNames: inputColumns(model) ?? helpers.columns,
    task,
  };
}
