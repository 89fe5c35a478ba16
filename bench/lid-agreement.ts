/**
 * lid.176 (FineWeb's language and language_score, through fasttext.wasm.js) against Sift's
 * non_english tagger on a corpus (default the demo): how often they agree that a document is
 * not English, the confusion table, and language_score's distribution among documents lid.176
 * calls English.
 *   npx tsx bench/lid-agreement.ts [corpus.parquet]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runModelScore } from '../lib/cli/model-score';
import { runScore } from '../lib/cli/score';
import { NodeConnector } from '../lib/data/connectors/node';

const corpus = process.argv[2] ?? 'public/demo/demo.parquet';
const dir = mkdtempSync(join(tmpdir(), 'sift-lid-'));
try {
  const lid = await runModelScore([corpus], [{ model: 'lid176' }], { out: join(dir, 'lid.parquet') });
  console.log(`lid.176: ${lid.documents} documents in ${lid.seconds.toFixed(1)} s (${Math.round(lid.documents / lid.seconds)} docs/s, one thread)`);
  await runScore([corpus], { out: join(dir, 'heuristic.parquet'), rules: [] });
  const conn = await NodeConnector.open();
  const q = (sql: string) => conn.query(sql);
  const joined = `(SELECT l.language, l.language_score, list_contains(h.tags, 'non_english') AS tagged, h.language AS eld FROM '${join(dir, 'lid.parquet')}' l JOIN '${join(dir, 'heuristic.parquet')}' h USING (doc_id))`;
  const [t] = await q(`SELECT count(*)::INTEGER AS n,
      count(*) FILTER (WHERE (language <> 'en') = tagged)::INTEGER AS agree,
      count(*) FILTER (WHERE language <> 'en' AND tagged)::INTEGER AS both_not_en,
      count(*) FILTER (WHERE language <> 'en' AND NOT tagged)::INTEGER AS lid_only,
      count(*) FILTER (WHERE language = 'en' AND tagged)::INTEGER AS tagger_only,
      quantile_cont(language_score, [0.05, 0.5, 0.95]) FILTER (WHERE language = 'en') AS en_scores
    FROM ${joined}`);
  console.log(`agreement on "not English": ${t.agree} of ${t.n} (${((100 * Number(t.agree)) / Number(t.n)).toFixed(1)} %); both not English ${t.both_not_en}, lid.176 only ${t.lid_only}, tagger only ${t.tagger_only}`);
  console.log(`language_score where lid.176 says en: 5/50/95 % = ${(t.en_scores as number[]).map((x) => x.toFixed(3)).join(' / ')}`);
  for (const r of await q(`SELECT language, count(*)::INTEGER AS n, count(*) FILTER (WHERE tagged)::INTEGER AS tagged FROM ${joined} WHERE language <> 'en' GROUP BY 1 ORDER BY n DESC LIMIT 8`)) console.log(`  ${r.language}: ${r.n} documents, ${r.tagged} tagged non_english`);
  conn.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
