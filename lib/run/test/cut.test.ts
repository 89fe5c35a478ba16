import { describe, expect, it } from 'vitest';
import { ALL, mergeCounts, narrow, newGroup, pickCut, type GroupCut } from '../cut';
import { binRange, compareBytes, digitOf, keyOf, scoreOf } from '../order-key';
import { countShard, exportShard, gatherShard, measureShard, groupOf, type LoadedShard } from '../../cli/run/shard';
import { buildSelectorIndex, computeKeepMask, sourceKey, type RowFacts } from '../../selection/engine';
import { dropCountFor, type Direction } from '../../selection/order';
import { Prng } from '../../util/prng';

/** A seeded generator, so a failing case can be replayed. */
const rng = (seed: number) => {
  const p = new Prng(seed);
  return () => p.next();
};

describe('order keys', () => {
  const samples = [-Infinity, -1e308, -3.5, -1, -1e-300, -5e-324, -0, 0, 5e-324, 1e-300, 0.1, 0.5, 0.5000000000000001, 1, 2, 1e308, Infinity].filter(Number.isFinite);
  it('sort as the numbers do, with -0 equal to 0, and read back', () => {
    const keys = samples.map(keyOf);
    for (let i = 1; i < samples.length; i++) {
      const [a, b] = [keys[i - 1], keys[i]];
      const cmp = a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
      if (samples[i - 1] === samples[i]) expect(cmp).toBe(0);
      else expect(cmp).toBeLessThan(0);
    }
    for (const x of samples) expect(scoreOf(...keyOf(x))).toBe(x === 0 ? 0 : x);
  });
  it('digits name the key, and a first-level bin holds its scores', () => {
    const r = rng(1);
    for (let t = 0; t < 2000; t++) {
      const x = (r() - 0.5) * 10 ** Math.floor(r() * 20 - 10);
      const [hi, lo] = keyOf(x);
      expect(((digitOf(hi, lo, 0) << 12) | digitOf(hi, lo, 1)) >>> 0).toBe(hi);
      expect(((digitOf(hi, lo, 2) << 16) | digitOf(hi, lo, 3)) >>> 0).toBe(lo);
      const { from, to } = binRange(digitOf(hi, lo, 0));
      expect(x >= from && x < to).toBe(true);
    }
  });
  it('compares doc_ids by UTF-8 bytes, as DuckDB does (not by UTF-16 units)', () => {
    const e = new TextEncoder();
    // U+FF5E (3 bytes, EF BD 9E) sorts before U+1F600 (4 bytes, F0 …) in bytes, after it in UTF-16 units.
    expect(compareBytes(e.encode('\uff5e'), e.encode('\u{1f600}'))).toBeLessThan(0);
    expect('\uff5e' < '\u{1f600}').toBe(false);
  });
});

/** A corpus in memory, split into shards: the cut found in passes must give computeKeepMask's mask. */
function corpus(seed: number, n: number) {
  const r = rng(seed);
  const sources = ['a', 'b', 'c', null];
  const docIds = Array.from({ length: n }, (_, i) => (r() < 0.02 ? `dup${Math.floor(r() * 3)}` : `d${Math.floor(r() * 1e9).toString(36)}-${i % 7}`));
  const sourceOf = Array.from({ length: n }, () => sources[Math.floor(r() * sources.length)]);
  // Ties on a coarse grid, some negative, 3 % missing.
  const scores = Float64Array.from({ length: n }, () => (r() < 0.03 ? NaN : Math.round((r() - 0.3) * 40) / 8));
  return { docIds, sourceOf, scores };
}

function asRowFacts(c: ReturnType<typeof corpus>): RowFacts {
  const sources = [...new Set(c.sourceOf)];
  const order = c.docIds.map((_, i) => i).sort((a, b) => compareBytes(new TextEncoder().encode(c.docIds[a]), new TextEncoder().encode(c.docIds[b])) || a - b);
  const idRank = new Uint32Array(c.docIds.length);
  order.forEach((row, rank) => (idRank[row] = rank));
  return {
    sourceOf: Uint32Array.from(c.sourceOf, (s) => sources.indexOf(s)),
    sources,
    chars: new Float64Array(c.docIds.length).fill(1),
    tokens: new Float64Array(c.docIds.length).fill(1),
    idRank,
  };
}

function shardsOf(c: ReturnType<typeof corpus>, cuts: number[]): LoadedShard[] {
  return cuts.slice(0, -1).map((from, k) => {
    const to = cuts[k + 1];
    return {
      rows: to - from,
      docIds: c.docIds.slice(from, to),
      sourceOf: c.sourceOf.slice(from, to),
      chars: new Float64Array(to - from).fill(1),
      tokens: new Float64Array(to - from).fill(1),
      scores: { s: c.scores.slice(from, to) },
    };
  });
}

/** The driver's loop, with the shards' work done in memory. */
function distributedKeep(shards: LoadedShard[], direction: Direction, ratio: number, perSource: Record<string, number> | null, missing: 'keep' | 'drop', gatherLimit: number) {
  const figures = shards.map((s) => measureShard(s, { s: direction }).selectors.s);
  const offsets = shards.map((_, k) => shards.slice(0, k).reduce((a, s) => a + s.rows, 0));
  const groupNames = [...new Set(figures.flatMap((f) => Object.keys(f.groups)))].filter((g) => g !== ALL);
  const scoredIn = (g: string) => figures.reduce((a, f) => a + (f.groups[g]?.scored ?? 0), 0);
  const groups: GroupCut[] = perSource
    ? groupNames.map((g) => newGroup(g, scoredIn(g), dropCountFor(perSource[sourceKey(JSON.parse(g))] ?? ratio, scoredIn(g))))
    : [newGroup(ALL, scoredIn(ALL), dropCountFor(ratio, scoredIn(ALL)))];
  for (const g of groups) if (g.state === 'count') narrow(g, mergeCounts(figures.map((f) => f.groups[g.group]?.counts ?? [])), direction, gatherLimit);
  let passes = 0;
  while (groups.some((g) => g.state !== 'done')) {
    passes++;
    if (groups.some((g) => g.state === 'count')) {
      const counting = groups.filter((g) => g.state === 'count');
      const parts = shards.map((s) => countShard(s, 's', counting, !!perSource));
      for (const g of counting) narrow(g, mergeCounts(parts.map((p) => p[g.group] ?? [])), direction, gatherLimit);
    } else {
      const gathering = groups.filter((g) => g.state === 'gather');
      const parts = shards.map((s, k) => gatherShard(s, 's', gathering, !!perSource, offsets[k]));
      for (const g of gathering) pickCut(g, parts.flatMap((p) => p[g.group] ?? []), direction);
    }
  }
  const keptIds = shards.flatMap((s, k) => new TextDecoder().decode(Buffer.concat(exportShard(s, 's', groups, { direction, perSource: !!perSource, missing, list: 'keep', offset: offsets[k] }).chunks)).split('\n').filter(Boolean));
  return { keptIds, passes };
}

describe('the cut found in passes over shards', () => {
  const cases: Array<[Direction, number, Record<string, number> | null, 'keep' | 'drop', number]> = [
    ['higher', 0.25, null, 'keep', 50],
    ['higher', 0.1, null, 'drop', 1],
    ['lower', 0.5, null, 'keep', 10],
    ['lower', 0.9, null, 'drop', 100000],
    ['higher', 0.3, { a: 0.5, b: 0.05 }, 'keep', 5],
    ['lower', 0.2, { '': 0.7 }, 'drop', 20],
  ];
  for (const [seed, [direction, ratio, perSource, missing, gatherLimit]] of cases.entries()) {
    it(`drops what the single-machine rule drops: ${direction}, ${ratio}, per source ${JSON.stringify(perSource)}, missing ${missing}, gather limit ${gatherLimit}`, () => {
      const c = corpus(seed + 11, 3000);
      const rows = asRowFacts(c);
      const index = buildSelectorIndex(rows, 's', c.scores, direction);
      const mask = computeKeepMask(rows, index, { ratio, perSource, missing });
      const expected = c.docIds.filter((_, i) => mask[i] === 1).map((id) => JSON.stringify({ doc_id: id }));
      const { keptIds, passes } = distributedKeep(shardsOf(c, [0, 7, 800, 801, 2100, 3000]), direction, ratio, perSource, missing, gatherLimit);
      expect(keptIds).toEqual(expected);
      // A bin larger than the limit is counted again rather than gathered (scores on this grid tie, so a bin can stay large).
      if (gatherLimit >= 3000) expect(passes).toBe(1);
    });
  }
  it('refuses figures that do not add up (an input changed between passes)', () => {
    const g = newGroup(ALL, 10, 3);
    expect(() => narrow(g, [[1, 4], [2, 5]], 'higher', 100)).toThrow(/counted 9 documents/);
    expect(groupOf(null)).toBe('null');
  });
});
