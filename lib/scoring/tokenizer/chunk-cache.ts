/**
 * The tokenizer's cache of whitespace-free chunks and their word ids: an
 * open-addressing hash table in typed arrays. A JavaScript Map of objects
 * costs several dependent memory reads per lookup (the entry, the object, its
 * string, its id array); here a lookup reads one 16-byte slot and the chunk's
 * characters in one pool, which made the cache-hit path ~2.5× faster on the
 * demo corpus (bench/RESULTS.md). Nothing is allocated per lookup.
 *
 * Slot layout (four int32s): the chunk's 32-bit hash, its length | token
 * count << 8 (0: empty), where its characters start in `chars`, where its ids
 * start in `ids`. Chunks are at most MAX_CHUNK UTF-16 units long; when the
 * table or a pool fills up, everything is dropped and refilled as text comes.
 */
export const MAX_CHUNK = 64;

export class ChunkCache {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly maxEntries: number;
  private chars: Uint16Array;
  private charsUsed = 0;
  /** Word ids of every cached chunk, back to back; read them from `ids[idsFrom(slot)]` on. */
  ids: Int32Array;
  private idsUsed = 0;
  size = 0;

  /** `slotsLog2`: the table has 2^slotsLog2 slots and holds at most 60 % of that many chunks. */
  constructor(slotsLog2 = 20, poolChars = 1 << 23) {
    this.table = new Int32Array(4 << slotsLog2);
    this.mask = (1 << slotsLog2) - 1;
    this.maxEntries = Math.floor(0.6 * (1 << slotsLog2));
    this.chars = new Uint16Array(poolChars);
    this.ids = new Int32Array(poolChars >> 2);
  }

  /**
   * The slot holding `text[start, start + len)` (whose hash is `hash`), or -1.
   * `len` must be between 1 and MAX_CHUNK.
   */
  find(text: string, start: number, len: number, hash: number): number {
    const { table, mask, chars } = this;
    for (let slot = (hash ^ (hash >>> 15)) & mask; ; slot = (slot + 1) & mask) {
      const base = slot << 2;
      const lenCount = table[base + 1];
      if (lenCount === 0) return -1;
      if (table[base] !== hash || (lenCount & 0xff) !== len) continue;
      const from = table[base + 2];
      let k = 0;
      while (k < len && chars[from + k] === text.charCodeAt(start + k)) k++;
      if (k === len) return slot;
    }
  }

  /** Adds a chunk that `find` did not find, with its word ids; returns its slot. */
  add(text: string, start: number, len: number, hash: number, wordIds: ArrayLike<number>): number {
    const count = wordIds.length;
    if (this.size >= this.maxEntries || this.charsUsed + len > this.chars.length || this.idsUsed + count > this.ids.length) this.clear();
    const { table, mask, chars, ids } = this;
    let slot = (hash ^ (hash >>> 15)) & mask;
    while (table[(slot << 2) + 1] !== 0) slot = (slot + 1) & mask;
    const base = slot << 2;
    table[base] = hash;
    table[base + 1] = len | (count << 8);
    table[base + 2] = this.charsUsed;
    table[base + 3] = this.idsUsed;
    for (let k = 0; k < len; k++) chars[this.charsUsed++] = text.charCodeAt(start + k);
    for (let k = 0; k < count; k++) ids[this.idsUsed++] = wordIds[k];
    this.size++;
    return slot;
  }

  /** Where the slot's word ids start in `ids`. */
  idsFrom(slot: number): number {
    return this.table[(slot << 2) + 3];
  }

  /** How many word ids the slot's chunk has. */
  idsCount(slot: number): number {
    return this.table[(slot << 2) + 1] >>> 8;
  }

  clear(): void {
    if (this.size === 0) return;
    this.table.fill(0);
    this.charsUsed = 0;
    this.idsUsed = 0;
    this.size = 0;
  }
}
