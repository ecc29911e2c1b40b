/**
 * What sits beside a configured file that is missing, so the warning can say
 * "data/apps.csv not found (data/ holds apps.jsonl)": the usual fix is a path or a name.
 */
import { readdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { JsonValue } from '../report-data.js';

/** At most this many names; the warning says how many more there are. */
export const MAX_SIBLINGS = 5;

/**
 * The warning values for a missing file: `file`, its folder `dir` ("data/") and
 * `siblings`, the names in that folder (sorted, hidden files left out, folders with a
 * trailing "/"), or null when the folder itself does not exist; `more` counts the rest.
 */
export async function missingFileValues(abs: string, label: string): Promise<Record<string, JsonValue>> {
  const dirLabel = label.includes('/') ? `${dirname(label)}/` : './';
  let names: string[] | null;
  try {
    const entries = await readdir(dirname(abs), { withFileTypes: true });
    names = entries
      .filter((e) => !e.name.startsWith('.') && e.name !== basename(abs))
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
      .sort();
  } catch {
    names = null;
  }
  return {
    file: label,
    dir: dirLabel,
    siblings: names && names.slice(0, MAX_SIBLINGS),
    more: names ? Math.max(0, names.length - MAX_SIBLINGS) : 0,
  };
}
