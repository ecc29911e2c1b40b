/**
 * What bounds every decompressor's output, and the words of its refusals (one home for
 * them, whichever codec refuses): past `maxBytes` of output (limits.max_model_bytes), or
 * past `ratioFloor` bytes at more than `maxRatio` bytes out per byte in (a compression
 * bomb, limits.max_expansion_ratio).
 */
import { PickleError } from './pickle-error.js';

/** Decompressed bytes below which the expansion ratio is not checked. */
export const RATIO_FLOOR = 16 << 20;

export interface OutputGuard {
  readonly maxBytes: number;
  readonly maxRatio: number;
  readonly ratioFloor: number;
  readonly fail: (kind: 'limit' | 'ratio', ratio: number) => Error;
}

/** Throws the guard's refusal when `produced` bytes out of `consumed` bytes in break a bound. */
export function checkOutput(guard: OutputGuard, produced: number, consumed: number): void {
  if (produced > guard.maxBytes) throw guard.fail('limit', 0);
  if (produced > guard.ratioFloor && produced > guard.maxRatio * consumed)
    throw guard.fail('ratio', Math.round(produced / Math.max(consumed, 1)));
}

export function tooBig(maxBytes: number): PickleError {
  return new PickleError(
    `decompresses to more than ${maxBytes} bytes (limit)`,
    'if the model is genuine, raise limits.max_model_bytes in mlops-report.config.json',
  );
}

/** `ratio`: the measured expansion, or "over N" when only a bound is known. */
export function tooExpanded(maxRatio: number, ratio: string): PickleError {
  return new PickleError(
    `expands more than ${maxRatio}:1 (${ratio}:1 after ${RATIO_FLOOR >> 20} MiB): a compression bomb?`,
    'if the model is genuine, raise limits.max_expansion_ratio in mlops-report.config.json',
  );
}

export function corrupt(compression: string, detail: string): PickleError {
  return new PickleError(`${compression} data is corrupt or truncated: ${detail}`);
}

/** The guard of a streamed decoder, from the reader's limits. */
export function guardFor(limits: { readonly maxModelBytes: number; readonly maxExpansionRatio?: number }): OutputGuard {
  const maxRatio = limits.maxExpansionRatio ?? Number.POSITIVE_INFINITY;
  return {
    maxBytes: limits.maxModelBytes,
    maxRatio,
    ratioFloor: RATIO_FLOOR,
    fail: (kind, ratio) => (kind === 'limit' ? tooBig(limits.maxModelBytes) : tooExpanded(maxRatio, String(ratio))),
  };
}

/** An LZMA dictionary (window) larger than limits.max_lzma_dictionary_bytes: the one large allocation of xz and lzma. */
export function dictionaryTooLarge(compression: string, bytes: number, max: number): PickleError {
  const mib = (n: number): string => `${Math.round((n / 2 ** 20) * 10) / 10} MiB`;
  return new PickleError(
    `${compression} data uses a ${mib(bytes)} dictionary, more than the ${mib(max)} accepted (limits.max_lzma_dictionary_bytes)`,
    'if the model is genuine, raise limits.max_lzma_dictionary_bytes in mlops-report.config.json (joblib writes at most 64 MiB)',
  );
}
