// The case end to end: a data file in which one row is a field short, through
// `stats` (the /api/stats JSON) and `generate` (report JSON, HTML, job summary). Every
// count must be pandas' (test/fixtures/csv/truth.json) and the short row must be named.
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, sampleProject } from './helpers.js';

const CSV = join(import.meta.dirname, 'fixtures', 'csv');
const truth = JSON.parse(readFileSync(join(CSV, 'truth.json'), 'utf8')).files['app-store-short-row.csv'] as {
  csv: { header: string[]; records: [number, number, string[]][] };
  pandas: { rows: number; names: string[]; missing: number[]; duplicates: number; categories: [string, number][] };
};
const p = truth.pandas;
const shortRow = truth.csv.records.find(([, fields]) => fields < truth.csv.header.length)!;

/** The sample project with data/apps.csv replaced by the file with a short row. */
function projectWithShortRow(): string {
  const dir = sampleProject();
  copyFileSync(join(CSV, 'app-store-short-row.csv'), join(dir, 'data', 'apps.csv'));
  return dir;
}

const pandasCounts = {
  rows: p.rows,
  categories: Object.fromEntries(p.categories),
  missing: Object.fromEntries(p.names.map((n, i) => [n, p.missing[i]])),
  duplicates: p.duplicates,
};
const namedShortRow = {
  count: 1,
  by_kind: { short: 1, long: 0, unterminated_quote: 0, not_json: 0, not_object: 0 },
  first: [{ line: shortRow[0], kind: 'short', fields: shortRow[1], expected: truth.csv.header.length, cut: null }],
};

describe('a data file with a short row', () => {
  it('stats: exactly pandas’ rows, categories, missing per column and duplicates; the short row named', async () => {
    const r = await runCli(['stats'], projectWithShortRow());
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect({
      rows: s.total_apps,
      categories: s.category_counts,
      missing: s.missing,
      duplicates: s.duplicates,
    }).toEqual(pandasCounts);
    expect(s.categories).toBe(p.categories.length); // no missing category here: nunique() = every key
    expect(s.malformed_rows).toEqual(namedShortRow);
  });

  it('generate: the same counts in the report data, the row in the data section and in the job summary', async () => {
    const dir = projectWithShortRow();
    const summary = join(dir, 'summary.md');
    const r = await runCli(['generate'], dir, { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    const data = JSON.parse(readFileSync(join(dir, 'reports', 'dashboard_report.json'), 'utf8')).data;
    expect({
      rows: data.rows,
      categories: Object.fromEntries(
        data.categories.map((c: { category: string; count: number }) => [c.category, c.count]),
      ),
      missing: data.missing,
      duplicates: data.duplicates,
    }).toEqual(pandasCounts);
    expect(data.malformed_rows).toEqual(namedShortRow);
    const html = readFileSync(join(dir, 'reports', 'dashboard_report.html'), 'utf8');
    const section = html.slice(
      html.indexOf('data-testid="malformed"'),
      html.indexOf('</section>', html.indexOf('data-testid="malformed"')),
    );
    expect(section).toContain(
      `<td class="num">${shortRow[0]}</td><td>12 of 13 fields: the missing ones read as empty</td>`,
    );
    expect(readFileSync(summary, 'utf8')).toContain(`Malformed rows: 1 (line ${shortRow[0]})`);
  });
});
