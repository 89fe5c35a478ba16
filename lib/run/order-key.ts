/**
 * Scores as sortable integers, so a corpus's order can be found in passes over
 * shards: bins of a score's leading bits merge by adding counts, and a bin is
 * narrowed by its next bits (a radix select) instead of gathering every score.
 *
 * A finite double's key is its IEEE-754 bits with the sign bit set for a
 * positive number and all bits flipped for a negative one: unsigned keys then
 * sort as the numbers do. −0 is read as +0 (the selection rule compares numbers,
 * and −0 equals 0). The key is two uint32 halves, `hi` and `lo`.
 */
import type { Direction } from '../selection/order';

const view = new DataView(new ArrayBuffer(8));

/** The key of a finite score, as [hi, lo]. */
export function keyOf(score: number): [number, number] {
  view.setFloat64(0, score === 0 ? 0 : score);
  let hi = view.getUint32(0);
  let lo = view.getUint32(4);
  if (hi & 0x80000000) {
    hi = ~hi >>> 0;
    lo = ~lo >>> 0;
  } else hi = (hi | 0x80000000) >>> 0;
  return [hi, lo];
}

/** The score a key stands for. */
export function scoreOf(hi: number, lo: number): number {
  if (hi & 0x80000000) view.setUint32(0, hi & 0x7fffffff);
  else {
    view.setUint32(0, ~hi >>> 0);
    lo = ~lo >>> 0;
  }
  view.setUint32(4, lo);
  return view.getFloat64(0);
}

/**
 * The key's digits, most significant first: 20 bits (sign, exponent and 8 bits of
 * mantissa: 256 bins per power of two, fine enough to draw a distribution from), then
 * 12, 16 and 16. Four digits name one score exactly.
 */
export const DIGITS = [
  { half: 0, shift: 12, bits: 20 },
  { half: 0, shift: 0, bits: 12 },
  { half: 1, shift: 16, bits: 16 },
  { half: 1, shift: 0, bits: 16 },
] as const;

export function digitOf(hi: number, lo: number, level: number): number {
  const d = DIGITS[level];
  return ((d.half === 0 ? hi : lo) >>> d.shift) & ((1 << d.bits) - 1);
}

/** Whether the key's first `prefix.length` digits are `prefix`. */
export function hasPrefix(hi: number, lo: number, prefix: readonly number[]): boolean {
  for (let level = 0; level < prefix.length; level++) if (digitOf(hi, lo, level) !== prefix[level]) return false;
  return true;
}

/** The lowest and the past-the-highest score of a first-level bin (for drawing the distribution). */
export function binRange(digit0: number): { from: number; to: number } {
  const from = scoreOf(digit0 << 12 >>> 0, 0);
  const next = digit0 + 1;
  const to = next >= 1 << 20 ? Infinity : scoreOf(next << 12 >>> 0, 0);
  return from <= to ? { from, to } : { from: to, to: from };
}

/** A document's place in the rule's order: its key, its doc_id's UTF-8 bytes, its position in the corpus. */
export interface Ranked {
  hi: number;
  lo: number;
  id: Uint8Array;
  row: number;
}

/**
 * The selection rule's order (docs/selection.md): ascending score for `higher`, descending
 * for `lower`, ties by doc_id bytes ascending, then by position in the corpus.
 */
export function compareRanked(a: Ranked, b: Ranked, direction: Direction): number {
  const sign = direction === 'higher' ? 1 : -1;
  if (a.hi !== b.hi) return a.hi < b.hi ? -sign : sign;
  if (a.lo !== b.lo) return a.lo < b.lo ? -sign : sign;
  return compareBytes(a.id, b.id) || a.row - b.row;
}

/** Byte order, as DuckDB compares VARCHAR. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
