/**
 * From file bytes to the inert object graph: container detection, decompression, one run
 * of the pickle machine with the numpy/joblib resolver. Budgets bound every step.
 */
import { ByteReader } from './byte-reader.js';
import { describeNonPickle, looksLikeText, unwrap, type Compression } from './container.js';
import type { MachineLimits } from './machine.js';
import { PickleError } from './pickle-error.js';
import { readStream, type CompanionReader } from './run.js';
import { SafetyLog } from './safety-log.js';
import { DEFAULT_MAX_DICTIONARY } from './lzma-source.js';
import { openStream } from './stream.js';

export type { CompanionReader } from './run.js';

export interface PickleLimits extends MachineLimits {
  /** Largest pickle stream accepted, after decompression (zip-bomb guard). */
  readonly maxModelBytes: number;
  /** Tree nodes and additions spent on feature importances (importances.ts). */
  readonly maxTreeWork?: number;
  /** Values written when summarising the model (to-json.ts maxNodes). */
  readonly maxSummaryValues?: number;
  /** Past 16 MiB of decompressed stream, the most bytes out per compressed byte in (compression bombs). */
  readonly maxExpansionRatio?: number;
  /** The largest LZMA dictionary (xz, lzma) accepted: the one large allocation of their decoder (64 MiB). */
  readonly maxLzmaDictionaryBytes?: number;
  /** Bytes of the window a file is streamed through (tests use tiny ones). */
  readonly windowBytes?: number;
  /** Compressed files up to this size are decoded in one call, larger ones by a worker (1 MiB; tests use 0). */
  readonly oneCallBytes?: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = {
  maxModelBytes: 2 ** 31 - 1,
  maxOps: 20_000_000,
  maxExpansionRatio: 20,
  maxLzmaDictionaryBytes: DEFAULT_MAX_DICTIONARY,
};

export interface LoadedPickle {
  readonly root: unknown;
  readonly compression: Compression;
  /** From the PROTO opcode; 0 when there is none (protocol 0 or 1). */
  readonly protocol: number;
  /** Written by joblib.dump (inline arrays, or a joblib container). */
  readonly joblib: boolean;
  /** Every module.name referenced, with how often, in order of first use. */
  readonly imports: ReadonlyMap<string, number>;
  /** The imports by exact module and name, the conditional rules' outcomes and the findings. */
  readonly log: SafetyLog;
  /** Bytes of the pickle stream after decompression. */
  readonly streamBytes: number;
  /** joblib < 0.10 companion files that were not found; their arrays stay unread. */
  readonly missingArrays: string[];
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
  let stream: Uint8Array | null = null;
  return parse(
    bytes,
    limits,
    label,
    companion,
    () => {
      const unwrapped = unwrap(bytes, limits.maxModelBytes, limits.maxLzmaDictionaryBytes);
      stream = unwrapped.stream;
      return {
        compression: unwrapped.compression,
        reader: new ByteReader(unwrapped.stream),
        size: unwrapped.stream.length,
        close: () => undefined,
      };
    },
    () => ({ compression: 'none', reader: new ByteReader(stream!), size: stream!.length, close: () => undefined }),
  );
}

/**
 * Parses a model file streamed through a bounded window (plain files) or a decompressing
 * worker (zlib, gzip, bz2), so neither the file nor its stream is ever held whole.
 */
export function loadPickleFile(
  path: string,
  limits: PickleLimits = DEFAULT_PICKLE_LIMITS,
  label?: string,
  companion: CompanionReader = () => null,
): LoadedPickle {
  let stream;
  try {
    stream = openStream(path, limits);
  } catch (e) {
    if (e instanceof PickleError)
      throw new PickleLoadError(label ? `${label}: ${e.message}` : e.message, e.hint ?? null, new Map());
    throw e;
  }
  try {
    // a plain file is streamed again for pickle.load's view (run.ts)
    return parse(
      stream.head,
      limits,
      label,
      companion,
      () => stream,
      () => openStream(path, limits),
    );
  } finally {
    stream.close();
  }
}

/** An opened pickle stream: where it comes from and how to stop reading it. */
export interface OpenedStream {
  readonly compression: Compression;
  readonly reader: ByteReader;
  /** The stream's length when known before reading it (a plain file, an in-memory stream). */
  readonly size: number | null;
  close(): void;
}

function parse(
  head: Uint8Array,
  limits: PickleLimits,
  label: string | undefined,
  companion: CompanionReader,
  open: () => OpenedStream,
  reopen: () => OpenedStream,
): LoadedPickle {
  const log = new SafetyLog();
  const named = (m: string): string => (label ? `${label}: ${m}` : m);
  const what = describeNonPickle(head);
  if (what)
    throw new PickleLoadError(
      named(what),
      'point the tool at the .pkl/.joblib file that joblib.dump or pickle.dump wrote',
      log.names(),
    );
  let compression: Compression = 'none';
  try {
    const opened = open();
    compression = opened.compression;
    const reader = opened.reader;
    const first = reader.head(2);
    const protocol = first[0] === 0x80 && first.length > 1 ? first[1]! : 0;
    const { root, missingArrays } = readStream(
      reader,
      { ops: 0, limits },
      companion,
      log,
      compression === 'none' ? reopen : null,
    );
    if (opened.size === null) reader.drain(); // a decompressed stream's length is known at its end
    const imports = log.names();
    const joblib = compression !== 'none' || [...imports.keys()].some((k) => k.includes('joblib.numpy_pickle.'));
    return {
      root,
      compression,
      protocol,
      joblib,
      imports,
      log,
      streamBytes: opened.size ?? reader.position,
      missingArrays,
    };
  } catch (e) {
    if (e instanceof PickleError) {
      // a text file fails somewhere inside the machine; say what it is instead
      const text = compression === 'none' && looksLikeText(head) && !/^[(cI\]}]/.test(String.fromCharCode(head[0]!));
      const message = text ? 'the file is text, not a pickle' : e.message;
      throw new PickleLoadError(
        named(message),
        e.hint ?? 'the file must be written by joblib.dump or pickle.dump',
        log.names(),
      );
    }
    throw e;
  }
}
