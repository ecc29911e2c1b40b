// readAndHash: the bytes and their SHA-256; a large file is hashed on a second thread
// (a worker), which this observes by counting the workers started.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readAndHash } from '../../src/collect/file-hash.js';
import { tempProject } from '../helpers.js';

const workers = vi.hoisted(() => ({ started: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      workers.started++;
    }
  }
  return { ...real, Worker: CountedWorker };
});

describe('readAndHash', () => {
  it.each([
    [1 << 10, 0],
    [40 << 20, 1],
  ])('returns the bytes of a %i-byte file and their SHA-256, hashed on %i worker thread(s)', async (size, threads) => {
    const file = join(tempProject(), 'm.pkl');
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) & 0xff;
    writeFileSync(file, bytes);
    workers.started = 0;
    const r = readAndHash(file, size);
    expect(Buffer.compare(r.bytes, bytes)).toBe(0);
    expect(await r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(workers.started).toBe(threads);
  });
});
