import { quoteIdent, quoteLiteral } from './quote';

export interface TextSource {
  /** The raw (union) table holding the text, and the text column in it; null when the text is not in DuckDB. */
  raw: string;
  column: string | null;
  /** Raw columns a document's view also reads (Dolma's spans). */
  extra?: string[];
}

const extraColumns = (text: TextSource) => (text.column ? (text.extra ?? []).map((c) => `, r.${quoteIdent(c)}`).join('') : '');

function textJoin(docs: string, text: TextSource): { from: string; textExpr: string } {
  const d = quoteIdent(docs);
  if (!text.column) return { from: `${d} d`, textExpr: 'NULL::VARCHAR' };
  return { from: `${d} d LEFT JOIN ${quoteIdent(text.raw)} r ON r._shard = d._shard AND r._row = d._row`, textExpr: `r.${quoteIdent(text.column)}` };
}

/** Table rows for the given row indexes: metadata, scores, tags and the first `previewChars` characters. */
export function buildRowsQuery(docs: string, text: TextSource, idx: number[], scores: string[], previewChars = 240): string {
  const { from, textExpr } = textJoin(docs, text);
  const list = idx.length ? idx.map((i) => String(Math.trunc(i))).join(', ') : '-1';
  const scoreCols = scores.map((s) => `d.${quoteIdent(s)}`).join(', ');
  return `SELECT d._idx, d._shard, d._row, d.doc_id, d.source, d.n_chars, d.n_tokens, d.tags${scoreCols ? `, ${scoreCols}` : ''}, substr(${textExpr}, 1, ${previewChars}) AS preview FROM ${from} WHERE d._idx IN (${list})`;
}

/** One document by doc_id (the first one, if ids repeat), with its full text. */
export function buildDocQuery(docs: string, text: TextSource, docId: string): string {
  const { from, textExpr } = textJoin(docs, text);
  return `SELECT d.*, ${textExpr} AS text${extraColumns(text)} FROM ${from} WHERE d.doc_id = ${quoteLiteral(docId)} ORDER BY d._idx LIMIT 1`;
}

/** One document by row index. */
export function buildDocByIdxQuery(docs: string, text: TextSource, idx: number): string {
  const { from, textExpr } = textJoin(docs, text);
  return `SELECT d.*, ${textExpr} AS text${extraColumns(text)} FROM ${from} WHERE d._idx = ${Math.trunc(idx)}`;
}

/**
 * Row indexes whose text matches: a case-insensitive substring, or an RE2
 * regular expression (linear time: no catastrophic backtracking on hostile text).
 */
export function buildTextSearchQuery(docs: string, text: TextSource, query: string, regex: boolean): string {
  const { from, textExpr } = textJoin(docs, text);
  const where = regex ? `regexp_matches(${textExpr}, ${quoteLiteral(query)})` : `contains(lower(${textExpr}), lower(${quoteLiteral(query)}))`;
  return `SELECT d._idx FROM ${from} WHERE ${where}`;
}

export function buildTagFilterQuery(docs: string, tag: string): string {
  return `SELECT _idx FROM ${quoteIdent(docs)} WHERE list_contains(tags, ${quoteLiteral(tag)})`;
}

export function buildTagCountsQuery(docs: string): string {
  return `SELECT tag, count(*) AS n FROM (SELECT unnest(tags) AS tag FROM ${quoteIdent(docs)}) GROUP BY tag ORDER BY n DESC, tag`;
}

/** Text of the rows with _idx in [start, end), in row order (with _shard and _row for lazily read text). */
export function buildTextRangeQuery(docs: string, text: TextSource, start: number, end: number): string {
  const { from, textExpr } = textJoin(docs, text);
  return `SELECT d._idx, d._shard, d._row, ${textExpr} AS text FROM ${from} WHERE d._idx >= ${Math.trunc(start)} AND d._idx < ${Math.trunc(end)} ORDER BY d._idx`;
}

/**
 * Text of given rows read from their shards only, one branch per shard
 * (Parquet prunes row groups by file_row_number, so a page of 100 documents
 * costs the shards it touches, not a scan of every shard's text).
 */
export function buildShardTextQuery(column: string, shards: Array<{ shard: number; table: string; rows: number[] }>, maxChars: number | null, union?: string): string {
  const text = maxChars === null ? quoteIdent(column) : `substr(${quoteIdent(column)}, 1, ${Math.trunc(maxChars)})`;
  if (shards.length === 0) return 'SELECT NULL::INTEGER AS _shard, NULL::BIGINT AS _row, NULL::VARCHAR AS text WHERE false';
  // With `union`, each branch reads the union of all shards restricted to one shard (a shard may lack the column).
  const from = (s: { shard: number; table: string }) => (union ? `${quoteIdent(union)} WHERE _shard = ${Math.trunc(s.shard)} AND` : `${quoteIdent(s.table)} WHERE`);
  return shards
    .map((s) => `SELECT ${Math.trunc(s.shard)}::INTEGER AS _shard, _row, ${text} AS text FROM ${from(s)} _row IN (${s.rows.map((r) => String(Math.trunc(r))).join(', ')})`)
    .join(' UNION ALL ');
}
