/** What every data reader returns, and the pieces of it they share. */
import type { CategoryCount, MalformedRows } from '../../report-data.js';
import type { MalformedSummary } from './malformed-rows.js';

export type DataFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet';

/** Rows kept per column in TableStats.sample. */
export const SAMPLE_ROWS = 100;

export interface TableStats {
  readonly format: DataFormat;
  readonly rows: number;
  /** As pandas names them (CSV: "a.1" for a repeated name, "Unnamed: 3" for an empty one). */
  readonly columns: string[];
  readonly categoryColumn: string;
  /** Largest first, then by name; the missing category is "". */
  readonly categories: CategoryCount[];
  /** Distinct categories, the missing one not counted (pandas' nunique()). */
  readonly nCategories: number;
  /** Missing cells per column, in column order. */
  readonly missing: { readonly [column: string]: number };
  /** Rows equal to an earlier row. */
  readonly duplicates: number;
  /** False when there were too many distinct rows to remember them all. */
  readonly duplicatesExact: boolean;
  /** The text was not UTF-8 and was read as Latin-1. */
  readonly latin1: boolean;
  readonly malformed: MalformedRows;
  /**
   * The first SAMPLE_ROWS rows' values, per column (missing cells as ""): for collectors that
   * look at values without reading the file again (the label column's discovery).
   */
  readonly sample: { readonly [column: string]: string[] };
}

/** Bytes to text in the file's encoding, decided at the end of the pass. */
export type Decode = (bytes: Uint8Array) => string;

const utf8 = new TextDecoder();
export const decoderFor =
  (latin1: boolean): Decode =>
  (b) =>
    latin1 ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1') : utf8.decode(b);

/** Largest first, then by name (the order the report shows). */
export function sortCategories(counts: Iterable<readonly [string, number]>): CategoryCount[] {
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
}

export function malformedReport(s: MalformedSummary, decode: Decode): MalformedRows {
  return {
    count: s.count,
    by_kind: s.byKind,
    first: s.first.map((m) => ({
      line: m.line,
      kind: m.kind,
      fields: m.fields,
      expected: m.expected,
      cut: m.cut ? decode(m.cut).replace(/\uFFFD+$/, '') + (m.cutBytes > m.cut.length ? '…' : '') : null,
    })),
  };
}

export const NO_MALFORMED_ROWS: MalformedRows = {
  count: 0,
  by_kind: { short: 0, long: 0, unterminated_quote: 0, not_json: 0, not_object: 0 },
  first: [],
};

/**
 * The first rows' cells, kept as bytes (null = missing) until the encoding is known; JSON
 * Lines rows may be narrower than the final columns (keys seen later): those cells are "".
 */
export class RowSample {
  private readonly rows: (Uint8Array | null)[][] = [];

  constructor(private readonly limit = SAMPLE_ROWS) {}

  get full(): boolean {
    return this.rows.length >= this.limit;
  }

  add(cells: (Uint8Array | null)[]): void {
    if (!this.full) this.rows.push(cells);
  }

  result(columns: readonly string[], decode: Decode): { [column: string]: string[] } {
    return Object.fromEntries(
      columns.map((c, i) => [
        c,
        this.rows.map((r) => {
          const b = r[i];
          return b ? decode(b) : '';
        }),
      ]),
    );
  }
}
