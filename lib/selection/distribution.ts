/** Histograms, CDF points and summary statistics from a selector's sorted scores. */
import { lowerBound } from '../util/search';

export interface Histogram {
  edges: number[];
  counts: number[];
}

/** Ascending copy view: the engine stores scores worst-first, which is descending for lower-is-better selectors. */
export function ascending(sortedScores: Float64Array): Float64Array {
  const n = sortedScores.length;
  if (n < 2 || sortedScores[0] <= sortedScores[n - 1]) return sortedScores;
  return sortedScores.slice().reverse();
}

/** `bins` equal-width bins over [min, max] (or the given range); the last bin includes max. O(bins × log N). */
export function histogram(asc: Float64Array, bins: number, range?: [number, number]): Histogram {
  const n = asc.length;
  if (n === 0) return { edges: [], counts: [] };
  let [lo, hi] = range ?? [asc[0], asc[n - 1]];
  if (hi === lo) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts: number[] = [];
  let prev = lowerBound(asc, lo);
  for (let b = 0; b < bins; b++) {
    const next = b === bins - 1 ? lowerBound(asc, nextUp(hi)) : lowerBound(asc, edges[b + 1]);
    counts.push(next - prev);
    prev = next;
  }
  return { edges, counts };
}

function nextUp(x: number): number {
  return x + Math.max(Math.abs(x) * Number.EPSILON, Number.MIN_VALUE);
}

/** The q-quantile (type 7, as numpy's default) of ascending values. */
export function quantile(asc: Float64Array, q: number): number {
  const n = asc.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  return asc[lo] + (h - lo) * ((asc[Math.min(lo + 1, n - 1)] ?? asc[lo]) - asc[lo]);
}

export interface ScoreStats {
  count: number;
  mean: number;
  std: number;
  min: number;
  p01: number;
  p05: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
  p99: number;
  max: number;
}

export function scoreStats(asc: Float64Array): ScoreStats {
  const n = asc.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += asc[i];
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (asc[i] - mean) ** 2;
  return {
    count: n,
    mean,
    std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    min: asc[0] ?? NaN,
    p01: quantile(asc, 0.01),
    p05: quantile(asc, 0.05),
    p25: quantile(asc, 0.25),
    median: quantile(asc, 0.5),
    p75: quantile(asc, 0.75),
    p95: quantile(asc, 0.95),
    p99: quantile(asc, 0.99),
    max: asc[n - 1] ?? NaN,
  };
}

/** Up to `points` (x, share ≤ x) pairs of the empirical CDF. */
export function cdfPoints(asc: Float64Array, points = 200): Array<[number, number]> {
  const n = asc.length;
  if (n === 0) return [];
  const out: Array<[number, number]> = [];
  const step = Math.max(1, Math.floor(n / points));
  for (let i = step - 1; i < n; i += step) out.push([asc[i], (i + 1) / n]);
  if (out[out.length - 1]?.[1] !== 1) out.push([asc[n - 1], 1]);
  return out;
}

/** Five-number summaries per group, for box plots (each group's scores must be ascending). */
export function boxStats(asc: Float64Array): [number, number, number, number, number] {
  return [quantile(asc, 0), quantile(asc, 0.25), quantile(asc, 0.5), quantile(asc, 0.75), quantile(asc, 1)];
}
