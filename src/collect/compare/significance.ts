/**
 * The statistics behind "within noise": the Wilson interval of a proportion, Newcombe's
 * interval for the difference of two, and the exact McNemar test for paired predictions.
 * Pure and dependency-free. Every number is checked against statsmodels/scipy
 * (scripts/make-stats-fixtures.py writes test/fixtures/stats/truth.json), never against itself.
 */

/** A two-sided confidence interval. */
export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** An interval around a difference, with the difference itself. */
export interface DeltaInterval extends Interval {
  readonly delta: number;
}

// Wichura (1988), algorithm AS 241 (PPND16): about 1e-16 relative accuracy, the method
// behind R's qnorm. Coefficients lowest power first, written as the doubles the published
// 20-digit values parse to (the same numbers, without digits a double cannot hold).
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087,
  33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943,
  5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548,
  1.421511758316446e-7, 2.0442631033899397e-15,
];

const poly = (c: readonly number[], x: number): number => c.reduceRight((acc, k) => acc * x + k, 0);

/** The standard normal quantile Φ⁻¹(p) (Wichura's AS 241), as scipy.stats.norm.ppf. */
export function normalQuantile(p: number): number {
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(A, r)) / poly(B, r);
  }
  // the tail: work from the smaller of p and 1 − p so no precision is lost near 1
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const x = r <= 5 ? poly(C, r - 1.6) / poly(D, r - 1.6) : poly(E, r - 5) / poly(F, r - 5);
  return q < 0 ? -x : x;
}

/** The two-sided critical value z for a confidence level (1.959963984540054 at 0.95). */
export function criticalValue(confidence = 0.95): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  // the lower tail directly, as statsmodels' norm.isf(alpha / 2): no 1 − tiny rounding
  return -normalQuantile((1 - confidence) / 2);
}

function checkProportion(successes: number, n: number): void {
  // successes may be fractional: a metric rounded in its file times n is not an integer,
  // and statsmodels' formula takes it as it is
  if (!(n > 0 && Number.isFinite(n)) || !(successes >= 0 && successes <= n)) {
    throw new RangeError(`expected 0 ≤ successes ≤ n and n > 0, got ${successes}/${n}`);
  }
}

/** Wilson (1927) score interval for successes/n; statsmodels proportion_confint(method='wilson'). */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval {
  checkProportion(successes, n);
  const z = criticalValue(confidence);
  const z2 = z * z;
  const p = successes / n;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // at p̂ = 0 (or 1) the exact lower (upper) bound is 0 (1); floating point lands an ulp off,
  // on either side, which would put p̂ outside its own interval
  return {
    low: successes === 0 ? 0 : Math.max(0, center - half),
    high: successes === n ? 1 : Math.min(1, center + half),
  };
}

/**
 * Newcombe (1998) hybrid score interval, method 10, for p2 − p1 (candidate − production) of
 * two independent proportions x1/n1 and x2/n2; statsmodels confint_proportions_2indep(x2, n2,
 * x1, n1, method='newcomb', compare='diff'). Two models scored on the same rows are not
 * independent samples: when they tend to err on the same rows (the usual case) this interval is
 * wider than a paired one, so "within noise" errs on the side of caution. With per-row
 * predictions, use mcnemarExact instead. There is deliberately no paired Newcombe interval
 * (his method 10 for paired data): statsmodels has none to check one against.
 */
export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, confidence = 0.95): DeltaInterval {
  const w1 = wilsonInterval(x1, n1, confidence);
  const w2 = wilsonInterval(x2, n2, confidence);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const delta = p2 - p1;
  return {
    delta,
    low: delta - Math.sqrt((p2 - w2.low) ** 2 + (w1.high - p1) ** 2),
    high: delta + Math.sqrt((w2.high - p2) ** 2 + (p1 - w1.low) ** 2),
  };
}

/**
 * Two-sided exact McNemar p-value for b and c discordant pairs (rows only production got right,
 * rows only the candidate got right): a binomial test of min(b, c) against Bin(b + c, 1/2)
 * (McNemar 1947, exact form). statsmodels mcnemar(table, exact=True).pvalue and
 * scipy.stats.binomtest(b, b + c, 0.5).pvalue. 1 when there is no discordant pair.
 */
export function mcnemarExact(b: number, c: number): number {
  if (!Number.isSafeInteger(b) || !Number.isSafeInteger(c) || b < 0 || c < 0) {
    throw new RangeError(`mcnemarExact: counts must be non-negative integers, got ${b}, ${c}`);
  }
  const n = b + c;
  const k = Math.min(b, c);
  if (2 * k === n) return 1; // b = c (including 0 = 0): the two tails cover everything
  // log P(X = k) = log C(n, k) − n log 2, the binomial coefficient as a sum of logs so
  // thousands of pairs neither overflow a factorial nor underflow 2^−n
  let logPk = -n * Math.LN2;
  for (let i = 1; i <= k; i++) logPk += Math.log((n - k + i) / i);
  // P(X ≤ k) = P(X = k) · (1 + r₁ + r₁r₂ + …): the terms shrink because k < n/2
  let term = 1;
  let sum = 1;
  for (let j = k; j > 0 && term > sum * 1e-17; j--) {
    term *= j / (n - j + 1);
    sum += term;
  }
  return Math.min(1, 2 * Math.exp(logPk + Math.log(sum)));
}

/** True when an interval of a difference includes 0: the data cannot tell it from no change. */
export function withinNoise(interval: Interval): boolean {
  return interval.low <= 0 && interval.high >= 0;
}

/** True when a p-value does not reach significance at the confidence level (p ≥ 1 − confidence). */
export function pValueWithinNoise(pValue: number, confidence = 0.95): boolean {
  // 1 − 0.95 is 0.05000000000000004 in floating point; round so p = 0.05 counts as noise
  return pValue >= Math.round((1 - confidence) * 1e12) / 1e12;
}

/**
 * Metrics that are a count of successes over the evaluation rows, so Wilson and Newcombe apply.
 * Precision and recall are proportions too, but over rows a metrics file does not count
 * (predicted or actual positives, per class), and macro/weighted averages and F1 are non-linear
 * in the whole confusion matrix: no sound interval follows from the value and n alone (a
 * delta-method one needs the matrix and its covariance, Takahashi et al. 2022; a bootstrap needs
 * the rows). Those get no interval rather than a made-up one.
 */
export const PROPORTION_METRICS: readonly string[] = ['accuracy'];

function checkValue(metric: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${metric} must be a fraction in [0, 1], got ${value}`);
}

/** The Wilson interval of a metric over n evaluation rows, or null (not a proportion, or n unknown). */
export function intervalFor(metric: string, value: number, n: number | null, confidence = 0.95): Interval | null {
  if (!PROPORTION_METRICS.includes(metric) || n === null || n < 1) return null;
  checkValue(metric, value);
  // value × n, not rounded: a file that rounds accuracy to 3 places hides the exact count
  return wilsonInterval(value * n, n, confidence);
}

/** The Newcombe interval of candidate − production for a metric, or null as intervalFor. */
export function deltaIntervalFor(
  metric: string,
  production: number,
  nProduction: number | null,
  candidate: number,
  nCandidate: number | null,
  confidence = 0.95,
): DeltaInterval | null {
  if (!PROPORTION_METRICS.includes(metric) || nProduction === null || nCandidate === null) return null;
  if (nProduction < 1 || nCandidate < 1) return null;
  checkValue(metric, production);
  checkValue(metric, candidate);
  return newcombeDifference(production * nProduction, nProduction, candidate * nCandidate, nCandidate, confidence);
}
