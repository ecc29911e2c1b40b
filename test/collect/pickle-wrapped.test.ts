// Models saved inside a dict, a list or a project's own class (scripts/make-wrapped-fixtures.py):
// the estimator to report is found with its path, the others and the plain values beside it are
// listed, and the class and parameters are scikit-learn's own (truth.json).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectModel } from '../../src/collect/model.js';
import { DEFAULT_PICKLE_LIMITS, inspectPickle } from '../../src/collect/pickle/index.js';
import { ReportError } from '../../src/errors.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'wrapped');
interface Truth {
  type: string;
  path: string | null;
  class?: string;
  params?: Record<string, unknown>;
  params_of_last_step?: Record<string, unknown>;
  classes?: unknown[] | null;
  others?: { path: string; class_name: string; classes: unknown[] | null }[];
  attributes?: Record<string, unknown>;
}
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as Record<string, Truth>;
const wrapped = Object.entries(truth).filter(([, t]) => t.path !== null);

describe.each(wrapped)('%s', (file, t) => {
  const r = inspectPickle(readFileSync(join(DIR, file)), undefined, file);

  it('reports the estimator inside, with its path and the container type', () => {
    expect(r.wrapper).toMatchObject({ type: t.type, path: t.path });
    expect(r.estimator?.class_name).toBe(t.class);
    expect(r.estimator?.classes ?? null).toEqual(t.classes);
  });

  it("has scikit-learn's parameters", () => {
    if (t.params) expect(r.estimator?.params).toMatchObject(t.params);
    if (t.params_of_last_step) {
      const last = r.estimator?.components.filter((c) => c.role === 'steps').at(-1)?.estimator;
      expect(typeof last === 'object' && last?.params).toMatchObject(t.params_of_last_step);
    }
  });

  it('lists the other estimators and the plain values beside it', () => {
    expect(r.wrapper?.others.map((o) => ({ path: o.path, class_name: o.class_name, classes: o.classes }))).toEqual(
      t.others,
    );
    expect(r.wrapper?.attributes).toEqual(t.attributes);
  });
});

it('a dict with no estimator anywhere inside is an error naming the file, as before', async () => {
  const e = await collectModel(
    join(DIR, 'dict_no_estimator.pkl'),
    'models/model.pkl',
    'production',
    DEFAULT_PICKLE_LIMITS,
    null,
  ).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(ReportError);
  expect((e as ReportError).message).toMatch(/^models\/model\.pkl: holds a dict, not a scikit-learn estimator/);
});

it('the model card carries the wrapper: the report shows where the estimator was', async () => {
  const m = await collectModel(
    join(DIR, 'custom_wrapper.pkl'),
    'model/model.pkl',
    'production',
    DEFAULT_PICKLE_LIMITS,
    null,
  );
  expect(m?.model_type).toBe('RandomForestRegressor');
  expect(m?.wrapper?.path).toBe('ModelWrapper.model_object');
  // the project's class is never imported: the safety check names it as unknown code
  expect(m?.safety?.imports.find((i) => i.name === '__main__.ModelWrapper')?.verdict).toBe('unknown');
});
