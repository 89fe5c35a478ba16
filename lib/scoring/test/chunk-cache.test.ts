import { describe, expect, it } from 'vitest';
import { ChunkCache } from '../tokenizer/chunk-cache';

const fnv = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h;
};
const idsOf = (cache: ChunkCache, slot: number) => Array.from(cache.ids.subarray(cache.idsFrom(slot), cache.idsFrom(slot) + cache.idsCount(slot)));

describe('ChunkCache', () => {
  it('finds a chunk inside a longer text by position, with its ids', () => {
    const cache = new ChunkCache(4, 64);
    const text = 'say "don\'t" now';
    expect(cache.find(text, 4, 7, fnv('"don\'t"'))).toBe(-1);
    const slot = cache.add(text, 4, 7, fnv('"don\'t"'), [3, 1, 4, 1]);
    expect(cache.find('"don\'t"', 0, 7, fnv('"don\'t"'))).toBe(slot);
    expect(idsOf(cache, slot)).toEqual([3, 1, 4, 1]);
  });

  it('tells apart chunks that share a hash and a length', () => {
    const cache = new ChunkCache(4, 64);
    const a = cache.add('abc', 0, 3, 42, [1]);
    const b = cache.add('abd', 0, 3, 42, [2]);
    expect(a).not.toBe(b);
    expect(idsOf(cache, cache.find('abd', 0, 3, 42))).toEqual([2]);
    expect(idsOf(cache, cache.find('abc', 0, 3, 42))).toEqual([1]);
    expect(cache.find('abe', 0, 3, 42)).toBe(-1);
    expect(cache.find('abcd', 0, 4, 42)).toBe(-1);
  });

  it('starts over when the table or a pool is full, and keeps what it adds then', () => {
    const cache = new ChunkCache(4, 32); // 9 chunks at most, 32 characters, 8 ids
    const words = Array.from({ length: 30 }, (_, k) => `w${k}`);
    words.forEach((w, k) => cache.add(w, 0, w.length, fnv(w), [k]));
    expect(cache.size).toBeLessThanOrEqual(9);
    const last = words[29];
    expect(idsOf(cache, cache.find(last, 0, last.length, fnv(last)))).toEqual([29]);
    expect(cache.find('w0', 0, 2, fnv('w0'))).toBe(-1);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.find(last, 0, last.length, fnv(last))).toBe(-1);
  });
});
