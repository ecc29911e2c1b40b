/**
 * promote's swap: the candidate's model file and its (stamped) metrics replace production's
 * through write/atomic.ts, so a failure leaves production as it was.
 */
import fse from 'fs-extra';
import type { Config } from '../config/load.js';
import { fromFsError } from '../errors.js';
import { replaceFiles } from './atomic.js';

/** Copies the candidate model over production and writes `metricsText` as production's metrics. */
export async function deployCandidate(config: Config, metricsText: string): Promise<void> {
  try {
    await replaceFiles([
      { target: config.productionModel, data: await fse.readFile(config.candidateModel) },
      { target: config.productionMetrics, data: metricsText },
    ]);
  } catch (e) {
    throw fromFsError(e, config.modelsDir, {
      code: 'OUTPUT_FAILED',
      write: true,
      action: 'replace the production model',
      hint: 'check that the models folder is writable',
    });
  }
}
