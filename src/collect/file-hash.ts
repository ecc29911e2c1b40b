/**
 * A model file's SHA-256, computed beside the parse: a large file is hashed by a worker
 * thread that reads the file itself (its own 1 MiB buffer; the page cache serves both
 * readers), so the main thread streams the pickle meanwhile and no copy of the file is
 * shared or held. A small file is hashed on the main thread (a thread costs more).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Below this, hashing on the main thread is cheaper than starting a thread. */
const WORKER_THRESHOLD = 8 << 20;

const CHUNK = 1 << 20;

// Inline worker code, so there is no extra file to ship and find.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const hash = createHash('sha256'), buf = Buffer.allocUnsafe(${CHUNK});
const fd = fs.openSync(workerData.path, 'r');
try {
  for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
} finally { fs.closeSync(fd); }
parentPort.postMessage(hash.digest('hex'));
`;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function hashHere(path: string): string {
  const hash = createHash('sha256'),
    buf = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(path, 'r');
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * The SHA-256 of `path` (`size` bytes, from stat). A large file's hash runs on a worker
 * started now, so call this before parsing the file. Rejects with the fs error.
 */
export function hashFile(path: string, size: number): Promise<string> {
  if (size < WORKER_THRESHOLD) {
    try {
      return Promise.resolve(hashHere(path));
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }
  const worker = new Worker(WORKER, { eval: true, workerData: { path } });
  return new Promise<string>((resolve, reject) => {
    worker.once('message', (hex: string) => resolve(hex));
    worker.once('error', reject);
  });
}
