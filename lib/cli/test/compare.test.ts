import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { jsonl, tempDir, writeFile } from '../../data/test/helpers';
import { Prng } from '../../util/prng';
import { parseRatio } from '../../selection/ratio';
import { main } from '../main';
import { capture } from './capture';

function corpus() {
  const rng = new Prng(9);
  return Array.from({ length: 400 }, (_, i) => {
    const q = rng.chance(0.05) ? null : rng.int(0, 30) / 10;
    return { id: `d${i}`, text: `t${i}`, source: ['a', 'b', 'c'][i % 3], quality: q, loss_weak: 2 + rng.int(0, 100) / 50, loss_strong: 2 + rng.int(0, 80) / 50 };
  });
}

describe('sift compare', () => {
  it('prints as text what the JSON holds: per-source drops, the overlap curve, oriented correlations with the directions', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.jsonl', jsonl(corpus()));
    const json = capture();
    expect(await main(['compare', file, '--selectors', 'quality,loss_strong', '--drop', '30%', '--json'], json)).toBe(0);
    const r = JSON.parse(json.stdout[0]);
    const io = capture();
    expect(await main(['compare', file, '--selectors', 'quality,loss_strong', '--drop', '30%'], io)).toBe(0);
    const text = io.stdout[0];
    expect(text).toMatch(/quality\s+higher is better/);
    expect(text).toMatch(/loss_strong\s+lower is better/);
    // quality is higher-is-better and loss_strong lower-is-better: the oriented coefficient has the other sign, and the text says so.
    const spearman = text.split('\n').find((l) => l.startsWith('spearman'))!.trim().split(/\s+/);
    expect(Number(spearman[1])).toBeCloseTo(r.spearman, 6);
    expect(Number(spearman[2])).toBeCloseTo(-r.spearman, 6);
    expect(text).toContain('point in opposite directions');
    // Per source: each source's dropped counts as in the JSON, in aligned columns.
    for (const p of r.per_source) {
      const line = text.split('\n').find((l) => l.startsWith(`${p.source} `))!;
      expect(line.trim().split(/\s+/).slice(1, 4)).toEqual([p.documents, p.dropped.quality, p.dropped.loss_strong].map((n: number) => n.toLocaleString('en-US')));
    }
    const perSourceLines = text.split('\n').filter((l) => /^[abc] /.test(l));
    expect(new Set(perSourceLines.map((l) => l.length)).size).toBe(1);
    // The overlap curve, every fifth ratio.
    expect(text).toContain('overlap curve');
    const at50 = r.overlap_curve.find((p: { ratio: number }) => p.ratio === 0.5);
    expect(text).toMatch(new RegExp(`^50 %\\s+${at50.jaccard_dropped.toFixed(6)}$`, 'm'));
  });

  it('prints the statistics as JSON, matching independent SQL, with a derived selector', async () => {
    const dir = tempDir();
    const file = writeFile(dir, 'c.jsonl', jsonl(corpus()));
    const io = capture();
    const code = await main(['compare', file, '--selectors', 'quality,ai', '--drop', '30%', '--define', 'ai=loss_weak - loss_strong', '--json'], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const r = JSON.parse(io.stdout[0]);
    expect(r.selectors.map((s: { name: string }) => s.name)).toEqual(['quality', 'ai']);

    const conn = await NodeConnector.open();
    const src = `(SELECT id, source, quality AS a, loss_weak - loss_strong AS b FROM read_json_auto('${file}'))`;
    const [corr] = await conn.query(`SELECT count(*) AS n, corr(a, b) AS pearson, corr(ra, rb) AS spearman FROM (
      SELECT a, b, rank() OVER (ORDER BY a) + (count(*) OVER (PARTITION BY a) - 1) / 2.0 AS ra, rank() OVER (ORDER BY b) + (count(*) OVER (PARTITION BY b) - 1) / 2.0 AS rb
      FROM ${src} WHERE a IS NOT NULL AND b IS NOT NULL)`);
    expect(r.n).toBe(Number(corr.n));
    expect(r.pearson).toBeCloseTo(Number(corr.pearson), 9);
    expect(r.spearman).toBeCloseTo(Number(corr.spearman), 9);
    // Both "higher is better" (names give no hint): drop the lowest floor(0.3 × N) of each, ties by id.
    const dropped = async (col: string) =>
      new Set(
        (await conn.query(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY ${col}, id) AS rk, count(*) OVER () AS n FROM ${src} WHERE ${col} IS NOT NULL) WHERE rk <= floor(0.3 * n)`)).map((x) => String(x.id)),
      );
    const [da, db] = [await dropped('a'), await dropped('b')];
    const both = [...da].filter((x) => db.has(x)).length;
    expect(r.dropped_both).toBe(both);
    expect(r.dropped_a_only).toBe(da.size - both);
    expect(r.dropped_b_only).toBe(db.size - both);
    expect(r.kept_both).toBe(400 - da.size - db.size + both);
    expect(r.jaccard_dropped).toBeCloseTo(both / (da.size + db.size - both), 12);
    expect(r.overlap_curve).toHaveLength(96);
    expect(r.overlap_curve[30].jaccard_dropped).toBeCloseTo(r.jaccard_dropped, 12);
    conn.close();
  });

  it('rejects malicious or malformed definitions and names, with exit 1 and the position', async () => {
    const file = writeFile(tempDir(), 'c.jsonl', jsonl(corpus()));
    for (const [expr, message] of [
      ['1; DROP TABLE docs', /unexpected character ";"/],
      ["read_csv('/etc/passwd')", /text values are not allowed|unknown function/],
      ['(loss_weak - loss_strong', /expected "\)"/],
      ['nope * 2', /unknown selector "nope"/],
    ] as const) {
      const io = capture();
      expect(await main(['compare', file, '--selectors', 'quality,x', '--drop', '0.3', '--define', `x=${expr}`], io)).toBe(1);
      expect(io.stderr[0]).toMatch(message);
    }
    const io = capture();
    expect(await main(['compare', file, '--selectors', 'quality,text', '--drop', '0.3', '--define', 'text=quality'], io)).toBe(1);
    expect(io.stderr[0]).toMatch(/already a column/);
  });

  it('parses drop ratios as fractions, percentages or with a % sign', () => {
    expect(parseRatio('0.25')).toBe(0.25);
    expect(parseRatio('25')).toBe(0.25);
    expect(parseRatio('12.5%')).toBe(0.125);
    expect(() => parseRatio('99%')).toThrow(/at most 95/);
    expect(() => parseRatio('x')).toThrow(/expected a ratio/);
  });
});
