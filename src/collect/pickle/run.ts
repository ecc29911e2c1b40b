/**
 * One decompressed pickle stream through the machine, as joblib.load reads it, and, when
 * pickle.load could read the same bytes differently, as pickle.load reads them too: the
 * safety log holds what either would import or call.
 */
import { ByteReader } from './byte-reader.js';
import type { OpenedStream } from './load.js';
import { runPickle, type MachineBudget } from './machine.js';
import { readNpy } from './npy.js';
import { PickleError } from './pickle-error.js';
import { createResolver, nestedContext, type ExternalArray, type ResolverContext } from './resolver.js';
import { SafetyLog } from './safety-log.js';

/** Reads a file beside the model by bare name (joblib < 0.10 companions), or null if absent. */
export type CompanionReader = (name: string) => Uint8Array | null;

/**
 * Fills joblib < 0.10 arrays from their .npy companions. A missing companion is named, not
 * fatal: the class and parameters are still known, only those arrays are not.
 */
function fillExternal(arrays: ExternalArray[], companion: CompanionReader, ctx: ResolverContext): string[] {
  const missing: string[] = [];
  for (const a of arrays) {
    // never read: a name that leaves the model's folder (the import is dangerous), zlib companions
    if (a.refused || a.compressed) continue;
    const bytes = a.filename === null ? null : companion(a.filename);
    if (!bytes) {
      missing.push(a.filename ?? '(unnamed)');
      continue;
    }
    // numpy.load(allow_pickle=True) reads an object payload with pickle.load
    readNpy(bytes, a.filename!, a, (reader) =>
      runPickle(reader, createResolver(nestedContext(ctx, reader)), ctx.budget),
    );
  }
  return missing;
}

/**
 * An uncompressed joblib file is also a plain pickle: pickle.load reads the bytes after an
 * array wrapper's BUILD as opcodes where joblib reads them as array data. Run it that way
 * too, into a throw-away object graph, until the first STOP or the first error Python
 * would also stop at; limits still refuse the file (Python would go on past them).
 */
function plainView(reader: ByteReader, budget: MachineBudget): SafetyLog {
  const log = new SafetyLog();
  const ctx: ResolverContext = { reader, budget, log, mode: 'scan', nesting: 0, external: [], sawWrapper: false };
  try {
    runPickle(reader, createResolver(ctx), budget, { stopOnBadName: true });
  } catch (e) {
    if (!(e instanceof PickleError) || e.limit) throw e;
  }
  return log;
}

/**
 * Reads the stream as joblib.load does into `log` and returns the root (and the missing
 * companions); when `reopen` can
 * give the same (uncompressed) bytes again and they hold joblib array wrappers, also as
 * pickle.load reads them. Compressed containers start with bytes pickle.load cannot run.
 */
export function readStream(
  reader: ByteReader,
  budget: MachineBudget,
  companion: CompanionReader,
  log: SafetyLog,
  reopen: (() => OpenedStream) | null,
): { root: unknown; missingArrays: string[] } {
  const ctx: ResolverContext = { reader, budget, log, mode: 'joblib', nesting: 0, external: [], sawWrapper: false };
  const root = runPickle(reader, createResolver(ctx), budget);
  const missingArrays = fillExternal(ctx.external, companion, ctx);
  if (ctx.sawWrapper && reopen) {
    const again = reopen();
    try {
      log.absorb(plainView(again.reader, budget));
    } finally {
      again.close();
    }
  }
  return { root, missingArrays };
}
