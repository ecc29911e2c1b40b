// The hostile corpus's manifest (scripts/make-hostile.py): what each crafted file attacks,
// what Python did with it, and what mlops-report must answer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const HOSTILE = join(import.meta.dirname, '..', 'fixtures', 'hostile');

export interface Expected {
  readonly verdict?: 'safe' | 'unknown' | 'dangerous';
  readonly dangerous_imports?: string[];
  readonly outcome?: 'answered' | 'refused' | 'refused-or-written-inside';
  readonly reason?: string;
  readonly or_refused?: string;
  /** Answered, with a warning whose text matches REFUSAL[warning] (a metrics input that cannot be read degrades). */
  readonly warning?: string;
  readonly output?: string;
}

export interface Entry {
  readonly file: string;
  readonly class: string;
  readonly attack: string;
  readonly expected: Expected;
  readonly python: { readonly checked: boolean; readonly payload_ran?: boolean };
  readonly companions?: string[];
  readonly bounds?: { readonly max_seconds: number; readonly max_peak_mb: number };
  readonly generated_at_test_time?: boolean;
}

export const MANIFEST = JSON.parse(readFileSync(join(HOSTILE, 'manifest.json'), 'utf8')) as { files: Entry[] };

/**
 * What a refusal's message must say for each reason of the manifest. A streamed bomb may
 * be refused at its first bytes (they are not a pickle) before any limit is reached; a
 * link to /dev/zero is refused first for leading outside the root.
 */
export const REFUSAL: Readonly<Record<string, RegExp>> = {
  'limit:items': /limits\.max_(pickle_items|container_items|expansion_ratio)|expands more than/,
  'limit:memo': /limits\.max_memo_entries|expands more than/,
  'limit:int-bytes': /limits\.max_int_bytes/,
  'limit:int-digits': /more than 4300 decimal digits/,
  'limit:work': /limits\.max_tree_work|expands more than/,
  'limit:decompressed-bytes': /expands more than|decompresses to more than|limits\.max_model_bytes|not a pickle opcode/,
  'limit:metrics-bytes': /limits\.max_metrics_bytes/,
  'limit:metrics-depth': /limits\.max_metrics_depth/,
  'limit:csv-line': /limits\.max_csv_line_bytes/,
  'invalid-json': /not valid JSON/,
  'not-found': /production_model\.pkl not found/,
  'invalid-model': /tree|feature/,
  'not-a-regular-file': /is (a FIFO \(named pipe\)|a device|a folder), not a|outside the project root/,
  'input-outside-root': /resolves to a file outside the project root; not read/,
  differential: /numpy dtype spelled|not spelled as numpy writes|\.npy/,
};

/** Markers the payloads create (/tmp/mlops-report-PWNED-<id>): none may ever appear. */
export const MARKER = /^mlops-report-PWNED-/;
