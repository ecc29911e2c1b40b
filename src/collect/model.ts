/**
 * A model file: its bytes' facts (size, sha256) and what the safe pickle reader finds in it.
 * A missing production model is "not deployed", not an error; a file that is there but
 * is not a readable scikit-learn model is an error naming the file.
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fromFsError, invalidInput } from '../errors.js';
import type { FeatureWeight, ModelInfo } from '../report-data.js';
import { readAndHash, type ReadFile } from './file-hash.js';
import { inspectPickle, type CompanionReader, type ModelInspection, type PickleLimits } from './pickle/index.js';

const TOP_FEATURES = 15;

/** Bytes in the old dashboard's style: "49.6 KB" (1 KB = 1024 bytes). */
export function humanSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes,
    u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${bytes} B` : `${v.toFixed(1)} ${units[u]}`;
}

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
    size: null,
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
export function companionsBeside(modelPath: string): CompanionReader {
  return (name) => {
    const own = basename(name);
    const suffix = /_\d+\.npy(\.z)?$/.exec(own)?.[0];
    for (const candidate of [own, suffix ? basename(modelPath) + suffix : null]) {
      if (!candidate) continue;
      try {
        return readFileSync(join(dirname(modelPath), candidate));
      } catch {
        // try the next name
      }
    }
    return null;
  };
}

/** The whole file and its hash (see file-hash.ts); null when the file is absent. */
function readModelBytes(path: string, size: number, label: string): ReadFile | null {
  try {
    return readAndHash(path, size);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null; // removed since the stat: not deployed
    throw fromFsError(e, label, { kind: 'model file' });
  }
}

/** Reads one model file; null bytes (file absent) give an undeployed ModelInfo. */
export async function collectModel(
  path: string,
  label: string,
  role: ModelInfo['role'],
  limits: PickleLimits,
  deployedAt: string | null,
): Promise<ModelInfo | null> {
  const size = await stat(path).then(
    (s) => (s.isDirectory() ? -1 : s.size),
    () => null,
  );
  if (size === null) return null;
  if (size < 0) throw invalidInput(label, 'is a folder, not a model file');
  const file = readModelBytes(path, size, label);
  if (!file) return null;
  const bytes = file.bytes;
  const inspection = inspectPickle(bytes, limits, label, companionsBeside(path));
  const est = inspection.estimator;
  if (!est) {
    throw invalidInput(
      label,
      `holds a ${inspection.root_type}, not a scikit-learn estimator`,
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
    size_bytes: bytes.length,
    size: humanSize(bytes.length),
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
  };
}
