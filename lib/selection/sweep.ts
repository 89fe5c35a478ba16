import { sourceCountsInPrefix, type RowFacts, type SelectorIndex } from './engine';
import { dropCountFor } from './order';

/** Prefix sums of another selector's values along this selector's order, for mean-of-kept in O(1) per ratio. */
export interface AlongOrder {
  name: string;
  prefixSum: Float64Array;
  prefixCount: Int32Array;
  missingSum: number;
  missingCount: number;
}

export function buildAlongOrder(index: SelectorIndex, name: string, values: Float64Array): AlongOrder {
  const n = index.order.length;
  const prefixSum = new Float64Array(n + 1);
  const prefixCount = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = values[index.order[i]];
    const ok = Number.isFinite(v);
    prefixSum[i + 1] = prefixSum[i] + (ok ? v : 0);
    prefixCount[i + 1] = prefixCount[i] + (ok ? 1 : 0);
  }
  let missingSum = 0;
  let missingCount = 0;
  for (const row of index.missing) {
    const v = values[row];
    if (Number.isFinite(v)) {
      missingSum += v;
      missingCount++;
    }
  }
  return { name, prefixSum, prefixCount, missingSum, missingCount };
}

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

/** The selection at each ratio (overall mode, missing kept), with the mixture and other selectors' means. */
export function computeSweep(rows: RowFacts, index: SelectorIndex, others: AlongOrder[], ratios: number[]): SweepPoint[] {
  const n = index.order.length;
  const total = rows.sourceOf.length;
  const S = rows.sources.length;
  const totals = new Int32Array(S);
  for (let i = 0; i < total; i++) totals[rows.sourceOf[i]]++;
  let missingTokens = 0;
  for (const row of index.missing) if (Number.isFinite(rows.tokens[row])) missingTokens += rows.tokens[row];
  return ratios.map((ratio) => {
    const k = dropCountFor(ratio, n);
    const dropped = sourceCountsInPrefix(rows, index, k);
    const kept = total - k;
    const means: Record<string, number | null> = {};
    for (const o of others) {
      const count = o.prefixCount[n] - o.prefixCount[k] + o.missingCount;
      means[o.name] = count > 0 ? (o.prefixSum[n] - o.prefixSum[k] + o.missingSum) / count : null;
    }
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
