// Every interval and p-value against what statsmodels and scipy printed for the same inputs
// (scripts/make-stats-fixtures.py → test/fixtures/stats/truth.json), to 1e-9; then properties
// that hold for any counts.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  criticalValue,
  deltaIntervalFor,
  intervalFor,
  mcnemarExact,
  newcombeDifference,
  normalQuantile,
  pValueWithinNoise,
  wilsonInterval,
  withinNoise,
} from '../../src/collect/compare/significance.js';

interface Truth {
  normal_quantile: { p: number; z: number }[];
  critical_value: { confidence: number; z: number }[];
  wilson: { case: string; successes: number; n: number; confidence: number; low: number; high: number }[];
  newcombe: {
    case: string;
    x1: number;
    n1: number;
    x2: number;
    n2: number;
    confidence: number;
    delta: number;
    low: number;
    high: number;
  }[];
  mcnemar: { b: number; c: number; statsmodels_pvalue: number; scipy_pvalue: number | null }[];
}
const truth = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'stats', 'truth.json'), 'utf8'),
) as Truth;
const TOL = 1e-9;
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(TOL);
const find = <T extends { case: string; confidence: number }>(rows: T[], name: string): T =>
  rows.find((r) => r.case === name && r.confidence === 0.95)!;

describe('normalQuantile and criticalValue (scipy.stats.norm)', () => {
  it.each(truth.normal_quantile)('Φ⁻¹($p) = $z', ({ p, z }) => {
    close(normalQuantile(p), z);
    // AS 241 is accurate to ~1e-16 relative, far inside the tolerance even in the far tail
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(z)));
  });

  it.each(truth.critical_value)('z at $confidence confidence = $z', ({ confidence, z }) =>
    close(criticalValue(confidence), z),
  );

  it('refuses what is not a probability or a confidence level', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
    expect(() => criticalValue(1)).toThrow(RangeError);
    expect(() => criticalValue(0)).toThrow(RangeError);
  });
});

describe('wilsonInterval (statsmodels proportion_confint, method wilson)', () => {
  it.each(truth.wilson)('$case: $successes/$n at $confidence', ({ successes, n, confidence, low, high }) => {
    const w = wilsonInterval(successes, n, confidence);
    close(w.low, low);
    close(w.high, high);
  });

  it('refuses counts outside 0..n', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
  });
});

describe('newcombeDifference (statsmodels confint_proportions_2indep, method newcomb)', () => {
  it.each(truth.newcombe)(
    '$case: $x2/$n2 − $x1/$n1 at $confidence',
    ({ x1, n1, x2, n2, confidence, delta, low, high }) => {
      const d = newcombeDifference(x1, n1, x2, n2, confidence);
      close(d.delta, delta);
      close(d.low, low);
      close(d.high, high);
    },
  );
});

describe('mcnemarExact (statsmodels mcnemar exact, scipy binomtest)', () => {
  it.each(truth.mcnemar)('b = $b, c = $c', ({ b, c, statsmodels_pvalue, scipy_pvalue }) => {
    close(mcnemarExact(b, c), statsmodels_pvalue);
    if (scipy_pvalue !== null) close(mcnemarExact(b, c), scipy_pvalue);
    // relative accuracy too, so a tiny p-value is right and not merely close to 0
    if (statsmodels_pvalue > 1e-300) expect(Math.abs(mcnemarExact(b, c) / statsmodels_pvalue - 1)).toBeLessThan(1e-9);
  });

  it('refuses counts that are not non-negative integers', () => {
    expect(() => mcnemarExact(1.5, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
  });
});

describe('the rule for which metric gets an interval', () => {
  const wilson = find(truth.wilson, 'sample production, value x n');
  const newcombe = find(truth.newcombe, 'sample, value x n');

  it('gives accuracy a Wilson interval from its value and the evaluation rows', () => {
    const w = intervalFor('accuracy', 0.793, 1831)!;
    close(w.low, wilson.low);
    close(w.high, wilson.high);
  });

  it("calls the sample's +0.6 point accuracy gain on 1,831 rows within noise, as statsmodels' interval does", () => {
    const d = deltaIntervalFor('accuracy', 0.793, 1831, 0.799, 1831)!;
    close(d.low, newcombe.low);
    close(d.high, newcombe.high);
    expect(newcombe.low).toBeLessThan(0);
    expect(withinNoise(d)).toBe(true);
    // a 10-point gain on the same rows is not
    expect(withinNoise(deltaIntervalFor('accuracy', 0.7, 1831, 0.8, 1831)!)).toBe(false);
  });

  it('gives no interval to metrics that are not a count over the rows, or when n is unknown', () => {
    for (const metric of ['precision', 'recall', 'f1_score', 'f1_macro', 'roc_auc', 'log_loss']) {
      expect(intervalFor(metric, 0.8, 1831)).toBeNull();
      expect(deltaIntervalFor(metric, 0.8, 1831, 0.85, 1831)).toBeNull();
    }
    expect(intervalFor('accuracy', 0.8, null)).toBeNull();
    expect(deltaIntervalFor('accuracy', 0.8, 1831, 0.85, null)).toBeNull();
    expect(() => intervalFor('accuracy', 79.3, 1831)).toThrow(RangeError);
  });

  it('reads a p-value against the confidence level', () => {
    expect(pValueWithinNoise(0.05)).toBe(true);
    expect(pValueWithinNoise(0.0499)).toBe(false);
    expect(pValueWithinNoise(0.02, 0.99)).toBe(true);
    expect(pValueWithinNoise(0.02, 0.95)).toBe(false);
  });
});

describe('properties for any counts', () => {
  const proportion = fc
    .integer({ min: 1, max: 1_000_000 })
    .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
  const confidence = fc.double({ min: 0.5, max: 0.999, noNaN: true });

  it('a Wilson interval lies in [0, 1] and contains the observed proportion', () => {
    fc.assert(
      fc.property(proportion, confidence, ([x, n], conf) => {
        const w = wilsonInterval(x, n, conf);
        return w.low >= 0 && w.high <= 1 && w.low <= x / n && x / n <= w.high;
      }),
      { numRuns: 2000 },
    );
  });

  it('a Newcombe interval contains its delta and turns round when the models swap', () => {
    fc.assert(
      fc.property(proportion, proportion, confidence, ([x1, n1], [x2, n2], conf) => {
        const d = newcombeDifference(x1, n1, x2, n2, conf);
        const r = newcombeDifference(x2, n2, x1, n1, conf);
        return (
          d.low >= -1 &&
          d.high <= 1 &&
          d.low <= d.delta &&
          d.delta <= d.high &&
          Math.abs(r.low + d.high) < 1e-12 &&
          Math.abs(r.high + d.low) < 1e-12
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('a McNemar p-value is in [0, 1], symmetric in b and c, and shrinks as the split grows lopsided', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 20_000 }), (b, c) => {
        const p = mcnemarExact(b, c);
        const [lo, hi] = b <= c ? [b, c] : [c, b];
        // one discordant pair moved from the smaller side to the larger: stronger evidence
        const moreLopsided = lo > 0 ? mcnemarExact(lo - 1, hi + 1) : p;
        return p >= 0 && p <= 1 && p === mcnemarExact(c, b) && moreLopsided <= p;
      }),
    );
  });
});
