// The delimited-text reader (readTableStats → readDelimited) against what pandas counts on
// the same files (test/fixtures/csv/truth.json, written by scripts/make-csv-fixtures.py):
// column names, rows, missing cells per column, duplicates, categories and the malformed
// rows, read in one chunk and in chunks small enough to cut every record and character.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pandasNames } from '../../src/collect/dataset/column-names.js';
import { readDelimited } from '../../src/collect/dataset/delimited.js';
import { readTableStats } from '../../src/collect/dataset/index.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'csv');

interface PandasTruth {
  rows: number;
  names: string[];
  missing: number[];
  duplicates: number;
  categories: [string | null, number][];
  disagrees_with_csv?: boolean;
}
interface Truth {
  category_index: number;
  csv: { header: string[]; records: [number, number, string[]][] };
  pandas: PandasTruth | { error: string };
}
const TRUTH = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as {
  files: Record<string, Truth>;
  header_names: [string[], string[]][];
};

/** Every file pandas reads (it refuses a quote never closed) and agrees with the csv module on, with at least one row. */
const READABLE = Object.entries(TRUTH.files).filter(
  (e): e is [string, Truth & { pandas: PandasTruth }] =>
    !('error' in e[1].pandas) && !e[1].pandas.disagrees_with_csv && e[1].pandas.rows > 0,
);

describe('readDelimited against pandas (truth.json)', () => {
  it('has the files', () => expect(READABLE.length).toBeGreaterThan(50));

  for (const [name, t] of READABLE) {
    const p = t.pandas;
    it(`${name}: pandas' names, rows, missing, duplicates and categories; the ragged records named`, async () => {
      const category = p.names[t.category_index]!;
      for (const chunkBytes of [1 << 20, 64, 5, 1]) {
        const s = await readDelimited(join(DIR, name), name, category, { chunkBytes });
        expect(s.columns).toEqual(p.names);
        expect(s.rows).toBe(p.rows);
        expect(s.missing).toEqual(Object.fromEntries(p.names.map((n, i) => [n, p.missing[i]])));
        expect(s.duplicates).toBe(p.duplicates);
        expect(s.duplicatesExact).toBe(true);
        const expected = p.categories.map(([c, n]) => ({ category: c ?? '', count: n }));
        expect([...s.categories].sort((a, b) => (a.category < b.category ? -1 : 1))).toEqual(
          expected.sort((a, b) => (a.category < b.category ? -1 : 1)),
        );
        expect(s.nCategories).toBe(p.categories.filter(([c]) => c !== null).length); // pandas' nunique()
        const width = t.csv.header.length;
        const ragged = t.csv.records.filter(([, fields]) => fields !== width);
        expect(s.malformed.count).toBe(ragged.length);
        expect(s.malformed.first.map((m) => [m.line, m.fields, m.expected])).toEqual(
          ragged.slice(0, 10).map(([line, fields]) => [line, fields, width]),
        );
        expect(s.latin1).toBe(name.includes('latin1'));
      }
    });
  }
});

describe('readDelimited: the rest of the contract', () => {
  it("names columns as pandas does, on every header of truth.json's header_names", () => {
    expect(TRUTH.header_names.length).toBeGreaterThan(50);
    for (const [raw, names] of TRUTH.header_names) expect({ raw, names: pandasNames(raw) }).toEqual({ raw, names });
  });

  it('a file whose one non-UTF-8 byte is past the first chunks is Latin-1, whatever the chunk size', async () => {
    for (const chunkBytes of [1 << 20, 4096, 3]) {
      const s = await readDelimited(join(DIR, 'late-latin1.csv'), 'late-latin1.csv', 'kind', { chunkBytes });
      expect(s.latin1).toBe(true);
      expect(s.categories.map((c) => c.category)).toContain('Été');
    }
    const utf8 = await readDelimited(join(DIR, 'multibyte.csv'), 'multibyte.csv', 'カテゴリ', { chunkBytes: 1 });
    expect(utf8.latin1).toBe(false);
    expect(utf8.categories.map((c) => c.category).sort()).toEqual(['Ελλάδα', '日本']);
  });

  it('a long row says what was cut, as written', async () => {
    const s = await readTableStats(join(DIR, 'ragged.csv'), 'ragged.csv', 'b');
    const long = s.malformed.first.filter((m) => m.kind === 'long');
    expect(long.map((m) => [m.line, m.cut])).toEqual([
      [2, '4'],
      [5, ''],
      [6, '14,15'],
    ]);
  });

  it('the sample holds the first rows of every column, missing cells as ""', async () => {
    const s = await readTableStats(join(DIR, 'app-store-short-row.csv'), 'apps.csv', 'Category');
    expect(s.sample.Category).toEqual([
      'ART_AND_DESIGN',
      'ART_AND_DESIGN',
      'ART_AND_DESIGN',
      '1.9',
      'TOOLS',
      'TOOLS',
      'TOOLS',
      'GAME',
    ]);
    expect(s.sample['Android Ver']!.slice(3, 6)).toEqual(['', '4.1 and up', '']);
    expect(Object.keys(s.sample)).toEqual(s.columns);
  });
});
