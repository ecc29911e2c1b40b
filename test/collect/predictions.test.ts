// The per-row predictions format on files pandas and the csv module wrote from real
// scikit-learn models (scripts/make-stats-fixtures.py), checked against the counts, accuracies
// and McNemar p-values Python computed from the same arrays; then malformed files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PredictionsFormatError, parsePredictions } from '../../src/collect/compare/predictions.js';
import { mcnemarExact } from '../../src/collect/compare/significance.js';

interface FileTruth {
  file: string;
  n: number;
  both_right: number;
  only_production_right: number;
  only_candidate_right: number;
  both_wrong: number;
  production_accuracy: number;
  candidate_accuracy: number;
  statsmodels_pvalue: number;
  scipy_pvalue: number;
}
const DIR = join(import.meta.dirname, '..', 'fixtures', 'predictions');
const truth = (JSON.parse(readFileSync(join(DIR, 'truth.json'), 'utf8')) as { files: FileTruth[] }).files;

describe.each(truth)('$file', (t) => {
  const counts = parsePredictions(readFileSync(join(DIR, t.file), 'utf8'));

  it('counts the rows each model got right as numpy did', () => {
    expect(counts).toMatchObject({
      n: t.n,
      both_right: t.both_right,
      only_production_right: t.only_production_right,
      only_candidate_right: t.only_candidate_right,
      both_wrong: t.both_wrong,
    });
  });

  it("gives scikit-learn's accuracies and statsmodels'/scipy's McNemar p-value", () => {
    expect(Math.abs(counts.production_accuracy - t.production_accuracy)).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(counts.candidate_accuracy - t.candidate_accuracy)).toBeLessThanOrEqual(1e-12);
    const p = mcnemarExact(counts.only_production_right, counts.only_candidate_right);
    expect(Math.abs(p - t.statsmodels_pvalue)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(p - t.scipy_pvalue)).toBeLessThanOrEqual(1e-9);
  });
});

/** The error a malformed text throws, so tests can look at its line and message. */
function refusal(text: string): PredictionsFormatError {
  try {
    parsePredictions(text);
  } catch (e) {
    if (e instanceof PredictionsFormatError) return e;
    throw e;
  }
  throw new Error('parsed without complaint');
}

describe('the CSV format', () => {
  it('takes quoted fields with commas, escaped quotes and line breaks, and compares labels exactly', () => {
    const text =
      'y_true,production,candidate\n"a, b","a, b","say ""hi"""\n"two\nlines",two lines,"two\nlines"\n1,1.0,1\n';
    expect(parsePredictions(text)).toMatchObject({
      n: 3,
      both_right: 0,
      only_production_right: 1,
      only_candidate_right: 2,
      both_wrong: 0,
    });
  });

  it('ignores a byte-order mark, blank lines and a missing final newline; an empty quoted field is a field', () => {
    expect(parsePredictions('\uFEFFy_true,production,candidate\r\n\r\nx,x,y\r\n\r\ny,x,y').n).toBe(2);
    expect(parsePredictions('note,y_true,production,candidate\n"",a,a,a\n')).toMatchObject({ n: 1, both_right: 1 });
  });
});

describe('malformed predictions', () => {
  it('refuses an empty file, or a header without rows', () => {
    expect(refusal('').line).toBeNull();
    expect(refusal('').message).toMatch(/empty/);
    expect(refusal('\n\n').message).toMatch(/empty/);
    expect(refusal('y_true,production,candidate\n').message).toMatch(/no rows/);
  });

  it('names the missing column and the columns it found', () => {
    const e = refusal('y_true,production,candiate\na,a,a\n');
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/no "candidate" column/);
    expect(e.message).toContain('"candiate"');
    expect(refusal('y_true,production,candidate,production\na,a,a,a\n').message).toMatch(
      /"production" appears 2 times/,
    );
  });

  it('names the line of a ragged row, counting lines inside quoted fields', () => {
    const e = refusal('y_true,production,candidate\n"x\ny",a,b\nc,d\n');
    expect(e.line).toBe(4);
    expect(e.message).toBe('line 4: 2 fields where the header has 3');
    expect(refusal('y_true,production,candidate\na,b,c,d\n').line).toBe(2);
  });

  it('refuses an empty label, an unclosed quote and stray quotes', () => {
    expect(refusal('y_true,production,candidate\na,,b\n').message).toBe(
      'line 2: empty production; every row needs all three labels',
    );
    expect(refusal('y_true,production,candidate\na,b,"c\n\n').line).toBe(2);
    expect(refusal('y_true,production,candidate\na,b"x",c\n').line).toBe(2);
    expect(refusal('y_true,production,candidate\na,"b"x,c\n').message).toMatch(/after a closing quote/);
  });
});
