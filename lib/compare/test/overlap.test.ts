import { describe, expect, it } from 'vitest';
import { Prng } from '../../util/prng';
import { buildSelectorIndex, computeKeepMask, type RowFacts } from '../../selection/engine';
import { SWEEP_RATIOS } from '../../selection/sweep';
import { disagreements, dropIntersections, overlapCurve, twoByTwo } from '../overlap';

function setup(n = 500, seed = 3) {
  const rng = new Prng(seed);
  const rows: RowFacts = {
    sourceOf: Uint32Array.from({ length: n }, () => rng.int(0, 2)),
    sources: ['x', 'y', 'z'],
    chars: new Float64Array(n).fill(1),
    tokens: new Float64Array(n).fill(1),
    idRank: Uint32Array.from({ length: n }, (_, i) => i),
  };
  const a = Float64Array.from({ length: n }, () => (rng.chance(0.05) ? NaN : rng.int(0, 40)));
  const b = Float64Array.from({ length: n }, (_, i) => (rng.chance(0.05) ? NaN : a[i] + rng.int(-10, 10)));
  const c = Float64Array.from({ length: n }, () => rng.next());
  return { rows, ia: buildSelectorIndex(rows, 'a', a, 'higher'), ib: buildSelectorIndex(rows, 'b', b, 'lower'), ic: buildSelectorIndex(rows, 'c', c, 'higher') };
}

describe('overlap of selections', () => {
  it('2×2 counts and Jaccard agree with the keep masks', () => {
    const { rows, ia, ib } = setup();
    const t = twoByTwo(rows, ia, ib, { ratio: 0.3 });
    const ma = computeKeepMask(rows, ia, { ratio: 0.3 });
    const mb = computeKeepMask(rows, ib, { ratio: 0.3 });
    let both = 0;
    let any = 0;
    for (let i = 0; i < ma.length; i++) {
      if (!ma[i] && !mb[i]) both++;
      if (!ma[i] || !mb[i]) any++;
    }
    expect(t.dropped_both).toBe(both);
    expect(t.dropped_both + t.dropped_a_only + t.dropped_b_only + t.kept_both).toBe(500);
    expect(t.jaccard_dropped).toBeCloseTo(both / any, 12);
    expect(twoByTwo(rows, ia, ib, { ratio: 0 }).jaccard_dropped).toBeNull();
  });

  it('the overlap curve equals the 2×2 Jaccard at every ratio', () => {
    const { rows, ia, ib } = setup();
    const curve = overlapCurve(rows, ia, ib, SWEEP_RATIOS);
    for (const j of [0, 1, 10, 33, 50, 95]) expect(curve[j].jaccard).toBe(twoByTwo(rows, ia, ib, { ratio: SWEEP_RATIOS[j] }).jaccard_dropped);
  });

  it('lists disagreements, largest rank gap first', () => {
    const { rows, ia, ib } = setup();
    const { aNotB, bNotA } = disagreements(rows, ia, ib, { ratio: 0.3 });
    const t = twoByTwo(rows, ia, ib, { ratio: 0.3 });
    expect(aNotB.length).toBe(Math.min(200, t.dropped_a_only));
    expect(bNotA.length).toBe(Math.min(200, t.dropped_b_only));
    for (let i = 1; i < aNotB.length; i++) expect(aNotB[i - 1].gap).toBeGreaterThanOrEqual(aNotB[i].gap);
    const ma = computeKeepMask(rows, ia, { ratio: 0.3 });
    for (const d of aNotB) expect(ma[d.row]).toBe(0);
  });

  it('counts every intersection of dropped sets once', () => {
    const { rows, ia, ib, ic } = setup();
    const sets = dropIntersections(rows, [ia, ib, ic], { ratio: 0.25 });
    expect(sets.reduce((s, x) => s + x.count, 0)).toBe(500);
    const ab = sets.filter((s) => s.selectors.includes(0) && s.selectors.includes(1)).reduce((s, x) => s + x.count, 0);
    expect(ab).toBe(twoByTwo(rows, ia, ib, { ratio: 0.25 }).dropped_both);
  });
});
