import { describe, expect, it } from 'vitest';
import { Prng } from '../../util/prng';
import { averageRanks, correlations, correlationsFromOrders, kendallTauB, pearson, spearman } from '../correlation';
import { buildSelectorIndex, type RowFacts } from '../../selection/engine';

/** τ-b by its definition, over all pairs: O(n²). */
function bruteTauB(x: number[], y: number[]): number {
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const sx = Math.sign(x[i] - x[j]);
      const sy = Math.sign(y[i] - y[j]);
      if (sx === 0 && sy === 0) continue;
      if (sx === 0) tx++;
      else if (sy === 0) ty++;
      else if (sx === sy) c++;
      else d++;
    }
  }
  return (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
}

const f = (xs: number[]) => Float64Array.from(xs);

describe('correlations', () => {
  it('matches values worked out by hand', () => {
    // x = 1..5, y = 2,1,4,3,5: 8 concordant, 2 discordant pairs → τ = 0.6; Σd² = 4 → ρ = 1 − 6·4/(5·24) = 0.8.
    expect(kendallTauB(f([1, 2, 3, 4, 5]), f([2, 1, 4, 3, 5]))).toBeCloseTo(0.6, 12);
    expect(spearman(f([1, 2, 3, 4, 5]), f([2, 1, 4, 3, 5]))).toBeCloseTo(0.8, 12);
    expect(pearson(f([1, 2, 3]), f([2, 4, 6]))).toBeCloseTo(1, 12);
    expect(pearson(f([1, 2, 3]), f([3, 2, 1]))).toBeCloseTo(-1, 12);
    expect(Array.from(averageRanks(f([10, 20, 20, 5])))).toEqual([2, 3.5, 3.5, 1]);
  });

  it('τ-b with ties: known value from scipy (x=[12,2,1,12,2], y=[1,4,7,1,0] → −0.4714)', () => {
    expect(kendallTauB(f([12, 2, 1, 12, 2]), f([1, 4, 7, 1, 0]))).toBeCloseTo(-0.47140452079103173, 12);
  });

  it('agrees with the O(n²) definition on random data with heavy ties', () => {
    const rng = new Prng(5);
    for (let t = 0; t < 20; t++) {
      const n = rng.int(2, 120);
      const x = Array.from({ length: n }, () => rng.int(0, 5));
      const y = Array.from({ length: n }, () => rng.int(0, 7));
      const got = kendallTauB(f(x), f(y));
      const want = bruteTauB(x, y);
      if (Number.isNaN(want)) expect(got).toBeNull();
      else expect(got).toBeCloseTo(want, 10);
    }
  });

  it('skips pairs where either score is missing, and is null when undefined', () => {
    const c = correlations(f([1, NaN, 3, 4]), f([2, 5, NaN, 8]));
    expect(c.n).toBe(2);
    expect(c.pearson).toBeCloseTo(1, 12);
    expect(correlations(f([1, 1, 1]), f([1, 2, 3])).spearman).toBeNull();
    expect(correlations(f([1]), f([2])).kendallTauB).toBeNull();
  });

  it('handles large inputs (merge sort over 200,000 pairs) and stays in [−1, 1]', () => {
    const rng = new Prng(1);
    const n = 200_000;
    const x = Float64Array.from({ length: n }, () => rng.next());
    const y = Float64Array.from({ length: n }, (_, i) => x[i] + rng.next() * 0.5);
    const c = correlations(x, y);
    expect(c.n).toBe(n);
    for (const v of [c.pearson!, c.spearman!, c.kendallTauB!]) {
      expect(v).toBeGreaterThan(0.5);
      expect(v).toBeLessThanOrEqual(1);
    }
  });
});

describe('correlations from selector orders', () => {
  it('equal the direct computation, ties, missing values and both directions included', () => {
    const rng = new Prng(12);
    for (let t = 0; t < 10; t++) {
      const n = rng.int(5, 3000);
      const x = Float64Array.from({ length: n }, () => (rng.chance(0.07) ? NaN : rng.int(0, 15)));
      const y = Float64Array.from({ length: n }, (_, i) => (rng.chance(0.07) ? NaN : (Number.isNaN(x[i]) ? 0 : x[i]) + rng.int(-8, 8)));
      const rows: RowFacts = {
        sourceOf: new Uint32Array(n),
        sources: ['s'],
        chars: new Float64Array(n),
        tokens: new Float64Array(n),
        idRank: Uint32Array.from({ length: n }, (_, i) => i),
      };
      const dx = rng.chance(0.5) ? 'higher' : 'lower';
      const dy = rng.chance(0.5) ? 'higher' : 'lower';
      const ix = buildSelectorIndex(rows, 'x', x, dx);
      const iy = buildSelectorIndex(rows, 'y', y, dy);
      const fast = correlationsFromOrders(ix.order, dx === 'higher', iy.order, dy === 'higher', x, y);
      const slow = correlations(x, y);
      expect(fast.n).toBe(slow.n);
      for (const k of ['pearson', 'spearman', 'kendallTauB'] as const) {
        if (slow[k] === null) expect(fast[k]).toBeNull();
        else expect(fast[k]).toBeCloseTo(slow[k]!, 10);
      }
    }
  });
});
