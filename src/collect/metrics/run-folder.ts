/**
 * An MLflow run folder named in the config (models.production_metrics: "mlruns/1/<run>"):
 * its metrics/ and params/ files as text, for the mlflow-run adapter. Discovery reads the
 * same files from its snapshot; this is the path for a run the user named.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ReportError } from '../../errors.js';
import { readRegularFile } from '../../input-file.js';
import type { MlflowRunFiles } from './adapters/types.js';

/** Each MLflow file is a few lines; a FIFO, a device or a huge file in the run is skipped, never waited on. */
const MAX_FILE_BYTES = 1 << 20;

const textOf = (path: string): Promise<string | null> =>
  readRegularFile(path, path, { maxBytes: MAX_FILE_BYTES }).then(
    (b) => b.toString('utf8'),
    () => null,
  );

async function texts(dir: string): Promise<Record<string, string>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: Record<string, string> = {};
  for (const n of names.sort()) {
    const t = await textOf(join(dir, n));
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
  const name = (await textOf(join(abs, 'tags', 'mlflow.runName')))?.trim() ?? null;
  return { kind: 'mlflow-run', runId: basename(abs), runName: name, metrics, params: await texts(join(abs, 'params')) };
}
