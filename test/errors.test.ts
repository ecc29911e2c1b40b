// fromFsError: the one place an errno becomes a ReportError, checked on real fs failures.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromFsError, ReportError } from '../src/errors.js';
import { tempProject } from './helpers.js';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable(),
    (e: unknown) => e,
  );

describe('fromFsError', () => {
  it('says "not found" with the missing code, "is a folder" and "cannot <action> (<errno>)"', async () => {
    const dir = tempProject();
    mkdirSync(join(dir, 'folder'));
    writeFileSync(join(dir, 'file'), '');
    const missing = fromFsError(await failure(readFile(join(dir, 'nope'))), 'nope', {
      missing: 'CONFIG_INVALID',
      kind: 'config file',
    });
    expect([missing.code, missing.message]).toEqual(['CONFIG_INVALID', 'nope: config file not found']);
    const folder = fromFsError(await failure(readFile(join(dir, 'folder'))), 'folder', { kind: 'model file' });
    expect([folder.code, folder.message]).toEqual(['INPUT_INVALID', 'folder: is a folder, not a model file']);
    const write = fromFsError(await failure(writeFile(join(dir, 'file', 'x'), '')), 'file', {
      code: 'OUTPUT_FAILED',
      write: true,
      action: 'write the report',
    });
    expect([write.code, write.message]).toEqual(['OUTPUT_FAILED', 'file: cannot write the report (ENOTDIR)']);
    for (const e of [missing, folder, write]) {
      expect(e).toBeInstanceOf(ReportError);
      expect(e.hint).toMatch(/\S/);
    }
  });
});
