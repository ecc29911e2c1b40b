/**
 * JSON Lines: one JSON object per line, columns in the order keys first appear (as pandas'
 * read_json(lines=True) builds them; a key missing from a row is a missing cell). A line
 * that is not JSON, or not an object (a truncated last line, a stray list), is a malformed
 * row: counted, named by its line, left out of the rows, never fatal unless no line is an
 * object. Cells go to the byte tally encoded as UTF-8, so every format counts alike.
 */
import { open } from 'node:fs/promises';
import { invalidInput } from '../../errors.js';
import { NON_FINITE, parseJsonLenient } from '../read-json.js';
import { ByteTally } from './byte-tally.js';
import { copyOf } from './csv-bytes.js';
import { categoryIndex, findColumn } from './column-names.js';
import { MalformedRows } from './malformed-rows.js';
import { RowSample, decoderFor, malformedReport, sortCategories, type TableStats } from './table-stats.js';

/** A longer line is refused (a file without line ends would otherwise be held whole). */
const MAX_LINE_BYTES = 64 * 2 ** 20;

/** A value as the text a cell holds; null for JSON null, an absent key and Python's NaN. */
function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string')
    return v.startsWith(NON_FINITE) ? (v.endsWith('NaN') ? null : v.slice(NON_FINITE.length)) : v;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function parseLine(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (/NaN|Infinity/.test(text)) return parseJsonLenient(text); // Python's json.dumps writes them bare
    throw e;
  }
}

export async function readJsonLines(
  path: string,
  label: string,
  categoryColumn: string,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<TableStats> {
  const columns: string[] = [];
  const index = new Map<string, number>();
  const bad = new MalformedRows(10);
  const sample = new RowSample();
  const tally = new ByteTally(0, -1);
  let cat = -1;
  let cells = Buffer.alloc(1 << 16);
  let starts = new Int32Array(16),
    ends = new Int32Array(16);
  const row = { bytes: cells as Uint8Array, starts, ends, fields: 0, line: 0 };

  const onLine = (text: string, line: number): void => {
    if (text.trim() === '') return;
    let obj: unknown;
    try {
      obj = parseLine(text);
    } catch {
      bad.note(line, 'not_json', null, null);
      return;
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      bad.note(line, 'not_object', null, null);
      return;
    }
    for (const k of Object.keys(obj))
      if (!index.has(k)) {
        index.set(k, columns.length);
        columns.push(k);
      }
    if (columns.length > starts.length) {
      starts = new Int32Array(columns.length * 2);
      ends = new Int32Array(columns.length * 2);
    }
    tally.widen(columns.length);
    if (cat < 0 && (cat = findColumn(columns, categoryColumn)) >= 0) tally.setCategory(cat);
    starts.fill(0, 0, columns.length);
    ends.fill(0, 0, columns.length);
    let at = 0;
    for (const [k, v] of Object.entries(obj)) {
      const t = cellText(v);
      if (t === null) continue;
      if (at + t.length * 3 > cells.length) {
        const grown = Buffer.alloc(Math.max(cells.length * 2, at + t.length * 3));
        cells.copy(grown, 0, 0, at);
        cells = grown;
      }
      const i = index.get(k)!;
      starts[i] = at;
      at += cells.write(t, at);
      ends[i] = at;
    }
    Object.assign(row, { bytes: cells, starts, ends, fields: columns.length, line });
    tally.add(row);
    if (!sample.full)
      sample.add(
        columns.map((_, i) =>
          tally.isMissing(cells, starts[i]!, ends[i]!) ? null : copyOf(cells, starts[i]!, ends[i]!),
        ),
      );
  };

  const fh = await open(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let pending: Buffer[] = [],
      pendingBytes = 0,
      line = 1;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      let from = 0;
      for (let lf = buf.indexOf(10, 0); lf >= 0 && lf < bytesRead; lf = buf.indexOf(10, from)) {
        const piece = buf.subarray(from, lf);
        onLine(pending.length ? Buffer.concat([...pending, piece]).toString('utf8') : piece.toString('utf8'), line++);
        pending = [];
        pendingBytes = 0;
        from = lf + 1;
      }
      if (from < bytesRead) {
        pending.push(Buffer.from(buf.subarray(from, bytesRead)));
        pendingBytes += bytesRead - from;
        if (pendingBytes > maxLineBytes)
          throw invalidInput(
            label,
            `line ${line} is longer than ${maxLineBytes} bytes (limit limits.max_csv_line_bytes)`,
            'JSON Lines files hold one JSON object per line; raise limits.max_csv_line_bytes if the line is genuine',
          );
      }
    }
    if (pending.length) onLine(Buffer.concat(pending).toString('utf8'), line);
  } finally {
    await fh.close();
  }
  const malformed = bad.summary();
  if (columns.length === 0) {
    const first = malformed.first[0];
    throw first
      ? invalidInput(
          label,
          `no line is a JSON object (line ${first.line} is not)`,
          'JSON Lines files hold one JSON object per line',
        )
      : invalidInput(label, 'the file is empty', 'the data file needs at least one row');
  }
  if (cat < 0) categoryIndex(columns, categoryColumn, label); // throws, listing the columns
  const decode = decoderFor(false);
  const result = tally.result();
  return {
    format: 'jsonl',
    rows: result.rows,
    columns,
    categoryColumn: columns[cat]!,
    categories: sortCategories(result.categories.map((c) => [c.bytes ? decode(c.bytes) : '', c.count] as const)),
    nCategories: result.categories.filter((c) => c.bytes !== null).length,
    missing: Object.fromEntries(columns.map((c, i) => [c, result.missing[i]!])),
    duplicates: result.duplicates,
    duplicatesExact: result.duplicatesExact,
    latin1: false,
    malformed: malformedReport(malformed, decode),
    sample: sample.result(columns, decode),
  };
}
