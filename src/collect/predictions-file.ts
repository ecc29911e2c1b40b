/**
 * The optional per-row predictions file (models/predictions.csv by default): absent is fine
 * (the comparison falls back on Newcombe's interval); present but broken is an error naming
 * the file, the line and the fix, never a silent fallback.
 */
import { readFile } from 'node:fs/promises';
import { fromFsError, invalidInput } from '../errors.js';
import { PredictionsFormatError, parsePredictions, type PredictionCounts } from './compare/predictions.js';

const FORMAT_HINT =
  'write one row per evaluation example under the header y_true,production,candidate (README, "Per-row predictions"), or remove the file';

/** The predictions' 2×2 table, or null when the file does not exist. */
export async function readPredictionsFile(path: string, label: string): Promise<PredictionCounts | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
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
