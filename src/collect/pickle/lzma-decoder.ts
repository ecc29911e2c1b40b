/**
 * The LZMA decoder shared by .lzma files and the LZMA2 chunks of .xz files, written from
 * the LZMA SDK's lzma-specification.txt. Two parts:
 * - a range decoder: every bit of the stream is decoded against an adaptive probability
 *   (11 bits, moved 1/32 of the way towards each bit seen), the "probability models";
 * - the dictionary: the last `size` bytes of output. A symbol is a literal byte, or a
 *   match (copy `len` bytes from `distance` back, or from one of the last four distances).
 *
 * Output is produced in bounded steps straight into the dictionary (decode(max)), so the
 * caller hands it out and checks its limits between steps; a match cut by a step's end is
 * finished by the next. The dictionary is the only large allocation: it grows with the
 * output, up to the size the stream declares (which the caller has capped).
 */
import type { RangeInput } from './lzma-input.js';

const TOP = 1 << 24; // the range is renormalised (a byte shifted in) below this
const PROB_INIT = 1024; // probabilities are out of 2048; start at one half
const MIN_MATCH = 2;
const END_MARKER = 0xffffffff; // the distance that ends an lzma stream of unknown size

// Every probability model lives in one array; these are their offsets. `state` (0–11)
// remembers the kinds of the last few symbols, `posState` the low bits of the position.
const IS_MATCH = 0; // [state][posState]: a match, or a literal?
const IS_REP = IS_MATCH + 12 * 16; // [state]: a repeated distance?
const IS_REP_G0 = IS_REP + 12; // [state]: the last distance?
const IS_REP_G1 = IS_REP_G0 + 12; // … the second last?
const IS_REP_G2 = IS_REP_G1 + 12; // … the third (else the fourth)?
const IS_REP0_LONG = IS_REP_G2 + 12; // [state][posState]: more than one byte at the last distance?
const POS_SLOT = IS_REP0_LONG + 12 * 16; // [min(len, 3)][64]: the distance's top bits (6-bit trees)
const SPEC_POS = POS_SLOT + 4 * 64; // the middle bits of distances of slots 4–13 (reverse trees)
const ALIGN = SPEC_POS + 115; // the low 4 bits of distances of slots 14 and up (a reverse tree)
// a length model: two choice bits, then 3-bit trees per posState for 2–9 and 10–17, and 8 bits for 18–273
const CHOICE = 0,
  CHOICE2 = 1,
  LOW = 2,
  MID = LOW + 16 * 8,
  HIGH = MID + 16 * 8,
  LEN_SIZE = HIGH + 256;
const LEN = ALIGN + 16; // the length of a new match
const REP_LEN = LEN + LEN_SIZE; // the length of a repeated one
const LITERAL = REP_LEN + LEN_SIZE; // [literal context][0x300]: 8-bit trees, plain and "matched"

/** The dictionary starts this small and doubles as the output grows (a small model never pays for a large one). */
const FIRST_WINDOW = 256 << 10;

export class LzmaDecoder {
  /** The dictionary, a ring once it has its full size; bytes are written at `pos`. */
  buf: Uint8Array;
  pos = 0;
  /** The dictionary's full size: a multiple of 16, so posState (pos & 15 at most) survives wrapping. */
  readonly size: number;
  /** Bytes of output the dictionary holds (how far back a match may reach). */
  private full = 0;
  /** An end marker was decoded (its stream is complete). */
  ended = false;

  private probs: Uint16Array;
  private lc = 0;
  private lpMask = 0;
  private pbMask = 0;
  private state = 0;
  private rep0 = 0; // the last four distances, minus one
  private rep1 = 0;
  private rep2 = 0;
  private rep3 = 0;
  /** Bytes of a match still to copy when the last step ended in its middle. */
  pending = 0;

  private range = 0;
  private code = 0;
  private input: RangeInput | null = null;

  constructor(
    dictionarySize: number,
    /** The error for a stream that breaks the format (the caller names the format). */
    private readonly corrupt: (why: string) => Error,
    /** lzma-alone streams may end with a marker; LZMA2 chunks have exact sizes instead. */
    private readonly markerAllowed: boolean,
  ) {
    this.size = Math.max(4096, Math.ceil(dictionarySize / 16) * 16);
    this.buf = new Uint8Array(Math.min(this.size, FIRST_WINDOW));
    this.probs = new Uint16Array(LITERAL + 0x300);
  }

  /** lc, lp, pb from a properties byte (lc + lp × 9 + pb × 45); false when it is out of range. */
  setProperties(props: number, maxLcLp = 12): boolean {
    if (props >= 9 * 5 * 5) return false;
    const lc = props % 9,
      lp = Math.floor(props / 9) % 5,
      pb = Math.floor(props / 45);
    if (lc + lp > maxLcLp) return false;
    this.lc = lc;
    this.lpMask = (1 << lp) - 1;
    this.pbMask = (1 << pb) - 1;
    const length = LITERAL + (0x300 << (lc + lp));
    if (this.probs.length !== length) this.probs = new Uint16Array(length);
    return true;
  }

  /** Every probability back to one half, the state and distances to zero. */
  resetState(): void {
    this.probs.fill(PROB_INIT);
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
    this.pending = 0;
  }

  /** Forgets the dictionary's content (an LZMA2 dictionary reset); the caller has handed out every byte. */
  resetDictionary(): void {
    this.pos = 0;
    this.full = 0;
  }

  /** Starts the range decoder on `input`: a zero byte, then the 32-bit code. */
  start(input: RangeInput): void {
    this.input = input;
    const first = this.next();
    this.range = -1; // 0xffffffff
    this.code = 0;
    for (let i = 0; i < 4; i++) this.code = (this.code << 8) | this.next();
    if (first !== 0 || this.code === -1) throw this.corrupt('bad range coder start');
  }

  /** The range decoder ends at zero once the encoder flushed (the stream's last bytes are consumed). */
  get rangeFinished(): boolean {
    return this.code === 0;
  }

  /** Room for output at `pos`: grows the dictionary, or wraps it once full. The bytes that fit before its end. */
  room(): number {
    if (this.pos === this.buf.length) {
      if (this.buf.length < this.size) {
        const grown = new Uint8Array(Math.min(this.size, this.buf.length * 2));
        grown.set(this.buf);
        this.buf = grown;
      } else this.pos = 0;
    }
    return this.buf.length - this.pos;
  }

  /** Stored bytes (an LZMA2 uncompressed chunk) into the dictionary: n ≤ room(). */
  putStored(from: Uint8Array): void {
    this.buf.set(from, this.pos);
    this.pos += from.length;
    this.full = Math.min(this.size, this.full + from.length);
  }

  /** The next compressed byte. */
  private next(): number {
    const input = this.input!;
    if (input.pos === input.end && !input.more()) throw this.corrupt('the data ends early');
    return input.buf[input.pos++]!;
  }

  /**
   * One bit against probability `i`, which then adapts towards it. range and code are
   * unsigned 32-bit values kept in int32 variables (V8's fast integers), so every
   * comparison reads them through >>> 0.
   */
  private bit(i: number): number {
    const probs = this.probs;
    const p = probs[i]!;
    const bound = Math.imul(this.range >>> 11, p);
    let b = 0;
    if (this.code >>> 0 < bound >>> 0) {
      this.range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
    } else {
      this.range = (this.range - bound) | 0;
      this.code = (this.code - bound) | 0;
      probs[i] = p - (p >>> 5);
      b = 1;
    }
    if (this.range >>> 0 < TOP) {
      this.range <<= 8;
      this.code = (this.code << 8) | this.next();
    }
    return b;
  }

  /** An n-bit number, most significant bit first, through a binary tree of probabilities at `base`. */
  private tree(base: number, n: number): number {
    let m = 1;
    for (let i = 0; i < n; i++) m = (m << 1) | this.bit(base + m);
    return m - (1 << n);
  }

  /** An n-bit number, least significant bit first (distances' low bits). */
  private reverse(base: number, n: number): number {
    let m = 1,
      value = 0;
    for (let i = 0; i < n; i++) {
      const b = this.bit(base + m);
      m = (m << 1) | b;
      value |= b << i;
    }
    return value;
  }

  /** n bits at probability one half (the middle bits of far distances). */
  private direct(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i++) {
      this.range = (this.range >>> 1) | 0;
      let b = 0;
      if (this.code >>> 0 >= this.range >>> 0) {
        this.code = (this.code - this.range) | 0;
        b = 1;
      }
      // a valid encoder never leaves code equal to range: the bytes were not made by one
      if (this.code === this.range) throw this.corrupt('bad range coder state');
      value = value * 2 + b;
      if (this.range >>> 0 < TOP) {
        this.range <<= 8;
        this.code = (this.code << 8) | this.next();
      }
    }
    return value;
  }

  /** A match length minus 2 (0–271). */
  private length(base: number, posState: number): number {
    if (this.bit(base + CHOICE) === 0) return this.tree(base + LOW + posState * 8, 3);
    if (this.bit(base + CHOICE2) === 0) return 8 + this.tree(base + MID + posState * 8, 3);
    return 16 + this.tree(base + HIGH, 8);
  }

  /** A match distance minus 1: a 6-bit slot (the top two bits and how many follow), then the rest. */
  private distance(len: number): number {
    const slot = this.tree(POS_SLOT + (len < 3 ? len : 3) * 64, 6);
    if (slot < 4) return slot;
    const bits = (slot >>> 1) - 1;
    const high = (2 | (slot & 1)) * 2 ** bits; // up to 3 × 2^30: past int32
    if (slot < 14) return high + this.reverse(SPEC_POS + high - slot, bits);
    return high + this.direct(bits - 4) * 16 + this.reverse(ALIGN, 4);
  }

  /** Copies n bytes from distance rep + 1 back to `pos` (the ranges may overlap: a run repeats). */
  private copy(pos: number, rep: number, n: number): void {
    const buf = this.buf;
    let from = pos - rep - 1;
    if (from < 0) from += buf.length; // only once the ring is full (rep < full)
    if (n > 32 && (from + n <= pos || (from > pos && from + n <= buf.length))) {
      buf.copyWithin(pos, from, from + n);
      return;
    }
    for (let i = 0; i < n; i++) {
      buf[pos + i] = buf[from++]!;
      if (from === buf.length) from = 0;
    }
  }

  /**
   * Decodes up to `max` bytes at `pos` (the caller made room: max ≤ room()). Returns the
   * bytes written: `max`, or fewer when the end marker is met (`ended`).
   */
  decode(max: number): number {
    const buf = this.buf,
      start = this.pos,
      stop = start + max,
      full = this.full,
      size = this.size;
    let pos = start;
    if (this.pending > 0) {
      const n = Math.min(this.pending, max);
      this.copy(pos, this.rep0, n);
      pos += n;
      this.pending -= n;
    }
    let state = this.state;
    while (pos < stop) {
      const posState = pos & this.pbMask;
      if (this.bit(IS_MATCH + state * 16 + posState) === 0) {
        buf[pos] = this.literal(pos, state, full + pos - start > 0);
        pos++;
        state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
        continue;
      }
      let len: number;
      if (this.bit(IS_REP + state) === 1) {
        if (full + pos - start === 0) throw this.corrupt('a repeated match before any output');
        if (this.bit(IS_REP_G0 + state) === 0) {
          if (this.bit(IS_REP0_LONG + state * 16 + posState) === 0) {
            // a "short rep": the one byte at the last distance
            let from = pos - this.rep0 - 1;
            if (from < 0) from += buf.length;
            buf[pos++] = buf[from]!;
            state = state < 7 ? 9 : 11;
            continue;
          }
        } else {
          let d: number;
          if (this.bit(IS_REP_G1 + state) === 0) d = this.rep1;
          else {
            if (this.bit(IS_REP_G2 + state) === 0) d = this.rep2;
            else {
              d = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = d;
        }
        len = this.length(REP_LEN, posState);
        state = state < 7 ? 8 : 11;
      } else {
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        len = this.length(LEN, posState);
        state = state < 7 ? 7 : 10;
        const d = this.distance(len);
        if (d === END_MARKER) {
          if (!this.markerAllowed) throw this.corrupt('an end marker inside an LZMA2 chunk');
          if (this.code !== 0) throw this.corrupt('bad range coder state at the end marker');
          this.ended = true;
          break;
        }
        if (d >= Math.min(size, full + pos - start)) throw this.corrupt('a match reaches before the start of the data');
        this.rep0 = d;
      }
      len += MIN_MATCH;
      const n = Math.min(len, stop - pos);
      this.copy(pos, this.rep0, n);
      pos += n;
      this.pending = len - n;
    }
    this.state = state;
    this.pos = pos;
    this.full = Math.min(size, full + pos - start);
    return pos - start;
  }

  /** After the declared size of an lzma-alone stream, only an end marker may follow (when the coder is not at zero). */
  endMarker(): void {
    const state = this.state,
      posState = this.pos & this.pbMask;
    if (
      this.bit(IS_MATCH + state * 16 + posState) === 0 ||
      this.bit(IS_REP + state) === 1 ||
      this.distance(this.length(LEN, posState)) !== END_MARKER ||
      this.code !== 0
    )
      throw this.corrupt('more data than the size the header declares');
    this.ended = true;
  }

  /** A literal byte: 8 bits through the tree of its context (the previous byte's top lc bits, the position's low lp bits). */
  private literal(pos: number, state: number, any: boolean): number {
    const buf = this.buf;
    const prev = any ? buf[pos > 0 ? pos - 1 : buf.length - 1]! : 0;
    const base = LITERAL + 0x300 * (((pos & this.lpMask) << this.lc) + (prev >>> (8 - this.lc)));
    let symbol = 1;
    if (state >= 7) {
      // after a match, the byte at the last distance predicts this one until they differ
      let from = pos - this.rep0 - 1;
      if (from < 0) from += buf.length;
      let match = buf[from]!;
      do {
        const matchBit = (match >>> 7) & 1;
        match <<= 1;
        const b = this.bit(base + ((1 + matchBit) << 8) + symbol);
        symbol = (symbol << 1) | b;
        if (matchBit !== b) break;
      } while (symbol < 0x100);
    }
    while (symbol < 0x100) symbol = (symbol << 1) | this.bit(base + symbol);
    return symbol & 0xff;
  }
}
