import { quoteIdent } from './quote';

/**
 * Per-row facts in _idx order: source index (into the sources list, largest
 * source first, as the summary lists them), rank in doc_id byte order (ties of
 * repeated ids broken by file position), characters and tokens (the token
 * column, else UTF-8 bytes / 4).
 */
export function buildRowFactsQuery(docs: string): string {
  const d = quoteIdent(docs);
  return `WITH src AS (
  SELECT source, (row_number() OVER (ORDER BY count(*) DESC, source NULLS LAST) - 1) AS source_idx FROM ${d} GROUP BY source
)
SELECT src.source_idx::DOUBLE AS source_idx,
       (row_number() OVER (ORDER BY doc_id, _idx) - 1)::DOUBLE AS id_rank,
       n_chars::DOUBLE AS chars,
       coalesce(n_tokens, n_bytes / 4)::DOUBLE AS tokens,
       _idx
FROM ${d} JOIN src ON src.source IS NOT DISTINCT FROM ${d}.source
ORDER BY _idx`;
}

/** The sources in the order buildRowFactsQuery numbers them. */
export function buildSourceListQuery(docs: string): string {
  return `SELECT source FROM ${quoteIdent(docs)} GROUP BY source ORDER BY count(*) DESC, source NULLS LAST`;
}

/** Score columns in _idx order. */
export function buildScoreColumnsQuery(docs: string, names: string[]): string {
  const cols = names.map((n) => `${quoteIdent(n)}::DOUBLE AS ${quoteIdent(n)}`).join(', ');
  return `SELECT ${cols} FROM ${quoteIdent(docs)} ORDER BY _idx`;
}
