/**
 * What the data pass counts, on the bytes the CSV scanner hands over: rows, missing cells
 * per column, exact duplicate rows and the count of each category, as pandas
 * `read_csv(dtype=str)` + `isna().sum()` / `duplicated().sum()` / `value_counts(dropna=False)`
 * give them. No field becomes a string: missing markers are matched on bytes, rows are
 * hashed from their bytes, and only each distinct category is decoded, once, at the end.
 * JSON Lines rows come here too, encoded, with columns added as new keys appear.
 */
import type { ScannedRow } from './csv-scan.js';
import { copyOf } from './csv-bytes.js';
import { PANDAS_NA } from './na-values.js';
import { RowHashes } from './row-hashes.js';

/** Markers by length (all are ASCII and at most 8 bytes), and the bytes a marker can start with. */
function markerTable(markers: readonly string[]): { byLength: Uint8Array[][]; first: Uint8Array } {
  const byLength: Uint8Array[][] = Array.from({ length: 9 }, () => []);
  const first = new Uint8Array(256);
  for (const m of markers) {
    if (m.length === 0) continue;
    if (m.length > 8 || /[^\x20-\x7e]/.test(m))
      throw new Error(`NA marker ${JSON.stringify(m)}: only short ASCII markers are matched on bytes`);
    byLength[m.length]!.push(Buffer.from(m, 'latin1'));
    first[m.charCodeAt(0)] = 1;
  }
  return { byLength, first };
}

/**
 * What a missing cell adds to a row's hash, when a present cell follows it (trailing missing
 * cells add nothing, so a row hashes alike before and after a JSON Lines column is added).
 * No field's last word can equal it: a tail of three bytes carries a length of 3 mod 4 in
 * its top byte, never 0.
 */
const MISSING_TOKEN = 0x00ffffff;

/** A distinct category: its bytes and its count. */
interface Category {
  readonly bytes: Uint8Array;
  count: number;
}

export interface ByteTallyResult {
  readonly rows: number;
  /** Missing cells per column, in column order (short rows' absent fields included). */
  readonly missing: number[];
  /** Rows equal to an earlier row (every missing cell equals every other, as pandas compares NaN). */
  readonly duplicates: number;
  /** False when there were too many distinct rows to remember them all (the count is then a lower bound). */
  readonly duplicatesExact: boolean;
  /** Distinct values of the category column with their counts, in first-seen order; null is a missing cell. */
  readonly categories: { readonly bytes: Uint8Array | null; readonly count: number }[];
}

export class ByteTally {
  private rows = 0;
  private duplicates = 0;
  private exact = true;
  private missing: Float64Array;
  private readonly seen = new RowHashes();
  private readonly markers: ReturnType<typeof markerTable>;
  private readonly cats: Category[] = [];
  private catSlots = new Int32Array(1 << 10).fill(-1);
  private catHashes: number[] = [];
  private missingCategory = 0;
  private view: DataView = new DataView(new ArrayBuffer(0));
  private viewOf: Uint8Array | null = null;

  constructor(
    private columns: number,
    private cat: number,
    naValues: readonly string[] = PANDAS_NA,
  ) {
    this.missing = new Float64Array(columns);
    this.markers = markerTable(naValues);
  }

  add(row: ScannedRow): void {
    this.rows++;
    const bytes = row.bytes,
      starts = row.starts,
      ends = row.ends,
      n = this.columns,
      missing = this.missing;
    if (bytes !== this.viewOf) {
      this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      this.viewOf = bytes;
    }
    const view = this.view,
      first = this.markers.first;
    const kept = row.fields < n ? row.fields : n;
    let h1 = 0xdeadbeef,
      h2 = 0x41c6ce57,
      gap = 0; // missing cells not hashed yet
    for (let i = 0; i < n; i++) {
      let s = 0,
        e = 0;
      if (i < kept) {
        s = starts[i]!;
        e = ends[i]!;
      }
      if (i >= kept || e === s || (e - s <= 8 && first[bytes[s]!] === 1 && this.isMarker(bytes, s, e))) {
        missing[i]!++;
        if (i === this.cat) this.missingCategory++;
        gap++;
        continue;
      }
      for (; gap > 0; gap--) {
        h1 = Math.imul(h1 ^ MISSING_TOKEN, 2654435761); // every missing cell alike: pandas' NaN equals NaN in duplicated()
        h2 = Math.imul(h2 ^ MISSING_TOKEN, 1597334677);
      }
      if (i === this.cat) this.countCategory(bytes, s, e);
      let j = s;
      for (; j + 4 <= e; j += 4) {
        // four bytes a step: the hash is most of the tally's time
        const w = view.getUint32(j, true);
        h1 = Math.imul(h1 ^ w, 2654435761);
        h2 = Math.imul(h2 ^ w, 1597334677);
      }
      let tail = ((e - s) & 0xff) << 24; // the length ends the field, so "a,bc" ≠ "ab,c"
      for (let k = 0; j < e; j++, k += 8) tail |= bytes[j]! << k;
      h1 = Math.imul(h1 ^ tail, 2654435761);
      h2 = Math.imul(h2 ^ tail, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const seen = this.seen.add(h1, h2);
    if (seen === true) this.duplicates++;
    else if (seen === null) this.exact = false;
  }

  /** The category column, known only once its key appears (JSON Lines): every earlier row lacked it. */
  setCategory(cat: number): void {
    this.cat = cat;
    this.missingCategory = this.rows;
  }

  get rowsSoFar(): number {
    return this.rows;
  }

  /** Adds columns (a JSON Lines key first seen now): every earlier row lacked them, so they count as missing there. */
  widen(columns: number): void {
    if (columns <= this.columns) return;
    const grown = new Float64Array(columns).fill(this.rows);
    grown.set(this.missing);
    this.missing = grown;
    this.columns = columns;
  }

  /** Whether bytes[s, e) is a missing cell (empty, or one of the NA strings). */
  isMissing(bytes: Uint8Array, s: number, e: number): boolean {
    return e === s || (e - s <= 8 && this.markers.first[bytes[s]!] === 1 && this.isMarker(bytes, s, e));
  }

  /** A hint of the rows to come (e.g. the file's size over the first rows' bytes): sizes the duplicate table once. */
  expect(rows: number): void {
    this.seen.reserve(rows);
  }

  result(): ByteTallyResult {
    const categories: { bytes: Uint8Array | null; count: number }[] = this.cats.map((c) => ({
      bytes: c.bytes,
      count: c.count,
    }));
    if (this.missingCategory > 0) categories.push({ bytes: null, count: this.missingCategory });
    return {
      rows: this.rows,
      missing: [...this.missing],
      duplicates: this.duplicates,
      duplicatesExact: this.exact,
      categories,
    };
  }

  /** Whether bytes[s, e) (1 to 8 bytes) is an NA marker. */
  private isMarker(bytes: Uint8Array, s: number, e: number): boolean {
    const n = e - s;
    next: for (const m of this.markers.byLength[n]!) {
      for (let k = 0; k < n; k++) if (bytes[s + k] !== m[k]) continue next;
      return true;
    }
    return false;
  }

  /** Counts a category by its bytes in a small open-addressing table (FNV-1a), so no string is made per row. */
  private countCategory(bytes: Uint8Array, s: number, e: number): void {
    let h = 0x811c9dc5;
    for (let j = s; j < e; j++) h = Math.imul(h ^ bytes[j]!, 16777619);
    h >>>= 0;
    const slots = this.catSlots,
      mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[i]!;
      if (k < 0) break;
      if (this.catHashes[k] !== h) continue;
      const c = this.cats[k]!;
      if (c.bytes.length === e - s && equalBytes(c.bytes, bytes, s)) {
        c.count++;
        return;
      }
    }
    this.cats.push({ bytes: copyOf(bytes, s, e), count: 1 });
    this.catHashes.push(h);
    if (this.cats.length * 2 > slots.length) this.rehash();
    else this.place(h, this.cats.length - 1);
  }

  private place(h: number, k: number): void {
    const slots = this.catSlots,
      mask = slots.length - 1;
    let i = h & mask;
    while (slots[i]! >= 0) i = (i + 1) & mask;
    slots[i] = k;
  }

  private rehash(): void {
    this.catSlots = new Int32Array(this.catSlots.length * 2).fill(-1);
    this.catHashes.forEach((h, k) => this.place(h, k));
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array, s: number): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[s + k]) return false;
  return true;
}
