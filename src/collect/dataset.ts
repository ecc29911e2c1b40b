/**
 * Statistics of the training data, streamed: nothing holds the whole file, so a 1.5 GB
 * CSV runs in bounded memory. The format is read from the content, not the name: Parquet
 * (magic "PAR1", hyparquet), JSON Lines (a line starting with "{"), else delimited text
 * (udsv: RFC 4180 quoting; delimiter and line ending inferred from the header).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { inferSchema, initParser, type Parser } from 'udsv';
import { ReportError, invalidInput } from '../errors.js';
import type { CategoryCount } from '../report-data.js';

/** Cells counted as missing, as pandas reads them by default (plus the empty cell). */
const MISSING = new Set(['', 'NaN', 'nan', 'NA', 'N/A', 'n/a', 'null', 'NULL', 'None', '#N/A']);

/** Distinct rows remembered for duplicate counting (8 bytes each, at most 64 MiB of table); past it the count is a lower bound. */
const MAX_DISTINCT_ROWS = 4_000_000;

export type DataFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

export interface TableStats {
  readonly format: DataFormat;
  readonly rows: number;
  readonly columns: string[];
  readonly categoryColumn: string;
  readonly categories: CategoryCount[];
  /** Missing cells per column, in column order. */
  readonly missing: { readonly [column: string]: number };
  /** Rows equal to an earlier row. */
  readonly duplicates: number;
  /** False when there were too many distinct rows to remember them all. */
  readonly duplicatesExact: boolean;
  /** The text was not UTF-8 and was read as Latin-1. */
  readonly latin1: boolean;
}

/**
 * Row hashes in an open-addressing table of float64 slots (0 = empty): 8 bytes a row
 * instead of a Set's ~50, grown by doubling up to MAX_DISTINCT_ROWS.
 */
class RowHashes {
  private table = new Float64Array(1 << 16);
  private count = 0;

  /** Adds `h` (a non-zero 53-bit hash); returns true if it was there already, null when full. */
  add(h: number): boolean | null {
    if ((this.count + 1) * 2 > this.table.length) {
      if (this.table.length * 2 > MAX_DISTINCT_ROWS * 2) return this.has(h) ? true : null;
      this.grow();
    }
    const t = this.table, mask = t.length - 1;
    for (let i = h % t.length; ; i = (i + 1) & mask) {
      if (t[i] === 0) {
        t[i] = h;
        this.count++;
        return false;
      }
      if (t[i] === h) return true;
    }
  }

  private has(h: number): boolean {
    const t = this.table, mask = t.length - 1;
    for (let i = h % t.length; t[i] !== 0; i = (i + 1) & mask) if (t[i] === h) return true;
    return false;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    const t = this.table, mask = t.length - 1;
    for (const h of old) {
      if (h === 0) continue;
      let i = h % t.length;
      while (t[i] !== 0) i = (i + 1) & mask;
      t[i] = h;
    }
  }
}

function findColumn(columns: string[], wanted: string): number {
  const exact = columns.indexOf(wanted);
  if (exact >= 0) return exact;
  return columns.findIndex((c) => c.trim().toLowerCase() === wanted.toLowerCase());
}

/** Counts rows, categories, missing cells and duplicates as rows stream past. */
class Tally {
  rows = 0;
  duplicates = 0;
  exact = true;
  private readonly counts = new Map<string, number>();
  private readonly missing: number[];
  private readonly seen = new RowHashes();

  constructor(readonly columns: string[], private readonly cat: number) {
    this.missing = columns.map(() => 0);
  }

  /** One pass over the fields: missing cells, and a 53-bit hash of the row (cyrb53, fields separated). */
  add(row: readonly string[]): void {
    this.rows++;
    const c = row[this.cat] ?? '';
    this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
    let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
    for (let i = 0; i < this.columns.length; i++) {
      const f = row[i] ?? '';
      if (f.length <= 4 && MISSING.has(f)) this.missing[i]!++; // every missing marker is short
      for (let j = 0; j < f.length; j++) {
        const ch = f.charCodeAt(j);
        h1 = Math.imul(h1 ^ ch, 2654435761);
        h2 = Math.imul(h2 ^ ch, 1597334677);
      }
      h1 = Math.imul(h1 ^ 0x1f, 2654435761); // field separator, so "a,bc" ≠ "ab,c"
      h2 = Math.imul(h2 ^ 0x1f, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const seen = this.seen.add(4294967296 * (2097151 & h2) + (h1 >>> 0) + 1);
    if (seen === true) this.duplicates++;
    else if (seen === null) this.exact = false;
  }

  result(format: DataFormat, latin1: boolean): TableStats {
    return {
      format,
      rows: this.rows,
      columns: this.columns,
      categoryColumn: this.columns[this.cat]!,
      categories: [...this.counts]
        .map(([category, count]) => ({ category, count }))
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
      missing: Object.fromEntries(this.columns.map((c, i) => [c, this.missing[i]!])),
      duplicates: this.duplicates,
      duplicatesExact: this.exact,
      latin1,
    };
  }
}

function tallyFor(columns: string[], categoryColumn: string, label: string): Tally {
  const cat = findColumn(columns, categoryColumn);
  if (cat < 0) {
    throw invalidInput(label, `no "${categoryColumn}" column; the columns are: ${columns.slice(0, 20).join(', ')}${columns.length > 20 ? ', …' : ''}`, 'rename the column, or set data_options.category_column in mlops-report.config.json');
  }
  return new Tally(columns, cat);
}

/** udsv infers the schema from a sample; it needs the header plus a row or two. */
const SAMPLE_CHARS = 64 * 1024;

async function readDelimited(path: string, label: string, categoryColumn: string, encoding: 'utf8' | 'latin1'): Promise<TableStats | 'not-utf8'> {
  let parser: Parser | null = null;
  let tally: Tally | null = null;
  let sample = '';
  const onRow = (row: string[]): void => tally!.add(row);
  const start = (text: string): void => {
    const schema = inferSchema(text);
    tally = tallyFor(schema.cols.map((c) => c.name), categoryColumn, label);
    parser = initParser(schema);
    parser.chunk(text, parser.stringArrs, onRow);
  };
  const stream = createReadStream(path, { encoding, highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      if (parser) {
        (parser as Parser).chunk(chunk, (parser as Parser).stringArrs, onRow);
        continue;
      }
      sample += sample === '' && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk; // drop a BOM
      if (encoding === 'utf8' && sample.includes('\ufffd')) return 'not-utf8';
      if (sample.length >= SAMPLE_CHARS) {
        start(sample);
        sample = '';
      }
    }
  } finally {
    stream.destroy();
  }
  if (!parser) {
    if (sample.trim() === '') throw invalidInput(label, 'the file is empty', 'the data file needs a header row and at least one row of data');
    start(sample);
  }
  (parser as unknown as Parser).end();
  const t = tally as unknown as Tally;
  return t.result((parser as unknown as Parser).schema.col === '\t' ? 'tsv' : 'csv', encoding === 'latin1');
}

const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) : String(v));

async function readJsonLines(path: string, label: string, categoryColumn: string): Promise<TableStats> {
  let tally: Tally | null = null;
  let line = 0;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      throw invalidInput(label, `line ${line} is not JSON`, 'JSON Lines files hold one JSON object per line');
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw invalidInput(label, `line ${line} is not a JSON object`);
    tally ??= tallyFor(Object.keys(obj), categoryColumn, label);
    const o = obj as Record<string, unknown>;
    tally.add(tally.columns.map((c) => cell(o[c])));
  }
  if (!tally) throw invalidInput(label, 'the file is empty', 'the data file needs at least one row');
  return tally.result('jsonl', false);
}

/** Rows per Parquet read: bounds memory to one slice of every column. */
const PARQUET_SLICE = 65_536;

async function readParquet(path: string, label: string, categoryColumn: string): Promise<TableStats> {
  const file = await asyncBufferFromFile(path);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw invalidInput(label, `not a readable Parquet file (${(e as Error).message})`);
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const tally = tallyFor(columns, categoryColumn, label);
  const total = Number(metadata.num_rows);
  for (let start = 0; start < total; start += PARQUET_SLICE) {
    await parquetRead({
      file,
      metadata,
      rowStart: start,
      rowEnd: Math.min(total, start + PARQUET_SLICE),
      onComplete: (rows: unknown[][]) => {
        for (const r of rows) tally.add(r.map(cell));
      },
    });
  }
  return tally.result('parquet', false);
}

async function sniff(path: string): Promise<'parquet' | 'jsonl' | 'text'> {
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

/** Streams a data file and counts rows, categories, missing cells and duplicates. */
export async function readTableStats(path: string, label: string, categoryColumn: string): Promise<TableStats> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ReportError('INPUT_MISSING', `${label}: file not found`, { hint: 'check --data or "data" in the config' });
  if (info.isDirectory()) throw invalidInput(label, 'is a folder, not a data file', 'point --data at the CSV file');
  if (info.size === 0) throw invalidInput(label, 'the file is empty', 'the data file needs a header row and at least one row of data');
  const kind = await sniff(path);
  const stats =
    kind === 'parquet'
      ? await readParquet(path, label, categoryColumn)
      : kind === 'jsonl'
        ? await readJsonLines(path, label, categoryColumn)
        : await readDelimited(path, label, categoryColumn, 'utf8').then((r) => (r === 'not-utf8' ? readDelimited(path, label, categoryColumn, 'latin1') : r));
  if (stats === 'not-utf8') throw new Error('unreachable: Latin-1 always decodes');
  if (stats.rows === 0) throw invalidInput(label, 'has a header but no rows', 'the data file needs at least one row of data');
  return stats;
}
