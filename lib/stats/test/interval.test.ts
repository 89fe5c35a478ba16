import { describe, expect, it } from 'vitest';
import { Prng } from '../../util/prng';
import { declaredCorpus } from '../../data/corpus-figures';
import { stratified, wilson } from '../interval';

/** Draws n of a corpus without replacement (Floyd's algorithm) and counts its ones. */
function draw(rng: Prng, corpus: Uint8Array, n: number): number {
  const picked = new Set<number>();
  const N = corpus.length;
  for (let j = N - n; j < N; j++) {
    const t = rng.int(0, j);
    picked.add(picked.has(t) ? j : t);
  }
  let k = 0;
  for (const i of picked) k += corpus[i];
  return k;
}

describe('95 % intervals for shares read off a sample', () => {
  it('Wilson covers the true share in 93–97 % of repeated samples (shares 3 %, 25 %, 60 %)', () => {
    const rng = new Prng(5);
    for (const truth of [0.03, 0.25, 0.6]) {
      const corpus = new Uint8Array(200_000).map((_, i) => (i < truth * 200_000 ? 1 : 0));
      let covered = 0;
      const draws = 1000;
      for (let t = 0; t < draws; t++) {
        const n = 1000;
        const iv = wilson(draw(rng, corpus, n), n, corpus.length);
        if (iv.low <= truth && truth <= iv.high) covered++;
      }
      expect(covered / draws, `share ${truth}`).toBeGreaterThanOrEqual(0.93);
      expect(covered / draws, `share ${truth}`).toBeLessThanOrEqual(0.97);
    }
  });

  it('stratified by source covers the corpus share in 93–97 % of draws', () => {
    const rng = new Prng(9);
    // Three sources of different sizes and shares; a sample of each.
    const sources = [
      { size: 120_000, share: 0.1, n: 600 },
      { size: 60_000, share: 0.4, n: 400 },
      { size: 20_000, share: 0.75, n: 300 },
    ].map((s) => ({ ...s, corpus: new Uint8Array(s.size).map((_, i) => (i < s.share * s.size ? 1 : 0)) }));
    const truth = sources.reduce((a, s) => a + s.share * s.size, 0) / 200_000;
    let covered = 0;
    const draws = 800;
    for (let t = 0; t < draws; t++) {
      const iv = stratified(sources.map((s) => ({ k: draw(rng, s.corpus, s.n), n: s.n, corpus: s.size })));
      if (iv.low <= truth && truth <= iv.high) covered++;
    }
    expect(covered / draws).toBeGreaterThanOrEqual(0.93);
    expect(covered / draws).toBeLessThanOrEqual(0.97);
  });

  it('has no width when the sample is the corpus, and a full width without a sample', () => {
    const all = wilson(30, 100, 100);
    expect(all.high - all.low).toBeLessThan(1e-9);
    expect(wilson(0, 0)).toMatchObject({ low: 0, high: 1 });
    const near0 = wilson(0, 500);
    expect(near0.low).toBeCloseTo(0, 12);
    expect(near0.high).toBeGreaterThan(0.003);
  });
});

describe("Compare's 2×2 on a sample", () => {
  it('covers each cell’s corpus share in 93–97 % of repeated samples', async () => {
    const { twoByTwoEstimates } = await import('../sample-estimates');
    // A corpus of 200,000 documents whose two selectors' drop decisions are correlated: cells of 12 %, 8 %, 13 %, 67 %.
    const N = 200_000;
    const truth = [0.12, 0.08, 0.13, 0.67];
    const cellOf = new Uint8Array(N);
    let at = 0;
    truth.forEach((share, c) => {
      const end = c === 3 ? N : at + Math.round(share * N);
      cellOf.fill(c, at, end);
      at = end;
    });
    const exact = [0, 1, 2, 3].map((c) => cellOf.filter((x) => x === c).length / N);
    const corpus = declaredCorpus(N, 800);
    const rng = new Prng(7);
    const draws = 2000;
    const covered = [0, 0, 0, 0];
    for (let d = 0; d < draws; d++) {
      const counts = [0, 0, 0, 0];
      for (let i = 0; i < 800; i++) counts[cellOf[rng.int(0, N - 1)]]++;
      const est = twoByTwoEstimates(corpus, { dropped_both: counts[0], dropped_a_only: counts[1], dropped_b_only: counts[2], kept_both: counts[3] });
      est.slice(0, 4).forEach((e, c) => (covered[c] += e.share.low <= exact[c] && exact[c] <= e.share.high ? 1 : 0));
    }
    for (const c of covered) {
      expect(c / draws).toBeGreaterThanOrEqual(0.93);
      expect(c / draws).toBeLessThanOrEqual(0.97);
    }
  });
});
