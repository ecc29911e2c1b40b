/**
 * The compressed side of the LZMA decoders: a file (or bytes in memory) read forward
 * through one small buffer, so a compressed model is never held whole either.
 */
import { readSync } from 'node:fs';

/** Copies the bytes at `offset` into `into`; returns how many (0 at the end). */
export type ReadAt = (into: Uint8Array, offset: number) => number;

export const fileReader =
  (fd: number): ReadAt =>
  (into, offset) =>
    readSync(fd, into, 0, into.length, offset);

export const memoryReader =
  (bytes: Uint8Array): ReadAt =>
  (into, offset) => {
    const n = Math.max(0, Math.min(into.length, bytes.length - offset));
    into.set(bytes.subarray(offset, offset + n));
    return n;
  };

/** Where the range decoder takes its bytes: buf[pos, end), and more() to refill it (false: no more). */
export interface RangeInput {
  buf: Uint8Array;
  pos: number;
  end: number;
  more(): boolean;
}

/** A forward cursor over compressed input; `truncated` is the error for reading past its end. */
export class Input implements RangeInput {
  buf = new Uint8Array(64 << 10);
  pos = 0;
  end = 0;
  /** Input offset of buf[end]. */
  private next = 0;

  constructor(
    private readonly readAt: ReadAt,
    private readonly truncated: () => Error,
  ) {}

  /** Bytes consumed so far (what the expansion ratio is measured against). */
  get offset(): number {
    return this.next - (this.end - this.pos);
  }

  more(): boolean {
    if (this.pos < this.end) return true;
    const n = this.readAt(this.buf, this.next);
    this.pos = 0;
    this.end = n;
    this.next += n;
    return n > 0;
  }

  /** True when every byte has been consumed. */
  atEnd(): boolean {
    return !this.more();
  }

  byte(): number {
    if (this.pos === this.end && !this.more()) throw this.truncated();
    return this.buf[this.pos++]!;
  }

  /** The next n bytes, copied into `into` (from its start) or a new array. */
  bytes(n: number, into: Uint8Array = new Uint8Array(n)): Uint8Array {
    for (let got = 0; got < n;) {
      if (this.pos === this.end && !this.more()) throw this.truncated();
      const k = Math.min(n - got, this.end - this.pos);
      into.set(this.buf.subarray(this.pos, this.pos + k), got);
      this.pos += k;
      got += k;
    }
    return into.subarray(0, n);
  }

  /** A little-endian unsigned 32-bit integer. */
  u32(): number {
    const b = this.bytes(4);
    return (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  }
}
