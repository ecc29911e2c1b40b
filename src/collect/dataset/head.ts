/**
 * The first rows of a data file, as text per column: what label-column detection looks at
 * (collect/dataset/label.ts). The one thing it asks of a data reader, kept small on purpose:
 * column names and up to `rows` values per column, read from the start of the file only.
 */
import { open } from 'node:fs/promises';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { pandasNames } from './column-names.js';
import { parseDelimitedText } from './csv-text.js';
import { sniff } from './index.js';

export interface TableHead {
  readonly columns: string[];
  /** Up to `rows` values per column, as text ('' for a missing cell). */
  readonly sample: Record<string, string[]>;
}

/** Bytes of delimited text read for the sample: enough for hundreds of ordinary rows. */
const HEAD_BYTES = 256 * 1024;

const text = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object'
      ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))
      : String(v);

function byColumn(columns: string[], rows: readonly (readonly unknown[])[]): TableHead {
  return { columns, sample: Object.fromEntries(columns.map((c, i) => [c, rows.map((r) => text(r[i]))])) };
}

/** The file's first `bytes` bytes as text, without a cut last line (when the read stopped inside one). */
async function headText(path: string, bytes: number): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(bytes), 0, bytes, 0);
    const raw = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\ufeff/, '');
    // cut after the last newline (a regex anchored at the end tries every position: 30 ms on 1 MiB)
    return bytesRead === bytes ? raw.slice(0, raw.lastIndexOf('\n') + 1) : raw;
  } finally {
    await fh.close();
  }
}

async function delimitedHead(path: string, rows: number): Promise<TableHead> {
  const table = parseDelimitedText(await headText(path, HEAD_BYTES));
  if (!table) return { columns: [], sample: {} };
  // the names the data pass gives the columns (pandas': a.1 for a repeat, Unnamed: 2 for none)
  return byColumn(pandasNames(table.header), table.rows.slice(0, rows));
}

/** Only the start of the file, like delimited text: a 100 MB line must not be read whole for a sample. */
async function jsonLinesHead(path: string, rows: number): Promise<TableHead> {
  const objects: Record<string, unknown>[] = [];
  for (const line of (await headText(path, 4 * HEAD_BYTES)).split('\n')) {
    if (line.trim() === '') continue;
    try {
      const o: unknown = JSON.parse(line);
      if (typeof o === 'object' && o !== null && !Array.isArray(o)) objects.push(o as Record<string, unknown>);
    } catch {
      break; // the stats pass reports the bad line
    }
    if (objects.length >= rows) break;
  }
  const columns = objects.length ? Object.keys(objects[0]!) : [];
  return byColumn(
    columns,
    objects.map((o) => columns.map((c) => o[c])),
  );
}

async function parquetHead(path: string, rows: number): Promise<TableHead> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  let data: unknown[][] = [];
  await parquetRead({
    file,
    metadata,
    rowStart: 0,
    rowEnd: Math.min(rows, Number(metadata.num_rows)),
    onComplete: (r: unknown[][]) => {
      data = r;
    },
  });
  return byColumn(columns, data);
}

/** Column names and the first `rows` values of each; throws like the full read on a broken file. */
export async function readTableHead(path: string, rows = 500): Promise<TableHead> {
  const kind = await sniff(path);
  return kind === 'parquet'
    ? parquetHead(path, rows)
    : kind === 'jsonl'
      ? jsonLinesHead(path, rows)
      : delimitedHead(path, rows);
}
