/**
 * How two or more selectors' selections overlap, from their selection
 * indexes (the same rule as everywhere: lib/selection). Documents without a
 * score are kept by that selector.
 */
import { computeKeepMask, positionsOf, type RowFacts, type SelectionParams, type SelectorIndex } from '../selection/engine';
import { dropCountFor } from '../selection/order';

export interface TwoByTwo {
  dropped_both: number;
  dropped_a_only: number;
  dropped_b_only: number;
  kept_both: number;
  /** |dropped by A ∩ dropped by B| / |dropped by A ∪ dropped by B|; null when neither drops anything. */
  jaccard_dropped: number | null;
}

export function twoByTwo(rows: RowFacts, a: SelectorIndex, b: SelectorIndex, params: SelectionParams): TwoByTwo {
  return twoByTwoOfMasks(computeKeepMask(rows, a, params), computeKeepMask(rows, b, params));
}

/** The 2×2 table from two keep masks (1 = kept). */
export function twoByTwoOfMasks(ka: Uint8Array, kb: Uint8Array): TwoByTwo {
  let both = 0;
  let aOnly = 0;
  let bOnly = 0;
  let kept = 0;
  for (let i = 0; i < ka.length; i++) {
    if (!ka[i] && !kb[i]) both++;
    else if (!ka[i]) aOnly++;
    else if (!kb[i]) bOnly++;
    else kept++;
  }
  const union = both + aOnly + bOnly;
  return { dropped_both: both, dropped_a_only: aOnly, dropped_b_only: bOnly, kept_both: kept, jaccard_dropped: union ? both / union : null };
}

/** For each row, the first ratio index at which the selector drops it (ratios.length = never). */
function firstDropIndex(index: SelectorIndex, rows: number, ratios: number[]): Uint8Array {
  const out = new Uint8Array(rows).fill(ratios.length);
  const cuts = ratios.map((r) => dropCountFor(r, index.order.length));
  // Row at position i is dropped at ratio j iff i < cuts[j]; cuts grow with j.
  let j = 0;
  for (let i = 0; i < index.order.length; i++) {
    while (j < cuts.length && cuts[j] <= i) j++;
    if (j < cuts.length) out[index.order[i]] = j;
    else break;
  }
  return out;
}

/** Jaccard of the dropped sets at every ratio (overall mode, missing kept): O(N + ratios). */
export function overlapCurve(rows: RowFacts, a: SelectorIndex, b: SelectorIndex, ratios: number[]): Array<{ ratio: number; jaccard: number | null; both: number; union: number }> {
  const n = rows.sourceOf.length;
  const da = firstDropIndex(a, n, ratios);
  const db = firstDropIndex(b, n, ratios);
  const inter = new Float64Array(ratios.length + 1);
  const uni = new Float64Array(ratios.length + 1);
  for (let i = 0; i < n; i++) {
    inter[Math.max(da[i], db[i])]++;
    uni[Math.min(da[i], db[i])]++;
  }
  let both = 0;
  let union = 0;
  return ratios.map((ratio, j) => {
    both += inter[j];
    union += uni[j];
    return { ratio, jaccard: union ? both / union : null, both, union };
  });
}

export interface Disagreement {
  row: number;
  /** Percentiles (0 = worst) under each selector. */
  percentileA: number;
  percentileB: number;
  gap: number;
}

/**
 * Documents dropped by one selector and kept by the other, largest rank gap
 * first: `aNotB` are dropped by A and kept by B; `bNotA` the reverse.
 */
export function disagreements(
  rows: RowFacts,
  a: SelectorIndex,
  b: SelectorIndex,
  params: SelectionParams,
  limit = 200,
  /** Keep masks and positions the caller already has (computed here otherwise). */
  known: { ka?: Uint8Array; kb?: Uint8Array; pa?: Int32Array; pb?: Int32Array } = {},
): { aNotB: Disagreement[]; bNotA: Disagreement[] } {
  const n = rows.sourceOf.length;
  const ka = known.ka ?? computeKeepMask(rows, a, params);
  const kb = known.kb ?? computeKeepMask(rows, b, params);
  const pa = known.pa ?? positionsOf(a, n);
  const pb = known.pb ?? positionsOf(b, n);
  const pct = (pos: number, m: number) => (pos < 0 ? NaN : m > 1 ? (100 * pos) / (m - 1) : 100);
  const collect = (dropped: Uint8Array, kept: Uint8Array, sign: 1 | -1) => {
    const out: Disagreement[] = [];
    for (let i = 0; i < n; i++) {
      if (dropped[i] || !kept[i]) continue;
      const percentileA = pct(pa[i], a.order.length);
      const percentileB = pct(pb[i], b.order.length);
      const gap = sign * ((Number.isNaN(percentileB) ? 100 : percentileB) - (Number.isNaN(percentileA) ? 100 : percentileA));
      out.push({ row: i, percentileA, percentileB, gap });
    }
    return out.sort((x, y) => y.gap - x.gap || x.row - y.row).slice(0, limit);
  };
  return { aNotB: collect(ka, kb, 1), bNotA: collect(kb, ka, -1) };
}

/** Sizes of every intersection of dropped sets (UpSet): key = selector indexes joined by '&' ('' = dropped by none). */
export function dropIntersections(rows: RowFacts, indexes: SelectorIndex[], params: SelectionParams): Array<{ selectors: number[]; count: number }> {
  if (indexes.length > 12) throw new Error('at most 12 selectors');
  const masks = indexes.map((ix) => computeKeepMask(rows, ix, params));
  const counts = new Map<number, number>();
  for (let i = 0; i < rows.sourceOf.length; i++) {
    let bits = 0;
    masks.forEach((m, k) => {
      if (!m[i]) bits |= 1 << k;
    });
    counts.set(bits, (counts.get(bits) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([bits, count]) => ({ selectors: indexes.map((_, k) => k).filter((k) => bits & (1 << k)), count }))
    .sort((x, y) => y.count - x.count);
}
