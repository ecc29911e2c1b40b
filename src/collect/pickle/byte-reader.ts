import { PickleError } from './pickle-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Where a streamed pickle's bytes come from: a file, or a decompressor (source.ts). */
export interface ByteSource {
  /** Copies the next bytes into `into` (as many as it has, up to into.length); 0 means the end. */
  read(into: Uint8Array): number;
}

/** The window a streamed reader keeps by default; payloads larger than half of it are read straight into their own buffer. */
export const DEFAULT_WINDOW = 4 << 20;

/**
 * A cursor over the pickle bytes, either all in memory (payloads are zero-copy views) or
 * streamed from a ByteSource through a bounded window (payloads are copies that own their
 * memory, so a tree's arrays can be released once read). Positions are absolute in both.
 */
export class ByteReader {
  private readonly buf: Uint8Array;
  private readonly view: DataView;
  /** Absolute offset of buf[0]; bytes buf[0, end) are valid. */
  private base = 0;
  private end: number;
  private eof: boolean;
  position: number;

  constructor(
    bytes: Uint8Array,
    start = 0,
    private readonly source: ByteSource | null = null,
    /** Streamed: the most bytes the input can hold (a file's size, or the decompression limit), and the error past it. */
    private readonly bound: { readonly bytes: number; readonly error: (need: number) => Error } | null = null,
  ) {
    this.buf = bytes;
    this.view = new DataView(bytes.buffer); // indexed with buf.byteOffset added
    this.end = source ? 0 : bytes.length;
    this.eof = source === null;
    this.position = start;
  }

  /** A reader that pulls from `source` through a window of `window` bytes. */
  static streaming(
    source: ByteSource,
    window = DEFAULT_WINDOW,
    bound: { readonly bytes: number; readonly error: (need: number) => Error } | null = null,
  ): ByteReader {
    return new ByteReader(new Uint8Array(Math.max(16, window)), 0, source, bound);
  }

  /** Reads to the end of the input (a compressed stream's length is known only there). */
  drain(): void {
    while (this.hasNext()) this.position = this.base + this.end;
  }

  /** The first n bytes of the input (fewer if it is shorter), without moving. */
  head(n: number): Uint8Array {
    if (this.position !== 0 || this.base !== 0) throw new Error('head() is for the start of the input');
    this.fill(Math.min(n, this.buf.length));
    return this.buf.subarray(0, Math.min(n, this.end));
  }

  /** Bytes read so far (all of them, for an in-memory reader). */
  get length(): number {
    return this.base + this.end;
  }

  hasNext(): boolean {
    return this.position < this.base + this.end || this.fill(1);
  }

  /** Makes bytes [position, position + n) available in the window if the input has them; false at the end. */
  private fill(n: number): boolean {
    if (this.eof) return false;
    let at = this.position - this.base;
    if (at + n > this.buf.length) {
      // move what is left to the front (the window never grows: longer reads go to take())
      this.buf.copyWithin(0, at, this.end);
      this.end -= at;
      this.base += at;
      at = 0;
    }
    while (this.end < at + n) {
      const got = this.source!.read(this.buf.subarray(this.end));
      if (got === 0) {
        this.eof = true;
        break;
      }
      this.end += got;
    }
    return this.end >= at + n;
  }

  /** Offset in buf of n bytes at the position, which then moves past them. */
  private advance(n: number): number {
    const at = this.position - this.base;
    if (n < 0 || (at + n > this.end && (n > this.buf.length || !this.fill(n)))) {
      throw new PickleError(
        `truncated: expected ${n} more bytes at offset ${this.position}, the file has ${this.length}`,
      );
    }
    this.position += n;
    return this.position - n - this.base;
  }

  byte(): number {
    return this.buf[this.advance(1)]!;
  }

  /**
   * n bytes that stay valid: a view when the whole input is in memory, else a copy that
   * owns its memory (read straight from the source when it is larger than half the window).
   */
  take(n: number): Uint8Array {
    if (!this.source) {
      const at = this.advance(n);
      return this.buf.subarray(at, at + n);
    }
    if (n <= this.buf.length >> 1 || (n >= 0 && this.position + n <= this.base + this.end)) {
      const at = this.advance(n);
      return this.buf.slice(at, at + n);
    }
    if (n < 0) this.advance(n); // throws
    // a declared length past what the input can hold is refused before any memory is taken
    if (this.bound && this.position + n > this.bound.bytes) throw this.bound.error(this.position + n);
    // uninitialised (every byte is written below) and its own ArrayBuffer (released whole later)
    const raw = Buffer.allocUnsafeSlow(n);
    const out = new Uint8Array(raw.buffer, raw.byteOffset, n);
    const have = Math.min(n, this.base + this.end - this.position);
    out.set(this.buf.subarray(this.position - this.base, this.position - this.base + have));
    let got = have;
    while (got < n && !this.eof) {
      const r = this.source.read(out.subarray(got));
      if (r === 0) this.eof = true;
      got += r;
    }
    // the window is now behind the position: start it afresh there
    this.base = this.position + got;
    this.end = 0;
    if (got < n)
      throw new PickleError(
        `truncated: expected ${n} more bytes at offset ${this.position}, the file has ${this.position + got}`,
      );
    this.position += n;
    return out;
  }

  /** n bytes valid only until the next read (decoded at once: text, integers). */
  private peekTake(n: number): Uint8Array {
    if (!this.source || n <= this.buf.length) {
      const at = this.advance(n);
      return this.buf.subarray(at, at + n);
    }
    return this.take(n);
  }

  skip(n: number): void {
    if (!this.source || n <= this.buf.length) this.advance(n);
    else this.take(n);
  }

  uint16(): number {
    return this.view.getUint16(this.buf.byteOffset + this.advance(2), true);
  }

  int32(): number {
    return this.view.getInt32(this.buf.byteOffset + this.advance(4), true);
  }

  uint32(): number {
    return this.view.getUint32(this.buf.byteOffset + this.advance(4), true);
  }

  /** An 8-byte length; anything past 2^53 cannot be a real length in this file anyway. */
  uint64(): number {
    const at = this.buf.byteOffset + this.advance(8);
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    if (hi > 0x1fffff)
      throw new PickleError(`length ${hi} * 2^32 at offset ${this.position - 8} is larger than any file`);
    return hi * 2 ** 32 + lo;
  }

  /** Protocol ≥ 1 floats are big-endian IEEE 754 doubles. */
  float64BE(): number {
    return this.view.getFloat64(this.buf.byteOffset + this.advance(8), false);
  }

  utf8(n: number): string {
    return utf8.decode(this.peekTake(n));
  }

  /** Python 2 byte strings: one byte, one char code, so the bytes survive unchanged. */
  latin1(n: number): string {
    return latin1String(this.peekTake(n));
  }

  /** A newline-terminated text argument (protocol 0 opcodes), newline excluded; valid until the next read. */
  line(): Uint8Array {
    for (let at = this.position - this.base; ;) {
      const nl = this.buf.subarray(0, this.end).indexOf(0x0a, at);
      if (nl >= 0) {
        const out = this.buf.subarray(this.position - this.base, nl);
        this.position = this.base + nl + 1;
        return out;
      }
      const searched = this.end - (this.position - this.base);
      if (searched >= this.buf.length) return this.longLine();
      if (!this.fill(searched + 1)) throw new PickleError(`truncated: no end of line after offset ${this.position}`);
      at = this.position - this.base + searched;
    }
  }

  /** A line longer than the window (a protocol 0 STRING holding an array): gathered in pieces. */
  private longLine(): Uint8Array {
    const pieces: Uint8Array[] = [];
    for (;;) {
      const at = this.position - this.base;
      const nl = this.buf.subarray(0, this.end).indexOf(0x0a, at);
      const stop = nl >= 0 ? nl : this.end;
      pieces.push(this.buf.slice(at, stop));
      this.position = this.base + stop + (nl >= 0 ? 1 : 0);
      if (nl >= 0) return Buffer.concat(pieces);
      if (!this.fill(1)) throw new PickleError(`truncated: no end of line after offset ${this.position}`);
    }
  }

  lineText(): string {
    return latin1String(this.line());
  }
}

/** Bytes to a string of char codes 0–255; Buffer's latin1 decoder is the fast path. */
export function latin1String(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
