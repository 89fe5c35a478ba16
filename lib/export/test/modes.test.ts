import { describe, expect, it } from 'vitest';
import { uniformForKey } from '../../util/prng';
import { boltzmannSample, softmaxWeights } from '../modes';

describe('softmax weights', () => {
  it('match the formula to 1e-9 relative and average 1', () => {
    const scores = Float64Array.from([0.5, 2, -1, 3.25, NaN, 0]);
    const rows = Uint32Array.from([0, 1, 2, 3, 4, 5]);
    for (const [tau, dir] of [[0.7, 'higher'], [2, 'lower']] as const) {
      const w = softmaxWeights(scores, rows, tau, dir);
      const present = [0, 1, 2, 3, 5];
      const e = present.map((i) => Math.exp(((dir === 'higher' ? 1 : -1) * scores[i]) / tau));
      const mean = e.reduce((a, b) => a + b, 0) / e.length;
      present.forEach((i, k) => expect(Math.abs(w[i] / (e[k] / mean) - 1)).toBeLessThan(1e-9));
      expect(w[4]).toBeNaN();
      expect(present.reduce((a, i) => a + w[i], 0) / present.length).toBeCloseTo(1, 12);
    }
  });

  it('stay finite for large scores', () => {
    const w = softmaxWeights(Float64Array.from([1000, 999]), Uint32Array.from([0, 1]), 0.01, 'higher');
    expect(Number.isFinite(w[0]) && Number.isFinite(w[1])).toBe(true);
  });
});

describe('Boltzmann sampling', () => {
  const n = 6;
  const scores = Float64Array.from([0, 1, 2, 0.5, 1.5, NaN]);
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const all = Uint32Array.from({ length: n }, (_, i) => i);

  it('is identical for the same seed, differs for another, never draws a missing score', () => {
    const s1 = boltzmannSample(scores, ids, all, 3, 1, 42, 'higher');
    expect([...boltzmannSample(scores, ids, all, 3, 1, 42, 'higher')]).toEqual([...s1]);
    const others = [1, 2, 3, 4, 5, 6, 7].map((seed) => [...boltzmannSample(scores, ids, all, 3, 1, seed, 'higher')].join());
    expect(others.some((x) => x !== [...s1].join())).toBe(true);
    expect(boltzmannSample(scores, ids, all, 10, 1, 42, 'higher').length).toBe(5);
    expect([...boltzmannSample(scores, ids, all, 10, 1, 42, 'higher')]).not.toContain(5);
  });

  it('first draws follow p ∝ exp(score / τ) over many seeds (chi-square)', () => {
    const tau = 0.8;
    const w = [0, 1, 2, 3, 4].map((i) => Math.exp(scores[i] / tau));
    const total = w.reduce((a, b) => a + b, 0);
    const trials = 20_000;
    const counts = new Array(5).fill(0);
    for (let seed = 0; seed < trials; seed++) counts[boltzmannSample(scores, ids, all, 1, tau, seed, 'higher')[0]]++;
    const chi = counts.reduce((s, c, i) => s + (c - (trials * w[i]) / total) ** 2 / ((trials * w[i]) / total), 0);
    // 4 degrees of freedom: P(χ² > 18.47) = 0.001.
    expect(chi).toBeLessThan(18.47);
  });

  it('inclusion frequencies match sequential weighted sampling without replacement (k = 2)', () => {
    const tau = 1;
    const w = [0, 1, 2, 3, 4].map((i) => Math.exp(scores[i] / tau));
    const total = w.reduce((a, b) => a + b, 0);
    // P(i in sample of 2) = p_i + Σ_{j≠i} p_j · w_i / (total − w_j)
    const expected = w.map((wi, i) => wi / total + w.reduce((s, wj, j) => (j === i ? s : s + (wj / total) * (wi / (total - wj))), 0));
    const trials = 20_000;
    const counts = new Array(5).fill(0);
    for (let seed = 0; seed < trials; seed++) for (const r of boltzmannSample(scores, ids, all, 2, tau, 1000 + seed, 'higher')) counts[r]++;
    counts.forEach((c, i) => {
      const p = expected[i];
      const sd = Math.sqrt((trials * p * (1 - p)));
      expect(Math.abs(c - trials * p)).toBeLessThan(4.5 * sd);
    });
  });

  it('draws are uniform in (0, 1)', () => {
    let sum = 0;
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const u = uniformForKey(7, `doc-${i}`);
      expect(u > 0 && u < 1).toBe(true);
      sum += u;
      bins[Math.floor(u * 10)]++;
    }
    expect(sum / 50_000).toBeCloseTo(0.5, 2);
    for (const b of bins) expect(Math.abs(b - 5000)).toBeLessThan(400);
  });
});
