/**
 * The global cut of the selection rule, found from per-shard figures: the k-th
 * document in the rule's order over all shards (k = floor(r·N)), without
 * gathering the corpus's scores in one place.
 *
 * Pass 1 counts each shard's scores by the first digit of their key (./order-key);
 * the merged counts name the bin holding rank k. While that bin holds more than
 * `gatherLimit` documents, the shards count its documents by the next digit; once it
 * is small enough (or one score, after four digits), the shards send its documents'
 * (key, doc_id, position) and the k-th is picked from them in the rule's order. Per-source
 * ratios do the same per source: each source is a group with its own k.
 */
import type { Direction } from '../selection/order';
import { DIGITS, compareRanked, type Ranked } from './order-key';

/** Counts by digit, as [digit, count] pairs (JSON-friendly, sparse). */
export type DigitCounts = Array<[number, number]>;

/** What the rule drops within one group (the whole corpus, or one source in per-source mode). */
export interface GroupCut {
  /** JSON of the source (`null` for the documents without one), or "*" for the whole corpus. */
  group: string;
  /** Documents with a score in the group, and how many of them the ratio drops. */
  scored: number;
  k: number;
  /** Documents before the current bin in the rule's order. */
  before: number;
  /** Digits of the bin holding rank k, so far. */
  prefix: number[];
  /** Documents in that bin. */
  inBin: number;
  state: 'count' | 'gather' | 'done';
  /** The last dropped document; null when k = 0. */
  cut: { hi: number; lo: number; id: string; row: number } | null;
}

export const ALL = '*';

export function newGroup(group: string, scored: number, k: number): GroupCut {
  return { group, scored, k, before: 0, prefix: [], inBin: scored, state: k > 0 ? 'count' : 'done', cut: null };
}

/** Adds counts by digit (shards' histograms into the corpus's). */
export function mergeCounts(parts: DigitCounts[]): DigitCounts {
  const sum = new Map<number, number>();
  for (const part of parts) for (const [d, c] of part) sum.set(d, (sum.get(d) ?? 0) + c);
  return [...sum].sort((a, b) => a[0] - b[0]);
}

/**
 * Narrows a group to the bin of the next digit that holds rank k, given the corpus's
 * counts of the group's current bin by that digit.
 */
export function narrow(g: GroupCut, counts: DigitCounts, direction: Direction, gatherLimit: number): void {
  if (g.state !== 'count') throw new Error(`group ${g.group} is not counting`);
  const total = counts.reduce((a, [, c]) => a + c, 0);
  if (total !== g.inBin) throw new Error(`group ${g.group}: the shards counted ${total} documents in bin ${g.prefix.join('.')}, expected ${g.inBin} (did an input change between passes?)`);
  const ordered = direction === 'higher' ? counts : [...counts].reverse();
  const want = g.k - g.before;
  let seen = 0;
  for (const [digit, c] of ordered) {
    if (seen + c >= want) {
      g.before += seen;
      g.prefix.push(digit);
      g.inBin = c;
      g.state = c <= gatherLimit || g.prefix.length === DIGITS.length ? 'gather' : 'count';
      return;
    }
    seen += c;
  }
  throw new Error(`group ${g.group}: rank ${g.k} is past the ${g.before + seen} documents counted`);
}

/** Picks the cut from the documents of the group's final bin, sent by all shards. */
export function pickCut(g: GroupCut, candidates: Array<{ hi: number; lo: number; id: string; row: number }>, direction: Direction): void {
  if (g.state !== 'gather') throw new Error(`group ${g.group} is not gathering`);
  if (candidates.length !== g.inBin) throw new Error(`group ${g.group}: the shards sent ${candidates.length} documents of bin ${g.prefix.join('.')}, expected ${g.inBin}`);
  const encoder = new TextEncoder();
  const ranked = candidates.map((c) => ({ ...c, bytes: encoder.encode(c.id) }));
  ranked.sort((a, b) => compareRanked(asRanked(a), asRanked(b), direction));
  const last = ranked[g.k - g.before - 1];
  g.cut = { hi: last.hi, lo: last.lo, id: last.id, row: last.row };
  g.state = 'done';
}

const asRanked = (c: { hi: number; lo: number; bytes: Uint8Array; row: number }): Ranked => ({ hi: c.hi, lo: c.lo, id: c.bytes, row: c.row });

/** Whether a document with a score falls on the dropped side of its group's cut. */
export function droppedByCut(doc: Ranked, cut: GroupCut['cut'], cutId: Uint8Array | null, direction: Direction): boolean {
  if (!cut) return false;
  return compareRanked(doc, { hi: cut.hi, lo: cut.lo, id: cutId!, row: cut.row }, direction) <= 0;
}
