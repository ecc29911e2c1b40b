// Property (fast-check): structurally valid pickle opcode streams, built from random choices
// with the stack discipline a pickler keeps (every MARK closed, every operand present, memo
// gets of indices that exist), including globals spelled as an attacker would (dotted names
// through a module attribute, dunders, denied modules, functions of allowed packages that
// load or run things). Whatever the stream, the reader answers or refuses with a ReportError
// (never anything that would exit 3), within small budgets; and a stream that imports a name
// Python would resolve to something dangerous is never "safe".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../../src/errors.js';
import { inspectPickle } from '../../src/collect/pickle/index.js';
import type { SafetyReport } from '../../src/report-data.js';

const LIMITS = {
  maxModelBytes: 1 << 20,
  maxOps: 200_000,
  maxItems: 200_000,
  maxContainerItems: 50_000,
  maxMemo: 10_000,
  maxIntBytes: 64,
};
/** Runs per property: a quarter as many in a plain `npm test`, all of them in .ci/run (MLOPS_SLOW_TESTS=1). */
const runs = (n: number): number => Number(process.env.FUZZ_RUNS ?? (process.env.MLOPS_SLOW_TESTS === '1' ? n : n / 4));

type Kind = 'safe' | 'unknown' | 'dangerous';
/** Globals by what Python would do with them (the denylist's reasons, README "Reading models safely"). */
const GLOBALS: readonly (readonly [module: string, name: string, kind: Kind])[] = [
  ['sklearn.linear_model._logistic', 'LogisticRegression', 'safe'],
  ['sklearn.tree._classes', 'DecisionTreeClassifier', 'safe'],
  ['numpy', 'dtype', 'safe'],
  ['numpy', 'ndarray', 'safe'],
  ['builtins', 'list', 'safe'],
  ['collections', 'OrderedDict', 'safe'],
  // conditional: safe only where the rule holds (a random stream mostly breaks it); they count
  // as safe here, so the property asks nothing of them but an answer
  ['builtins', 'getattr', 'safe'],
  ['_codecs', 'encode', 'safe'],
  ['copyreg', '_reconstructor', 'safe'],
  ['functools', 'partial', 'safe'],
  ['mypkg.features', 'TextCleaner', 'unknown'],
  ['__main__', 'tokenize', 'unknown'],
  ['posix', 'system', 'dangerous'],
  ['os', 'system', 'dangerous'],
  ['subprocess', 'Popen', 'dangerous'],
  ['builtins', 'eval', 'dangerous'],
  ['builtins', 'setattr', 'dangerous'],
  ['builtins', '__import__', 'dangerous'],
  ['numpy.lib.npyio', 'os.system', 'dangerous'], // protocol 4 walks the dotted name attribute by attribute
  ['pandas.io.common', 'os.system', 'dangerous'],
  ['sklearn.base', '__builtins__.get', 'dangerous'],
  ['numpy', 'load', 'dangerous'],
  ['pandas', 'read_pickle', 'dangerous'],
  ['joblib', 'load', 'dangerous'],
  ['_operator', 'attrgetter', 'dangerous'],
  ['pkgutil', 'resolve_name', 'dangerous'],
];

interface Stream {
  readonly bytes: Uint8Array;
  /** The worst kind of global the stream imports. */
  readonly worst: Kind;
}

const RANK: Readonly<Record<Kind, number>> = { safe: 0, unknown: 1, dangerous: 2 };

/**
 * Builds a stream from choices: each choice is an opcode whose operands the builder knows
 * are on the stack (it tracks how many values each open MARK holds and how many memo
 * entries exist). Types are not tracked: calling a tuple or building a number is
 * structurally valid and must be answered or refused like anything else.
 */
function build(choices: readonly number[], protocol: number): Stream {
  const out: number[] = [0x80, protocol, 0x28]; // PROTO, and a MARK holding the whole result
  const frames: number[] = [0]; // values on the stack above each open MARK
  let memo = 0;
  let worst: Kind = 'safe';
  const text = (s: string): void => {
    const b = Buffer.from(s, 'utf8');
    out.push(0x8c, b.length, ...b); // SHORT_BINUNICODE
  };
  const top = (): number => frames[frames.length - 1]!;
  const add = (n: number): void => {
    frames[frames.length - 1] = top() + n;
  };
  /** Writes an opcode that leaves `delta` more values above the innermost MARK. */
  const emit = (delta: number, ...op: number[]): void => {
    out.push(...op);
    add(delta);
  };
  for (const c of choices) {
    const arg = c >> 5;
    switch (c % 20) {
      case 0: // constants
        [
          () => out.push(0x4e), // NONE
          () => out.push(0x88), // NEWTRUE
          () => out.push(0x4b, arg & 0xff), // BININT1
          () => out.push(0x4a, arg & 0xff, 0, 0, 0x80), // BININT (negative)
          () => out.push(0x8a, 2, arg & 0xff, 0x7f), // LONG1
          () => text(`s${arg % 7}`),
          () => out.push(0x43, 3, 1, 2, 3), // SHORT_BINBYTES
          () => out.push(0x47, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0), // BINFLOAT 1.0
        ][arg % 8]!();
        add(1);
        break;
      case 1:
      case 2: {
        const [module, name, kind] = GLOBALS[arg % GLOBALS.length]!;
        text(module);
        text(name);
        out.push(0x93); // STACK_GLOBAL
        if (RANK[kind] > RANK[worst]) worst = kind;
        add(1);
        break;
      }
      case 3:
        if (frames.length < 40) {
          out.push(0x28); // MARK
          frames.push(0);
        }
        break;
      case 4: // close the innermost MARK as a tuple, list, dict (even count), set or frozenset
        if (frames.length > 1) {
          const n = frames.pop()!;
          const ops = [0x74, 0x6c, n % 2 === 0 ? 0x64 : 0x74, 0x91];
          out.push(ops[arg % ops.length]!);
          add(1);
        }
        break;
      case 5:
        if (top() >= 1) emit(arg % 2 ? 0 : 1, arg % 2 ? 0x85 : 0x32); // TUPLE1 or DUP
        break;
      case 6:
        if (top() >= 2) emit(-1, 0x86); // TUPLE2
        break;
      case 7:
        if (top() >= 1) {
          out.push(0x94); // MEMOIZE
          memo++;
        }
        break;
      case 8:
        if (memo > 0) emit(1, 0x68, (arg % memo) & 0xff); // BINGET
        break;
      case 9:
      case 10:
        if (top() >= 2) emit(-1, 0x52); // REDUCE
        break;
      case 11:
        if (top() >= 2) emit(-1, 0x62); // BUILD
        break;
      case 12:
        if (top() >= 2) emit(-1, 0x81); // NEWOBJ
        break;
      case 13:
        emit(1, arg % 2 ? 0x7d : 0x5d); // EMPTY_DICT or EMPTY_LIST
        break;
      case 14:
        if (top() >= 2) emit(-1, 0x61); // APPEND
        break;
      case 15:
        if (top() >= 3) emit(-2, 0x73); // SETITEM
        break;
      case 16:
        if (top() >= 1) emit(-1, 0x30); // POP
        break;
      case 17: // APPENDS / SETITEMS / ADDITEMS closing the innermost MARK onto the value below it
        if (frames.length > 1 && frames[frames.length - 2]! >= 1) {
          const n = frames.pop()!;
          out.push([0x65, n % 2 === 0 ? 0x75 : 0x65, 0x90][arg % 3]!);
        }
        break;
      case 18:
        out.push(0x95, arg & 0xff, 0, 0, 0, 0, 0, 0, 0); // FRAME: a length hint
        break;
      case 19:
        out.push(0x80, 2 + (arg % 4)); // PROTO again
        break;
    }
  }
  while (frames.length > 1) {
    frames.pop();
    out.push(0x74);
    add(1);
  }
  out.push(0x74, 0x2e); // the whole result as one tuple, STOP
  return { bytes: Uint8Array.from(out), worst };
}

const streams = fc
  .tuple(fc.array(fc.nat({ max: 1 << 12 }), { maxLength: 400 }), fc.constantFrom(2, 3, 4, 5))
  .map(([choices, protocol]) => build(choices, protocol));

/** The safety report, or null when the reader refused; anything but a ReportError fails the property. */
function read(bytes: Uint8Array): SafetyReport | null {
  try {
    return inspectPickle(bytes, LIMITS, 'stream.pkl').safety;
  } catch (e) {
    if (e instanceof ReportError) return null;
    throw e;
  }
}

describe('structurally valid opcode streams', () => {
  it('are answered or refused with one line, never with anything that would exit 3', () => {
    fc.assert(
      fc.property(streams, (s) => {
        read(s.bytes);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('that import a dangerous name are never safe, and those that import an unknown one are not safe either', () => {
    fc.assert(
      fc.property(streams, (s) => {
        const safety = read(s.bytes);
        if (safety === null) return; // refused: nothing is said to be safe
        if (s.worst === 'dangerous') expect(safety.verdict).toBe('dangerous');
        else if (s.worst === 'unknown') expect(safety.verdict).not.toBe('safe');
      }),
      { numRuns: runs(2000) },
    );
  });

  it('builds streams that are read, not only refused (the property would hold vacuously otherwise)', () => {
    const sample = fc.sample(streams, { numRuns: 300, seed: 15 });
    const read_ = sample.map((s) => read(s.bytes));
    const answered = read_.filter((r) => r !== null);
    expect(answered.length).toBeGreaterThan(100);
    expect(answered.filter((r) => r!.verdict === 'dangerous').length).toBeGreaterThan(20);
  });
});
