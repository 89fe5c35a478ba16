import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NodeConnector } from '../../data/connectors/node';
import { fetchDocIds, fetchRowFacts, fetchScores } from '../../data/row-facts';
import { buildRowsQuery } from '../../data/sql/browse';
import { tempDir } from '../../data/test/helpers';
import { loadDatasetFromFiles, planInputs } from '../../cli/load';
import { buildLeanRowsQuery, canOpenLean, openParquetShards, readShardDocIds, readShardScores, shardOf } from '../open';

/**
 * Shards of unequal sizes: ids repeating within and across shards (and sorting
 * apart from row order), a NULL source, scores missing, NaN and tied, tokens
 * given for some rows only.
 */
async function shards(): Promise<string> {
  const folder = join(tempDir(), 'corpus');
  mkdirSync(folder);
  const conn = await NodeConnector.open();
  const sizes = [1500, 40, 2600, 1];
  let from = 0;
  for (const [s, n] of sizes.entries()) {
    await conn.exec(`COPY (
      SELECT CASE WHEN i % 97 = 3 THEN 'twin-' || (i % 5) ELSE md5(i::VARCHAR)[1:10] END AS id,
             CASE WHEN i % 13 = 0 THEN NULL ELSE (['web', 'books', 'code'])[1 + (hash(i) % 3)::INTEGER] END AS source,
             'text ' || repeat('é', (i % 17)::INTEGER) || i AS text,
             CASE WHEN i % 11 = 0 THEN NULL WHEN i % 29 = 0 THEN 'NaN'::DOUBLE ELSE (hash(i * 3) % 40) / 4.0 END AS quality,
             CASE WHEN i % 7 = 0 THEN NULL ELSE (hash(i * 5) % 9)::DOUBLE END AS ppl,
             CASE WHEN i % 3 = 0 THEN NULL ELSE i % 500 END AS n_tokens
      FROM range(${from}, ${from + n}) t(i)) TO '${folder}/part-${s}.parquet' (FORMAT parquet)`);
    from += n;
  }
  conn.close();
  return folder;
}

describe('opening Parquet shards as views (the server engine)', () => {
  it('gives the same dataset summary, per-row facts, id ranks, scores, doc_ids and rows as the full load', async () => {
    const folder = await shards();
    const plan = planInputs([folder]);
    expect(canOpenLean(plan)).toBe(true);
    const lean = await openParquetShards(plan);
    const full = await loadDatasetFromFiles([folder]);
    try {
      const { timings: _a, ...leanDataset } = lean.dataset;
      const { timings: _b, ...fullDataset } = full.dataset;
      expect(leanDataset).toEqual(fullDataset);
      expect(lean.dataset.summary.duplicateIds.extraRows).toBeGreaterThan(0);
      expect(lean.dataset.summary.sources.some((s) => s.source === null)).toBe(true);

      const facts = await fetchRowFacts(full.conn);
      expect(lean.rows.sources).toEqual(facts.sources);
      expect(lean.rows.sourceOf).toEqual(facts.sourceOf);
      expect(lean.rows.chars).toEqual(facts.chars);
      expect(lean.rows.tokens).toEqual(facts.tokens);
      expect(lean.rows.idRank).toEqual(facts.idRank);

      const names = full.dataset.mapping.scores;
      expect(names).toEqual(['quality', 'ppl']);
      expect(await readShardScores(lean.conn, lean.shardDocs, lean.offsets, names)).toEqual(await fetchScores(full.conn, names));
      expect(await readShardDocIds(lean.conn, lean.shardDocs)).toEqual(await fetchDocIds(full.conn));

      // Rows with their text's start, read shard by shard, equal the docs table's rows joined to the text.
      const idx = [0, 1499, 1500, 1539, 1540, 4139, 4140, 777];
      const byIdx = (rows: Array<Record<string, unknown>>) => [...rows].sort((a, b) => Number(a._idx) - Number(b._idx));
      const fromShards = byIdx(await lean.conn.query(buildLeanRowsQuery(lean.shardDocs, lean.offsets, idx, names, 12)));
      expect(fromShards.map((r) => r._idx)).toEqual([...idx].sort((a, b) => a - b));
      expect(fromShards[1].preview).toMatch(/^text é/);
      expect(fromShards).toEqual(byIdx(await full.conn.query(buildRowsQuery('docs', { raw: 'raw', column: 'text' }, idx, names, 12))));
    } finally {
      lean.conn.close();
      full.conn.close();
    }
  }, 60_000);

  it('numbers sources by a join past 64 of them, as the full load numbers them', async () => {
    const folder = join(tempDir(), 'many');
    mkdirSync(folder);
    const conn = await NodeConnector.open();
    for (let s = 0; s < 2; s++) {
      await conn.exec(`COPY (SELECT 'id' || i AS id, CASE WHEN i % 50 = 0 THEN NULL ELSE 'source-' || (hash(i) % 90) END AS source, 'text ' || i AS text, (i % 7)::DOUBLE AS quality
        FROM range(${s * 3000}, ${(s + 1) * 3000}) t(i)) TO '${folder}/part-${s}.parquet' (FORMAT parquet)`);
    }
    conn.close();
    const lean = await openParquetShards(planInputs([folder]));
    const full = await loadDatasetFromFiles([folder]);
    try {
      const facts = await fetchRowFacts(full.conn);
      expect(lean.rows.sources.length).toBeGreaterThan(64);
      expect(lean.rows.sources).toEqual(facts.sources);
      expect(lean.rows.sourceOf).toEqual(facts.sourceOf);
      expect(lean.rows.idRank).toEqual(facts.idRank);
    } finally {
      lean.conn.close();
      full.conn.close();
    }
  }, 60_000);

  it('finds the shard of a row index, and leaves JSONL and attribute layouts to the full load', () => {
    const offsets = [0, 1500, 1540, 4140, 4141];
    expect([0, 1499, 1500, 1539, 1540, 4140].map((i) => shardOf(offsets, i))).toEqual([0, 0, 1, 1, 2, 3]);
    expect(shardOf([0, 0, 5], 0)).toBe(1);
    expect(canOpenLean({ kind: 'files', documents: [{ path: 'a.jsonl', name: 'a.jsonl', shape: {}, attributes: [] }], statsFiles: [], summaryStats: [], ignored: [] })).toBe(false);
  });
});
