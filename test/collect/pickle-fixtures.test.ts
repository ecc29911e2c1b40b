// Every fixture made by scripts/make-fixtures.py, read without Python, compared field by
// field with what scikit-learn itself printed about the same model (truth.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPickle } from '../../src/collect/pickle/index.js';
import { companionsBeside } from '../../src/collect/model.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'models');
interface Truth {
  models: Record<string, Record<string, unknown>>;
  files: { file: string; kind: string; format: string; imports: string[] | null }[];
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Truth;
const files = truth.files;

describe.each(files)('$file', ({ file, kind, format, imports }) => {
  const t = truth.models[kind]!;
  const r = inspectPickle(readFileSync(join(DIR, file)), undefined, file, companionsBeside(join(DIR, file)));
  const e = r.estimator!;

  it('has the class, module, version and get_params(deep=False) of scikit-learn', () => {
    expect(e.class_name).toBe(t.class);
    expect(e.module).toBe(t.module);
    expect(e.sklearn_version).toBe(t.sklearn_version);
    expect(e.params).toEqual(t.params);
  });

  it('has the fitted facts', () => {
    if ('classes_' in t) expect(e.classes).toEqual(t.classes_);
    if ('n_features_in_' in t) expect(e.n_features_in).toBe(t.n_features_in_);
    if ('feature_names_in_' in t) expect(e.feature_names).toEqual(t.feature_names_in_);
    if ('n_outputs_' in t) expect(e.n_outputs).toBe(t.n_outputs_);
    if ('best_score_' in t) expect(e.best_score).toBe(t.best_score_);
    if ('best_params_' in t) expect(e.best_params).toEqual(t.best_params_);
    if ('n_estimators_fitted' in t) expect(e.n_estimators_fitted).toBe(t.n_estimators_fitted);
  });

  it('recomputes feature_importances_ bit for bit', () => {
    const expected = t.feature_importances_ as number[] | undefined;
    if (expected === undefined) expect(r.feature_importances).toBeNull();
    else expect(r.feature_importances!.map((f) => f.value)).toEqual(expected);
  });

  it('lists exactly the imports Python would make, and judges them', () => {
    const names = r.safety.imports.map((i) => i.name).sort();
    if (imports) expect(names).toEqual([...imports].sort());
    expect(r.safety.verdict).toBe(kind === 'tfidf_nb' ? 'unknown' : 'safe');
  });

  it('detects the container', () => {
    expect(r.format).toBe(format.startsWith('joblib') ? 'joblib' : 'pickle');
    const protocol = /_p(\d)$/.exec(format)?.[1];
    if (protocol) expect(r.protocol).toBe(Number(protocol));
    const compression = /^joblib_(zlib|gzip|bz2|xz|lzma|lz4)$/.exec(format)?.[1];
    if (format === 'joblib_old')
      expect(r.safety.imports.map((i) => i.name)).toContain('joblib.numpy_pickle.NDArrayWrapper');
    expect(r.compression).toBe(compression ?? 'none');
  });
});

describe.each(files.filter((f) => 'coef_' in truth.models[f.kind]!))('coefficients of $file', ({ file, kind }) => {
  it('equal coef_ and intercept_', () => {
    const t = truth.models[kind]!;
    const c = inspectPickle(
      readFileSync(join(DIR, file)),
      undefined,
      file,
      companionsBeside(join(DIR, file)),
    ).coefficients!;
    const coef = t.coef_ as number[] | number[][];
    expect(c.values).toEqual(Array.isArray(coef[0]) ? coef : [coef]);
    expect(c.intercept).toEqual(t.intercept_);
  });
});

describe('joblib < 0.10 companion files', () => {
  it('missing: the class and parameters as scikit-learn says, the missing arrays named, no fitted arrays', () => {
    const r = inspectPickle(readFileSync(join(DIR, 'rf_clf__joblib_old.pkl')), undefined, 'm.pkl');
    const t = truth.models.rf_clf!;
    expect(r.estimator?.class_name).toBe(t.class);
    expect(r.estimator?.params).toEqual(t.params);
    expect(r.missing_arrays[0]).toBe('rf_clf__joblib_old.pkl_01.npy');
    expect(r.missing_arrays.every((n) => /^rf_clf__joblib_old\.pkl_\d\d\.npy$/.test(n))).toBe(true);
    // the classes and the trees are in the missing arrays: nothing is made up
    expect(r.estimator?.classes).toBeNull();
    expect(r.feature_importances).toBeNull();
  });

  it('present: nothing is missing', () => {
    const file = join(DIR, 'gb_clf__joblib_old.pkl');
    expect(inspectPickle(readFileSync(file), undefined, 'm.pkl', companionsBeside(file)).missing_arrays).toEqual([]);
  });
});
