// Shared by the tests: a throwaway copy of the repository's sample inputs.
import { cpSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..');

/** A fixed clock for reproducible reports. */
export const FIXED_NOW = new Date('2026-01-10T10:00:00Z');

/**
 * Copies models/ and data/ into a new temporary folder (no git there, so dates come from
 * file times, which are pinned) and returns its path.
 */
export function sampleProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-sample-'));
  cpSync(join(REPO, 'models'), join(dir, 'models'), { recursive: true });
  cpSync(join(REPO, 'data'), join(dir, 'data'), { recursive: true });
  const t = new Date('2026-01-09T08:00:00Z');
  utimesSync(join(dir, 'data', 'apps.csv'), t, t);
  return dir;
}
