/**
 * A small delimited text already in memory (a metrics table, a leaderboard) as strings:
 * the same scanner as the data pass, so quotes, line ends and ragged rows read alike.
 */
import { CsvScanner } from './csv-scan.js';

export interface TextTable {
  /** The header's fields as written (not renamed). */
  readonly header: string[];
  /** Each row's fields, at most the header's width (a short row is shorter). */
  readonly rows: string[][];
}

/** null when the text has no header line. */
export function parseDelimitedText(text: string): TextTable | null {
  const utf8 = new TextDecoder();
  let header: string[] | null = null;
  const rows: string[][] = [];
  const fields = (r: { bytes: Uint8Array; starts: Int32Array; ends: Int32Array }, n: number): string[] =>
    Array.from({ length: n }, (_, i) => utf8.decode(r.bytes.subarray(r.starts[i], r.ends[i])));
  const scanner = new CsvScanner({
    onHeader: (h) => (header = fields(h, h.fields)),
    onRow: (r) => rows.push(fields(r, Math.min(r.fields, header!.length))),
  });
  scanner.push(Buffer.from(text));
  scanner.end();
  return header ? { header, rows } : null;
}
