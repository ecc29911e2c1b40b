// Crafted and broken files (scripts/make-hostile.py): each is read as data or refused with
// INPUT_INVALID, nothing ever runs, and no budget is exceeded.
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { checkImports, inspectPickle, judgeFile } from '../../src/collect/pickle/index.js';
import { SafetyLog } from '../../src/collect/pickle/safety-log.js';
import { loadPickle } from '../../src/collect/pickle/load.js';
import { toJson } from '../../src/collect/pickle/to-json.js';
import { estimatorParams } from '../../src/collect/pickle/params.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'hostile');
const bytes = (name: string) => readFileSync(join(DIR, name));
const MARKERS = /^mlops-report-PWNED-/;
const markers = () => readdirSync('/tmp').filter((f) => MARKERS.test(f));

beforeAll(() => {
  for (const f of markers()) rmSync(join('/tmp', f));
});

describe('code-execution payloads are reported, never run', () => {
  it.each([
    ['os_system_p0.pkl', ['posix.system']],
    ['os_system_p2.pkl', ['posix.system']],
    ['os_system_p4.pkl', ['posix.system']],
    ['popen_p0.pkl', ['commands.Popen']], // protocols < 3 spell subprocess as Python 2's commands
    ['popen_p2.pkl', ['commands.Popen']],
    ['popen_p4.pkl', ['subprocess.Popen']],
    ['eval_p4.pkl', ['builtins.eval']],
    ['getattr_chain_p2.pkl', ['builtins.__import__', 'builtins.getattr']],
    ['inst_p0.pkl', ['os.system']],
    ['model_with_payload_p4.pkl', ['posix.system']],
  ])('%s is dangerous because of %j', (name, dangerous) => {
    const r = inspectPickle(bytes(name));
    expect(r.safety.verdict).toBe('dangerous');
    expect(r.safety.imports.filter((i) => i.verdict === 'dangerous').map((i) => i.name)).toEqual(dangerous);
    expect(markers()).toEqual([]);
  });

  it('still describes the real model that carries a payload', () => {
    expect(inspectPickle(bytes('model_with_payload_p4.pkl')).estimator?.class_name).toBe('LogisticRegression');
  });

  it("treats scikit-learn 1.6's _loss.CyHalfBinomialLoss as safe", () => {
    expect(inspectPickle(bytes('sklearn_loss_name_p4.pkl')).safety.verdict).toBe('safe');
  });
});

describe('the allowlist', () => {
  const verdicts = (names: string[]) =>
    Object.fromEntries(checkImports(new Map(names.map((n) => [n, 1]))).imports.map((i) => [i.name, i.verdict]));
  it('matches module roots exactly: look-alike names are not scikit-learn', () => {
    expect(
      verdicts([
        'sklearn.tree._classes.DecisionTreeClassifier',
        'sklearn_evil.run',
        'numpyx.core.x',
        'scipy.sparse._csr.csr_matrix',
        '_loss.system',
        'joblib.numpy_pickle.NumpyArrayWrapper',
        'joblib.load',
      ]),
    ).toEqual({
      'sklearn.tree._classes.DecisionTreeClassifier': 'safe',
      'sklearn_evil.run': 'unknown',
      'numpyx.core.x': 'unknown',
      'scipy.sparse._csr.csr_matrix': 'safe',
      '_loss.system': 'unknown',
      'joblib.numpy_pickle.NumpyArrayWrapper': 'safe',
      'joblib.load': 'dangerous', // on the denylist: it loads pickles
    });
  });

  it('knows Python 2 builtins and judges custom code as unknown', () => {
    expect(
      verdicts([
        '__builtin__.eval',
        '__builtin__.set',
        'copy_reg._reconstructor',
        '__main__.tokenize',
        'nt.system',
        'builtins.exec',
      ]),
    ).toEqual({
      '__builtin__.eval': 'dangerous',
      '__builtin__.set': 'safe',
      'copy_reg._reconstructor': 'safe', // conditional: safe until a use breaks its rule
      '__main__.tokenize': 'unknown',
      'nt.system': 'dangerous',
      'builtins.exec': 'dangerous',
    });
  });

  it('takes the worst verdict for the file', () => {
    expect(
      checkImports(
        new Map([
          ['numpy.dtype', 1],
          ['__main__.f', 1],
        ]),
      ).verdict,
    ).toBe('unknown');
    expect(
      checkImports(
        new Map([
          ['numpy.dtype', 1],
          ['__main__.f', 1],
          ['os.system', 1],
        ]),
      ).verdict,
    ).toBe('dangerous');
    expect(checkImports(new Map()).verdict).toBe('safe');
  });
});

describe('files that are not pickles get a sentence saying what they are', () => {
  it.each([
    ['empty.pkl', /the file is empty/],
    ['text.pkl', /the file is text, not a pickle/],
    ['html.pkl', /HTML or XML page/],
    ['lfs_pointer.pkl', /Git LFS pointer/],
    ['zip.pkl', /zip archive/],
    ['json.pkl', /looks like JSON/],
    ['random.pkl', /not a pickle opcode/],
    ['truncated_p4.pkl', /truncated/],
    ['truncated_joblib.pkl', /truncated/],
    ['out_of_band_p5.pkl', /out-of-band buffers/],
  ])('%s: INPUT_INVALID, %s', (name, message) => {
    const e = (() => {
      try {
        inspectPickle(bytes(name), undefined, `models/${name}`);
      } catch (x) {
        return x;
      }
      return null;
    })();
    expect(e).toBeInstanceOf(ReportError);
    expect((e as ReportError).code).toBe('INPUT_INVALID');
    expect((e as ReportError).message).toMatch(new RegExp(`^models/${name.replace('.', '\\.')}: `));
    expect((e as ReportError).message).toMatch(message);
  });
});

describe('budgets', () => {
  it('refuses a zip bomb past the size limit, before it inflates', () => {
    const limits = { maxModelBytes: 8 << 20, maxOps: 1_000_000 };
    expect(() => loadPickle(bytes('zip_bomb_zlib.pkl'), limits)).toThrow(/decompresses to more than 8388608 bytes/);
  });

  it('refuses a pickle past the opcode budget', () => {
    expect(() => loadPickle(bytes('big_appends_p4.pkl'), { maxModelBytes: 1 << 30, maxOps: 1000 })).toThrow(
      /more than 1000 pickle opcodes/,
    );
  });

  it('reads 300,000 items in one APPENDS without overflowing the stack', () => {
    const root = loadPickle(bytes('big_appends_p4.pkl')).root as number[];
    expect(root).toHaveLength(300_000);
  });

  it('reads 100,000 nested lists, and the JSON conversion stops at its depth limit', () => {
    const root = loadPickle(bytes('deep_lists_p4.pkl')).root;
    const json = JSON.stringify(toJson(root, estimatorParams));
    expect(json).toContain('"__truncated__":"nested too deep"');
    expect(json.length).toBeLessThan(1000);
  });

  it('converts self-references without looping', () => {
    const json = toJson(loadPickle(bytes('self_reference_p4.pkl')).root, estimatorParams);
    expect(json).toEqual({ list: [{ __cycle__: 'list' }], dict: { self: { __cycle__: 'dict' } } });
  });

  it('stops a billion-laughs DAG at the node budget', () => {
    const json = JSON.stringify(
      toJson(loadPickle(bytes('billion_laughs_p4.pkl')).root, estimatorParams, {
        maxNodes: 10_000,
        maxDepth: 60,
        maxArrayItems: 64,
      }),
    );
    expect(json).toContain('too many values');
  });
});

describe('a conditional global holds its rule only where the pickle calls it', () => {
  // pickle.dumps(b'ab', protocol=2): _codecs.encode('ab', 'latin1'), then memoised as q0
  const call = Buffer.from('\x80\x02c_codecs\nencode\nq\x00X\x02\x00\x00\x00abX\x06\x00\x00\x00latin1\x86R', 'latin1');
  const verdict = (tail: string) => {
    const r = inspectPickle(Buffer.concat([call, Buffer.from(tail, 'latin1')]));
    return r.safety.imports.find((i) => i.name === '_codecs.encode');
  };

  it('is safe when every reference is called with the arguments its rule allows', () => {
    expect(verdict('.')?.verdict).toBe('safe');
  });

  it('is dangerous when a reference is kept as a value (library code could call it with anything)', () => {
    // the bytes, and the memoised function itself in a tuple: (b'ab', _codecs.encode)
    const i = verdict('h\x00\x86.');
    expect(i?.verdict).toBe('dangerous');
    expect(JSON.stringify(i)).toContain('used as a value, not called');
  });
});

describe('the pickle.load view of a joblib file', () => {
  it('counts a name only it saw when the name could do harm, not when it is merely unknown', () => {
    // a genuine joblib file of LabelEncoders (layout arisha-loan-percent): read by pickle.load,
    // its nested pickle's memo indices hit the outer memo, and Python asks for LabelEncoder.dtype
    const joblibView = new SafetyLog();
    joblibView.import('sklearn.preprocessing._label', 'LabelEncoder');
    const plainView = new SafetyLog();
    plainView.import('sklearn.preprocessing._label', 'LabelEncoder');
    plainView.import('LabelEncoder', 'dtype');
    joblibView.absorb(plainView);
    expect(judgeFile(joblibView).verdict).toBe('safe');
    expect(judgeFile(joblibView).imports.map((i) => i.name)).toEqual(['sklearn.preprocessing._label.LabelEncoder']);
    const attack = new SafetyLog();
    attack.import('posix', 'system');
    joblibView.absorb(attack);
    expect(judgeFile(joblibView).verdict).toBe('dangerous');
  });
});

describe('values', () => {
  it('decodes Python ints of any size and sign exactly', () => {
    expect(loadPickle(bytes('negative_ints_p2.pkl')).root).toEqual([
      -(2 ** 40),
      -(2 ** 31) - 1,
      2n ** 70n,
      -(2n ** 70n),
      -1,
      255,
      -256,
    ]);
  });
});

it('created no marker file in the whole run', () => {
  expect(markers()).toEqual([]);
  expect(existsSync('/tmp/mlops-report-PWNED-inst')).toBe(false);
});
