/**
 * What the data pass counts as rows stream past: rows, categories, missing cells per
 * column and exact duplicate rows (53-bit row hashes in a compact table). Format-blind:
 * every reader feeds it rows of strings.
 */
import { invalidInput } from '../../errors.js';
import type { CategoryCount } from '../../report-data.js';

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
    const t = this.table,
      mask = t.length - 1;
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
    const t = this.table,
      mask = t.length - 1;
    for (let i = h % t.length; t[i] !== 0; i = (i + 1) & mask) if (t[i] === h) return true;
    return false;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    const t = this.table,
      mask = t.length - 1;
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
export class Tally {
  rows = 0;
  duplicates = 0;
  exact = true;
  private readonly counts = new Map<string, number>();
  private readonly missing: number[];
  private readonly seen = new RowHashes();

  constructor(
    readonly columns: string[],
    private readonly cat: number,
  ) {
    this.missing = columns.map(() => 0);
  }

  /** One pass over the fields: missing cells, and a 53-bit hash of the row (cyrb53, fields separated). */
  add(row: readonly string[]): void {
    this.rows++;
    const c = row[this.cat] ?? '';
    this.counts.set(c, (this.counts.get(c) ?? 0) + 1);
    let h1 = 0xdeadbeef,
      h2 = 0x41c6ce57;
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

export function tallyFor(columns: string[], categoryColumn: string, label: string): Tally {
  const cat = findColumn(columns, categoryColumn);
  if (cat < 0) {
    throw invalidInput(
      label,
      `no "${categoryColumn}" column; the columns are: ${columns.slice(0, 20).join(', ')}${columns.length > 20 ? ', …' : ''}`,
      'rename the column, or set data_options.category_column in mlops-report.config.json',
    );
  }
  return new Tally(columns, cat);
}
