import { PickleError } from './pickle-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * A cursor over the pickle bytes. Payload reads return zero-copy views of the input,
 * so a 300 MB model is never copied just to be parsed.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  position = 0;

  constructor(bytes: Uint8Array, start = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.position = start;
  }

  get length(): number {
    return this.bytes.length;
  }

  hasNext(): boolean {
    return this.position < this.bytes.length;
  }

  private advance(n: number): number {
    const at = this.position;
    if (n < 0 || at + n > this.bytes.length) {
      throw new PickleError(`truncated: expected ${n} more bytes at offset ${at}, the file has ${this.bytes.length}`);
    }
    this.position = at + n;
    return at;
  }

  byte(): number {
    return this.bytes[this.advance(1)]!;
  }

  take(n: number): Uint8Array {
    const at = this.advance(n);
    return this.bytes.subarray(at, at + n);
  }

  skip(n: number): void {
    this.advance(n);
  }

  uint16(): number {
    return this.view.getUint16(this.advance(2), true);
  }

  int32(): number {
    return this.view.getInt32(this.advance(4), true);
  }

  uint32(): number {
    return this.view.getUint32(this.advance(4), true);
  }

  /** An 8-byte length; anything past 2^53 cannot be a real length in this file anyway. */
  uint64(): number {
    const at = this.advance(8);
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    if (hi > 0x1fffff) throw new PickleError(`length ${hi} * 2^32 at offset ${at} is larger than any file`);
    return hi * 2 ** 32 + lo;
  }

  /** Protocol ≥ 1 floats are big-endian IEEE 754 doubles. */
  float64BE(): number {
    return this.view.getFloat64(this.advance(8), false);
  }

  utf8(n: number): string {
    return utf8.decode(this.take(n));
  }

  /** Python 2 byte strings: one byte, one char code, so the bytes survive unchanged. */
  latin1(n: number): string {
    return latin1String(this.take(n));
  }

  /** A newline-terminated text argument (protocol 0 opcodes), newline excluded. */
  line(): Uint8Array {
    const end = this.bytes.indexOf(0x0a, this.position);
    if (end < 0) throw new PickleError(`truncated: no end of line after offset ${this.position}`);
    const out = this.bytes.subarray(this.position, end);
    this.position = end + 1;
    return out;
  }

  lineText(): string {
    return latin1String(this.line());
  }
}

/** Bytes to a string of char codes 0–255; Buffer's latin1 decoder is the fast path. */
export function latin1String(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
