import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDelimitedText } from '../../src/collect/dataset/csv-text.js';
import { readTableStats } from '../../src/collect/dataset/index.js';
import { ReportError } from '../../src/errors.js';
import { tempProject } from '../helpers.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'data');
const stats = (name: string, column = 'Category') => readTableStats(join(DIR, name), `data/${name}`, column);

describe('readTableStats', () => {
  it('parses quoted commas, doubled quotes, accents and a newline inside quotes', async () => {
    const s = await stats('quoted.csv');
    expect(s.rows).toBe(4);
    expect(s.columns).toEqual(['App', 'Category', 'Rating']);
    expect(s.categories).toEqual([
      { category: 'FOOD_AND_DRINK', count: 2 },
      { category: 'GAME', count: 1 },
      { category: 'PRODUCTIVITY', count: 1 },
    ]);
    expect(s.missing).toEqual({ App: 0, Category: 0, Rating: 2 });
  });

  it('drops a BOM and reads CRLF line endings', async () => {
    const s = await stats('bom-crlf.csv');
    expect(s.columns).toEqual(['App', 'Category']);
    expect(s.categories).toEqual([
      { category: 'X', count: 2 },
      { category: 'Y', count: 1 },
    ]);
  });

  it('infers a tab delimiter and finds the column case-insensitively', async () => {
    const s = await stats('tsv-lowercase.tsv');
    expect(s.categoryColumn).toBe('category');
    expect(s.rows).toBe(2);
  });

  it('reads Parquet, chosen by content (several row groups; nulls are missing)', async () => {
    const s = await stats('apps.parquet');
    expect(s.format).toBe('parquet');
    expect(s.rows).toBe(5);
    expect(s.columns).toEqual(['App', 'Category', 'Rating']);
    expect(s.categories).toEqual([
      { category: 'GAME', count: 3 },
      { category: 'FOOD_AND_DRINK', count: 1 },
      { category: 'PRODUCTIVITY', count: 1 },
    ]);
    expect(s.missing).toEqual({ App: 0, Category: 0, Rating: 1 });
    expect(s.duplicates).toBe(1);
  });

  it('reads JSON Lines, chosen by content, skipping blank lines', async () => {
    const s = await stats('apps.jsonl');
    expect(s.format).toBe('jsonl');
    expect(s.rows).toBe(3);
    expect(s.categories).toEqual([
      { category: 'GAME', count: 2 },
      { category: 'TOOLS', count: 1 },
    ]);
    expect(s.missing).toEqual({ App: 0, Category: 0, Rating: 1 });
    expect(s.duplicates).toBe(1);
  });

  it('counts exact duplicate rows', async () => {
    const s = await stats('duplicates.csv');
    expect(s.duplicates).toBe(2);
    expect(s.duplicatesExact).toBe(true);
  });

  it('reads a Latin-1 file as Latin-1 and says so', async () => {
    const s = await stats('latin1.csv');
    expect(s.latin1).toBe(true);
    expect(s.rows).toBe(3);
    expect(s.categories).toEqual([
      { category: 'FOOD', count: 2 },
      { category: 'GAME', count: 1 },
    ]);
  });

  it('reports TSV as such', async () => {
    expect((await stats('tsv-lowercase.tsv', 'category')).format).toBe('tsv');
    expect((await stats('quoted.csv')).format).toBe('csv');
  });

  it.each([
    ['no-category.csv', 'INPUT_INVALID', /no "Category" column; the columns are: App, Genres/],
    ['header-only.csv', 'INPUT_INVALID', /header but no rows/],
    ['empty.csv', 'INPUT_INVALID', /empty/],
    ['absent.csv', 'INPUT_MISSING', /not found/],
  ])('rejects %s', async (name, code, message) => {
    const e = await stats(name).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ReportError);
    expect((e as ReportError).code).toBe(code);
    expect((e as ReportError).message).toMatch(message);
  });
});

describe('readTableStats on JSON Lines', () => {
  const jsonl = (text: string, column = 'Category') => {
    const path = join(tempProject(), 'rows.jsonl');
    writeFileSync(path, text);
    return readTableStats(path, 'data/rows.jsonl', column);
  };

  it('a line that is not JSON or not an object is a malformed row: counted, named, left out; the rest is read', async () => {
    const s = await jsonl(
      [
        '{"App": "a", "Category": "GAME"}',
        '[1, 2]',
        '{"App": "b", "Category": "TOOLS"}',
        '',
        '"text"',
        '{"App": "c", "Category": "GA', // a truncated last line
      ].join('\n'),
    );
    expect(s.rows).toBe(2);
    expect(s.malformed.count).toBe(3);
    expect(s.malformed.by_kind).toMatchObject({ not_object: 2, not_json: 1 });
    expect(s.malformed.first.map((m) => [m.line, m.kind])).toEqual([
      [2, 'not_object'],
      [5, 'not_object'],
      [6, 'not_json'],
    ]);
  });

  it('columns are every key in the order it first appears; a key absent from a row is a missing cell there', async () => {
    const s = await jsonl(
      [
        '{"App": "a"}',
        '{"App": "b", "Rating": 4.5}',
        '{"App": "c", "Category": "GAME", "Rating": null}',
        '{"Category": "GAME", "App": "c", "Rating": NaN}',
      ].join('\r\n'),
    );
    expect(s.columns).toEqual(['App', 'Rating', 'Category']);
    expect(s.missing).toEqual({ App: 0, Rating: 3, Category: 2 });
    expect(s.categories).toEqual([
      { category: '', count: 2 },
      { category: 'GAME', count: 2 },
    ]);
    expect(s.nCategories).toBe(1);
    expect(s.duplicates).toBe(1); // rows 3 and 4: the same values, keys in another order, null and NaN alike
    expect(s.sample.Category).toEqual(['', '', 'GAME', 'GAME']);
  });

  it('refuses a file in which no line is an object, naming the first one', async () => {
    const e = await jsonl('{"a": \n{"b": 1\n').catch((x: unknown) => x);
    expect((e as ReportError).code).toBe('INPUT_INVALID');
    expect((e as ReportError).message).toMatch(/^data\/rows\.jsonl: no line is a JSON object \(line 1 is not\)/);
  });
});

describe('parseDelimitedText', () => {
  it('reads a small table in memory with the data pass’s rules (quotes, CRLF, tab, a short row)', () => {
    expect(parseDelimitedText('\ufeffmodel\tf1\r\n"a\tb"\t0.5\r\nc\r\n')).toEqual({
      header: ['model', 'f1'],
      rows: [['a\tb', '0.5'], ['c']],
    });
    expect(parseDelimitedText('\n \n')).toBeNull();
  });
});
