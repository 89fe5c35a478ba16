/**
 * Writes a synthetic corpus of N rows (id, source, ~300-character text, four
 * float score columns) as Parquet with DuckDB's defaults (zstd, 122,880-row groups).
 *   npx tsx bench/make-parquet.ts [rows=1000000] [out=bench/out/corpus-1m.parquet]
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { NodeConnector } from '../lib/data/connectors/node';

export async function makeParquet(rows: number, out: string): Promise<void> {
  mkdirSync(dirname(out), { recursive: true });
  const conn = await NodeConnector.open();
  await conn.exec(`COPY (
    SELECT 'doc-' || lpad(i::VARCHAR, 8, '0') AS id,
           (['web', 'news', 'books', 'code', 'forum', 'wiki', 'papers', 'email'])[1 + (hash(i) % 8)::INTEGER] AS source,
           concat_ws(' ', md5(i::VARCHAR), 'the', md5((i * 7)::VARCHAR), 'quick brown fox', md5((i * 13)::VARCHAR),
                     'jumps over', md5((i * 17)::VARCHAR), 'the lazy dog', md5((i * 19)::VARCHAR), md5((i * 23)::VARCHAR),
                     md5((i * 29)::VARCHAR)) AS text,
           random() AS datarater, random() * 10 AS fineweb_edu, 5 + random() * 100 AS perplexity, random() - 0.5 AS mates
    FROM range(${rows}) t(i)
  ) TO '${out}' (FORMAT parquet, COMPRESSION zstd)`);
  conn.close();
}

if (process.argv[1]?.endsWith('make-parquet.ts')) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const out = process.argv[3] ?? 'bench/out/corpus-1m.parquet';
  const t0 = performance.now();
  await makeParquet(rows, out);
  console.log(`${rows} rows → ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
