/**
 * The optional per-row predictions file (models/predictions.csv by default): absent is fine
 * (the comparison falls back on Newcombe's interval); present but broken is an error naming
 * the file, the line and the fix, never a silent fallback.
 */
import { ReportError, fromFsError, invalidInput } from '../errors.js';
import { readRegularFile } from '../input-file.js';
import { PredictionsFormatError, parsePredictions, type PredictionCounts } from './compare/predictions.js';

const FORMAT_HINT =
  'write one row per evaluation example under the header y_true,production,candidate (README, "Per-row predictions"), or remove the file';

/** The predictions' 2×2 table, or null when the file does not exist. */
export async function readPredictionsFile(
  path: string,
  label: string,
  maxBytes = 16 << 20,
): Promise<PredictionCounts | null> {
  let text: string;
  try {
    text = (
      await readRegularFile(path, label, { maxBytes, setting: 'max_metrics_bytes' }, 'predictions file')
    ).toString('utf8');
  } catch (e) {
    if (e instanceof ReportError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fromFsError(e, label, { kind: 'predictions file' });
  }
  try {
    return parsePredictions(text);
  } catch (e) {
    if (e instanceof PredictionsFormatError) throw invalidInput(label, e.message, FORMAT_HINT);
    throw e;
  }
}
