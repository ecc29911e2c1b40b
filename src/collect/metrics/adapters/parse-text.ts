/**
 * Text to values for the adapters: lenient JSON (Python's NaN/Infinity, read-json.ts is its
 * one home), git merge-conflict detection, small CSV/TSV tables. Pure: the caller reads the file.
 */
import { parseDelimitedText } from '../../dataset/csv-text.js';
import { NON_FINITE } from '../../read-json.js';

/** A JSON object (not null, not a list). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A finite number, or the name of the non-finite value ("NaN"), or null for anything else. */
export function numberOf(v: unknown): number | 'NaN' | 'Infinity' | '-Infinity' | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.startsWith(NON_FINITE)) return v.slice(NON_FINITE.length) as 'NaN';
  return null;
}

export interface ConflictSides {
  readonly ours: string;
  readonly theirs: string;
  readonly oursLabel: string;
  readonly theirsLabel: string;
  /** 1-based line of the first <<<<<<< marker. */
  readonly line: number;
}

/**
 * Unresolved git merge-conflict markers (<<<<<<<, =======, >>>>>>> at line starts), split
 * into the two versions of the whole file; null when the text has none.
 */
export function splitConflict(text: string): ConflictSides | null {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.startsWith('<<<<<<<'));
  if (first < 0 || !lines.some((l) => l.startsWith('>>>>>>>'))) return null;
  const ours: string[] = [],
    theirs: string[] = [];
  let state: 'both' | 'ours' | 'base' | 'theirs' = 'both';
  let oursLabel = '',
    theirsLabel = '';
  for (const l of lines) {
    if (l.startsWith('<<<<<<<')) {
      state = 'ours';
      oursLabel ||= l.slice(7).trim();
      continue;
    }
    if (l.startsWith('|||||||') && state === 'ours') {
      state = 'base';
      continue;
    }
    if (l.startsWith('=======') && state !== 'both') {
      state = 'theirs';
      continue;
    }
    if (l.startsWith('>>>>>>>') && state === 'theirs') {
      state = 'both';
      theirsLabel ||= l.slice(7).trim();
      continue;
    }
    if (state === 'both' || state === 'ours') ours.push(l);
    if (state === 'both' || state === 'theirs') theirs.push(l);
  }
  return {
    ours: ours.join('\n'),
    theirs: theirs.join('\n'),
    oursLabel: oursLabel || 'ours',
    theirsLabel: theirsLabel || 'theirs',
    line: first + 1,
  };
}

/** A delimited table as objects: numbers where a cell is a plain number, strings otherwise. */
export function parseTable(text: string): Record<string, string | number>[] | null {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  if (!/[,\t;|]/.test(firstLine)) return null;
  const table = parseDelimitedText(clean);
  if (!table || table.header.length < 2) return null;
  const header = table.header.map((h) => h.trim());
  return table.rows
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) =>
      Object.fromEntries(
        header.map((h, i) => {
          const cell = (r[i] ?? '').trim();
          return [h, cell !== '' && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell) ? Number(cell) : cell];
        }),
      ),
    );
}
