/**
 * Statistics of the training data, streamed: the file is read in 1 MiB chunks and never
 * held whole, so a 1.5 GB CSV runs in bounded memory. udsv parses (RFC 4180 quoting,
 * delimiter and line ending inferred from the header).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { inferSchema, initParser, type Parser } from 'udsv';
import { ReportError, invalidInput } from '../errors.js';
import type { CategoryCount } from '../report-data.js';

/** Cells counted as missing, as pandas reads them by default (plus the empty cell). */
const MISSING = new Set(['', 'NaN', 'nan', 'NA', 'N/A', 'n/a', 'null', 'NULL', 'None', '#N/A']);

export interface TableStats {
  readonly rows: number;
  readonly columns: string[];
  readonly categoryColumn: string;
  readonly categories: CategoryCount[];
  /** Missing cells per column, in column order. */
  readonly missing: { readonly [column: string]: number };
}

/** udsv infers the schema from a sample; it needs the header plus a row or two. */
const SAMPLE_CHARS = 64 * 1024;

function findColumn(columns: string[], wanted: string): number {
  const exact = columns.indexOf(wanted);
  if (exact >= 0) return exact;
  return columns.findIndex((c) => c.trim().toLowerCase() === wanted.toLowerCase());
}

/** Streams a delimited text file and counts rows, categories and missing cells. */
export async function readTableStats(path: string, label: string, categoryColumn: string): Promise<TableStats> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new ReportError('INPUT_MISSING', `${label}: file not found`, { hint: 'check --data or "data" in the config' });
  if (info.isDirectory()) throw invalidInput(label, 'is a folder, not a data file', 'point --data at the CSV file');
  let parser: Parser | null = null;
  let columns: string[] = [];
  let cat = -1;
  let rows = 0;
  let sample = '';
  const counts = new Map<string, number>();
  let missing: number[] = [];

  const onRow = (row: string[]): void => {
    rows++;
    const c = row[cat] ?? '';
    counts.set(c, (counts.get(c) ?? 0) + 1);
    for (let i = 0; i < columns.length; i++) if (MISSING.has(row[i] ?? '')) missing[i]!++;
  };
  const start = (text: string): void => {
    const schema = inferSchema(text);
    columns = schema.cols.map((c) => c.name);
    cat = findColumn(columns, categoryColumn);
    if (cat < 0) {
      throw invalidInput(label, `no "${categoryColumn}" column; the columns are: ${columns.slice(0, 20).join(', ')}${columns.length > 20 ? ', …' : ''}`, 'rename the column, or set data_options.category_column in mlops-report.config.json');
    }
    missing = columns.map(() => 0);
    parser = initParser(schema);
    parser.chunk(text, parser.stringArrs, onRow);
  };

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    if (parser) {
      (parser as Parser).chunk(chunk, (parser as Parser).stringArrs, onRow);
      continue;
    }
    sample += sample === '' && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk; // drop a BOM
    if (sample.length >= SAMPLE_CHARS) {
      start(sample);
      sample = '';
    }
  }
  if (!parser) {
    if (sample.trim() === '') throw invalidInput(label, 'the file is empty', 'the data file needs a header row and at least one row of data');
    start(sample);
  }
  (parser as unknown as Parser).end();
  if (rows === 0) throw invalidInput(label, 'has a header but no rows', 'the data file needs at least one row of data');

  const categories = [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  return {
    rows,
    columns,
    categoryColumn: columns[cat]!,
    categories,
    missing: Object.fromEntries(columns.map((c, i) => [c, missing[i]!])),
  };
}
