/**
 * Parquet (hyparquet), read one column chunk at a time: each row group's columns are
 * decoded one after the other and folded into per-row hashes, so memory holds one column
 * of one row group, never a row group's rows as objects. Missing: null, NaN, or a string
 * in the NA list (the same list as every format).
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
import { invalidInput } from '../../errors.js';
import { categoryIndex } from './column-names.js';
import { PANDAS_NA } from './na-values.js';
import { RowHashes } from './row-hashes.js';
import { NO_MALFORMED_ROWS, SAMPLE_ROWS, sortCategories, type TableStats } from './table-stats.js';

const NA = new Set(PANDAS_NA);

/** A value as the text a cell holds; null when missing. */
function cellText(v: unknown): string | null {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
  const t =
    typeof v === 'string'
      ? v
      : v instanceof Date
        ? v.toISOString()
        : typeof v === 'object'
          ? JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x))
          : String(v);
  return t.length <= 8 && NA.has(t) ? null : t;
}

/** Counts by column, rows hashed across columns (h1/h2 per row of the current row group). */
class ColumnTally {
  rows = 0;
  duplicates = 0;
  exact = true;
  readonly missing: number[];
  readonly categories = new Map<string, number>();
  readonly sample: string[][];
  private h1 = new Int32Array(0);
  private h2 = new Int32Array(0);
  private readonly seen = new RowHashes();

  constructor(
    columns: number,
    private readonly cat: number,
  ) {
    this.missing = Array<number>(columns).fill(0);
    this.sample = Array.from({ length: columns }, () => []);
  }

  startGroup(rows: number): void {
    this.h1 = new Int32Array(rows).fill(0xdeadbeef | 0);
    this.h2 = new Int32Array(rows).fill(0x41c6ce57);
  }

  /** Values of column `col` for rows [at, at + values.length) of the row group. */
  column(col: number, values: ArrayLike<unknown>, at: number): void {
    const h1 = this.h1,
      h2 = this.h2;
    for (let k = 0; k < values.length; k++) {
      const r = at + k;
      if (r < 0 || r >= h1.length) continue;
      const t = cellText(values[k]);
      if (this.rows === 0 && r < SAMPLE_ROWS) this.sample[col]![r] = t ?? '';
      let a = h1[r]!,
        b = h2[r]!;
      if (t === null) {
        this.missing[col]!++;
        a = Math.imul(a ^ 0x00ffffff, 2654435761);
        b = Math.imul(b ^ 0x00ffffff, 1597334677);
      } else {
        for (let j = 0; j < t.length; j++) {
          const ch = t.charCodeAt(j);
          a = Math.imul(a ^ ch, 2654435761);
          b = Math.imul(b ^ ch, 1597334677);
        }
        a = Math.imul(a ^ (0x1f0000 | t.length), 2654435761); // the length ends the field, so "a,bc" ≠ "ab,c"
        b = Math.imul(b ^ (0x1f0000 | t.length), 1597334677);
      }
      h1[r] = a;
      h2[r] = b;
      if (col === this.cat) {
        const key = t ?? '';
        this.categories.set(key, (this.categories.get(key) ?? 0) + 1);
      }
    }
  }

  endGroup(): void {
    for (let r = 0; r < this.h1.length; r++) {
      let a = this.h1[r]!,
        b = this.h2[r]!;
      a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
      b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
      const seen = this.seen.add(a, b);
      if (seen === true) this.duplicates++;
      else if (seen === null) this.exact = false;
    }
    this.rows += this.h1.length;
  }
}

export async function readParquet(path: string, label: string, categoryColumn: string): Promise<TableStats> {
  const file = await asyncBufferFromFile(path);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw invalidInput(label, `not a readable Parquet file (${(e as Error).message})`);
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const cat = categoryIndex(columns, categoryColumn, label);
  const tally = new ColumnTally(columns.length, cat);
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const rows = Number(group.num_rows);
    tally.startGroup(rows);
    for (const [i, name] of columns.entries()) {
      await parquetRead({
        file,
        metadata,
        columns: [name],
        rowStart: groupStart,
        rowEnd: groupStart + rows,
        onChunk: (c) => tally.column(i, c.columnData as ArrayLike<unknown>, c.rowStart - groupStart),
      });
    }
    tally.endGroup();
    groupStart += rows;
  }
  const missingCategory = tally.categories.get('') ?? 0;
  return {
    format: 'parquet',
    rows: tally.rows,
    columns,
    categoryColumn: columns[cat]!,
    categories: sortCategories(tally.categories),
    nCategories: tally.categories.size - (missingCategory > 0 ? 1 : 0),
    missing: Object.fromEntries(columns.map((c, i) => [c, tally.missing[i]!])),
    duplicates: tally.duplicates,
    duplicatesExact: tally.exact,
    latin1: false,
    malformed: NO_MALFORMED_ROWS,
    sample: Object.fromEntries(columns.map((c, i) => [c, tally.sample[i]!])),
  };
}
