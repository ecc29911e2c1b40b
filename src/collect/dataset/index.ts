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
import { ReportError, invalidInput } from '../../errors.js';
import { Tally, tallyFor, type TableStats } from './tally.js';

export type { DataFormat, TableStats } from './tally.js';

/** udsv infers the schema from a sample; it needs the header plus a row or two. */
const SAMPLE_CHARS = 64 * 1024;

async function readDelimited(
  path: string,
  label: string,
  categoryColumn: string,
  encoding: 'utf8' | 'latin1',
): Promise<TableStats | 'not-utf8'> {
  let parser: Parser | null = null;
  let tally: Tally | null = null;
  let sample = '';
  const onRow = (row: string[]): void => tally!.add(row);
  const start = (text: string): void => {
    const schema = inferSchema(text);
    tally = tallyFor(
      schema.cols.map((c) => c.name),
      categoryColumn,
      label,
    );
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
    if (sample.trim() === '')
      throw invalidInput(label, 'the file is empty', 'the data file needs a header row and at least one row of data');
    start(sample);
  }
  (parser as unknown as Parser).end();
  const t = tally as unknown as Tally;
  return t.result((parser as unknown as Parser).schema.col === '\t' ? 'tsv' : 'csv', encoding === 'latin1');
}

const cell = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'object'
        ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))
        : String(v);

async function readJsonLines(path: string, label: string, categoryColumn: string): Promise<TableStats> {
  let tally: Tally | null = null;
  let line = 0;
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      throw invalidInput(label, `line ${line} is not JSON`, 'JSON Lines files hold one JSON object per line');
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
      throw invalidInput(label, `line ${line} is not a JSON object`);
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

/** UTF-8 text, or, when its first 64 KB are not valid UTF-8, the same file as Latin-1. */
async function readText(path: string, label: string, categoryColumn: string): Promise<TableStats> {
  const utf8 = await readDelimited(path, label, categoryColumn, 'utf8');
  if (utf8 !== 'not-utf8') return utf8;
  const latin1 = await readDelimited(path, label, categoryColumn, 'latin1');
  if (latin1 === 'not-utf8') throw new Error('Latin-1 decoding cannot fail'); // for the type checker: readDelimited only says this for utf8
  return latin1;
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
        ? await readJsonLines(path, label, categoryColumn)
        : await readText(path, label, categoryColumn);
  if (stats.rows === 0)
    throw invalidInput(label, 'has a header but no rows', 'the data file needs at least one row of data');
  return stats;
}
