/**
 * Where an input may lead: a committed symbolic link may point at /proc/self/environ or
 * /etc/passwd, so an input resolving outside the project root is refused, unless the
 * command line named it (or its models folder).
 */
import { stat } from 'node:fs/promises';
import type { Config } from '../config/load.js';
import { assertInside, notRegular, specialKind } from '../input-file.js';

/** Refuses `path` when it resolves outside the root (or outside a models folder named on the command line). */
export async function guardInput(config: Config, path: string, label: string, kind: 'models' | 'data'): Promise<void> {
  if (kind === 'data' && config.explicit.data) return;
  const inModelsDir = kind === 'models' && config.explicit.modelsDir;
  await assertInside(
    path,
    inModelsDir ? config.modelsDir : config.root,
    label,
    inModelsDir ? 'the models folder' : undefined,
  );
}

/**
 * guardInput, then refuses a FIFO, a device or a socket at once: readers that open by name
 * would wait forever on a FIFO or read /dev/zero without end. A folder is left to the caller.
 */
export async function guardRegular(
  config: Config,
  path: string,
  label: string,
  kind: 'models' | 'data',
  what: string,
): Promise<void> {
  await guardInput(config, path, label, kind);
  const info = await stat(path).catch(() => null);
  const special = info && specialKind(info);
  if (special && special !== 'a folder') throw notRegular(label, special, what);
}
