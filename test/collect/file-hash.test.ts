// hashFile: a file's SHA-256; a large file is hashed by a second thread (a worker) that
// reads the file itself, which this observes by counting the workers started.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hashFile } from '../../src/collect/file-hash.js';
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

describe('hashFile', () => {
  it.each([
    [1 << 10, 0],
    [40 << 20, 1],
  ])('returns the SHA-256 of a %i-byte file, hashed on %i worker thread(s)', async (size, threads) => {
    const file = join(tempProject(), 'm.pkl');
    const bytes = Buffer.alloc(size);
    for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) & 0xff;
    writeFileSync(file, bytes);
    workers.started = 0;
    expect(await hashFile(file, size)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(workers.started).toBe(threads);
  });
});
