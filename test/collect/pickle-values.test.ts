// numpy dtypes, scipy sparse matrices and pandas DataFrames, compared with what Python wrote
// (test/fixtures/values/truth.json, from scripts/make-fixtures.py).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPickle } from '../../src/collect/pickle/index.js';
import { loadPickle } from '../../src/collect/pickle/load.js';
import { NDArray } from '../../src/collect/pickle/numpy.js';
import { PyObject } from '../../src/collect/pickle/objects.js';
import { dataSummary } from '../../src/collect/pickle/to-json.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'values');
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8'));

describe.each([2, 4])('protocol %i', (proto) => {
  it('summarises a scipy sparse matrix by shape and non-zeros', () => {
    const root = loadPickle(readFileSync(join(DIR, `sparse_p${proto}.pkl`))).root as PyObject;
    expect(dataSummary(root)).toEqual({ __sparse__: truth.sparse });
  });

  it('names the columns of a pandas DataFrame', () => {
    const r = inspectPickle(readFileSync(join(DIR, `dataframe_p${proto}.pkl`)));
    expect(r.root_type).toBe(`pandas.core.frame.DataFrame with columns ${truth.dataframe.columns.join(', ')}`);
    expect(r.safety.verdict).toBe('safe');
  });

  it('decodes every dtype, byte order and memory order', () => {
    const arrays = loadPickle(readFileSync(join(DIR, `arrays_p${proto}.pkl`))).root as Map<string, NDArray>;
    const t = truth.arrays;
    for (const [name, a] of arrays)
      expect([name, a.dtype.toString().replace('datetime64', 'datetime64[D]')]).toEqual([name, t[name].dtype]);
    expect(arrays.get('f2')!.toList()).toEqual(t.f2.values);
    expect(arrays.get('u8')!.toList()).toEqual([2n ** 63n + 5n]);
    expect(arrays.get('i8_be')!.toList()).toEqual(t.i8_be.values);
    expect(arrays.get('bool')!.toList()).toEqual(t.bool.values);
    expect(arrays.get('u3')!.toList()).toEqual(t.u3.values);
    expect(arrays.get('s2')!.toList()).toEqual(['ab', 'c']);
    expect(arrays.get('c16')!.toList()).toEqual([{ real: 1, imag: 2 }]);
    expect(arrays.get('fortran')!.toList()).toEqual(t.fortran.values);
    expect(arrays.get('datetime')!.toList()).toEqual([Date.UTC(2026, 0, 3) / 86_400_000]);
  });
});
