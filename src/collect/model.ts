/**
 * A model file: its bytes' facts (size, sha256) and what the safe pickle reader finds in it
 * (an estimator saved inside a dict, a list or a custom class is found there). A missing
 * production model is "not deployed", not an error; a file that is there but holds no
 * scikit-learn estimator at all is an error naming the file.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ReportError, fromFsError, invalidInput } from '../errors.js';
import type { FeatureWeight, ImportVerdict, InspectResult, ModelInfo, ModelInspection } from '../report-data.js';
import { hashFile } from './file-hash.js';
import { assertInsideSync, notRegular, readRegularFileSync, specialKind } from '../input-file.js';
import {
  NO_EXTRA_ALLOW,
  inspectPickleFile,
  type CompanionReader,
  type ExtraAllow,
  type PickleLimits,
} from './pickle/index.js';

const TOP_FEATURES = 15;

/** ModelInfo for an absent model file. */
export function absentModel(role: ModelInfo['role'], label: string): ModelInfo {
  return {
    role,
    deployed: false,
    path: label,
    model_type: null,
    module: null,
    kind: null,
    size_bytes: null,
    sha256: null,
    deployed_at: null,
    sklearn_version: null,
    format: null,
    compression: null,
    protocol: null,
    params: {},
    params_source: null,
    classes: null,
    n_classes: null,
    n_features: null,
    feature_names: null,
    n_estimators_fitted: null,
    components: [],
    top_features: null,
    top_features_kind: null,
    safety: null,
    wrapper: null,
    missing_arrays: [],
    unreadable: null,
  };
}

const byWeight = (a: FeatureWeight, b: FeatureWeight): number =>
  Math.abs(b.value as number) - Math.abs(a.value as number) || a.feature.localeCompare(b.feature);

/** Importances when the model has them, else each feature's largest-magnitude coefficient. */
function topFeatures(i: ModelInspection): { top: FeatureWeight[] | null; kind: ModelInfo['top_features_kind'] } {
  const numeric = (f: FeatureWeight): boolean => typeof f.value === 'number';
  if (i.feature_importances)
    return { top: i.feature_importances.filter(numeric).sort(byWeight).slice(0, TOP_FEATURES), kind: 'importance' };
  const c = i.coefficients;
  if (!c) return { top: null, kind: null };
  const strongest = c.features.map((feature, f) => {
    let best = 0;
    for (const row of c.values) {
      const v = row[f];
      if (typeof v === 'number' && Math.abs(v) > Math.abs(best)) best = v;
    }
    return { feature, value: best };
  });
  return { top: strongest.sort(byWeight).slice(0, TOP_FEATURES), kind: 'coefficient' };
}

/**
 * Companion files of a joblib < 0.10 model: named in the pickle as "<name>_01.npy"; looked
 * up beside the model under that name, or under the model's own file name plus the suffix.
 */
export function companionsBeside(modelPath: string, maxBytes = 2 ** 31 - 1): CompanionReader {
  const folder = dirname(modelPath);
  return (name) => {
    const own = basename(name);
    const suffix = /_\d+\.npy(\.z)?$/.exec(own)?.[0];
    for (const candidate of [own, suffix ? basename(modelPath) + suffix : null]) {
      if (!candidate) continue;
      const path = join(folder, candidate);
      try {
        // a regular file that stays in the model's folder (a committed link may point anywhere)
        assertInsideSync(path, folder, candidate, "the model's folder");
        return readRegularFileSync(path, candidate, { maxBytes, setting: 'max_model_bytes' }, 'companion file');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    return null;
  };
}

/**
 * The model file's size; null when there is no such file. Only a regular file is read: a
 * FIFO would block forever and /dev/zero never ends (a committed link may point at either).
 */
async function modelSize(path: string, label: string, limits: PickleLimits): Promise<number | null> {
  const info = await stat(path).catch((e: unknown) => {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw fromFsError(e, label, { kind: 'model file' });
  });
  if (!info) return null;
  const kind = specialKind(info);
  if (kind) throw notRegular(label, kind, 'model file');
  if (info.size > limits.maxModelBytes)
    throw new ReportError(
      'INPUT_INVALID',
      `${label}: larger than ${limits.maxModelBytes} bytes (limit limits.max_model_bytes)`,
      {
        hint: 'raise limits.max_model_bytes in mlops-report.config.json if the model is genuine',
      },
    );
  return info.size;
}

/**
 * The file's description and SHA-256: the hash starts on its own thread (file-hash.ts), then
 * the pickle is streamed on this one. Null when the file is absent (removed since the stat).
 */
function readModel(
  path: string,
  size: number,
  label: string,
  limits: PickleLimits,
  allow: ExtraAllow,
): { inspection: ModelInspection; sha256: Promise<string> } | null {
  try {
    const sha256 = hashFile(path, size);
    sha256.catch(() => undefined); // a read failure of the parse is the error that matters
    const companions = companionsBeside(path, limits.maxModelBytes);
    return { inspection: inspectPickleFile(path, limits, label, companions, allow), sha256 };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (e instanceof ReportError) throw e;
    if ((e as NodeJS.ErrnoException).code) throw fromFsError(e, label, { kind: 'model file' });
    throw e;
  }
}

/** Reads one model file; null bytes (file absent) give an undeployed ModelInfo. */
export async function collectModel(
  path: string,
  label: string,
  role: ModelInfo['role'],
  limits: PickleLimits,
  deployedAt: string | null,
  allow: ExtraAllow = NO_EXTRA_ALLOW,
): Promise<ModelInfo | null> {
  const size = await modelSize(path, label, limits);
  const file = size === null ? null : readModel(path, size, label, limits, allow);
  if (!file) return null;
  const inspection = file.inspection;
  const est = inspection.estimator;
  if (!est) {
    throw invalidInput(
      label,
      `holds a ${inspection.root_type}, not a scikit-learn estimator (none inside it either)`,
      'save the fitted model object itself: joblib.dump(model, path)',
    );
  }
  const { top, kind } = topFeatures(inspection);
  return {
    role,
    deployed: role === 'production',
    path: label,
    model_type: est.class_name,
    module: est.module,
    kind: est.kind,
    size_bytes: size,
    sha256: await file.sha256,
    deployed_at: deployedAt,
    sklearn_version: est.sklearn_version,
    format: inspection.format,
    compression: inspection.compression,
    protocol: inspection.protocol,
    params: est.params,
    params_source: est.params_source,
    classes: est.classes,
    n_classes: est.classes?.length ?? null,
    n_features: est.n_features_in,
    feature_names: est.feature_names,
    n_estimators_fitted: est.n_estimators_fitted,
    components: est.components,
    top_features: top,
    top_features_kind: kind,
    safety: inspection.safety,
    wrapper: inspection.wrapper,
    missing_arrays: inspection.missing_arrays,
    unreadable: null,
  };
}

/** `inspect`: reads and describes one file; a user-fixable problem is returned, not thrown. */
export async function inspectFile(
  path: string,
  label: string,
  limits: PickleLimits,
  allow: ExtraAllow = NO_EXTRA_ALLOW,
): Promise<InspectResult> {
  try {
    const size = await modelSize(path, label, limits);
    const file = size === null ? null : readModel(path, size, label, limits, allow);
    if (!file || size === null) throw fromFsError({ code: 'ENOENT' }, label);
    return { file: label, size_bytes: size, sha256: await file.sha256, inspection: file.inspection };
  } catch (e) {
    if (!(e instanceof ReportError)) throw e;
    return { file: label, error: { code: e.code, message: e.message, hint: e.hint } };
  }
}

const RANK: Readonly<Record<ImportVerdict, number>> = { safe: 0, unknown: 1, dangerous: 2 };

/** True when `verdict` is at least as bad as `level` (inspect --fail-on, generate --fail-on-unsafe). */
export function verdictAtLeast(verdict: ImportVerdict, level: ImportVerdict): boolean {
  return RANK[verdict] >= RANK[level];
}
