import { describe, expect, it } from 'vitest';
import { categoryDrift } from '../../src/collect/drift.js';

const bands = { moderate: 0.1, significant: 0.25 };

describe('categoryDrift', () => {
  it('is zero and stable for the same balance at another size', () => {
    const d = categoryDrift(
      [
        { category: 'A', count: 200 },
        { category: 'B', count: 100 },
      ],
      { A: 20, B: 10 },
      bands,
    );
    expect(d).toMatchObject({ psi: 0, js_distance: 0, verdict: 'stable', new_categories: [], vanished_categories: [] });
  });

  it('computes the PSI and JS distance of a known shift', () => {
    // p = (0.5, 0.5) now, q = (0.9, 0.1) then: PSI = (0.5−0.9)·ln(0.5/0.9) + (0.5−0.1)·ln(0.5/0.1)
    const psi = (0.5 - 0.9) * Math.log(0.5 / 0.9) + (0.5 - 0.1) * Math.log(0.5 / 0.1);
    const m = [0.7, 0.3];
    const js = Math.sqrt(
      0.5 * (0.5 * Math.log2(0.5 / m[0]!) + 0.5 * Math.log2(0.5 / m[1]!)) +
        0.5 * (0.9 * Math.log2(0.9 / m[0]!) + 0.1 * Math.log2(0.1 / m[1]!)),
    );
    const d = categoryDrift(
      [
        { category: 'A', count: 50 },
        { category: 'B', count: 50 },
      ],
      { A: 90, B: 10 },
      bands,
    );
    expect(d.psi).toBeCloseTo(psi, 6);
    expect(d.js_distance).toBeCloseTo(js, 6);
    expect(d.verdict).toBe('significant');
    expect(d.largest_shifts[0]).toEqual({ category: 'A', training_share: 0.9, current_share: 0.5, delta: -0.4 });
  });

  it('names new and vanished categories', () => {
    const d = categoryDrift(
      [
        { category: 'A', count: 95 },
        { category: 'NEW', count: 5 },
      ],
      { A: 95, OLD: 5 },
      bands,
    );
    expect(d.new_categories).toEqual(['NEW']);
    expect(d.vanished_categories).toEqual(['OLD']);
    // shares of 0 are smoothed to 1e-4: each 5-point move to or from nothing weighs ln(500)
    const psi = 2 * (0.05 - 1e-4) * Math.log(0.05 / 1e-4);
    expect(d.psi).toBeCloseTo(psi, 6);
    expect(d.verdict).toBe('significant');
  });
});
