/**
 * The .xz container (the .xz file format, version 1.1.0) around LZMA2 data, read forward:
 * stream header; blocks (a header naming the filters, LZMA2 chunks, padding, the check of
 * the uncompressed bytes); the index; the stream footer; more streams right after it.
 * Nothing it declares is trusted: the sizes in block headers and in the index are compared
 * with what decoding gave, after it. Only the LZMA2 filter is read (what joblib writes);
 * BCJ and delta chains are refused.
 */
import { dictionaryTooLarge } from './decode-guard.js';
import { LzmaDecoder } from './lzma-decoder.js';
import type { Input, RangeInput } from './lzma-input.js';
import { BlockCheck, CHECK_NAMES, checkSize } from './xz-check.js';

const MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const LZMA2 = 0x21;
const OTHER_FILTERS: Readonly<Record<number, string>> = {
  0x03: 'delta',
  0x04: 'x86 BCJ',
  0x05: 'PowerPC BCJ',
  0x06: 'IA-64 BCJ',
  0x07: 'ARM BCJ',
  0x08: 'ARM-Thumb BCJ',
  0x09: 'SPARC BCJ',
  0x0a: 'ARM64 BCJ',
  0x0b: 'RISC-V BCJ',
};

const SIZE_LIE = 'a block is not the size its header declares';

/** One LZMA2 chunk's compressed bytes (at most 64 KiB), which its range decoder must use exactly. */
class ChunkInput implements RangeInput {
  buf = new Uint8Array(1 << 16);
  pos = 0;
  end = 0;
  more(): boolean {
    return this.pos < this.end;
  }
}

type Phase = 'stream' | 'block' | 'chunks' | 'after' | 'done';

export class XzReader {
  private phase: Phase = 'stream';
  private flags = 0;
  private check = new BlockCheck(0);
  /** (unpadded size, uncompressed size) of each block decoded in this stream, for the index. */
  private records: number[] = [];
  private decoder: LzmaDecoder | null = null;
  private readonly chunk = new ChunkInput();
  private blockStart = 0;
  private dataStart = 0;
  private headerSize = 0;
  private declared: { compressed: number | null; uncompressed: number | null } = {
    compressed: null,
    uncompressed: null,
  };
  private blockOut = 0;
  private indexSize = 0;
  // LZMA2 state within a block
  private chunkLeft = 0;
  private chunkStored = false;
  private needDictionaryReset = true;
  private needProperties = true;

  constructor(
    private readonly input: Input,
    private readonly maxDictionary: number,
    private readonly corrupt: (why: string) => Error,
    private readonly unsupported: (why: string) => Error,
  ) {}

  /**
   * Up to `max` more bytes of output (a view into the dictionary, valid until the next
   * call), or null at the end of the last stream.
   */
  produce(max: number): Uint8Array | null {
    for (;;) {
      switch (this.phase) {
        case 'stream':
          this.streamHeader();
          this.phase = 'block';
          break;
        case 'block':
          if (this.blockHeader()) this.phase = 'chunks';
          else {
            this.index();
            this.footer();
            this.phase = 'after';
          }
          break;
        case 'chunks': {
          const out = this.chunkData(max);
          if (out) {
            this.check.update(out);
            this.blockOut += out.length;
            // a block header that declares its size is held to it as decoding goes
            const declared = this.declared.uncompressed;
            if (declared !== null && this.blockOut > declared) throw this.corrupt(SIZE_LIE);
            return out;
          }
          this.blockEnd();
          this.phase = 'block';
          break;
        }
        case 'after':
          this.phase = this.nextStream() ? 'stream' : 'done';
          break;
        case 'done':
          return null;
      }
    }
  }

  private streamHeader(): void {
    const h = this.input.bytes(12);
    if (!MAGIC.every((x, i) => h[i] === x)) throw this.corrupt('not an xz stream header');
    if (!this.crcMatches(h.subarray(6, 8), h.subarray(8, 12))) throw this.corrupt('bad stream header CRC');
    if (h[6] !== 0 || h[7]! > 0x0f) throw this.unsupported('stream flags from a newer xz format');
    this.flags = h[7]!;
    this.records = [];
  }

  /** Reads a block header; false when the index comes instead. */
  private blockHeader(): boolean {
    this.blockStart = this.input.offset;
    const first = this.input.byte();
    if (first === 0) return false;
    const size = (first + 1) * 4;
    const h = new Uint8Array(size);
    h[0] = first;
    this.input.bytes(size - 1, h.subarray(1));
    if (!this.crcMatches(h.subarray(0, size - 4), h.subarray(size - 4))) throw this.corrupt('bad block header CRC');
    const flags = h[1]!;
    if (flags & 0x3c) throw this.unsupported('block flags from a newer xz format');
    const at = { i: 2 };
    const vli = (): number => this.varint(h, at, size - 4);
    this.declared = { compressed: flags & 0x40 ? vli() : null, uncompressed: flags & 0x80 ? vli() : null };
    if (this.declared.compressed === 0) throw this.corrupt('a block header declares no compressed data');
    const filters = (flags & 3) + 1;
    const ids: number[] = [];
    let dictByte = -1;
    for (let f = 0; f < filters; f++) {
      const id = vli();
      const propsSize = vli();
      if (at.i + propsSize > size - 4) throw this.corrupt('block header filter properties overflow');
      if (id === LZMA2 && propsSize === 1) dictByte = h[at.i]!;
      ids.push(id);
      at.i += propsSize;
    }
    if (h.subarray(at.i, size - 4).some((b) => b !== 0)) throw this.corrupt('block header padding is not zero');
    if (filters !== 1 || ids[0] !== LZMA2) {
      const names = ids.map((id) => OTHER_FILTERS[id] ?? (id === LZMA2 ? 'LZMA2' : `filter 0x${id.toString(16)}`));
      throw this.unsupported(
        `the filter chain ${names.join(' + ')} is not supported (only LZMA2 alone, what joblib and xz write by default)`,
      );
    }
    if (dictByte < 0 || dictByte > 40) throw this.corrupt('bad LZMA2 dictionary size');
    // 2 or 3 times a power of two, from 4 KiB; 40 means 4 GiB - 1
    const dict = dictByte === 40 ? 0xffffffff : (2 | (dictByte & 1)) * 2 ** ((dictByte >> 1) + 11);
    if (dict > this.maxDictionary) throw dictionaryTooLarge('xz', dict, this.maxDictionary);
    if (!this.decoder || this.decoder.size !== Math.max(4096, Math.ceil(dict / 16) * 16))
      this.decoder = new LzmaDecoder(dict, this.corrupt, false);
    this.headerSize = size;
    this.dataStart = this.input.offset;
    this.check = new BlockCheck(this.flags);
    this.blockOut = 0;
    this.chunkLeft = 0;
    this.needDictionaryReset = this.needProperties = true;
    return true;
  }

  /** The next bytes of the block's LZMA2 data, or null at its end marker (a 0x00 control byte). */
  private chunkData(max: number): Uint8Array | null {
    const dec = this.decoder!;
    while (this.chunkLeft === 0) if (!this.chunkHeader(dec)) return null;
    const room = dec.room(); // may wrap pos to the dictionary's start
    const n = Math.min(max, this.chunkLeft, room);
    const at = dec.pos;
    if (this.chunkStored) dec.putStored(this.input.bytes(n, dec.buf.subarray(at, at + n)));
    else dec.decode(n);
    this.chunkLeft -= n;
    if (this.chunkLeft === 0 && !this.chunkStored) {
      const c = this.chunk;
      if (dec.pending > 0 || !dec.rangeFinished || c.pos !== c.end) throw this.corrupt('an LZMA2 chunk ends badly');
    }
    return dec.buf.subarray(at, at + n);
  }

  /** Reads an LZMA2 chunk's control byte and header; false at the end of the LZMA2 data. */
  private chunkHeader(dec: LzmaDecoder): boolean {
    const input = this.input;
    const control = input.byte();
    if (control === 0) return false;
    if (control === 1 || control >= 0xe0) {
      dec.resetDictionary();
      this.needDictionaryReset = false;
      this.needProperties = true; // a new dictionary comes with new properties
    } else if (this.needDictionaryReset) throw this.corrupt('the first LZMA2 chunk does not reset the dictionary');
    if (control < 0x80) {
      if (control > 2) throw this.corrupt(`unknown LZMA2 control byte 0x${control.toString(16)}`);
      this.chunkLeft = this.u16() + 1;
      this.chunkStored = true;
      return true;
    }
    this.chunkLeft = (control & 0x1f) * 65536 + this.u16() + 1;
    const packed = this.u16() + 1;
    if (control >= 0xc0) {
      if (!dec.setProperties(input.byte(), 4)) throw this.corrupt('bad LZMA2 properties');
      this.needProperties = false;
      dec.resetState();
    } else if (this.needProperties) throw this.corrupt('an LZMA2 chunk without the properties it needs');
    else if (control >= 0xa0) dec.resetState();
    const c = this.chunk;
    input.bytes(packed, c.buf);
    const declared = this.declared.compressed;
    if (declared !== null && input.offset - this.dataStart > declared) throw this.corrupt(SIZE_LIE);
    c.pos = 0;
    c.end = packed;
    dec.start(c);
    this.chunkStored = false;
    return true;
  }

  private u16(): number {
    return this.input.byte() * 256 + this.input.byte();
  }

  /** After the LZMA2 data: the sizes the header declared, the padding, the check. */
  private blockEnd(): void {
    const compressed = this.input.offset - this.dataStart;
    const d = this.declared;
    if (
      (d.compressed !== null && d.compressed !== compressed) ||
      (d.uncompressed !== null && d.uncompressed !== this.blockOut)
    )
      throw this.corrupt(SIZE_LIE);
    const padding = this.input.bytes((4 - (compressed % 4)) % 4);
    if (padding.some((b) => b !== 0)) throw this.corrupt('block padding is not zero');
    const stored = this.input.bytes(checkSize(this.flags));
    if (!this.check.matches(stored))
      throw this.corrupt(`the ${CHECK_NAMES[this.flags] ?? 'check'} of a block does not match its data`);
    this.records.push(this.headerSize + compressed + stored.length, this.blockOut);
  }

  /** The index must list exactly the blocks decoded (it is never used to size anything). */
  private index(): void {
    const input = this.input;
    const start = this.blockStart; // the index indicator was read as a block header's first byte
    const raw: number[] = [0];
    const vli = (): number => {
      const bytes: number[] = [];
      do bytes.push(input.byte());
      while (bytes[bytes.length - 1]! & 0x80 && bytes.length < 9);
      raw.push(...bytes);
      return this.varint(Uint8Array.from(bytes), { i: 0 }, bytes.length);
    };
    const count = vli();
    if (count * 2 !== this.records.length) throw this.corrupt('the index does not list the blocks decoded');
    for (let r = 0; r < this.records.length; r++)
      if (vli() !== this.records[r]) throw this.corrupt('the index does not match the blocks decoded');
    const padding = input.bytes((4 - (raw.length % 4)) % 4);
    if (padding.some((b) => b !== 0)) throw this.corrupt('index padding is not zero');
    raw.push(...padding);
    if (!this.crcMatches(Uint8Array.from(raw), input.bytes(4))) throw this.corrupt('bad index CRC');
    this.indexSize = input.offset - start;
  }

  private footer(): void {
    const f = this.input.bytes(12);
    if (!this.crcMatches(f.subarray(4, 10), f.subarray(0, 4))) throw this.corrupt('bad stream footer CRC');
    const backward = ((f[4]! | (f[5]! << 8) | (f[6]! << 16) | (f[7]! << 24)) >>> 0) + 1;
    if (backward * 4 !== this.indexSize) throw this.corrupt('the stream footer does not match the index');
    if (f[8] !== 0 || f[9] !== this.flags || f[10] !== 0x59 || f[11] !== 0x5a)
      throw this.corrupt('the stream footer does not match the header');
  }

  /**
   * After a stream: the end, or another stream right after it. The format allows zero
   * padding between streams, but Python's LZMAFile (what joblib reads with) fails on it,
   * so it is refused like any other trailing bytes.
   */
  private nextStream(): boolean {
    const input = this.input;
    if (!input.more()) return false;
    if (input.buf[input.pos] !== MAGIC[0])
      throw this.corrupt('bytes after the end of the stream that are not another xz stream');
    return true;
  }

  /** A variable-length integer (7 bits a byte, low first) of h at at.i, before `end`. */
  private varint(h: Uint8Array, at: { i: number }, end: number): number {
    let value = 0;
    for (let k = 0; k < 9; k++) {
      if (at.i >= end) throw this.corrupt('a size field is cut short');
      const b = h[at.i++]!;
      if (k > 0 && b === 0) throw this.corrupt('a size field is not minimally encoded');
      value += (b & 0x7f) * 2 ** (7 * k);
      if (!(b & 0x80)) {
        if (value > Number.MAX_SAFE_INTEGER) throw this.corrupt('a size field is beyond any file');
        return value;
      }
    }
    throw this.corrupt('a size field is longer than 9 bytes');
  }

  private crcMatches(data: Uint8Array, stored: Uint8Array): boolean {
    const c = new BlockCheck(1);
    c.update(data);
    return c.matches(stored);
  }
}
