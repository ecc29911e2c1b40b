#!/usr/bin/env node
// The data pass's counts with the byte-level CSV scanner and tally (dist/, so `npm run
// build` first), for `npm run bench` to time against bench/pandas-stats.py:
//   node bench/csv-scan.mjs data.csv [category-column]
// Reads the file into one reused 1 MiB buffer; prints the JSON pandas-stats.py prints,
// plus the malformed rows. BENCH_SCAN_ONLY=1 times the scanner alone.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const DIST = join(import.meta.dirname, '..', 'dist', 'collect', 'dataset');
const { CsvScanner } = await import(pathToFileURL(join(DIST, 'csv-scan.js')).href);
const { ByteTally } = await import(pathToFileURL(join(DIST, 'byte-tally.js')).href);

const [path, category = 'Category'] = process.argv.slice(2);
const scanOnly = process.env.BENCH_SCAN_ONLY === '1';
const utf8 = new TextDecoder();
let columns = [],
  tally = null,
  rows = 0;
const scanner = new CsvScanner({
  label: path,
  onHeader: (h) => {
    columns = Array.from({ length: h.fields }, (_, i) => utf8.decode(h.bytes.subarray(h.starts[i], h.ends[i])));
    tally = new ByteTally(columns.length, Math.max(0, columns.indexOf(category)));
  },
  onRow: scanOnly
    ? () => rows++
    : (r) => {
        rows++;
        tally.add(r);
      },
});
const fd = openSync(path, 'r');
const size = fstatSync(fd).size,
  buf = Buffer.allocUnsafe(1 << 20);
for (let first = true; ; first = false) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  scanner.push(buf.subarray(0, n));
  if (first && tally && rows > 0) tally.expect(Math.ceil((rows * size) / n)); // one table size, no doublings
}
closeSync(fd);
const summary = scanner.end();
const t = tally?.result();
console.log(
  JSON.stringify({
    rows: summary.rows,
    missing: t ? Object.fromEntries(columns.map((c, i) => [c, t.missing[i]])) : null,
    duplicates: t?.duplicates ?? null,
    duplicates_exact: t?.duplicatesExact ?? null,
    categories:
      t?.categories
        .map((c) => [c.bytes && utf8.decode(c.bytes), c.count])
        .sort((a, b) => b[1] - a[1] || (String(a[0] ?? '') < String(b[0] ?? '') ? -1 : 1)) ?? null,
    malformed: summary.malformed,
  }),
);
