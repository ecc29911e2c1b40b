// The CSV scanner against what Python's csv module and pandas read from the same bytes
// (test/fixtures/csv/truth.json, written by scripts/make-csv-fixtures.py), and against
// itself however the bytes are cut into chunks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteTally } from '../../src/collect/dataset/byte-tally.js';
import { CsvScanner, type ScanSummary } from '../../src/collect/dataset/csv-scan.js';
import { ReportError } from '../../src/errors.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'csv');
/** Runs per property: a quarter as many in a plain `npm test`, all of them in .ci/run (MLOPS_SLOW_TESTS=1). */
const runs = (n: number): number => Number(process.env.FUZZ_RUNS ?? (process.env.MLOPS_SLOW_TESTS === '1' ? n : n / 4));

type Category = [string | null, number];
interface Truth {
  delimiter: string;
  bom: boolean;
  category_index: number;
  csv: { error: string | null; header: string[]; header_line: number; records: [number, number, string[]][] };
  pandas:
    | { error: string }
    | {
        rows: number;
        columns: number;
        missing: number[];
        duplicates: number;
        categories: Category[];
        disagrees_with_csv?: boolean;
        keep_default_na_false: { missing: number[]; empty: number[]; duplicates: number };
      };
  pandas_plain: { rows: number } | { error: string };
  pandas_warn_lines: number[];
}
const TRUTH = JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as {
  pandas: string;
  files: Record<string, Truth>;
};
const NAMES = Object.keys(TRUTH.files);
const bytesOf = (name: string): Buffer => readFileSync(join(DIR, name));

const utf8 = new TextDecoder();
/** The files named latin1 are Latin-1 (truth.json decodes them so). */
const decoderOf = (name: string): TextDecoder => (name.includes('latin1') ? new TextDecoder('latin1') : utf8);
const text = (b: Uint8Array | null): string | null => (b === null ? null : utf8.decode(b));

interface Scan {
  header: string[];
  records: [number, number, string[]][];
  summary: ScanSummary;
  tally: { missing: number[]; duplicates: number; categories: Category[] } | null;
  tallyEmptyOnly: { missing: number[]; duplicates: number } | null;
}

/** Scans `bytes` cut at `cuts` (offsets), decoding every field and tallying with pandas' NA strings and with "" alone. */
function scan(bytes: Uint8Array, cuts: number[] = [], categoryIndex = 0, dec = utf8): Scan {
  let header: string[] = [];
  const records: [number, number, string[]][] = [];
  let tally: ByteTally | null = null,
    emptyOnly: ByteTally | null = null;
  const scanner = new CsvScanner({
    onHeader: (h) => {
      header = Array.from({ length: h.fields }, (_, i) => dec.decode(h.bytes.subarray(h.starts[i], h.ends[i])));
      tally = new ByteTally(h.fields, categoryIndex);
      emptyOnly = new ByteTally(h.fields, categoryIndex, ['']);
    },
    onRow: (r) => {
      const kept = Math.min(r.fields, header.length);
      records.push([
        r.line,
        r.fields,
        Array.from({ length: kept }, (_, i) => dec.decode(r.bytes.subarray(r.starts[i], r.ends[i]))),
      ]);
      tally!.add(r);
      emptyOnly!.add(r);
    },
  });
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    scanner.push(bytes.subarray(at, cut));
    at = cut;
  }
  const summary = scanner.end();
  const t = tally as ByteTally | null,
    e = emptyOnly as ByteTally | null;
  const result = t?.result();
  return {
    header,
    records,
    summary,
    tally: result
      ? {
          missing: result.missing,
          duplicates: result.duplicates,
          categories: result.categories.map((c) => [c.bytes === null ? null : dec.decode(c.bytes), c.count]),
        }
      : null,
    tallyEmptyOnly: e ? (({ missing, duplicates }) => ({ missing, duplicates }))(e.result()) : null,
  };
}

/** A long record's fields past the header's width, as Python's csv module read them (ragged.csv quotes none). */
const cutText = (t: Truth, line: number): string =>
  t.csv.records
    .find(([l]) => l === line)![2]
    .slice(t.csv.header.length)
    .join(t.delimiter);

const byValue = (a: Category, b: Category): number =>
  a[0] === b[0] ? 0 : a[0] === null ? 1 : b[0] === null ? -1 : a[0] < b[0] ? -1 : 1;
const sorted = (cs: Category[]): Category[] => [...cs].sort(byValue);

describe('CsvScanner against Python (truth.json)', () => {
  it(`has the fixtures (pandas ${TRUTH.pandas})`, () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(60);
  });

  for (const name of NAMES) {
    const t = TRUTH.files[name]!;
    it(`${name}: records, fields, values and lines as Python's csv module reads them`, () => {
      const s = scan(bytesOf(name), [], t.category_index, decoderOf(name));
      expect(String.fromCharCode(s.summary.delimiter)).toBe(t.delimiter);
      expect(s.summary.bom).toBe(t.bom);
      expect(s.header).toEqual(t.csv.header);
      const width = t.csv.header.length;
      expect(s.records).toEqual(t.csv.records.map(([line, fields, values]) => [line, fields, values.slice(0, width)]));
      // malformed rows: every record whose width is not the header's, by the line it starts on
      const ragged = t.csv.records.filter(([, fields]) => fields !== width);
      const k = s.summary.malformed.byKind;
      expect(s.summary.malformed.count).toBe(ragged.length); // the one unterminated record (unterminated-quote.csv) is short too
      expect(k.short + k.long + k.unterminated_quote).toBe(s.summary.malformed.count);
      expect(s.summary.malformed.first.map((m) => m.line)).toEqual(ragged.slice(0, 10).map(([line]) => line));
      for (const m of s.summary.malformed.first)
        if (m.kind !== 'unterminated_quote') expect(m.kind).toBe(m.fields! < width ? 'short' : 'long');
    });

    if ('error' in t.pandas || t.pandas.disagrees_with_csv) continue;
    const p = t.pandas;
    it(`${name}: rows, missing cells, duplicates and categories as pandas counts them`, () => {
      const s = scan(bytesOf(name), [], t.category_index, decoderOf(name));
      expect(s.summary.rows).toBe(p.rows);
      expect(s.tally?.missing ?? Array(p.columns).fill(0)).toEqual(p.missing);
      expect(s.tally?.duplicates ?? 0).toBe(p.duplicates);
      expect(sorted(s.tally?.categories ?? [])).toEqual(sorted(p.categories));
      // keep_default_na=False: only the empty cell (and a short row's absent field, which pandas fills with "") is missing
      const k = p.keep_default_na_false;
      expect(s.tallyEmptyOnly?.missing ?? Array(p.columns).fill(0)).toEqual(k.empty.map((n, i) => n + k.missing[i]!));
      expect(s.tallyEmptyOnly?.duplicates ?? 0).toBe(k.duplicates);
    });
  }
});

describe('CsvScanner on the cases the issue names', () => {
  it('a row one field short is one row; the TOOLS row after it stays (app-store scenario)', () => {
    const t = TRUTH.files['app-store-short-row.csv']!;
    const s = scan(bytesOf('app-store-short-row.csv'), [], t.category_index);
    const p = t.pandas as Extract<Truth['pandas'], { rows: number }>;
    expect(s.summary.rows).toBe(p.rows);
    const tools = p.categories.find(([c]) => c === 'TOOLS')![1];
    expect(s.tally!.categories.find(([c]) => c === 'TOOLS')![1]).toBe(tools);
    const short = t.csv.records.find(([, fields]) => fields < t.csv.header.length)!;
    expect(s.summary.malformed.first).toEqual([
      { line: short[0], kind: 'short', fields: short[1], expected: t.csv.header.length, cut: null, cutBytes: 0 },
    ]);
    expect(s.tally!.missing.at(-1)).toBe(p.missing.at(-1));
  });

  it('a long row is one row, cut to the header, and says how many fields it had', () => {
    const t = TRUTH.files['ragged.csv']!;
    const s = scan(bytesOf('ragged.csv'));
    expect('error' in t.pandas_plain).toBe(true); // plain pandas refuses the file
    const long = t.csv.records.filter(([, fields]) => fields > t.csv.header.length);
    expect(
      s.summary.malformed.first
        .filter((m) => m.kind === 'long')
        .map((m) => [m.line, m.kind, m.fields, m.expected, m.cutBytes]),
    ).toEqual(
      long.map(([line, fields]) => [line, 'long', fields, t.csv.header.length, Buffer.byteLength(cutText(t, line))]),
    );
    // what was cut: the fields past the header's width, as the csv module read them, joined by the delimiter
    for (const [line] of long) {
      const m = s.summary.malformed.first.find((x) => x.line === line)!;
      expect(text(m.cut)).toBe(cutText(t, line));
    }
  });

  it('a quote never closed runs to the end, as the csv module reads it, and is named (pandas refuses the file)', () => {
    const t = TRUTH.files['unterminated-quote.csv']!;
    expect((t.pandas as { error: string }).error).toMatch(/EOF inside string/);
    const s = scan(bytesOf('unterminated-quote.csv'));
    const last = t.csv.records.at(-1)!;
    expect(s.summary.malformed.byKind.unterminated_quote).toBe(1);
    expect(s.summary.malformed.first.at(-1)).toMatchObject({ line: last[0], kind: 'unterminated_quote' });
  });

  it('a record longer than maxRecordBytes is refused with its line, instead of holding the rest of the file', () => {
    const bytes = Buffer.from(`a,b\n1,2\n3,"never closed\n${'x,y\n'.repeat(5000)}`);
    const scanner = new CsvScanner({ label: 'data/big.csv', maxRecordBytes: 4096, onRow: () => {} });
    const push = (): void => {
      for (let i = 0; i < bytes.length; i += 1000) scanner.push(bytes.subarray(i, i + 1000));
    };
    expect(push).toThrow(ReportError);
    expect(push).toThrow(/^data\/big\.csv: the record starting on line 3 is longer than/);
  });

  it('LF, CRLF and CR line ends give the same records, lines and counts', () => {
    const [lf, crlf, cr] = ['line-ends-lf.csv', 'line-ends-crlf.csv', 'line-ends-cr.csv'].map((n) =>
      scan(bytesOf(n), [], 2),
    );
    expect(lf!.records.length).toBeGreaterThan(0);
    expect(crlf).toEqual(lf);
    expect(cr).toEqual(lf);
  });
});

describe('CsvScanner is blind to chunk boundaries', () => {
  const small = NAMES.filter((n) => bytesOf(n).length <= 4096);

  it('splitting every small fixture at every offset gives the same result as one chunk', () => {
    expect(small.length).toBeGreaterThan(40);
    for (const name of small) {
      const bytes = bytesOf(name),
        whole = scan(bytes);
      for (let k = 0; k <= bytes.length; k++) {
        const split = scan(bytes, [k]);
        if (JSON.stringify(split) !== JSON.stringify(whole))
          expect({ name, k, split }).toEqual({ name, k, split: whole });
      }
    }
  });

  it('one byte at a time gives the same result', () => {
    for (const name of small) {
      const bytes = bytesOf(name);
      expect(
        scan(
          bytes,
          Array.from({ length: bytes.length }, (_, i) => i),
        ),
      ).toEqual(scan(bytes));
    }
  });

  it('random chunkings of the fixtures give the same result (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
        (name, fractions) => {
          const bytes = bytesOf(name);
          const cuts = fractions.map((f) => Math.floor(f * bytes.length)).sort((a, b) => a - b);
          expect(scan(bytes, cuts)).toEqual(scan(bytes));
        },
      ),
      { numRuns: runs(300) },
    );
  });

  it('random bytes full of quotes, delimiters, CR, LF and BOM pieces: any chunking gives the same result (fast-check)', () => {
    const piece = fc.constantFrom('a', 'é', ',', ';', '\t', '|', '"', '""', '\n', '\r', '\r\n', ' ', 'NA', '\uFEFF');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 120 }), fc.array(fc.nat(), { maxLength: 12 }), (pieces, raw) => {
        const bytes = Buffer.from(pieces.join(''));
        const cuts = raw.map((n) => n % (bytes.length + 1)).sort((a, b) => a - b);
        expect(scan(bytes, cuts)).toEqual(scan(bytes));
      }),
      { numRuns: runs(500) },
    );
  });
});
