/**
 * promote's swap: the candidate's model file and its (stamped) metrics replace production's
 * through write/atomic.ts, so a failure leaves production as it was.
 */
import type { Config } from '../config/load.js';
import { ReportError, fromFsError } from '../errors.js';
import { readRegularFile } from '../input-file.js';
import { replaceFiles } from './atomic.js';

/** The files promote swaps: the report's production model and metrics, and the candidate model. */
export interface DeployFiles {
  readonly productionModel: string;
  readonly productionMetrics: string;
  readonly candidateModel: string;
}

/** Copies the candidate model over production and writes `metricsText` as production's metrics. */
export async function deployCandidate(config: Config, files: DeployFiles, metricsText: string): Promise<void> {
  try {
    await replaceFiles([
      {
        target: files.productionModel,
        data: await readRegularFile(files.candidateModel, files.candidateModel, {
          maxBytes: config.limits.maxModelBytes,
          setting: 'max_model_bytes',
        }),
      },
      { target: files.productionMetrics, data: metricsText },
    ]);
  } catch (e) {
    if (e instanceof ReportError) throw e;
    throw fromFsError(e, config.modelsDir, {
      code: 'OUTPUT_FAILED',
      write: true,
      action: 'replace the production model',
      hint: 'check that the models folder is writable',
    });
  }
}
