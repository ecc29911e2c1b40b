/**
 * An MLflow run folder (file store): metrics/<name> files whose lines are
 * "<timestamp> <value> <step>" (MLflow 3 logged models add " <run_id>"), params/<name>.
 * The value of a metric is its last line: MLflow appends in logging order, so the last line
 * is the latest step. The caller reads the folder; this only reads the texts.
 */
import { why } from '../../why.js';
import { addNumber, finish, newDraft } from './draft.js';
import type { AdapterContext, AdapterMatch, MlflowRunFiles } from './types.js';

/** The last line's value of an MLflow metric file: a number, NaN, or null when the file has no value line. */
export function lastMetricValue(text: string): number | null {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const parts = lines.at(-1)?.split(/\s+/);
  if (!parts || parts.length < 2) return null;
  const v = parts[1]!;
  return /^(nan|-?inf(inity)?)$/i.test(v) ? Number.NaN : Number.isFinite(Number(v)) ? Number(v) : null;
}

export function isMlflowRun(v: unknown): v is MlflowRunFiles {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'mlflow-run';
}

export function adaptMlflowRun(run: MlflowRunFiles, ctx: AdapterContext): AdapterMatch | null {
  const draft = newDraft();
  const names = Object.keys(run.metrics).sort();
  for (const name of names) {
    const v = lastMetricValue(run.metrics[name]!);
    if (v === null) draft.notes.push(why('note_mlflow_no_value', { key: `metrics/${name}` }));
    else if (Number.isNaN(v)) draft.notes.push(why('note_non_finite', { key: `metrics/${name}`, value: 'NaN' }));
    else addNumber(draft, name, name, v);
  }
  const params = Object.fromEntries(
    Object.keys(run.params)
      .sort()
      .map((k) => [k, run.params[k]!.trim()]),
  );
  return finish(draft, ctx, { shape: 'mlflow-run', params });
}
