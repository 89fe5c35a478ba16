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
  const sign = direction === 'higher' ? 1 : -1;
  // Rows and their sort keys scattered into doc_id order (idRank is a permutation), then a
  // stable radix sort by key: equal scores keep doc_id order, which is the tie-break, with no
  // comparator at all. Scattering reads the rows in order and writes at random, which memory
  // does several times faster than reading scores at random (at 10^7 rows and more).
  const rowById = new Uint32Array(n);
  const hiById = new Uint32Array(n);
  const loById = new Uint32Array(n);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const x = scores[i];
    const at = idRank[i];
    rowById[at] = i;
    if (!Number.isFinite(x)) {
      // A high word of zero marks a row without a score: no finite score's key has one.
      hiById[at] = 0;
      continue;
    }
    present++;
    f64[0] = sign * x === 0 ? 0 : sign * x;
    let h = u32[HI];
    let l = u32[LO];
    if (h & 0x80000000) {
      h = ~h;
      l = ~l;
    } else h |= 0x80000000;
    hiById[at] = h >>> 0;
    loById[at] = l >>> 0;
  }
  const missing = new Uint32Array(n - present);
  for (let i = 0, m = 0; i < n; i++) if (!Number.isFinite(scores[i])) missing[m++] = i;
  const rows = new Uint32Array(present);
  const hi = new Uint32Array(present);
  const lo = new Uint32Array(present);
  for (let k = 0, p = 0; k < n; k++) {
    if (hiById[k] === 0) continue;
    rows[p] = rowById[k];
    hi[p] = hiById[k];
    lo[p++] = loById[k];
  }
  const sorted = radixSortByKey(rows, hi, lo);
  const order = sorted.rows;
  // The scores back from their keys, in order (a zero is read from the row: it may be −0).
  const sortedScores = new Float64Array(present);
  for (let i = 0; i < present; i++) {
    let h = sorted.hi[i];
    let l = sorted.lo[i];
    if (h & 0x80000000) h &= 0x7fffffff;
    else {
      h = ~h;
      l = ~l;
    }
    u32[HI] = h >>> 0;
    u32[LO] = l >>> 0;
    const x = sign * f64[0];
    sortedScores[i] = x === 0 ? scores[order[i]] : x;
  }
  return { order, sortedScores, missing, direction };
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Float64Array and Uint32Array share the platform's byte order: the high word is u32[1] on
// little-endian machines (all that run Sift), u32[0] otherwise.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/**
 * A stable LSD radix sort of rows by their 64-bit sortable keys (IEEE bits of sign × score,
 * sign bit set for a positive number, all flipped for a negative one; −0 read as 0), 16 bits
 * a pass. The keys move with the rows (reading them by row would be a random access per row
 * per pass); a pass whose digit is the same for every row is skipped.
 */
function radixSortByKey(
  rows: Uint32Array<ArrayBuffer>,
  hi: Uint32Array<ArrayBuffer>,
  lo: Uint32Array<ArrayBuffer>,
): { rows: Uint32Array<ArrayBuffer>; hi: Uint32Array<ArrayBuffer>; lo: Uint32Array<ArrayBuffer> } {
  const n = rows.length;
  if (n < 2) return { rows, hi, lo };
  let from = rows;
  let to = new Uint32Array(n);
  let hiTo = new Uint32Array(n);
  let loTo = new Uint32Array(n);
  const counts = new Uint32Array(1 << 16);
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    counts.fill(0);
    for (let k = 0; k < n; k++) counts[(words[k] >>> shift) & 0xffff]++;
    if (counts[(words[0] >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < counts.length; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < n; k++) {
      const at = counts[(words[k] >>> shift) & 0xffff]++;
      to[at] = from[k];
      hiTo[at] = hi[k];
      loTo[at] = lo[k];
    }
    [from, to] = [to, from];
    [hi, hiTo] = [hiTo, hi];
    [lo, loTo] = [loTo, lo];
  }
  return { rows: from, hi, lo };
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
