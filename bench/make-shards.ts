/**
 * Writes a folder of Parquet shards for the cluster protocol (docs/cluster.md): ids, a source
 * of 8, a short text, and three scores with ties (values rounded to a grid) and 1 % missing.
 * Rows are numbered across shards, so the same call makes the same corpus.
 *   npx tsx bench/make-shards.ts SHARDS ROWS_PER_SHARD OUT_DIR
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { NodeConnector } from '../lib/data/connectors/node';

export async function makeShards(shards: number, rowsPerShard: number, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const conn = await NodeConnector.open();
  const files: string[] = [];
  try {
    for (let s = 0; s < shards; s++) {
      const file = join(dir, `shard-${String(s).padStart(5, '0')}.parquet`);
      const from = s * rowsPerShard;
      // Ids repeat a little (one in 5,000) and sort apart from row order; scores tie on a grid of
      // 1/1000 (quality), 1/20 (edu) and whole numbers (ppl: lower is better); 1 % of each missing.
      await conn.exec(`COPY (
        SELECT CASE WHEN i % 5000 = 7 THEN 'dup-' || (i % 3) ELSE md5(i::VARCHAR)[1:12] END AS id,
               (['web', 'news', 'books', 'code', 'forum', 'wiki', 'papers', 'email'])[1 + (hash(i * 3) % 8)::INTEGER] AS source,
               'document ' || i::VARCHAR || ' ' || repeat('x', (hash(i) % 40)::INTEGER) AS text,
               CASE WHEN hash(i * 5) % 100 = 0 THEN NULL ELSE round((hash(i * 7) % 1000000) / 1e6, 3) END AS quality,
               CASE WHEN hash(i * 11) % 100 = 0 THEN NULL ELSE round((hash(i * 13) % 100) / 20, 2) - 2 END AS edu,
               CASE WHEN hash(i * 17) % 100 = 0 THEN 'NaN'::DOUBLE ELSE (hash(i * 19) % 200)::DOUBLE END AS ppl
        FROM range(${from}, ${from + rowsPerShard}) t(i)
      ) TO '${file.replaceAll("'", "''")}' (FORMAT parquet, COMPRESSION zstd)`);
      files.push(file);
    }
  } finally {
    conn.close();
  }
  return files;
}

if (process.argv[1]?.endsWith('make-shards.ts')) {
  const [shards, rows, out] = [Number(process.argv[2] ?? 64), Number(process.argv[3] ?? 80_000), process.argv[4] ?? 'bench/out/shards'];
  const t0 = performance.now();
  await makeShards(shards, rows, out);
  console.log(`${shards} shards × ${rows} rows → ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
