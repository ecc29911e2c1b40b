import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAndHash } from '../../src/collect/file-hash.js';

describe('readAndHash', () => {
  it.each([1 << 10, 40 << 20])(
    'returns the bytes and their SHA-256 (%i bytes; large files hash on a second thread)',
    async (size) => {
      const file = join(mkdtempSync(join(tmpdir(), 'mlops-hash-')), 'm.pkl');
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096) & 0xff;
      writeFileSync(file, bytes);
      const r = readAndHash(file, size);
      expect(Buffer.compare(r.bytes, bytes)).toBe(0);
      expect(await r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    },
  );
});
