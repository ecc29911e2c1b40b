/**
 * LZ4 frames (what joblib writes with compress='lz4', through python-lz4's lz4.frame)
 * decoded one block at a time as the parser pulls, never the whole output: the native
 * one-call decoder would materialise up to 255 bytes per byte of input. Format: the LZ4
 * frame and block specifications (lz4/lz4 doc/lz4_Frame_format.md, lz4_Block_format.md).
 */
import { readSync } from 'node:fs';
import type { ByteSource } from './byte-reader.js';
import { checkOutput, type OutputGuard } from './decode-guard.js';
import { PickleError } from './pickle-error.js';

const MAGIC = 0x184d2204;
const HISTORY = 64 << 10;

export class Lz4Source implements ByteSource {
  private at = 0; // file offset
  private out = new Uint8Array(HISTORY + (4 << 20));
  private outStart = 0; // next byte to hand out
  private outEnd = 0;
  private produced = 0;
  private blockChecksum = false;
  private contentChecksum = false;
  private inFrame = false;
  private done = false;

  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly guard: OutputGuard,
  ) {}

  private bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    const got = n === 0 ? 0 : readSync(this.fd, b, 0, n, this.at);
    if (got < n) throw new PickleError('lz4 data is corrupt or truncated: the frame ends early');
    this.at += n;
    return b;
  }

  private u32(): number {
    return new DataView(this.bytes(4).buffer).getUint32(0, true);
  }

  private frameHeader(): void {
    if (this.u32() !== MAGIC) throw new PickleError('lz4 data is corrupt: not an LZ4 frame');
    const [flg, bd] = this.bytes(2) as unknown as [number, number];
    if (flg >> 6 !== 1) throw new PickleError('lz4 data is corrupt: unknown frame version');
    this.blockChecksum = (flg & 0x10) !== 0;
    this.contentChecksum = (flg & 0x04) !== 0;
    const maxBlock = [0, 0, 0, 0, 64 << 10, 256 << 10, 1 << 20, 4 << 20][(bd >> 4) & 7] ?? 0;
    if (maxBlock === 0) throw new PickleError('lz4 data is corrupt: bad block size');
    this.bytes((flg & 0x08 ? 8 : 0) + (flg & 0x01 ? 4 : 0) + 1); // content size, dictionary id, header checksum
    this.inFrame = true;
  }

  /** Decodes the next block after the history kept at the front of `out`. */
  private nextBlock(): boolean {
    while (!this.inFrame) {
      if (this.at >= this.size) return false;
      this.frameHeader();
    }
    const word = this.u32();
    if (word === 0) {
      if (this.contentChecksum) this.bytes(4);
      this.inFrame = false;
      return this.nextBlock();
    }
    const len = word & 0x7fffffff;
    const block = this.bytes(len);
    if (this.blockChecksum) this.bytes(4);
    // keep the last 64 KiB as the history later matches may copy from
    const keep = Math.min(HISTORY, this.outEnd);
    this.out.copyWithin(0, this.outEnd - keep, this.outEnd);
    this.outStart = this.outEnd = keep;
    if (word & 0x80000000) this.write(block, 0, len);
    else this.decode(block);
    this.produced += this.outEnd - this.outStart;
    checkOutput(this.guard, this.produced, this.at);
    return true;
  }

  private write(src: Uint8Array, s: number, n: number): void {
    this.room(n);
    this.out.set(src.subarray(s, s + n), this.outEnd);
    this.outEnd += n;
  }

  private room(n: number): void {
    if (this.outEnd + n <= this.out.length) return;
    const grown = new Uint8Array(Math.max(this.out.length * 2, this.outEnd + n));
    grown.set(this.out.subarray(0, this.outEnd));
    this.out = grown;
  }

  private decode(b: Uint8Array): void {
    const corrupt = (): PickleError => new PickleError('lz4 data is corrupt: a block reads outside itself');
    let p = 0;
    while (p < b.length) {
      const token = b[p++]!;
      let lit = token >> 4;
      if (lit === 15) for (let x = 255; x === 255 && p < b.length; lit += x) x = b[p++]!;
      if (p + lit > b.length) throw corrupt();
      this.write(b, p, lit);
      p += lit;
      if (p >= b.length) break; // the last sequence has literals only
      if (p + 2 > b.length) throw corrupt();
      const offset = b[p]! | (b[p + 1]! << 8);
      p += 2;
      let m = (token & 15) + 4;
      if ((token & 15) === 15) for (let x = 255; x === 255 && p < b.length; m += x) x = b[p++]!;
      if (offset === 0 || offset > this.outEnd) throw corrupt();
      this.room(m);
      const o = this.out;
      for (let i = 0, from = this.outEnd - offset; i < m; i++) o[this.outEnd++] = o[from + i]!; // may overlap
    }
  }

  read(into: Uint8Array): number {
    while (this.outStart >= this.outEnd) {
      if (this.done || !this.nextBlock()) {
        this.done = true;
        return 0;
      }
    }
    const n = Math.min(into.length, this.outEnd - this.outStart);
    into.set(this.out.subarray(this.outStart, this.outStart + n));
    this.outStart += n;
    return n;
  }
}
