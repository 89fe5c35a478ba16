/**
 * 95 % intervals for figures read off a sample of a larger corpus: a share (Wilson's score
 * interval, which keeps its coverage near 0 and 1 where the normal one does not), a share over
 * sources sampled separately (stratified: each source's share weighted by its size in the
 * corpus), and counts extrapolated to the corpus from either.
 */
export const Z95 = 1.959963984540054;

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * Wilson's interval for k successes in n draws; with the corpus size N, the finite-population
 * correction (1 − n/N) narrows it (a sample of the whole corpus has no uncertainty left).
 */
export function wilson(k: number, n: number, corpus = Infinity, z = Z95): Interval {
  if (n <= 0) return { estimate: NaN, low: 0, high: 1 };
  const p = k / n;
  const fpc = Number.isFinite(corpus) && corpus > 1 ? Math.max(0, (corpus - n) / (corpus - 1)) : 1;
  const z2 = z * z * fpc;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Math.sqrt(z2) / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * A share of the whole corpus from per-stratum samples: Σ W_s p_s with W_s = N_s / N; its
 * variance Σ W_s² p_s(1 − p_s)/n_s (1 − n_s/N_s); a normal interval clipped to [0, 1].
 */
export function stratified(strata: Array<{ k: number; n: number; corpus: number }>, z = Z95): Interval {
  const total = strata.reduce((a, s) => a + s.corpus, 0);
  let estimate = 0;
  let variance = 0;
  for (const s of strata) {
    if (s.n <= 0 || total <= 0) continue;
    const w = s.corpus / total;
    const p = s.k / s.n;
    const fpc = s.corpus > 1 ? Math.max(0, (s.corpus - s.n) / (s.corpus - 1)) : 0;
    estimate += w * p;
    // A stratum with p = 0 or 1 still carries the uncertainty of one draw either way (as Wilson's would).
    const pv = p === 0 || p === 1 ? 1 / (s.n + 2) / 2 : p * (1 - p);
    variance += ((w * w * pv) / s.n) * fpc;
  }
  const half = z * Math.sqrt(variance);
  return { estimate, low: Math.max(0, estimate - half), high: Math.min(1, estimate + half) };
}

/** An interval on a share, as counts of a corpus of `corpus` documents. */
export function scaled(share: Interval, corpus: number): Interval {
  return { estimate: share.estimate * corpus, low: share.low * corpus, high: share.high * corpus };
}
