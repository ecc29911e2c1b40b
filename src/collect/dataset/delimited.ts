/**
 * Delimited text (CSV, TSV, semicolon, pipe) in one pass over the bytes: the CSV scanner
 * splits records as pandas does, the byte tally counts them, and the encoding is checked
 * as the chunks go, so the header, the categories and the sample are decoded once, at the
 * end, as UTF-8 or (if any byte was not) Latin-1. One reused read buffer and the scanner's
 * record buffer are all the file costs in memory.
 */
import { open } from 'node:fs/promises';
import { invalidInput } from '../../errors.js';
import { ByteTally } from './byte-tally.js';
import { categoryIndex, pandasNames } from './column-names.js';
import { CsvScanner, type ScannedRow } from './csv-scan.js';
import { TAB, copyOf } from './csv-bytes.js';
import { RowSample, decoderFor, malformedReport, sortCategories, type TableStats } from './table-stats.js';
import { Utf8Check } from './utf8-check.js';

export interface DelimitedOptions {
  /** Bytes per read; 1 MiB by default (tests use tiny ones to cross every boundary). */
  readonly chunkBytes?: number;
  /** The longest record held (limits.max_csv_line_bytes). */
  readonly maxLineBytes?: number;
}

const fieldsOf = (r: ScannedRow, n: number): Uint8Array[] =>
  Array.from({ length: n }, (_, i) => copyOf(r.bytes, r.starts[i]!, r.ends[i]!));

/** Header names decoded now to find the category column: UTF-8 when they are, else Latin-1. */
function headerNames(fields: Uint8Array[]): string[] {
  const check = new Utf8Check();
  for (const f of fields) check.push(f);
  return pandasNames(fields.map(decoderFor(!check.end())));
}

export async function readDelimited(
  path: string,
  label: string,
  categoryColumn: string,
  opts: DelimitedOptions = {},
): Promise<TableStats> {
  const utf8 = new Utf8Check();
  const sample = new RowSample();
  let header: Uint8Array[] = [];
  let tally: ByteTally | null = null;
  let cat = -1;
  const scanner = new CsvScanner({
    label,
    ...(opts.maxLineBytes === undefined ? {} : { maxRecordBytes: opts.maxLineBytes }),
    onHeader: (h) => {
      header = fieldsOf(h, h.fields);
      cat = categoryIndex(headerNames(header), categoryColumn, label);
      tally = new ByteTally(header.length, cat);
    },
    onRow: (r) => {
      const t = tally!;
      t.add(r);
      if (sample.full) return;
      const kept = Math.min(r.fields, header.length);
      sample.add(
        Array.from({ length: kept }, (_, i) =>
          t.isMissing(r.bytes, r.starts[i]!, r.ends[i]!) ? null : copyOf(r.bytes, r.starts[i]!, r.ends[i]!),
        ),
      );
    },
  });
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const buf = Buffer.allocUnsafe(opts.chunkBytes ?? 1 << 20);
    let read = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      const chunk = buf.subarray(0, bytesRead);
      utf8.push(chunk);
      scanner.push(chunk);
      const t = tally as ByteTally | null;
      // size the duplicate table once, from the rows the first megabyte held
      if (read === 0 && t && t.rowsSoFar > 0) t.expect(Math.ceil((t.rowsSoFar * size) / bytesRead));
      read += bytesRead;
    }
  } finally {
    await fh.close();
  }
  const summary = scanner.end();
  const t = tally as ByteTally | null;
  if (!t)
    throw invalidInput(label, 'the file is empty', 'the data file needs a header row and at least one row of data');
  const latin1 = !utf8.end();
  const decode = decoderFor(latin1);
  const columns = pandasNames(header.map(decode));
  const result = t.result();
  const categories = result.categories.map((c) => [c.bytes ? decode(c.bytes) : '', c.count] as const);
  return {
    format: summary.delimiter === TAB ? 'tsv' : 'csv',
    rows: result.rows,
    columns,
    categoryColumn: columns[cat]!,
    categories: sortCategories(categories),
    nCategories: result.categories.filter((c) => c.bytes !== null).length,
    missing: Object.fromEntries(columns.map((c, i) => [c, result.missing[i]!])),
    duplicates: result.duplicates,
    duplicatesExact: result.duplicatesExact,
    latin1,
    malformed: malformedReport(summary.malformed, decode),
    sample: sample.result(columns, decode),
  };
}
