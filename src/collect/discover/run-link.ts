/**
 * The step after the production model file is read: the MLflow run it came from (found by
 * linkModelToRun from its parameters) supplies its metrics unless a metrics file is tied to
 * it by name or by dvc.yaml (a file chosen only for its place, such as a free-text log at the
 * root, is weaker evidence than the run that logged the same parameters); and a candidate
 * that is that same run, or a run that logged exactly its parameters (the same model trained
 * again: harshitha's two registered versions), is no candidate.
 */
import type { Why } from '../../report-data.js';
import { why } from '../why.js';
import type { MlflowRun } from './mlflow.js';
import type { Discovery } from './types.js';

export interface RunLink {
  readonly run: MlflowRun;
  readonly reason: Why;
}

const paramsOf = (r: MlflowRun): string =>
  JSON.stringify(
    Object.entries(r.files.params)
      .map(([k, v]) => [k, v.trim()])
      .sort(),
  );
/** The same logged parameters: the same model trained again. */
const sameParams = (a: MlflowRun, b: MlflowRun): boolean =>
  Object.keys(a.files.params).length > 0 && paramsOf(a) === paramsOf(b);

export function applyRunLink(d: Discovery, link: RunLink | null): Discovery {
  if (!link) return d;
  const pm = d.productionMetrics;
  const weak = pm === null || pm.basis === 'place';
  const productionMetrics: Discovery['productionMetrics'] = weak
    ? {
        source: { kind: 'mlflow-run', path: link.run.dir, run: link.run.files },
        reason: pm ? why('run_metrics_preferred', { link: link.reason, file: pm.source.path }) : link.reason,
        splitHint: null,
        role: 'production',
        modelHints: [...(pm?.modelHints ?? []), ...(link.run.runName ? [link.run.runName] : [])],
        basis: 'mlflow-run',
      }
    : pm;
  const candRun = d.mlflow?.runs.find((r) => r.runId === d.candidate?.mlflow?.runId);
  const same =
    d.candidate?.needsLinkCheck === true &&
    (candRun?.runId === link.run.runId || (candRun !== undefined && sameParams(candRun, link.run)));
  return {
    ...d,
    productionMetrics,
    candidate: same ? null : d.candidate,
    candidateMetrics: same ? null : d.candidateMetrics,
    notes: [
      ...d.notes,
      ...(same ? [why('note_best_run_is_production', { run: link.run.runId, link: link.reason })] : []),
    ],
  };
}
