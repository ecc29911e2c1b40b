/**
 * An xz or lzma-alone model decompressed as the pickle reader pulls (a ByteSource, as
 * lz4-source.ts), in bounded steps: the output is counted against limits.max_model_bytes
 * and the expansion ratio after every step of at most STEP bytes, whatever the file
 * declares (an unknown size, a lying index). Memory: the dictionary, which grows with the
 * output up to the size the stream declares, capped by limits.max_lzma_dictionary_bytes.
 */
import type { ByteSource } from './byte-reader.js';
import { checkOutput, corrupt, dictionaryTooLarge, tooBig, type OutputGuard } from './decode-guard.js';
import { LzmaDecoder } from './lzma-decoder.js';
import { Input, type ReadAt } from './lzma-input.js';
import { PickleError } from './pickle-error.js';
import { XzReader } from './xz-reader.js';

export type LzmaFormat = 'xz' | 'lzma';

/** The most bytes decoded between two checks of the limits. */
const STEP = 256 << 10;

/** Every LZMA dictionary size joblib's presets use fits (xz -9: 64 MiB). */
export const DEFAULT_MAX_DICTIONARY = 64 << 20;

export interface LzmaGuard extends OutputGuard {
  /** The largest dictionary accepted (limits.max_lzma_dictionary_bytes). */
  readonly maxDictionary: number;
}

interface Producer {
  produce(max: number): Uint8Array | null;
}

/** A .lzma ("LZMA alone") file: a 13-byte header (properties, dictionary size, size or all ones), then one LZMA stream. */
class AloneReader implements Producer {
  private readonly decoder: LzmaDecoder;
  /** Bytes still to come when the header declares the size; Infinity when the stream ends with a marker instead. */
  private left: number;
  private done = false;

  constructor(
    private readonly input: Input,
    guard: LzmaGuard,
    private readonly bad: (why: string) => Error,
  ) {
    const h = input.bytes(13);
    const view = new DataView(h.buffer, h.byteOffset, 13);
    const dict = view.getUint32(1, true);
    const lo = view.getUint32(5, true),
      hi = view.getUint32(9, true);
    const unknown = lo === 0xffffffff && hi === 0xffffffff;
    // what liblzma's auto-detecting decoder (joblib reads with it) accepts: a dictionary of
    // 2^n or 2^n + 2^(n-1) bytes, a size below 2^38
    if (dict !== 0xffffffff && !isPresetLike(dict)) throw bad('the header is not an lzma header (dictionary size)');
    if (!unknown && hi >= 1 << 6) throw bad('the header is not an lzma header (size)');
    if (dict > guard.maxDictionary) throw dictionaryTooLarge('lzma', dict, guard.maxDictionary);
    this.left = unknown ? Number.POSITIVE_INFINITY : hi * 2 ** 32 + lo;
    if (this.left > guard.maxBytes && !unknown) throw tooBig(guard.maxBytes);
    this.decoder = new LzmaDecoder(dict, bad, true);
    if (!this.decoder.setProperties(h[0]!)) throw bad('bad lzma properties byte');
    this.decoder.resetState();
    this.decoder.start(input);
  }

  produce(max: number): Uint8Array | null {
    if (this.done) return null;
    const dec = this.decoder;
    if (dec.ended) return this.finish();
    if (this.left === 0) {
      // the declared size is reached: the coder is at zero, or an end marker follows
      if (dec.pending > 0) throw this.bad('a match runs past the size the header declares');
      if (!dec.rangeFinished) dec.endMarker();
      return this.finish();
    }
    dec.room();
    const at = dec.pos;
    const n = dec.decode(Math.min(max, this.left, dec.buf.length - at));
    this.left -= n;
    if (dec.ended && this.left !== Number.POSITIVE_INFINITY)
      throw this.bad('the stream ends before the size its header declares');
    return n > 0 ? dec.buf.subarray(at, at + n) : this.finish(); // no bytes: the end marker
  }

  private finish(): null {
    this.done = true;
    // joblib writes one stream and nothing after it
    if (!this.input.atEnd()) throw this.bad('bytes after the end of the lzma stream');
    return null;
  }
}

/** 0, 2^n or 2^n + 2^(n-1). */
function isPresetLike(d: number): boolean {
  if (d === 0) return true;
  for (let n = 0; n < 32; n++) if (d === 2 ** n || (n > 0 && d === 2 ** n + 2 ** (n - 1))) return true;
  return false;
}

export class LzmaSource implements ByteSource {
  private readonly input: Input;
  private readonly producer: Producer;
  private out: Uint8Array = new Uint8Array(0);
  private at = 0;
  private produced = 0;

  constructor(
    readAt: ReadAt,
    format: LzmaFormat,
    private readonly guard: LzmaGuard,
  ) {
    const bad = (why: string): Error => corrupt(format, why);
    this.input = new Input(readAt, () => bad('the file ends early'));
    const unsupported = (why: string): Error =>
      new PickleError(
        `xz data cannot be read: ${why}`,
        'recompress the model with joblib.dump(model, path, compress="xz")',
      );
    this.producer =
      format === 'xz'
        ? new XzReader(this.input, guard.maxDictionary, bad, unsupported)
        : new AloneReader(this.input, guard, bad);
  }

  read(into: Uint8Array): number {
    while (this.at === this.out.length) {
      const next = this.producer.produce(STEP);
      if (next === null) return 0;
      this.produced += next.length;
      checkOutput(this.guard, this.produced, this.input.offset);
      this.out = next;
      this.at = 0;
    }
    const n = Math.min(into.length, this.out.length - this.at);
    into.set(this.out.subarray(this.at, this.at + n));
    this.at += n;
    return n;
  }
}

/** The whole decompressed stream (in-memory reads), at most guard.maxBytes. */
export function decodeAll(readAt: ReadAt, format: LzmaFormat, guard: LzmaGuard): Uint8Array {
  const source = new LzmaSource(readAt, format, guard);
  const parts: Uint8Array[] = [];
  for (;;) {
    const part = new Uint8Array(STEP);
    const n = source.read(part);
    if (n === 0) break;
    parts.push(part.subarray(0, n));
  }
  return Buffer.concat(parts);
}
