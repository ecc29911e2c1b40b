/**
 * The pickle virtual machine: protocols 0–5, read as data.
 *
 * Derived from the parser of pickleparser 0.2.1 (MIT, © 2023 ewfian; its licence is in
 * THIRD-PARTY-NOTICES.md), rewritten for this project to fix what it got wrong: signed LONG1/LONG4 and ints of any size, Python 2 byte strings (STRING escapes,
 * BINSTRING as latin-1), OBJ taking its class from the right end, no argument spreading
 * (a 300k-item APPENDS cannot blow the stack), an opcode budget, and calls that go to
 * PyGlobal objects instead of JS functions, so nothing from the file can run.
 */
import type { FindingReason } from '../../report-data.js';
import { ByteReader } from './byte-reader.js';
import { BigText, CALL_RESULT, PyGlobal, PyObject, hasSetState } from './objects.js';
import { PickleError } from './pickle-error.js';
import { decodeRawUnicodeEscape, decodeStringRepr } from './text-escapes.js';

/** How the machine turns a `module.name` reference into a value. */
export interface Resolver {
  findClass(module: string, name: string): PyGlobal;
  /** What the file did beyond imports (a call of a computed value), for the verdict. */
  finding?(reason: FindingReason, at: number): void;
  /** A global was put on the stack (GLOBAL, or a copy by GET or DUP) … */
  pushed?(g: PyGlobal): void;
  /** … and one was taken off it to be called or constructed. */
  called?(g: PyGlobal): void;
  /** The run reached its STOP: conditional globals that were not only called are judged then. */
  finish?(): void;
}

export interface MachineLimits {
  /** Opcodes executed, all nested pickles included. */
  readonly maxOps: number;
  /** Values created, all runs included (a dict weighs 8: its table); limits.max_pickle_items. */
  readonly maxItems?: number;
  /** Items in one list, dict, set or between two marks; limits.max_container_items. */
  readonly maxContainerItems?: number;
  /** Memo entries (the highest index + 1) per run; limits.max_memo_entries. */
  readonly maxMemo?: number;
  /** Bytes of one LONG1/LONG4 integer; limits.max_int_bytes. */
  readonly maxIntBytes?: number;
}

/** The defaults of the optional limits (README, "Safety": every file under 10 MB within 2 s and 300 MB). */
export const MACHINE_DEFAULTS = {
  maxItems: 5_000_000,
  maxContainerItems: 4_000_000,
  maxMemo: 4_000_000,
  maxIntBytes: 4096,
} as const;

/** Mutable counters shared by nested runs (joblib object arrays are nested pickles). */
export interface MachineBudget {
  ops: number;
  /** Weighted values created so far (see WEIGHT). */
  items?: number;
  readonly limits: MachineLimits;
}

/** Python refuses longer decimal integers (sys.get_int_max_str_digits(), 3.11+). */
const MAX_INT_DIGITS = 4300;

/**
 * How many items each opcode creates: one per value pushed, four for a MARK (a new stack
 * array), eight for a dict (an empty Map costs about 200 bytes). The total is bounded, so a few KB of compressed opcodes
 * cannot build gigabytes of empty containers.
 */
const WEIGHT = new Uint8Array(256);
for (const op of [0x4e, 0x88, 0x89, 0x49, 0x4c, 0x46, 0x4a, 0x4b, 0x4d, 0x8a, 0x8b, 0x47, 0x53, 0x54, 0x55, 0x56])
  WEIGHT[op] = 1; // constants, numbers, protocol 0/1 strings
for (const op of [0x58, 0x8c, 0x8d, 0x42, 0x43, 0x8e, 0x96, 0x67, 0x68, 0x6a, 0x32, 0x63, 0x93]) WEIGHT[op] = 1; // text, bytes, memo gets, DUP, globals
for (const op of [0x29, 0x85, 0x86, 0x87, 0x74, 0x6c, 0x5d, 0x8f, 0x91]) WEIGHT[op] = 1; // tuples, lists, sets
WEIGHT[0x28] = 4; // MARK: a new stack array and its slot (5 M nested marks took 430 MB at weight 1)
for (const op of [0x69, 0x6f, 0x81, 0x92, 0x52]) WEIGHT[op] = 2; // objects made by calls
WEIGHT[0x7d] = 8; // EMPTY_DICT
WEIGHT[0x64] = 8; // DICT

/** The refusal for a limit: which one, and the setting that raises it. */
export function limitError(what: string, limit: number, setting: string): PickleError {
  return new PickleError(
    `${what} (more than ${limit}; limit limits.${setting}): not a model this tool will read`,
    `raise limits.${setting} in mlops-report.config.json if the file is genuine`,
    true,
  );
}

const BIG_TEXT_BYTES = 1 << 16;

export interface RunOptions {
  /**
   * Stop (with a PickleError) at a global whose name is no Python identifier: Python fails
   * to import it there. For reading bytes that may not be a pickle at all (run.ts).
   */
  readonly stopOnBadName?: boolean;
}

const IDENTIFIERS = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

/** Runs the pickle at the reader's position until its STOP and returns the result. */
export function runPickle(
  reader: ByteReader,
  resolver: Resolver,
  budget: MachineBudget,
  options: RunOptions = {},
): unknown {
  let stack: unknown[] = [];
  const marks: unknown[][] = [];
  // an array, not a Map: 17 M entries would pass V8's Map limit; an index past the limit is refused
  const memo: unknown[] = [];
  let memoCount = 0; // distinct entries: what MEMOIZE indexes by (len(self.memo) in Python)
  const L = budget.limits;
  const maxItems = L.maxItems ?? MACHINE_DEFAULTS.maxItems;
  const maxContainer = L.maxContainerItems ?? MACHINE_DEFAULTS.maxContainerItems;
  const maxMemo = L.maxMemo ?? MACHINE_DEFAULTS.maxMemo;
  const maxIntBytes = L.maxIntBytes ?? MACHINE_DEFAULTS.maxIntBytes;
  budget.items ??= 0;

  const pop = (): unknown => {
    if (stack.length === 0) throw new PickleError(`stack underflow at offset ${reader.position - 1}`);
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) throw new PickleError(`stack underflow at offset ${reader.position - 1}`);
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const outer = marks.pop();
    if (outer === undefined) throw new PickleError(`no MARK before offset ${reader.position - 1}`);
    stack = outer;
    return items;
  };
  const memoGet = (key: number): unknown => {
    if (key >= memo.length || !(key in memo))
      throw new PickleError(`memo key ${key} is not defined (offset ${reader.position})`);
    return memo[key];
  };
  const memoPut = (key: number, value: unknown): void => {
    if (key >= maxMemo) throw limitError('a memo index past the limit', maxMemo, 'max_memo_entries');
    if (!(key in memo)) memoCount++;
    memo[key] = value;
  };
  const bigInt = (n: number): number | bigint => {
    if (n > maxIntBytes) throw limitError(`an integer of ${n} bytes`, maxIntBytes, 'max_int_bytes');
    return signedLittleEndian(reader.take(n));
  };
  const appendTo = (target: unknown, items: unknown[]): void => {
    const size = Array.isArray(target)
      ? target.length
      : target instanceof PyObject
        ? (target.elements?.length ?? 0)
        : 0;
    if (size + items.length > maxContainer)
      throw limitError('a list or set with too many items', maxContainer, 'max_container_items');
    appendItems(target, items);
  };
  const setItemsOf = (target: unknown, kv: unknown[]): void => {
    const size = target instanceof Map ? target.size : target instanceof PyObject ? (target.items?.size ?? 0) : 0;
    if (size + kv.length / 2 > maxContainer)
      throw limitError('a dict with too many items', maxContainer, 'max_container_items');
    setItems(target, kv);
  };
  const text = (n: number): string | BigText => (n >= BIG_TEXT_BYTES ? new BigText(reader.take(n)) : reader.utf8(n));
  const refer = (v: unknown): unknown => {
    if (v instanceof PyGlobal) resolver.pushed?.(v);
    return v;
  };
  const global = (module: unknown, name: unknown): PyGlobal => {
    if (typeof module !== 'string' || typeof name !== 'string') throw new PickleError('STACK_GLOBAL needs two strings');
    if (options.stopOnBadName && !(IDENTIFIERS.test(module) && IDENTIFIERS.test(name)))
      throw new PickleError('a global whose name is not a Python identifier');
    return resolver.findClass(module, name);
  };

  while (reader.hasNext()) {
    if (++budget.ops > budget.limits.maxOps) {
      throw new PickleError(
        `more than ${budget.limits.maxOps} pickle opcodes: not a model this tool will read`,
        'raise limits.max_pickle_ops in mlops-report.config.json if the file is genuine',
      );
    }
    const at = reader.position;
    const op = reader.byte();
    if ((budget.items += WEIGHT[op]!) > maxItems)
      throw limitError('too many values in the pickle', maxItems, 'max_pickle_items');
    if (stack.length >= maxContainer)
      throw limitError('too many values between two marks', maxContainer, 'max_container_items');
    switch (op) {
      case 0x80: {
        // PROTO
        const v = reader.byte();
        if (v > 5) throw new PickleError(`pickle protocol ${v} is newer than 5`);
        break;
      }
      case 0x2e: // STOP
        resolver.finish?.();
        return pop();
      case 0x95: // FRAME: only a length hint
        reader.skip(8);
        break;
      case 0x28: // MARK
        marks.push(stack);
        stack = [];
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x30: // POP: Python pops the mark when the stack above it is empty
        if (stack.length === 0 && marks.length > 0) popMark();
        else pop();
        break;
      case 0x32: // DUP
        stack.push(refer(top()));
        break;

      // memo
      case 0x70: // PUT
        memoPut(decimal(reader.lineText()), top());
        break;
      case 0x71: // BINPUT
        memoPut(reader.byte(), top());
        break;
      case 0x72: // LONG_BINPUT
        memoPut(reader.uint32(), top());
        break;
      case 0x94: // MEMOIZE
        memoPut(memoCount, top());
        break;
      case 0x67: // GET
        stack.push(refer(memoGet(decimal(reader.lineText()))));
        break;
      case 0x68: // BINGET
        stack.push(refer(memoGet(reader.byte())));
        break;
      case 0x6a: // LONG_BINGET
        stack.push(refer(memoGet(reader.uint32())));
        break;

      // constants and numbers
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break; // NEWTRUE
      case 0x89:
        stack.push(false);
        break; // NEWFALSE
      case 0x49: {
        // INT (protocol 0; "01"/"00" are Python 2 booleans)
        const s = reader.lineText();
        stack.push(s === '01' ? true : s === '00' ? false : parseInteger(s));
        break;
      }
      case 0x4c: // LONG (protocol 0, "123L")
        stack.push(parseInteger(reader.lineText().replace(/L$/, '')));
        break;
      case 0x46: // FLOAT (protocol 0)
        stack.push(parseFloatRepr(reader.lineText()));
        break;
      case 0x4a:
        stack.push(reader.int32());
        break; // BININT
      case 0x4b:
        stack.push(reader.byte());
        break; // BININT1
      case 0x4d:
        stack.push(reader.uint16());
        break; // BININT2
      case 0x8a:
        stack.push(bigInt(reader.byte()));
        break; // LONG1
      case 0x8b: {
        // LONG4
        const n = reader.int32();
        if (n < 0) throw new PickleError('LONG4 with a negative length');
        stack.push(bigInt(n));
        break;
      }
      case 0x47:
        stack.push(reader.float64BE());
        break; // BINFLOAT

      // strings and bytes
      case 0x53:
        stack.push(decodeStringRepr(reader.line()));
        break; // STRING
      case 0x54: {
        // BINSTRING
        const n = reader.int32();
        if (n < 0) throw new PickleError('BINSTRING with a negative length');
        stack.push(reader.latin1(n));
        break;
      }
      case 0x55:
        stack.push(reader.latin1(reader.byte()));
        break; // SHORT_BINSTRING
      case 0x56:
        stack.push(decodeRawUnicodeEscape(reader.line()));
        break; // UNICODE
      case 0x58:
        stack.push(text(reader.uint32()));
        break; // BINUNICODE
      case 0x8c:
        stack.push(reader.utf8(reader.byte()));
        break; // SHORT_BINUNICODE
      case 0x8d:
        stack.push(text(reader.uint64()));
        break; // BINUNICODE8
      case 0x42: {
        // BINBYTES
        const n = reader.int32();
        if (n < 0) throw new PickleError('BINBYTES with a negative length');
        stack.push(reader.take(n));
        break;
      }
      case 0x43:
        stack.push(reader.take(reader.byte()));
        break; // SHORT_BINBYTES
      case 0x8e:
        stack.push(reader.take(reader.uint64()));
        break; // BINBYTES8
      case 0x96:
        stack.push(reader.take(reader.uint64()));
        break; // BYTEARRAY8

      // tuples, lists, dicts, sets
      case 0x29:
        stack.push([]);
        break; // EMPTY_TUPLE
      case 0x85:
        stack.push([pop()]);
        break; // TUPLE1
      case 0x86: {
        const b = pop();
        const a = pop();
        stack.push([a, b]);
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push([a, b, c]);
        break;
      } // TUPLE3
      case 0x74: // TUPLE
      case 0x6c: {
        // LIST
        const items = popMark();
        stack.push(items);
        break;
      }
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x61: {
        // APPEND
        const v = pop();
        appendTo(top(), [v]);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        appendTo(top(), items);
        break;
      }
      case 0x7d:
        stack.push(new Map());
        break; // EMPTY_DICT
      case 0x64: {
        // DICT
        const items = popMark();
        const d = new Map<unknown, unknown>();
        setItemsOf(d, items);
        stack.push(d);
        break;
      }
      case 0x73: {
        // SETITEM
        const v = pop();
        const k = pop();
        setItemsOf(top(), [k, v]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItemsOf(top(), items);
        break;
      }
      case 0x8f:
        stack.push([]);
        break; // EMPTY_SET (sets become arrays)
      case 0x90: {
        // ADDITEMS
        const items = popMark();
        appendTo(top(), items);
        break;
      }
      case 0x91: {
        // FROZENSET (popMark replaces `stack`: take the items first, then push)
        const items = popMark();
        stack.push(items);
        break;
      }

      // classes, calls, state
      case 0x63: {
        // GLOBAL
        const module = nameLine(reader);
        const name = nameLine(reader);
        stack.push(refer(global(module, name)));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        stack.push(refer(global(asText(module), asText(name))));
        break;
      }
      case 0x69: {
        // INST: module, name, then the args above the mark
        const cls = global(nameLine(reader), nameLine(reader));
        const made = cls.call(popMark());
        stack.push(made);
        break;
      }
      case 0x6f: {
        // OBJ: the class is the first item after the mark
        const [cls, ...args] = popMark();
        stack.push(callOf(cls, args, at, resolver));
        break;
      }
      case 0x81: {
        // NEWOBJ
        const args = pop();
        const cls = pop();
        stack.push(newOf(cls, args, null, at, resolver));
        break;
      }
      case 0x92: {
        // NEWOBJ_EX
        const kwargs = pop();
        const args = pop();
        const cls = pop();
        stack.push(newOf(cls, args, kwargs instanceof Map ? kwargs : null, at, resolver));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const fn = pop();
        if (!Array.isArray(args)) throw new PickleError(`REDUCE without an argument tuple at offset ${at}`);
        stack.push(callOf(fn, args, at, resolver));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const obj = top();
        // setattr on a class or function of a library changes it for the whole program
        if (obj instanceof PyGlobal) resolver.finding?.('build-on-global', at);
        else if (obj instanceof PyObject && obj.cls === CALL_RESULT) resolver.finding?.('computed-call', at);
        if (hasSetState(obj)) obj.setState(state);
        else if (state !== null && !(obj instanceof PyGlobal))
          throw new PickleError(`BUILD on a value that takes no state at offset ${at}`);
        break;
      }

      case 0x50: // PERSID
      case 0x51: // BINPERSID
        throw new PickleError(
          'the pickle refers to objects stored outside it (persistent ids): not a scikit-learn model file',
          'PyTorch and similar formats are not supported; save scikit-learn models with joblib.dump or pickle.dump',
        );
      case 0x82:
      case 0x83:
      case 0x84: // EXT1, EXT2, EXT4
        throw new PickleError('the pickle uses the copyreg extension registry, which scikit-learn models never do');
      case 0x97: // NEXT_BUFFER
        throw new PickleError(
          'the pickle keeps its arrays in protocol 5 out-of-band buffers that are not in the file',
          're-save the model with joblib.dump(model, path) or pickle.dump(model, f) without buffer_callback',
        );
      case 0x98: // READONLY_BUFFER
        break;
      default:
        throw new PickleError(`byte 0x${op.toString(16).padStart(2, '0')} at offset ${at} is not a pickle opcode`);
    }
  }
  throw new PickleError('truncated: the pickle ends before its STOP opcode');
}

function asText(v: unknown): unknown {
  return v instanceof BigText ? v.toString() : v;
}

function callOf(fn: unknown, args: unknown[], at: number, resolver: Resolver): unknown {
  if (fn instanceof PyGlobal) {
    resolver.called?.(fn);
    return fn.call(args);
  }
  // f(x)(y): a real pickle only calls the globals it imports; record it, keep an inert record
  if (fn instanceof PyObject) {
    resolver.finding?.('computed-call', at);
    return new PyObject(CALL_RESULT, 'call', [fn, ...args]);
  }
  throw new PickleError(`call of a value that is not callable at offset ${at}`);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A GLOBAL/INST name line: Python decodes it as strict UTF-8 and fails on anything else. */
function nameLine(reader: ByteReader): string {
  const line = reader.line();
  try {
    return strictUtf8.decode(line);
  } catch {
    throw new PickleError(`a global's name at offset ${reader.position} is not UTF-8 text`);
  }
}

function newOf(
  cls: unknown,
  args: unknown,
  kwargs: Map<unknown, unknown> | null,
  at: number,
  resolver: Resolver,
): unknown {
  if (cls instanceof PyObject) {
    // a class computed while loading (type(...)): record it, keep an inert record
    resolver.finding?.('computed-call', at);
    return new PyObject(CALL_RESULT, 'new', [cls]);
  }
  if (!(cls instanceof PyGlobal)) throw new PickleError(`NEWOBJ on a value that is not a class at offset ${at}`);
  resolver.called?.(cls);
  if (!Array.isArray(args)) throw new PickleError(`NEWOBJ without an argument tuple at offset ${at}`);
  return cls.construct(args, kwargs);
}

function appendItems(target: unknown, items: unknown[]): void {
  if (Array.isArray(target)) {
    for (const v of items) target.push(v); // no spread: huge batches must not hit the argument limit
  } else if (target instanceof PyObject) {
    for (const v of items) target.append(v);
  } else {
    throw new PickleError('APPEND on a value that is not a list');
  }
}

function setItems(target: unknown, kv: unknown[]): void {
  if (kv.length % 2 !== 0) throw new PickleError('dict items come in key/value pairs; one is missing');
  if (target instanceof Map) {
    for (let i = 0; i < kv.length; i += 2) target.set(dictKey(kv[i]), kv[i + 1]);
  } else if (target instanceof PyObject) {
    for (let i = 0; i < kv.length; i += 2) target.setItem(dictKey(kv[i]), kv[i + 1]);
  } else {
    throw new PickleError('SETITEM on a value that is not a dict');
  }
}

/** Map keys compare by identity, so big strings are keyed by their text to stay findable. */
function dictKey(k: unknown): unknown {
  if (k instanceof BigText) return k.toString();
  return k;
}

function decimal(s: string): number {
  const n = Number.parseInt(s, 10);
  if (!Number.isFinite(n) || n < 0) throw new PickleError(`bad memo index "${s.slice(0, 20)}"`);
  return n;
}

/** Python ints: a number when exact, else a bigint. */
function parseInteger(s: string): number | bigint {
  const t = s.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new PickleError(`bad integer literal "${t.slice(0, 40)}"`);
  if (t.replace(/^[+-]/, '').length > MAX_INT_DIGITS)
    throw new PickleError(
      `an integer of more than ${MAX_INT_DIGITS} decimal digits, which Python refuses to read too`,
      'not a model file Python can load',
    );
  return exact(BigInt(t));
}

function exact(big: bigint): number | bigint {
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** LONG1/LONG4 payload: two's-complement little-endian, any width (empty means 0). */
export function signedLittleEndian(b: Uint8Array): number | bigint {
  const n = b.length;
  if (n === 0) return 0;
  if (n <= 6) {
    let v = 0;
    for (let i = n - 1; i >= 0; i--) v = v * 256 + b[i]!;
    return b[n - 1]! & 0x80 ? v - 2 ** (8 * n) : v;
  }
  // one hex string, parsed once: linear (byte by byte shifts are quadratic)
  let v = BigInt(`0x${Buffer.from(b).reverse().toString('hex')}`);
  if (b[n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
  return exact(v);
}

/** Protocol 0 float repr; Python writes nan and inf, which parseFloat does not read. */
function parseFloatRepr(s: string): number {
  const t = s.trim().toLowerCase();
  if (t === 'nan' || t === '-nan') return Number.NaN;
  if (t === 'inf' || t === '+inf') return Number.POSITIVE_INFINITY;
  if (t === '-inf') return Number.NEGATIVE_INFINITY;
  const v = Number(t);
  if (Number.isNaN(v)) throw new PickleError(`bad float literal "${s.slice(0, 40)}"`);
  return v;
}
