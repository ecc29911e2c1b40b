/**
 * UTF-8 validity checked chunk by chunk as the file streams past (node:buffer's isUtf8 on
 * each chunk, a sequence cut by a chunk's end carried to the next), so a file whose only
 * non-UTF-8 byte is on row 900,000 is known to be Latin-1 at the end of the one pass.
 */
import { isUtf8 } from 'node:buffer';
import { copyOf } from './csv-bytes.js';

/** Bytes in the sequence a lead byte starts (1 for ASCII and for bytes no sequence starts with). */
function sequenceLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf7 ? 4 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xc0 && lead <= 0xdf ? 2 : 1;
}

/** Where an incomplete sequence at the end of bytes[from, len) starts; len when the end is complete. */
function incompleteTail(bytes: Uint8Array, from: number): number {
  const len = bytes.length;
  for (let i = len - 1; i >= from && i >= len - 3; i--) {
    const b = bytes[i]!;
    if (b < 0x80) return len;
    if (b >= 0xc0) return i + sequenceLength(b) > len ? i : len;
  }
  return len;
}

export class Utf8Check {
  private carry: Uint8Array = new Uint8Array(0);
  private ok = true;

  push(chunk: Uint8Array): void {
    if (!this.ok || chunk.length === 0) return;
    let from = 0;
    if (this.carry.length > 0) {
      const need = sequenceLength(this.carry[0]!) - this.carry.length;
      const joined = new Uint8Array(this.carry.length + Math.min(need, chunk.length));
      joined.set(this.carry);
      joined.set(chunk.subarray(0, Math.min(need, chunk.length)), this.carry.length);
      if (chunk.length < need) {
        this.carry = joined;
        return;
      }
      this.carry = new Uint8Array(0);
      if (!isUtf8(joined)) {
        this.ok = false;
        return;
      }
      from = need;
    }
    const end = incompleteTail(chunk, from);
    if (!isUtf8(chunk.subarray(from, end))) this.ok = false;
    else this.carry = copyOf(chunk, end, chunk.length);
  }

  /** True when every byte pushed was UTF-8 (a sequence left incomplete at the end is not). */
  end(): boolean {
    if (this.carry.length > 0) this.ok = false;
    return this.ok;
  }
}
