/**
 * Near-duplicate clusters for the Boltzmann redundancy penalty: MinHash over
 * character shingles with LSH banding, verified by the signatures' estimated
 * Jaccard similarity. Pure integer arithmetic (Math.imul), so Node and the
 * browser compute the same clusters.
 *
 * Parameters (docs/export.md): text lowercased with whitespace runs collapsed
 * to one space; 5-character shingles; 128 hash functions; 16 bands × 8 rows
 * (candidate pairs from about 0.7 similarity); a pair joins a cluster when its
 * estimated Jaccard is ≥ 0.8; clusters are connected components.
 */
import type { Direction } from '../selection/order';
import { fmix32 } from '../util/prng';

export const MINHASH = { shingle: 5, hashes: 128, bands: 16, rowsPerBand: 8, minJaccard: 0.8 } as const;

const SEEDS = Uint32Array.from({ length: MINHASH.hashes }, (_, i) => fmix32(0x9e3779b9 ^ Math.imul(i + 1, 0x27d4eb2d)));

export function normalizeForShingles(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The MinHash signature of a text (MINHASH.hashes values). */
export function minhashSignature(text: string | null): Uint32Array {
  const sig = new Uint32Array(MINHASH.hashes).fill(0xffffffff);
  const t = normalizeForShingles(text ?? '');
  const k = MINHASH.shingle;
  const count = Math.max(1, t.length - k + 1);
  for (let s = 0; s < count; s++) {
    // FNV-1a over the shingle's UTF-16 code units.
    let h = 0x811c9dc5;
    const end = Math.min(t.length, s + k);
    for (let i = s; i < end; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
    for (let j = 0; j < MINHASH.hashes; j++) {
      const v = fmix32(h ^ SEEDS[j]);
      if (v < sig[j]) sig[j] = v;
    }
  }
  return sig;
}

/** Writes the signatures of texts into `out` (n × MINHASH.hashes values), the first at row `start`. */
export function writeSignatures(out: Uint32Array, start: number, texts: Array<string | null>): void {
  texts.forEach((t, i) => out.set(minhashSignature(t), (start + i) * MINHASH.hashes));
}

export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let j = 0; j < a.length; j++) if (a[j] === b[j]) same++;
  return same / a.length;
}

/**
 * Cluster id per row (the smallest row index in its cluster); rows without a
 * near duplicate are their own cluster. `signatures` holds n × MINHASH.hashes values.
 */
export function nearDuplicateClusters(signatures: Uint32Array, n: number): Int32Array {
  const H = MINHASH.hashes;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const sig = (r: number) => signatures.subarray(r * H, r * H + H);
  for (let b = 0; b < MINHASH.bands; b++) {
    const buckets = new Map<string, number[]>();
    for (let r = 0; r < n; r++) {
      const from = r * H + b * MINHASH.rowsPerBand;
      const key = Array.from(signatures.subarray(from, from + MINHASH.rowsPerBand)).join(',');
      const list = buckets.get(key);
      if (list) list.push(r);
      else buckets.set(key, [r]);
    }
    for (const list of buckets.values()) {
      for (let i = 1; i < list.length; i++) {
        const a = find(list[0]);
        const c = find(list[i]);
        if (a !== c && estimatedJaccard(sig(list[0]), sig(list[i])) >= MINHASH.minJaccard) parent[Math.max(a, c)] = Math.min(a, c);
      }
    }
  }
  return Int32Array.from({ length: n }, (_, i) => find(i));
}

/**
 * The redundancy penalty: within each cluster, ordered best first by score
 * (ties by doc_id; rows without a score last), the k-th document (k = 0, 1, …)
 * has its score lowered by k × P. The best copy keeps its score.
 */
export function redundancyPenalty(clusters: Int32Array, scores: Float64Array, docIds: string[], direction: Direction, p: number): Float64Array {
  const members = new Map<number, number[]>();
  clusters.forEach((c, row) => {
    const list = members.get(c);
    if (list) list.push(row);
    else members.set(c, [row]);
  });
  const out = new Float64Array(clusters.length);
  const oriented = (r: number) => (scores[r] === scores[r] ? (direction === 'higher' ? scores[r] : -scores[r]) : -Infinity);
  for (const list of members.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => oriented(b) - oriented(a) || (docIds[a] < docIds[b] ? -1 : docIds[a] > docIds[b] ? 1 : a - b));
    list.forEach((row, k) => (out[row] = k * p));
  }
  return out;
}

/** How many clusters have more than one document, and how many documents they hold. */
export function clusterStats(clusters: Int32Array): { clusters: number; documents: number } {
  const size = new Map<number, number>();
  for (const c of clusters) size.set(c, (size.get(c) ?? 0) + 1);
  let multi = 0;
  let docs = 0;
  for (const s of size.values())
    if (s > 1) {
      multi++;
      docs += s;
    }
  return { clusters: multi, documents: docs };
}
