/**
 * Agreement between annotators and between a selector and the labels:
 * Cohen's κ, Fleiss' κ, Krippendorff's α (nominal) and ROC AUC with ties.
 * Definitions in docs/annotations.md; hand-worked values in the unit tests.
 */

/** Cohen's κ of two raters over the same items (paired category lists); null when undefined (expected agreement 1). */
export function cohenKappa(a: string[], b: string[]): number | null {
  const n = a.length;
  if (n === 0 || n !== b.length) return null;
  let agree = 0;
  const ca = new Map<string, number>();
  const cb = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    ca.set(a[i], (ca.get(a[i]) ?? 0) + 1);
    cb.set(b[i], (cb.get(b[i]) ?? 0) + 1);
  }
  const po = agree / n;
  let pe = 0;
  for (const [c, k] of ca) pe += (k / n) * ((cb.get(c) ?? 0) / n);
  return pe === 1 ? null : (po - pe) / (1 - pe);
}

/**
 * Fleiss' κ from a count matrix: counts[item][category] = raters who chose
 * that category for that item. Items may have different numbers of raters
 * (at least 2): P_i = Σ_j n_ij(n_ij − 1) / (n_i(n_i − 1)); p_j = Σ_i n_ij / Σ_i n_i.
 */
export function fleissKappa(counts: number[][]): number | null {
  const items = counts.filter((row) => row.reduce((s, x) => s + x, 0) >= 2);
  if (items.length === 0) return null;
  const k = items[0].length;
  const totals = new Array<number>(k).fill(0);
  let raters = 0;
  let pbar = 0;
  for (const row of items) {
    const ni = row.reduce((s, x) => s + x, 0);
    let agree = 0;
    row.forEach((x, j) => {
      agree += x * (x - 1);
      totals[j] += x;
    });
    pbar += agree / (ni * (ni - 1));
    raters += ni;
  }
  pbar /= items.length;
  const pe = totals.reduce((s, t) => s + (t / raters) ** 2, 0);
  return pe === 1 ? null : (pbar - pe) / (1 - pe);
}

/**
 * Krippendorff's α for nominal data. `units` holds each unit's values (one per
 * rater who rated it); units with fewer than two values are not pairable and
 * are left out. α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k.
 */
export function krippendorffAlpha(units: string[][]): number | null {
  const coincidence = new Map<string, Map<string, number>>();
  const add = (c: string, k: string, w: number) => {
    let row = coincidence.get(c);
    if (!row) coincidence.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + w);
  };
  for (const values of units) {
    const m = values.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) add(values[i], values[j], 1 / (m - 1));
  }
  const nc = new Map<string, number>();
  let n = 0;
  let disagree = 0;
  for (const [c, row] of coincidence) {
    for (const [k, o] of row) {
      nc.set(c, (nc.get(c) ?? 0) + o);
      n += o;
      if (c !== k) disagree += o;
    }
  }
  if (n <= 1) return null;
  let expected = 0;
  for (const [c, a] of nc) for (const [k, b] of nc) if (c !== k) expected += a * b;
  return expected === 0 ? null : 1 - ((n - 1) * disagree) / expected;
}

/**
 * ROC AUC: the probability that a random positive scores higher than a random
 * negative, ties counting one half (Mann–Whitney U with average ranks).
 * null without both classes.
 */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean | number>): number | null {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const avg = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (positive[idx[t]]) {
        pos++;
        rankSum += avg;
      }
    i = j + 1;
  }
  const neg = idx.length - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
