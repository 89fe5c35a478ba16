import { sourceCountsInPrefix, type RowFacts, type SelectorIndex } from './engine';
import { dropCountFor } from './order';

export interface SweepPoint {
  ratio: number;
  dropped: number;
  kept: number;
  keptTokens: number;
  /** Share of each source among kept documents, in RowFacts.sources order. */
  sourceShares: number[];
  /** Mean of each other selector among kept documents (documents without that score ignored). */
  means: Record<string, number | null>;
}

/**
 * Sums of other selectors' values over the first cuts[j] documents of this
 * selector's order, for non-decreasing cuts. Each row is labelled with the
 * interval of the order it falls in (one pass over the order); then every other
 * selector is summed in plain row order, so no value is read at random.
 * sums[o][j] / counts[o][j] cover order[0 .. cuts[j]).
 */
function prefixSumsAtCuts(index: SelectorIndex, rows: number, others: Float64Array[], cuts: number[]) {
  const MISSING = 255;
  const bucket = new Uint8Array(rows).fill(MISSING);
  const order = index.order;
  let b = 0;
  for (let i = 0; i < order.length; i++) {
    while (b < cuts.length && cuts[b] <= i) b++;
    bucket[order[i]] = b;
  }
  const buckets = cuts.length + 1;
  const sums = others.map(() => new Float64Array(cuts.length));
  const counts = others.map(() => new Float64Array(cuts.length));
  others.forEach((values, o) => {
    const bs = new Float64Array(buckets);
    const bc = new Float64Array(buckets);
    for (let r = 0; r < rows; r++) {
      const k = bucket[r];
      const v = values[r];
      // Scores are finite or NaN (SQL turned ±Infinity into NULL → NaN); v === v skips NaN.
      if (k !== MISSING && v === v) {
        bs[k] += v;
        bc[k]++;
      }
    }
    // A document at position i is before cuts[j] exactly when its bucket is ≤ j.
    let s = 0;
    let c = 0;
    for (let j = 0; j < cuts.length; j++) {
      s += bs[j];
      c += bc[j];
      sums[o][j] = s;
      counts[o][j] = c;
    }
  });
  return { sums, counts };
}

/** The selection at each ratio (overall mode, missing kept), with the mixture and other selectors' means. */
export function computeSweep(rows: RowFacts, index: SelectorIndex, others: Record<string, Float64Array>, ratios: number[]): SweepPoint[] {
  const n = index.order.length;
  const total = rows.sourceOf.length;
  const { sourceTotals: totals, missingTokens } = index;
  const names = Object.keys(others);
  const values = names.map((name) => others[name]);
  const cuts = [...ratios.map((r) => dropCountFor(r, n)), n];
  const { sums, counts } = prefixSumsAtCuts(index, total, values, cuts);
  const all = cuts.length - 1;
  // Documents without this selector's score are always kept: add their values to every mean.
  const missingSums = values.map((v) => {
    let s = 0;
    let c = 0;
    for (const row of index.missing) {
      const x = v[row];
      if (x === x) {
        s += x;
        c++;
      }
    }
    return [s, c] as const;
  });
  return ratios.map((ratio, j) => {
    const k = cuts[j];
    const dropped = sourceCountsInPrefix(rows, index, k);
    const kept = total - k;
    const means: Record<string, number | null> = {};
    names.forEach((name, o) => {
      const count = counts[o][all] - counts[o][j] + missingSums[o][1];
      means[name] = count > 0 ? (sums[o][all] - sums[o][j] + missingSums[o][0]) / count : null;
    });
    return {
      ratio,
      dropped: k,
      kept,
      keptTokens: index.prefixTokens[n] - index.prefixTokens[k] + missingTokens,
      sourceShares: Array.from(totals, (t, s) => (kept > 0 ? (t - dropped[s]) / kept : 0)),
      means,
    };
  });
}

/** 0, 1, …, 95 %: the sweep's ratios. */
export const SWEEP_RATIOS = Array.from({ length: 96 }, (_, i) => i / 100);
