/**
 * The one way files are replaced: each new content is written beside its target under a
 * unique temporary name, and only once every one is written are they renamed over their
 * targets (a rename is atomic on one file system). A failure while writing leaves every
 * target as it was and no temporary file behind.
 */
import fse from 'fs-extra';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export interface Replacement {
  readonly target: string;
  readonly data: string | Uint8Array;
}

/** Replaces the targets with their data, all or (up to the renames) none. Throws fs errors. */
export async function replaceFiles(replacements: readonly Replacement[]): Promise<void> {
  const temps: { tmp: string; target: string }[] = [];
  try {
    for (const { target, data } of replacements) {
      const tmp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
      temps.push({ tmp, target });
      await fse.writeFile(tmp, data, { flag: 'wx' });
    }
    for (const { tmp, target } of temps) await fse.rename(tmp, target);
  } finally {
    // after a rename the temporary name is gone and remove() is a no-op
    await Promise.all(temps.map(({ tmp }) => fse.remove(tmp)));
  }
}
