/**
 * Row hashes for exact-duplicate counting, in an open-addressing table of float64 slots
 * (0 = empty): 8 bytes a row instead of a Set's ~50, grown by doubling up to a bound.
 */

/** Distinct rows remembered (8 bytes each, at most 64 MiB of table); past it the count is a lower bound. */
export const MAX_DISTINCT_ROWS = 4_000_000;

export class RowHashes {
  private table = new Float64Array(1 << 10);
  private count = 0;

  /**
   * Adds the 53-bit hash `hi` (21 bits) : `lo` (32 bits); returns true if it was there
   * already, null when the table is full. The slot comes from `lo` alone: no float modulo.
   */
  add(lo: number, hi: number): boolean | null {
    if ((this.count + 1) * 2 > this.table.length) {
      if (this.table.length >= MAX_DISTINCT_ROWS * 2) return this.has(lo, hi) ? true : null;
      this.grow();
    }
    const t = this.table,
      mask = t.length - 1,
      h = (hi & 0x1fffff) * 4294967296 + (lo >>> 0) + 1;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      if (t[i] === 0) {
        t[i] = h;
        this.count++;
        return false;
      }
      if (t[i] === h) return true;
    }
  }

  /** Sizes the table once for about `rows` distinct rows (within the bound): one rehash instead of a doubling per power of two. */
  reserve(rows: number): void {
    let size = this.table.length;
    while (size < MAX_DISTINCT_ROWS * 2 && size < rows * 2) size *= 2;
    if (size > this.table.length) this.rehash(size);
  }

  private has(lo: number, hi: number): boolean {
    const t = this.table,
      mask = t.length - 1,
      h = (hi & 0x1fffff) * 4294967296 + (lo >>> 0) + 1;
    for (let i = lo & mask; t[i] !== 0; i = (i + 1) & mask) if (t[i] === h) return true;
    return false;
  }

  private grow(): void {
    this.rehash(this.table.length * 2);
  }

  private rehash(size: number): void {
    const old = this.table;
    this.table = new Float64Array(size);
    const t = this.table,
      mask = t.length - 1;
    for (const h of old) {
      if (h === 0) continue;
      let i = (h - 1) & mask; // ToInt32 of an integer below 2^53 keeps its low 32 bits exactly
      while (t[i] !== 0) i = (i + 1) & mask;
      t[i] = h;
    }
  }
}
