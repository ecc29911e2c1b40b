/**
 * From file bytes to the inert object graph: container detection, decompression, one run
 * of the pickle machine with the numpy/joblib resolver. Budgets bound every step.
 */
import { ByteReader } from './byte-reader.js';
import { describeNonPickle, looksLikeText, unwrap, type Compression } from './container.js';
import { runPickle } from './machine.js';
import { PickleError } from './pickle-error.js';
import { ByteReader as Reader } from './byte-reader.js';
import { readNpy } from './npy.js';
import { createResolver, type ExternalArray, type ResolverContext } from './resolver.js';

export interface PickleLimits {
  /** Largest pickle stream accepted, after decompression (zip-bomb guard). */
  readonly maxModelBytes: number;
  /** Opcodes executed per file. */
  readonly maxOps: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = { maxModelBytes: 2 ** 31 - 1, maxOps: 100_000_000 };

/** Reads a file beside the model by name (joblib < 0.10 companions), or null if absent. */
export type CompanionReader = (name: string) => Uint8Array | null;

export interface LoadedPickle {
  readonly root: unknown;
  readonly compression: Compression;
  /** From the PROTO opcode; 0 when there is none (protocol 0 or 1). */
  readonly protocol: number;
  /** Written by joblib.dump (inline arrays, or a joblib container). */
  readonly joblib: boolean;
  /** Every module.name referenced, with how often, in order of first use. */
  readonly imports: ReadonlyMap<string, number>;
  /** Bytes of the pickle stream after decompression. */
  readonly streamBytes: number;
}

/** Fills joblib < 0.10 arrays from their .npy companions; a missing one is named. */
function fillExternal(arrays: ExternalArray[], companion: CompanionReader, unpickle: (r: Reader) => unknown): void {
  for (const a of arrays) {
    const name = a.filename ?? '(unnamed)';
    const bytes = companion(name);
    if (!bytes) {
      throw new PickleError(
        `written by joblib < 0.10, it keeps arrays in companion files, and ${name} is missing`,
        `copy the ${name.replace(/_\d+\.npy$/, '_*.npy')} files next to it, or re-save the model with a current joblib`,
      );
    }
    readNpy(bytes, name, a, unpickle);
  }
}

/** A failed load still knows which imports it saw before failing (getattr chains, truncated files). */
export class PickleLoadError extends PickleError {
  constructor(
    message: string,
    hint: string | null,
    readonly imports: ReadonlyMap<string, number>,
  ) {
    super(message, hint ?? undefined);
  }
}

/**
 * Parses a pickle or joblib file's bytes. Throws PickleLoadError (INPUT_INVALID) on bad
 * input, its message prefixed with `label` (the file's name) when given.
 */
export function loadPickle(
  bytes: Uint8Array,
  limits: PickleLimits = DEFAULT_PICKLE_LIMITS,
  label?: string,
  companion: CompanionReader = () => null,
): LoadedPickle {
  const imports = new Map<string, number>();
  const named = (m: string): string => (label ? `${label}: ${m}` : m);
  const what = describeNonPickle(bytes);
  if (what)
    throw new PickleLoadError(
      named(what),
      'point the tool at the .pkl/.joblib file that joblib.dump or pickle.dump wrote',
      imports,
    );
  let compression: Compression = 'none';
  try {
    const unwrapped = unwrap(bytes, limits.maxModelBytes);
    compression = unwrapped.compression;
    const stream = unwrapped.stream;
    const ctx: ResolverContext = {
      reader: new ByteReader(stream),
      budget: { ops: 0, limits },
      nesting: 0,
      external: [],
    };
    const resolver = createResolver(ctx, imports);
    const root = runPickle(ctx.reader, resolver, ctx.budget);
    fillExternal(ctx.external, companion, (reader) => runPickle(reader, resolver, ctx.budget));
    const joblib = compression !== 'none' || [...imports.keys()].some((k) => k.includes('joblib.numpy_pickle.'));
    return {
      root,
      compression,
      protocol: stream[0] === 0x80 ? stream[1]! : 0,
      joblib,
      imports,
      streamBytes: stream.length,
    };
  } catch (e) {
    if (e instanceof PickleError) {
      // a text file fails somewhere inside the machine; say what it is instead
      const text = compression === 'none' && looksLikeText(bytes) && !/^[(cI\]}]/.test(String.fromCharCode(bytes[0]!));
      const message = text ? 'the file is text, not a pickle' : e.message;
      throw new PickleLoadError(
        named(message),
        e.hint ?? 'the file must be written by joblib.dump or pickle.dump',
        imports,
      );
    }
    throw e;
  }
}
