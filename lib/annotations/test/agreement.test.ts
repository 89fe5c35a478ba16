import { describe, expect, it } from 'vitest';
import { cohenKappa, fleissKappa, krippendorffAlpha, rocAuc } from '../agreement';

const repeat = (pairs: Array<[string, string, number]>) => {
  const a: string[] = [];
  const b: string[] = [];
  for (const [x, y, n] of pairs)
    for (let i = 0; i < n; i++) {
      a.push(x);
      b.push(y);
    }
  return [a, b] as const;
};

describe("Cohen's kappa", () => {
  it('matches the hand-worked 2×2 example', () => {
    // 50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15. po = 0.7; pe = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.4.
    const [a, b] = repeat([['yes', 'yes', 20], ['yes', 'no', 5], ['no', 'yes', 10], ['no', 'no', 15]]);
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 12);
  });

  it('three categories, perfect and chance agreement, undefined when one category', () => {
    // keep/drop/unsure: diag 10, 8, 2; off: keep→drop 2, drop→keep 3, unsure→keep 1, keep→unsure 4. n = 30.
    // po = 20/30; a: keep 16, drop 11, unsure 3; b: keep 14, drop 10, unsure 6.
    // pe = (16·14 + 11·10 + 3·6) / 900 = 352/900; κ = (600/900 − 352/900) / (548/900) = 248/548.
    const [a, b] = repeat([['keep', 'keep', 10], ['drop', 'drop', 8], ['unsure', 'unsure', 2], ['keep', 'drop', 2], ['drop', 'keep', 3], ['unsure', 'keep', 1], ['keep', 'unsure', 4]]);
    expect(cohenKappa(a, b)).toBeCloseTo(248 / 548, 12);
    expect(cohenKappa(['a', 'b', 'a'], ['a', 'b', 'a'])).toBe(1);
    expect(cohenKappa(['a', 'a'], ['a', 'a'])).toBeNull();
    // Agreement exactly at chance: a = [x, x, y, y], b = [x, y, x, y]: po = 0.5 = pe.
    expect(cohenKappa(['x', 'x', 'y', 'y'], ['x', 'y', 'x', 'y'])).toBeCloseTo(0, 12);
  });
});

describe("Fleiss' kappa", () => {
  it('matches the classic 10 items × 14 raters × 5 categories example (κ ≈ 0.210)', () => {
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    // P̄ = 0.378022, P_e = 0.213031 → κ = 0.209931.
    expect(fleissKappa(table)).toBeCloseTo(0.209931, 5);
  });

  it('equals Cohen-like values on a small hand-worked case', () => {
    // 3 items, 2 raters, 2 categories: [2,0], [0,2], [1,1]. P_i = 1, 1, 0 → P̄ = 2/3; p = (3/6, 3/6) → Pe = 0.5; κ = (2/3 − 1/2)/(1/2) = 1/3.
    expect(fleissKappa([[2, 0], [0, 2], [1, 1]])).toBeCloseTo(1 / 3, 12);
    expect(fleissKappa([[1, 0]])).toBeNull();
  });
});

describe("Krippendorff's alpha (nominal)", () => {
  it("matches Krippendorff's published example (4 coders, 12 units, missing values: α = 0.743)", () => {
    const coders = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
      [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];
    const units = coders[0].map((_, u) => coders.map((c) => c[u]).filter((v): v is number => v !== null).map(String));
    expect(krippendorffAlpha(units)).toBeCloseTo(0.743, 3);
  });

  it('a hand-worked two-coder case', () => {
    // Units: (a,a), (a,b), (b,b). Coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 2; n_a = n_b = 3, n = 6.
    // α = 1 − (n − 1)·Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k = 1 − 5·2 / (2·9) = 4/9.
    expect(krippendorffAlpha([['a', 'a'], ['a', 'b'], ['b', 'b'], ['a']])).toBeCloseTo(4 / 9, 12);
    expect(krippendorffAlpha([['a', 'a'], ['a', 'a']])).toBeNull();
  });
});

describe('ROC AUC', () => {
  it('counts pairs, ties as one half', () => {
    // Positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 0.35>0.1, 0.8>0.1, 0.8>0.4 → 3/4.
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    // Positives 1, 2; negatives 2, 3: only (2, 2) ties → 0.5 / 4.
    expect(rocAuc([1, 2, 2, 3], [1, 1, 0, 0])).toBe(0.125);
    // All tied → 0.5.
    expect(rocAuc([5, 5, 5], [1, 0, 1])).toBe(0.5);
    expect(rocAuc([1, 2], [1, 1])).toBeNull();
  });
});
