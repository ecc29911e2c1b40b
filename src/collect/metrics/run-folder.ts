/**
 * An MLflow run folder named in the config (models.production_metrics: "mlruns/1/<run>"):
 * its metrics/ and params/ files as text, for the mlflow-run adapter. Discovery reads the
 * same files from its snapshot; this is the path for a run the user named.
 */
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ReportError } from '../../errors.js';
import type { MlflowRunFiles } from './adapters/types.js';

async function texts(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Record<string, string> = {};
  for (const n of names.sort()) {
    const t = await readFile(join(dir, n), 'utf8').catch(() => null);
    if (t !== null) out[n] = t;
  }
  return out;
}

/** The run's files; INPUT_INVALID when the folder has no metrics/ folder. */
export async function readRunFolder(abs: string, label: string): Promise<MlflowRunFiles> {
  const metrics = await texts(join(abs, 'metrics'));
  if (Object.keys(metrics).length === 0)
    throw new ReportError('INPUT_INVALID', `${label}: a folder, and not an MLflow run (no metrics/ inside)`, {
      hint: 'name a metrics file, or an MLflow run folder (mlruns/<experiment>/<run>)',
    });
  const name = (await readFile(join(abs, 'tags', 'mlflow.runName'), 'utf8').catch(() => null))?.trim() ?? null;
  return { kind: 'mlflow-run', runId: basename(abs), runName: name, metrics, params: await texts(join(abs, 'params')) };
}
