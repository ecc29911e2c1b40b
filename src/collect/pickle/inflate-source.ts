/**
 * A compressed model's pickle stream, decompressed as it is read and never held whole:
 * a worker thread reads the file and decompresses (zlib, gzip and joblib's ZF with Node's
 * zlib streams, bz2 with seek-bzip one block at a time) into a ring of shared memory; the
 * parser pulls from the ring and waits (Atomics.wait) when it is empty, the worker when it
 * is full. Memory is the ring, whatever the expansion. The worker stops and reports when the
 * output passes `maxBytes`, or when it grows past `ratioFloor` bytes at more than
 * `maxRatio` bytes out per byte in (a compression bomb).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { ByteSource } from './byte-reader.js';

export type StreamCodec = 'zlib' | 'gzip' | 'zfile' | 'bz2';

const RING = 8 << 20;
/** ctl[0]: the state (running, done, failed; 3 = the reader stopped); ctl[1]: a change counter to wait on. */
const DONE = 1,
  FAILED = 2;

// Inline worker, so there is no extra file to ship and find. Positions (bytes written and
// read) are float64 in pos[], beyond Int32's 2 GiB; ctl carries the state and wake-ups.
const WORKER = `
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { ring, ctlBuf, posBuf, errBuf, path, codec, maxBytes, maxRatio, ratioFloor, bzipPath } = workerData;
const data = new Uint8Array(ring), ctl = new Int32Array(ctlBuf), pos = new Float64Array(posBuf);
const size = data.length;
let wrote = 0, readIn = 0;
function fail(msg) {
  new Uint8Array(errBuf).set(Buffer.from(msg.slice(0, 1000)));
  Atomics.store(ctl, 0, 2); Atomics.add(ctl, 1, 1); Atomics.notify(ctl, 1);
  throw new Error('stop');
}
function check() {
  if (wrote > maxBytes) fail('limit:' + maxBytes);
  if (wrote > ratioFloor && wrote > maxRatio * Math.max(readIn, 1)) fail('ratio:' + Math.round(wrote / Math.max(readIn, 1)));
}
function put(chunk) {
  let at = 0;
  while (at < chunk.length) {
    if (Atomics.load(ctl, 0) === 3) throw new Error('stop'); // the reader is gone
    const free = size - (wrote - pos[1]);
    if (free <= 0) { const c = Atomics.load(ctl, 1); Atomics.wait(ctl, 1, c, 200); continue; }
    const w = wrote % size, n = Math.min(chunk.length - at, free, size - w);
    data.set(chunk.subarray(at, at + n), w);
    at += n; wrote += n; pos[0] = wrote;
    Atomics.add(ctl, 1, 1); Atomics.notify(ctl, 1);
  }
  check();
}
function done() { Atomics.store(ctl, 0, 1); Atomics.add(ctl, 1, 1); Atomics.notify(ctl, 1); }
try {
  if (codec === 'bz2') {
    const Bunzip = require(bzipPath);
    const input = fs.readFileSync(path);
    const inStream = new Bunzip.Stream();
    inStream.pos = 0;
    inStream.readByte = function () { readIn = this.pos + 1; return this.pos < input.length ? input[this.pos++] : -1; };
    inStream.seek = function (p) { this.pos = p; };
    inStream.eof = function () { return this.pos >= input.length; };
    const block = { buf: Buffer.allocUnsafe(1 << 20), n: 0, writeByte(b) {
      if (this.n === this.buf.length) { put(this.buf); this.n = 0; }
      this.buf[this.n++] = b; } };
    const bz = new Bunzip(inStream, block);
    for (;;) {
      if (inStream.eof()) break;
      if (bz._init_block()) { bz._read_bunzip(); continue; }
      const crc = bz.reader.read(32) >>> 0;
      if (crc !== bz.streamCRC) fail('corrupt:bad stream CRC');
      if (!inStream.eof()) bz._start_bunzip(inStream, block); else break;
    }
    put(block.buf.subarray(0, block.n));
    done();
  } else {
    const z = codec === 'gzip' ? zlib.createGunzip() : zlib.createInflate();
    const src = fs.createReadStream(path, { start: codec === 'zfile' ? 21 : 0, highWaterMark: 1 << 16 });
    src.on('data', (c) => { readIn += c.length; });
    z.on('data', (c) => { try { put(c); } catch (e) { src.destroy(); z.destroy(); } });
    z.on('end', done);
    z.on('error', (e) => { try { fail('corrupt:' + e.message); } catch {} });
    src.on('error', (e) => { try { fail('io:' + e.message); } catch {} });
    src.pipe(z);
  }
} catch (e) {
  if (e.message !== 'stop') { try { fail('corrupt:' + (e.message || String(e))); } catch {} }
}
`;

export interface InflateFailure {
  readonly kind: 'limit' | 'ratio' | 'corrupt' | 'io';
  readonly detail: string;
}

/** The decompressed stream of `path`, pulled synchronously; `onFail` turns a worker's report into the error to throw. */
export class InflateSource implements ByteSource {
  private readonly data: Uint8Array;
  private readonly ctl: Int32Array;
  private readonly pos: Float64Array;
  private readonly err: Uint8Array;
  private readonly worker: Worker;
  private taken = 0;

  constructor(
    path: string,
    codec: StreamCodec,
    limits: { readonly maxBytes: number; readonly maxRatio: number; readonly ratioFloor: number },
    private readonly onFail: (f: InflateFailure) => Error,
  ) {
    const ring = new SharedArrayBuffer(RING);
    const ctlBuf = new SharedArrayBuffer(8),
      posBuf = new SharedArrayBuffer(16),
      errBuf = new SharedArrayBuffer(1024);
    this.data = new Uint8Array(ring);
    this.ctl = new Int32Array(ctlBuf);
    this.pos = new Float64Array(posBuf);
    this.err = new Uint8Array(errBuf);
    const bzipPath = createRequire(import.meta.url).resolve('seek-bzip');
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: { ring, ctlBuf, posBuf, errBuf, path, codec, ...limitsFor(limits), bzipPath },
    });
    this.worker.unref();
  }

  read(into: Uint8Array): number {
    for (;;) {
      const seen = Atomics.load(this.ctl, 1);
      const avail = this.pos[0]! - this.taken;
      if (avail > 0) {
        const at = this.taken % RING,
          n = Math.min(avail, into.length, RING - at);
        into.set(this.data.subarray(at, at + n));
        this.taken += n;
        this.pos[1] = this.taken;
        Atomics.add(this.ctl, 1, 1);
        Atomics.notify(this.ctl, 1);
        return n;
      }
      const state = Atomics.load(this.ctl, 0);
      if (state === DONE) {
        if (this.pos[0]! > this.taken) continue; // written just before it said done
        return 0;
      }
      if (state === FAILED) {
        const text = Buffer.from(this.err).toString('utf8').replace(/\0+$/, '');
        const colon = text.indexOf(':');
        throw this.onFail({ kind: text.slice(0, colon) as InflateFailure['kind'], detail: text.slice(colon + 1) });
      }
      Atomics.wait(this.ctl, 1, seen, 1000);
    }
  }

  /** Stops the worker (the parse ended, or failed). */
  close(): void {
    Atomics.store(this.ctl, 0, 3);
    Atomics.add(this.ctl, 1, 1);
    Atomics.notify(this.ctl, 1);
    void this.worker.terminate();
  }
}

const limitsFor = (l: { maxBytes: number; maxRatio: number; ratioFloor: number }) => ({
  maxBytes: l.maxBytes,
  maxRatio: l.maxRatio,
  ratioFloor: l.ratioFloor,
});
