import { quoteIdent } from './quote';

/**
 * The dataset fingerprint: order-independent, so re-ordered or re-sharded
 * copies of a corpus share it. Each doc_id maps to the first 16 hex digits of
 * its MD5 read as an unsigned 64-bit integer; the fingerprint is the first 16
 * hex digits of MD5("<count>:<sum of those integers>"). MD5 keeps it
 * reproducible outside Sift and across DuckDB versions.
 */
export function buildFingerprintQuery(docs: string): string {
  return `SELECT count(*) AS n, substr(md5(count(*)::VARCHAR || ':' || coalesce(sum(('0x' || substr(md5(doc_id), 1, 16))::UBIGINT::HUGEINT), 0)::VARCHAR), 1, 16) AS fingerprint FROM ${quoteIdent(docs)}`;
}

export function buildTotalsQuery(docs: string): string {
  return `SELECT count(*) AS row_count, sum(n_chars) AS chars, sum(n_bytes) AS bytes, sum(n_tokens) AS tokens, count(n_tokens) AS token_rows, count(DISTINCT source) AS source_count FROM ${quoteIdent(docs)}`;
}

export function buildSourceCountsQuery(docs: string): string {
  return `SELECT source, count(*) AS n FROM ${quoteIdent(docs)} GROUP BY source ORDER BY n DESC, source NULLS LAST`;
}

export function buildDuplicateIdsQuery(docs: string, examples = 5): string {
  const d = quoteIdent(docs);
  return `WITH dup AS (SELECT doc_id, count(*) AS n FROM ${d} GROUP BY doc_id HAVING count(*) > 1)
SELECT (SELECT count(*) FROM dup) AS ids, (SELECT coalesce(sum(n - 1), 0) FROM dup) AS extra_rows,
(SELECT list(doc_id ORDER BY n DESC, doc_id) FROM (SELECT * FROM dup ORDER BY n DESC, doc_id LIMIT ${examples})) AS examples`;
}

/** min / max / mean / non-null count of each score column, in one pass. */
export function buildScoreStatsQuery(docs: string, scores: string[]): string {
  if (scores.length === 0) return `SELECT count(*) AS row_count FROM ${quoteIdent(docs)}`;
  const parts = scores.flatMap((s, i) => {
    const c = quoteIdent(s);
    return [`min(${c}) AS s${i}_min`, `max(${c}) AS s${i}_max`, `avg(${c}) AS s${i}_mean`, `count(${c}) AS s${i}_count`];
  });
  return `SELECT count(*) AS row_count, ${parts.join(', ')} FROM ${quoteIdent(docs)}`;
}
