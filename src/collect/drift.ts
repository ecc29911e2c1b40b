/**
 * Class balance now against the data the deployed model was trained on (the metrics
 * file's training.category_counts): new and vanished categories, the population stability
 * index and the Jensen–Shannon distance. Pure.
 *
 * PSI = Σ (p − q) · ln(p / q) over categories, shares smoothed by 1e-4 so that a new or
 * vanished category stays finite. Usual reading: < 0.1 stable, < 0.25 moderate, else
 * significant (configurable). JS distance = √(JS divergence, base 2), in [0, 1].
 */
import type { CategoryCount, Drift } from '../report-data.js';

const SMOOTH = 1e-4;

export interface DriftSettings {
  readonly moderate: number;
  readonly significant: number;
}

const round = (x: number, digits = 6): number => Math.round(x * 10 ** digits) / 10 ** digits;

export function categoryDrift(
  current: readonly CategoryCount[],
  training: Readonly<Record<string, number>>,
  s: DriftSettings,
): Drift {
  const now = new Map(current.map((c) => [c.category, c.count]));
  const then = new Map(Object.entries(training));
  const nowTotal = [...now.values()].reduce((a, b) => a + b, 0);
  const thenTotal = [...then.values()].reduce((a, b) => a + b, 0);
  const names = [...new Set([...now.keys(), ...then.keys()])].sort();
  let psi = 0,
    js = 0;
  const shifts = names.map((category) => {
    const p = (now.get(category) ?? 0) / nowTotal;
    const q = (then.get(category) ?? 0) / thenTotal;
    const ps = Math.max(p, SMOOTH),
      qs = Math.max(q, SMOOTH);
    psi += (ps - qs) * Math.log(ps / qs);
    const m = (p + q) / 2;
    if (p > 0) js += 0.5 * p * Math.log2(p / m);
    if (q > 0) js += 0.5 * q * Math.log2(q / m);
    return { category, training_share: round(q), current_share: round(p), delta: round(p - q) };
  });
  const verdict = psi >= s.significant ? 'significant' : psi >= s.moderate ? 'moderate' : 'stable';
  return {
    new_categories: names.filter((n) => !then.has(n)),
    vanished_categories: names.filter((n) => !now.has(n)),
    psi: round(psi),
    js_distance: round(Math.sqrt(Math.max(0, js))),
    thresholds: { moderate: s.moderate, significant: s.significant },
    verdict,
    largest_shifts: shifts
      .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.category.localeCompare(b.category))
      .slice(0, 8),
  };
}
