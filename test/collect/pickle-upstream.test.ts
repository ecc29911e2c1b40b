// Differential test against upstream pickleparser 0.2.1, from which src/collect/pickle/
// machine.ts is derived: on every plain protocol 3–5 fixture, where upstream is correct,
// both machines must see the same globals in the same order and agree on the scalars of
// the model's __dict__. Where upstream is known to be wrong (README §Reading models), the
// test pins the difference, so a fix upstream is noticed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'pickleparser';
import { describe, expect, it } from 'vitest';
import { loadPickle } from '../../src/collect/pickle/load.js';
import { PyObject } from '../../src/collect/pickle/objects.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'models');
const truth = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as {
  files: { file: string; format: string }[];
};
const plain = truth.files.filter((f) => /^pickle_p[45]$/.test(f.format)).map((f) => f.file);

/** Upstream with a resolver that records every global it is asked for. */
function upstream(bytes: Uint8Array): { root: Record<string, unknown>; globals: string[] } {
  const globals: string[] = [];
  const parser = new Parser({
    nameResolver: {
      resolve: (module: string, name: string) => {
        globals.push(`${module}.${name}`);
        // inert either way it is used: constructed (NEWOBJ) or called (REDUCE)
        return function Inert(this: unknown): unknown {
          return new.target ? this : {};
        } as unknown as new () => unknown;
      },
    },
  });
  return { root: parser.parse(bytes) as Record<string, unknown>, globals };
}

describe.each(plain)('%s', (file) => {
  const bytes = readFileSync(join(DIR, file));
  it('resolves the same globals, in the same order, and the same scalar attributes', () => {
    const ours = loadPickle(bytes);
    const theirs = upstream(bytes);
    expect([...ours.imports.keys()]).toEqual([...new Set(theirs.globals)]);
    // upstream decodes Python scalars itself (numpy scalars stay opaque there): compare those
    const root = ours.root as PyObject;
    let compared = 0;
    for (const [k, v] of Object.entries(theirs.root)) {
      if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
        expect([k, root.attr(k)]).toEqual([k, v]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});

describe('where upstream 0.2.1 is wrong', () => {
  it('decodes negative LONG1 ints as unsigned; ours are exact', () => {
    // pickle.dumps(-(2**40), protocol=2)
    const bytes = Uint8Array.from([0x80, 0x02, 0x8a, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x2e]);
    expect(new Parser().parse(bytes)).toBe(280375465082880);
    expect(loadPickle(bytes).root).toBe(-(2 ** 40));
  });

  it('returns the wrong object for a joblib file; ours returns the model', () => {
    const bytes = readFileSync(join(DIR, 'rf_clf__joblib_raw.pkl'));
    const theirs = (() => {
      try {
        return new Parser().parse(bytes) as { __name__?: string };
      } catch (e) {
        return e as Error;
      }
    })();
    expect(theirs instanceof Error || theirs.__name__ !== 'RandomForestClassifier').toBe(true);
    expect((loadPickle(bytes).root as PyObject).cls.name).toBe('RandomForestClassifier');
  });
});
