/**
 * The selection rule's ordering, computed once per selector and shared by
 * every view, the export and the CLI.
 *
 * Higher is better: documents with a score are ranked by ascending score,
 * ties by doc_id in ascending byte order; dropping ratio r drops the first
 * floor(r × N) of them (N = documents with a score). Lower is better: the same
 * on the negated score, so the highest scores go first and ties still break by
 * ascending doc_id. Documents without a score are not in the order.
 */
export type Direction = 'higher' | 'lower';

export interface SelectorOrder {
  /** Row indexes of the documents with a score, worst first. */
  order: Uint32Array;
  /** Scores along `order` (so sorted: ascending for 'higher', descending for 'lower'). */
  sortedScores: Float64Array;
  /** Row indexes of documents without a (finite) score. */
  missing: Uint32Array;
  direction: Direction;
}

/**
 * @param scores one value per row; NaN (or ±Infinity) means missing
 * @param idRank each row's position when rows are sorted by doc_id bytes (ties impossible unless ids repeat)
 */
export function buildSelectorOrder(scores: Float64Array, idRank: Uint32Array, direction: Direction): SelectorOrder {
  const n = scores.length;
  let present = 0;
  for (let i = 0; i < n; i++) if (Number.isFinite(scores[i])) present++;
  const order = new Uint32Array(present);
  const missing = new Uint32Array(n - present);
  let p = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(scores[i])) order[p++] = i;
    else missing[m++] = i;
  }
  const sign = direction === 'higher' ? 1 : -1;
  // Sorting a Float64 key array once, then indexes by (key, idRank), keeps the comparator cheap.
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = sign * scores[i];
  order.sort((a, b) => key[a] - key[b] || idRank[a] - idRank[b]);
  const sortedScores = new Float64Array(present);
  for (let i = 0; i < present; i++) sortedScores[i] = scores[order[i]];
  return { order, sortedScores, missing, direction };
}

/**
 * floor(r × N): how many documents a drop ratio drops among `n` scored ones.
 * The ratio is taken to 6 decimals (a percentage to 4) and multiplied in exact
 * integers, so 29 % of 100 is 29, not floor(28.999999999999996).
 */
export function dropCountFor(ratio: number, n: number): number {
  if (!(ratio > 0)) return 0;
  if (ratio >= 1) return n;
  const millionths = Math.round(ratio * 1e6);
  return Math.min(n, Math.floor((millionths * n) / 1e6));
}
