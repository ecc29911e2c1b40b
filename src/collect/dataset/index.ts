/**
 * Statistics of the training data, streamed: nothing holds the whole file, so a 1.5 GB
 * CSV runs in bounded memory. The format is read from the content, not the name: Parquet
 * (magic "PAR1"), JSON Lines (a line starting with "{"), else delimited text (our own
 * byte-level scanner: RFC 4180 quoting, delimiter inferred from the header, every record
 * counted as pandas counts it, ragged ones named).
 */
import { open, stat } from 'node:fs/promises';
import { ReportError, invalidInput } from '../../errors.js';
import { readDelimited } from './delimited.js';
import { readJsonLines } from './json-lines.js';
import { readParquet } from './parquet.js';
import type { TableStats } from './table-stats.js';

export type { DataFormat, TableStats } from './table-stats.js';
export { SAMPLE_ROWS } from './table-stats.js';

/** The format from the first bytes: Parquet magic, a JSON object line, else delimited text. */
export async function sniff(path: string): Promise<'parquet' | 'jsonl' | 'text'> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(512), 0, 512, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
    return /^\s*\{/.test(head.toString('utf8').replace(/^\ufeff/, '')) ? 'jsonl' : 'text';
  } finally {
    await fh.close();
  }
}

/** Streams a data file and counts rows, categories, missing cells, duplicates and malformed rows. */
export async function readTableStats(
  path: string,
  label: string,
  categoryColumn: string,
  maxLineBytes?: number,
): Promise<TableStats> {
  const info = await stat(path).catch(() => null);
  if (!info)
    throw new ReportError('INPUT_MISSING', `${label}: file not found`, {
      hint: 'check --data or "data" in the config',
    });
  if (info.isDirectory()) throw invalidInput(label, 'is a folder, not a data file', 'point --data at the CSV file');
  if (info.size === 0)
    throw invalidInput(label, 'the file is empty', 'the data file needs a header row and at least one row of data');
  const kind = await sniff(path);
  const stats =
    kind === 'parquet'
      ? await readParquet(path, label, categoryColumn)
      : kind === 'jsonl'
        ? await readJsonLines(path, label, categoryColumn, maxLineBytes)
        : await readDelimited(path, label, categoryColumn, maxLineBytes === undefined ? {} : { maxLineBytes });
  if (stats.rows === 0)
    throw invalidInput(label, 'has a header but no rows', 'the data file needs at least one row of data');
  return stats;
}
