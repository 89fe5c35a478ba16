/**
 * Rank correlations for comparing selectors, over the documents that have
 * both scores. Kendall's τ-b uses Knight's O(n log n) algorithm (sort by x,
 * count discordant pairs by merge sort on y) with tie corrections.
 */

export interface Correlations {
  n: number;
  pearson: number | null;
  spearman: number | null;
  kendallTauB: number | null;
}

/** Pairs where both values are finite. */
export function pairedValues(a: Float64Array, b: Float64Array): { x: Float64Array; y: Float64Array } {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === a[i] && b[i] === b[i] && Number.isFinite(a[i]) && Number.isFinite(b[i])) n++;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === a[i] && b[i] === b[i] && Number.isFinite(a[i]) && Number.isFinite(b[i])) {
      x[k] = a[i];
      y[k] = b[i];
      k++;
    }
  }
  return { x, y };
}

export function pearson(x: Float64Array, y: Float64Array): number | null {
  const n = x.length;
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Average ranks (1-based) written into `ranks` at the indexes of `sorted`
 * (indexes ordered by ascending value); ties share the mean of their positions.
 */
function assignAverageRanks(sorted: Uint32Array, values: Float64Array, ranks: Float64Array): Float64Array {
  const n = sorted.length;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[sorted[j + 1]] === values[sorted[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[sorted[k]] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
export function averageRanks(values: Float64Array): Float64Array {
  const idx = Uint32Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  return assignAverageRanks(idx, values, new Float64Array(values.length));
}

/** Spearman's ρ: Pearson's r of average ranks (exact with ties). */
export function spearman(x: Float64Array, y: Float64Array): number | null {
  if (x.length < 2) return null;
  return pearson(averageRanks(x), averageRanks(y));
}

/** Σ t(t-1)/2 over runs of equal values in a sorted sequence read through `at`. */
function tiedPairs(n: number, same: (i: number) => boolean): number {
  let total = 0;
  let run = 1;
  for (let i = 1; i < n; i++) {
    if (same(i)) run++;
    else {
      total += (run * (run - 1)) / 2;
      run = 1;
    }
  }
  return total + (run * (run - 1)) / 2;
}

/** Kendall's τ-b in O(n log n) (Knight 1966), as scipy.stats.kendalltau computes it. */
export function kendallTauB(x: Float64Array, y: Float64Array): number | null {
  const n = x.length;
  if (n < 2) return null;
  // Sort by x, then y.
  const perm = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || y[a] - y[b]);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = x[perm[i]];
    ys[i] = y[perm[i]];
  }
  return kendallTauBSorted(xs, ys);
}

/** τ-b for pairs already sorted by x ascending, ties in x by y ascending. `ys` is reordered in place. */
export function kendallTauBSorted(xs: Float64Array, ys: Float64Array): number | null {
  const n = xs.length;
  if (n < 2) return null;
  const n0 = (n * (n - 1)) / 2;
  const tiesX = tiedPairs(n, (i) => xs[i] === xs[i - 1]);
  const tiesXY = tiedPairs(n, (i) => xs[i] === xs[i - 1] && ys[i] === ys[i - 1]);
  // Count swaps while merge-sorting y: the number of discordant pairs (ties in x are already ordered by y).
  let swaps = 0;
  let buf: Float64Array = new Float64Array(n);
  let src: Float64Array = ys;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j] < src[i]) {
          buf[k++] = src[j++];
          swaps += mid - i;
        } else buf[k++] = src[i++];
      }
      while (i < mid) buf[k++] = src[i++];
      while (j < hi) buf[k++] = src[j++];
    }
    [src, buf] = [buf, src];
  }
  const tiesY = tiedPairs(n, (i) => src[i] === src[i - 1]);
  const concordantMinusDiscordant = n0 - tiesX - tiesY + tiesXY - 2 * swaps;
  const denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  return denom === 0 ? null : concordantMinusDiscordant / denom;
}

export function correlations(a: Float64Array, b: Float64Array): Correlations {
  const { x, y } = pairedValues(a, b);
  return { n: x.length, pearson: pearson(x, y), spearman: spearman(x, y), kendallTauB: kendallTauB(x, y) };
}

/**
 * Correlations from two selectors' sorted orders (lib/selection), without
 * comparator sorts: the pairs sorted by x come from x's order, average ranks
 * from its runs of equal values. Only runs of tied x are sorted by y.
 */
export function correlationsFromOrders(
  xOrder: Uint32Array,
  xAscending: boolean,
  yOrder: Uint32Array,
  yAscending: boolean,
  xValues: Float64Array,
  yValues: Float64Array,
): Correlations {
  const rows = xValues.length;
  const paired = new Uint8Array(rows);
  let n = 0;
  for (let i = 0; i < rows; i++) {
    const a = xValues[i];
    const b = yValues[i];
    if (a === a && b === b) {
      paired[i] = 1;
      n++;
    }
  }
  const ascendingPaired = (order: Uint32Array, asc: boolean) => {
    const out = new Uint32Array(n);
    let k = 0;
    if (asc) {
      for (let i = 0; i < order.length; i++) if (paired[order[i]]) out[k++] = order[i];
    } else {
      for (let i = order.length - 1; i >= 0; i--) if (paired[order[i]]) out[k++] = order[i];
    }
    return out;
  };
  const byX = ascendingPaired(xOrder, xAscending);
  const byY = ascendingPaired(yOrder, yAscending);
  const rx = assignAverageRanks(byX, xValues, new Float64Array(rows));
  const ry = assignAverageRanks(byY, yValues, new Float64Array(rows));
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const qx = new Float64Array(n);
  const qy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = byX[i];
    px[i] = xValues[row];
    py[i] = yValues[row];
    qx[i] = rx[row];
    qy[i] = ry[row];
  }
  const pearsonValue = pearson(px, py);
  const spearmanValue = pearson(qx, qy);
  // Ties in x must be ordered by y for Knight's algorithm: sort only inside each run.
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && px[j + 1] === px[i]) j++;
    if (j > i) py.subarray(i, j + 1).sort();
    i = j + 1;
  }
  return { n, pearson: pearsonValue, spearman: spearmanValue, kendallTauB: kendallTauBSorted(px, py) };
}
