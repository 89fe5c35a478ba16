import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { Prng } from '../../util/prng';
import { buildSelectorIndex, computeKeepMask, computeSelection, type RowFacts } from '../engine';
import { buildSelectorOrder, dropCountFor } from '../order';

/** A random corpus with heavy ties, missing scores, and several sources. */
function corpus(n: number, seed: number) {
  const rng = new Prng(seed);
  const sources = ['a', 'b', 'c', null];
  const ids = Array.from({ length: n }, (_, i) => `id-${rng.int(0, 1e9).toString(36)}-${i}`);
  const source = Array.from({ length: n }, () => rng.int(0, sources.length - 1));
  const score = Float64Array.from({ length: n }, () => (rng.chance(0.1) ? NaN : rng.int(0, 20) / 4));
  const chars = Float64Array.from({ length: n }, () => rng.int(10, 1000));
  const sorted = ids.map((id, i) => [id, i] as const).sort((x, y) => (Buffer.compare(Buffer.from(x[0]), Buffer.from(y[0]))));
  const idRank = new Uint32Array(n);
  sorted.forEach(([, i], r) => (idRank[i] = r));
  const rows: RowFacts = { sourceOf: Uint32Array.from(source), sources, chars, tokens: chars.map((c) => c / 4), idRank };
  return { ids, source, score, sources, rows };
}

/** The selection rule computed independently, in DuckDB SQL with window functions. */
async function duckdbDropped(c: ReturnType<typeof corpus>, ratio: number, direction: 'higher' | 'lower', perSource = false) {
  const conn = await NodeConnector.open();
  await conn.exec('CREATE TABLE t (i INTEGER, doc_id VARCHAR, src VARCHAR, s DOUBLE)');
  const values = c.ids.map((id, i) => `(${i}, '${id}', ${c.sources[c.source[i]] === null ? 'NULL' : `'${c.sources[c.source[i]]}'`}, ${Number.isNaN(c.score[i]) ? 'NULL' : c.score[i]})`);
  await conn.exec(`INSERT INTO t VALUES ${values.join(',')}`);
  const dir = direction === 'higher' ? 'ASC' : 'DESC';
  const part = perSource ? 'PARTITION BY src' : '';
  const rows = await conn.query(`
    WITH ranked AS (
      SELECT i, src, row_number() OVER (${part} ORDER BY s ${dir}, doc_id ASC) AS rk, count(*) OVER (${part}) AS n
      FROM t WHERE s IS NOT NULL)
    SELECT i FROM ranked WHERE rk <= floor(${ratio}::DECIMAL(10,6) * n) ORDER BY i`);
  conn.close();
  return new Set(rows.map((r) => Number(r.i)));
}

describe('the selection rule', () => {
  it('counts the documents tied at the threshold and how many of them were dropped, overall and per source', () => {
    const c = corpus(3000, 11);
    for (const direction of ['higher', 'lower'] as const) {
      const index = buildSelectorIndex(c.rows, 's', c.score, direction);
      for (const ratio of [0.1, 0.37, 0.5]) {
        const r = computeSelection(c.rows, index, { ratio });
        const mask = computeKeepMask(c.rows, index, { ratio });
        // Independently: the scored documents at the threshold, and those of them the mask drops.
        let total = 0;
        let dropped = 0;
        c.score.forEach((x, i) => {
          if (x === r.threshold) {
            total++;
            if (mask[i] === 0) dropped++;
          }
        });
        expect(r.ties, `${direction} ${ratio}`).toEqual(dropped < total ? { total, dropped } : null);
        const per = computeSelection(c.rows, index, { ratio, perSource: { a: ratio, b: 0.2, c: 0.6, '': ratio } });
        const perMask = computeKeepMask(c.rows, index, { ratio, perSource: { a: ratio, b: 0.2, c: 0.6, '': ratio } });
        let pt = 0;
        let pd = 0;
        per.perSource.forEach((src, s) => {
          let t = 0;
          let d = 0;
          c.score.forEach((x, i) => {
            if (c.source[i] === s && x === src.threshold) {
              t++;
              if (perMask[i] === 0) d++;
            }
          });
          if (d < t && d > 0) {
            pt += t;
            pd += d;
          }
        });
        expect(per.ties, `per source ${direction} ${ratio}`).toEqual(pt ? { total: pt, dropped: pd } : null);
      }
    }
    // No tie split: all distinct scores.
    const distinct = buildSelectorIndex(c.rows, 'd', Float64Array.from({ length: 3000 }, (_, i) => i), 'higher');
    expect(computeSelection(c.rows, distinct, { ratio: 0.25 }).ties).toBeNull();
  });

  it('floor(r × N) is exact for decimal ratios', () => {
    expect(dropCountFor(0.29, 100)).toBe(29);
    expect(dropCountFor(0.1, 1_000_000)).toBe(100_000);
    expect(dropCountFor(0.333333, 3)).toBe(0);
    expect(dropCountFor(0.95, 7)).toBe(6);
    expect(dropCountFor(0, 10)).toBe(0);
    expect(dropCountFor(1, 10)).toBe(10);
  });

  for (const direction of ['higher', 'lower'] as const) {
    for (const ratio of [0.1, 0.25, 0.29, 0.5, 0.9]) {
      it(`drops exactly what DuckDB's window functions drop (${direction} is better, r = ${ratio})`, async () => {
        const c = corpus(3000, 7);
        const index = buildSelectorIndex(c.rows, 's', c.score, direction);
        const expected = await duckdbDropped(c, ratio, direction);
        const mask = computeKeepMask(c.rows, index, { ratio });
        const dropped = new Set([...mask.keys()].filter((i) => mask[i] === 0));
        expect(dropped).toEqual(expected);
        const sel = computeSelection(c.rows, index, { ratio });
        expect(sel.dropped).toBe(expected.size);
        expect(sel.kept).toBe(3000 - expected.size);
        for (const [si, src] of c.sources.entries()) {
          const want = [...expected].filter((i) => c.source[i] === si).length;
          expect(sel.perSource.find((p) => p.source === src)!.dropped).toBe(want);
        }
        // The threshold is the score of the last dropped document.
        const last = [...expected].map((i) => c.score[i]);
        expect(sel.threshold).toBe(direction === 'higher' ? Math.max(...last) : Math.min(...last));
      });
    }
  }

  it('per-source mode applies the rule inside each source', async () => {
    const c = corpus(2000, 11);
    const index = buildSelectorIndex(c.rows, 's', c.score, 'higher');
    const expected = await duckdbDropped(c, 0.3, 'higher', true);
    const perSource = { a: 0.3, b: 0.3, c: 0.3, '': 0.3 };
    const mask = computeKeepMask(c.rows, index, { ratio: 0, perSource });
    expect(new Set([...mask.keys()].filter((i) => mask[i] === 0))).toEqual(expected);
    const sel = computeSelection(c.rows, index, { ratio: 0, perSource: { a: 0.5, b: 0 } });
    const a = sel.perSource.find((p) => p.source === 'a')!;
    expect(a.dropped).toBe(Math.floor(0.5 * a.scored));
    expect(sel.perSource.find((p) => p.source === 'b')!.dropped).toBe(0);
    expect(sel.mode).toBe('per_source');
  });

  it('keeps documents without a score unless told to drop them, and counts them', () => {
    const c = corpus(1000, 3);
    const index = buildSelectorIndex(c.rows, 's', c.score, 'higher');
    const missing = [...c.score].filter(Number.isNaN).length;
    const keep = computeSelection(c.rows, index, { ratio: 0.5 });
    expect(keep.missing).toBe(missing);
    expect(keep.dropped).toBe(Math.floor(0.5 * (1000 - missing)));
    const drop = computeSelection(c.rows, index, { ratio: 0.5, missing: 'drop' });
    expect(drop.dropped).toBe(keep.dropped + missing);
    expect(drop.keptChars + drop.droppedChars).toBeCloseTo(keep.keptChars + keep.droppedChars, 6);
  });

  it('counts kept characters and tokens and source shares', () => {
    const c = corpus(500, 5);
    const index = buildSelectorIndex(c.rows, 's', c.score, 'lower');
    const sel = computeSelection(c.rows, index, { ratio: 0.4 });
    const mask = computeKeepMask(c.rows, index, { ratio: 0.4 });
    let keptChars = 0;
    for (let i = 0; i < 500; i++) if (mask[i]) keptChars += c.rows.chars[i];
    expect(sel.keptChars).toBeCloseTo(keptChars, 6);
    expect(sel.perSource.reduce((n, p) => n + p.shareAfter, 0)).toBeCloseTo(1, 12);
    expect(sel.perSource.reduce((n, p) => n + p.kept, 0)).toBe(sel.kept);
  });
});

describe('the order of a selector (radix sort)', () => {
  it('equals a comparator sort by (score, doc_id rank), both directions, with ties, -0, negatives, infinities and NaN', () => {
    const rng = new Prng(77);
    for (const n of [0, 1, 2, 17, 5000]) {
      const values = [0, -0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, 5e-324, 1e300, -1e300, Infinity, -Infinity, NaN, 2.5, 2.5000000000000004];
      const scores = Float64Array.from({ length: n }, () => (rng.chance(0.5) ? values[rng.int(0, values.length - 1)] : (rng.next() - 0.5) * 10 ** rng.int(-5, 5)));
      const idRank = Uint32Array.from([...Array(n).keys()].sort(() => rng.next() - 0.5));
      for (const direction of ['higher', 'lower'] as const) {
        const { order, missing, sortedScores } = buildSelectorOrder(scores, idRank, direction);
        const sign = direction === 'higher' ? 1 : -1;
        const expected = [...Array(n).keys()].filter((i) => Number.isFinite(scores[i])).sort((a, b) => sign * scores[a] - sign * scores[b] || idRank[a] - idRank[b]);
        expect(Array.from(order)).toEqual(expected);
        expect(Array.from(missing)).toEqual([...Array(n).keys()].filter((i) => !Number.isFinite(scores[i])));
        expect(Array.from(sortedScores)).toEqual(expected.map((i) => scores[i]));
      }
    }
  });
});
