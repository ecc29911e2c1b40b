/**
 * Reading a model file and its SHA-256. A large file is read once, chunk by chunk, into
 * shared memory; a second thread hashes each chunk as soon as it is in, so the hash ends
 * about when the read does, and the main thread parses meanwhile. On a 228 MiB model
 * this takes the hash (about 130 ms) off the critical path without reading twice.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Below this, hashing on the main thread is cheaper than starting a thread. */
const WORKER_THRESHOLD = 32 << 20;

const CHUNK = 16 << 20;

// Inline worker code, so there is no extra file to ship and find. progress[0] holds how
// many bytes the reader has stored; the worker hashes up to there, then waits for more.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { sab, progress, size } = workerData;
const bytes = new Uint8Array(sab), done = new Int32Array(progress);
const hash = createHash('sha256');
function run() {
  let hashed = 0;
  while (hashed < size) {
    const ready = Atomics.load(done, 0);
    if (ready < 0) return; // the reader failed: no answer
    if (ready > hashed) { hash.update(bytes.subarray(hashed, ready)); hashed = ready; }
    else Atomics.wait(done, 0, ready, 1000);
  }
  parentPort.postMessage(hash.digest('hex'));
}
run();
`;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface ReadFile {
  readonly bytes: Buffer;
  readonly sha256: Promise<string>;
}

/** Reads `path` (`size` bytes, from stat) whole; its hash is computed alongside. Throws fs errors. */
export function readAndHash(path: string, size: number): ReadFile {
  // progress is an Int32: past 2 GiB, fall back to one plain read
  if (size < WORKER_THRESHOLD || size > 0x7fffffff) {
    const bytes = readFileSync(path);
    return { bytes, sha256: Promise.resolve(sha256Hex(bytes)) };
  }
  const sab = new SharedArrayBuffer(size);
  const progress = new SharedArrayBuffer(4);
  const done = new Int32Array(progress);
  const worker = new Worker(WORKER, { eval: true, workerData: { sab, progress, size } });
  const sha256 = new Promise<string>((resolve, reject) => {
    worker.once('message', (hex: string) => resolve(hex));
    worker.once('error', reject);
  });
  sha256.catch(() => undefined); // a read failure below is the error that matters
  const bytes = Buffer.from(sab);
  const fd = openSync(path, 'r');
  try {
    let at = 0;
    while (at < size) {
      const n = readSync(fd, bytes, at, Math.min(size - at, CHUNK), at);
      if (n === 0) throw new Error(`${path} shrank while it was read`);
      at += n;
      Atomics.store(done, 0, at);
      Atomics.notify(done, 0);
    }
  } catch (e) {
    Atomics.store(done, 0, -1);
    Atomics.notify(done, 0);
    throw e;
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256 };
}
