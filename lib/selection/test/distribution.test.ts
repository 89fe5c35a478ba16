import { describe, expect, it } from 'vitest';
import { ascending, cdfPoints, histogram, quantile, scoreStats } from '../distribution';
import { guessDirection } from '../direction';
import { buildSelectorIndex, type RowFacts } from '../engine';
import { SWEEP_RATIOS, computeSweep } from '../sweep';

describe('distributions', () => {
  const asc = Float64Array.from([0, 1, 1, 2, 3, 5, 8, 13]);

  it('bins every value once, the maximum in the last bin', () => {
    const h = histogram(asc, 4);
    expect(h.edges).toEqual([0, 3.25, 6.5, 9.75, 13]);
    expect(h.counts).toEqual([5, 1, 1, 1]);
    expect(histogram(Float64Array.from([2, 2, 2]), 3).counts.reduce((a, b) => a + b)).toBe(3);
  });

  it('computes numpy-style quantiles and summary statistics', () => {
    expect(quantile(asc, 0.5)).toBe(2.5);
    expect(quantile(asc, 0.25)).toBe(1);
    const s = scoreStats(asc);
    expect(s.mean).toBeCloseTo(33 / 8, 12);
    expect(s.min).toBe(0);
    expect(s.max).toBe(13);
    expect(s.std).toBeCloseTo(Math.sqrt([...asc].reduce((a, v) => a + (v - 33 / 8) ** 2, 0) / 7), 12);
  });

  it('turns a descending array ascending and gives CDF points ending at 1', () => {
    expect([...ascending(Float64Array.from([3, 2, 1]))]).toEqual([1, 2, 3]);
    const cdf = cdfPoints(asc, 4);
    expect(cdf[cdf.length - 1]).toEqual([13, 1]);
  });

  it('guesses directions from names', () => {
    expect(guessDirection('char_perplexity')).toBe('lower');
    expect(guessDirection('loss_strong')).toBe('lower');
    expect(guessDirection('model_bpb')).toBe('lower');
    expect(guessDirection('fineweb_edu')).toBe('higher');
    expect(guessDirection('datarater')).toBe('higher');
    expect(guessDirection('model_bpb_gain')).toBe('higher');
    expect(guessDirection('loss_improvement')).toBe('higher');
  });
});

describe('sweep', () => {
  it('matches the selection at each ratio, with other selectors’ means among kept documents', () => {
    const n = 400;
    const a = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 401);
    const b = Float64Array.from({ length: n }, (_, i) => (i % 13 === 0 ? NaN : i));
    const rows: RowFacts = {
      sourceOf: Uint32Array.from({ length: n }, (_, i) => i % 3),
      sources: ['x', 'y', 'z'],
      chars: new Float64Array(n).fill(10),
      tokens: new Float64Array(n).fill(2),
      idRank: Uint32Array.from({ length: n }, (_, i) => i),
    };
    const index = buildSelectorIndex(rows, 'a', a, 'higher');
    const sweep = computeSweep(rows, index, { b }, SWEEP_RATIOS);
    expect(sweep).toHaveLength(96);
    const at = sweep[30];
    expect(at.dropped).toBe(120);
    expect(at.keptTokens).toBe(2 * 280);
    const keptRows = [...index.order.slice(120)];
    const bs = keptRows.map((r) => b[r]).filter(Number.isFinite);
    expect(at.means.b).toBeCloseTo(bs.reduce((x, y) => x + y, 0) / bs.length, 9);
    expect(at.sourceShares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    // Every point agrees with the mean computed directly over the kept rows.
    for (const p of [sweep[0], sweep[1], sweep[57], sweep[95]]) {
      const kept = [...index.order.slice(p.dropped)].map((r) => b[r]).filter(Number.isFinite);
      expect(p.means.b).toBeCloseTo(kept.reduce((x, y) => x + y, 0) / kept.length, 9);
    }
  });
});
