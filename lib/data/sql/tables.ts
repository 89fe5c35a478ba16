/**
 * SQL for a dataset's tables as a whole: their columns, a generation's tables
 * and the stable `docs`/`raw` views over them, and the statements that add
 * score columns (a derived selector, computed or model scores) to `docs`.
 */
import { CORPUS_FIGURES_KEY } from '../corpus-figures';
import { quoteIdent, quoteLiteral } from './quote';
import { buildReadCsvQuery } from './read';

export const buildDescribeQuery = (table: string) => `DESCRIBE ${quoteIdent(table)}`;

export const buildRowCountQuery = (table: string) => `SELECT count(*) AS n FROM ${quoteIdent(table)}`;

/** Points a stable view name (docs, raw) at a table. */
export const buildViewStatement = (view: 'docs' | 'raw', table: string) => `CREATE OR REPLACE VIEW ${view} AS SELECT * FROM ${quoteIdent(table)}`;

/** Tables and views whose name starts with `prefix_`, with their kind. */
export const buildPrefixedTablesQuery = (prefix: string) => `SELECT table_name, table_type FROM information_schema.tables WHERE starts_with(table_name, ${quoteLiteral(`${prefix}_`)})`;

export const buildDropStatement = (kind: 'VIEW' | 'TABLE', name: string) => `DROP ${kind} IF EXISTS ${quoteIdent(name)}`;

/** Rewrites the docs table with one more column, computed by `sql` (already validated and quoted). */
export const buildAddColumnStatement = (docsTable: string, name: string, sql: string) =>
  `CREATE OR REPLACE TABLE ${quoteIdent(docsTable)} AS SELECT *, ${sql} AS ${quoteIdent(name)} FROM ${quoteIdent(docsTable)} ORDER BY _idx`;

/** min, max, mean and count of each column, one row per column (name, mn, mx, mean, n). */
export const buildColumnStatsQuery = (table: string, columns: string[]) =>
  columns.map((n) => `SELECT ${quoteLiteral(n)} AS name, min(${quoteIdent(n)}) AS mn, max(${quoteIdent(n)}) AS mx, avg(${quoteIdent(n)}) AS mean, count(${quoteIdent(n)}) AS n FROM ${quoteIdent(table)}`).join(' UNION ALL ');

/**
 * Rewrites the docs table joined with a scores table (`_idx`, the score
 * columns, `_tagbits`): each score column under its new name (NaN as NULL),
 * and unless `keepTags`, the tags whose bit is set merged into the document's tags.
 */
export function buildJoinScoresStatement(docsTable: string, scoresTable: string, columns: Array<{ from: string; as: string }>, tagBits: readonly string[], keepTags: boolean): string {
  const bits = tagBits.map((t, k) => `CASE WHEN (s._tagbits & ${1 << k}) <> 0 THEN ${quoteLiteral(t)} END`).join(', ');
  const computedTags = `list_filter([${bits}]::VARCHAR[], x -> x IS NOT NULL)`;
  const tags = keepTags ? 'd.tags' : `CASE WHEN s._idx IS NULL THEN d.tags ELSE list_distinct(list_concat(coalesce(d.tags, []::VARCHAR[]), ${computedTags})) END`;
  // NaN (a model had nothing to score, e.g. an empty text) is a missing score, not a value.
  const cols = columns.map(({ from, as }) => `CASE WHEN isnan(s.${quoteIdent(from)}) THEN NULL ELSE s.${quoteIdent(from)} END AS ${quoteIdent(as)}`).join(', ');
  const docs = quoteIdent(docsTable);
  return `CREATE OR REPLACE TABLE ${docs} AS SELECT d.* EXCLUDE (tags), ${tags} AS tags, ${cols} FROM ${docs} d LEFT JOIN ${quoteIdent(scoresTable)} s ON d._idx = s._idx ORDER BY d._idx`;
}

/** A raw table from a CSV/TSV file DuckDB can open at `location` (a path, or a name registered in DuckDB-wasm). */
export const buildCsvTableStatement = (table: string, location: string, format: 'csv' | 'tsv') => `CREATE TABLE ${quoteIdent(table)} AS ${buildReadCsvQuery(quoteLiteral(location), format)}`;

/** A Parquet file as a view (DuckDB reads it in place), `_row` its row number in the file. */
export const buildParquetViewStatement = (table: string, path: string) =>
  `CREATE VIEW ${quoteIdent(table)} AS SELECT * EXCLUDE (file_row_number), file_row_number AS _row FROM read_parquet(${quoteLiteral(path)}, file_row_number = true)`;

/** A view over loaded Parquet row groups: `rowid` (insertion order, so file order) as `_row`, and a NULL stand-in for a text column left in the file. */
export const buildLoadedParquetViewStatement = (table: string, data: string, lazyTextColumn: string | null) =>
  `CREATE VIEW ${quoteIdent(table)} AS SELECT *, ${lazyTextColumn ? `NULL::VARCHAR AS ${quoteIdent(lazyTextColumn)}, ` : ''}rowid AS _row FROM ${quoteIdent(data)}`;

/** A table for parsed JSONL columns (with their DuckDB types) and the `_row` column. */
export const buildCreateParsedTableStatement = (table: string, columns: Array<{ name: string; type: string }>) =>
  `CREATE TABLE ${quoteIdent(table)} (${[...columns.map((c) => `${quoteIdent(c.name)} ${c.type}`), '_row BIGINT'].join(', ')})`;

/** doc_ids in row (_idx) order. */
export const buildDocIdsQuery = (docs = 'docs') => `SELECT doc_id FROM ${docs} ORDER BY _idx`;

/** Each row's shard and row in it, in row (_idx) order: where a corpus export finds the document. */
export const buildRowLocationsQuery = (docs = 'docs') => `SELECT _shard, _row FROM ${docs} ORDER BY _idx`;

/** A JSONL file of typed columns (name → DuckDB type, in order) rewritten as zstd Parquet at `target`. */
export const buildJsonlToParquetStatement = (jsonlPath: string, columns: Array<[string, string]>, target: string, metadata: Record<string, string> = {}) =>
  `COPY (SELECT ${columns.map(([n]) => quoteIdent(n)).join(', ')} FROM read_json(${quoteLiteral(jsonlPath)}, format = 'newline_delimited', columns = {${columns.map(([n, t]) => `${quoteLiteral(n)}: ${quoteLiteral(t)}`).join(', ')}})) ` +
  `TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd${Object.keys(metadata).length ? `, KV_METADATA {${Object.entries(metadata).map(([k, v]) => `${quoteIdent(k)}: ${quoteLiteral(v)}`).join(', ')}}` : ''})`;

/** doc_id and text of rows [start, end) in row order, text from the raw table (the CLI's scorers read it so). */
export const buildDocTextRangeQuery = (textColumn: string, start: number, end: number) =>
  `SELECT d.doc_id, r.${quoteIdent(textColumn)} AS text FROM docs d JOIN raw r USING (_shard, _row) WHERE d._idx >= ${Math.trunc(start)} AND d._idx < ${Math.trunc(end)} ORDER BY d._idx`;

/** Up to `limit` ids that occur more than once in a table, with their counts. */
export const buildDuplicateKeysQuery = (table: string, idColumn: string, limit = 5) =>
  `SELECT CAST(${quoteIdent(idColumn)} AS VARCHAR) AS id, count(*) AS n FROM ${quoteIdent(table)} GROUP BY 1 HAVING count(*) > 1 ORDER BY n DESC, id LIMIT ${Math.trunc(limit)}`;

/**
 * A sidecar's scores lined up with the docs table: one row per document that
 * the sidecar has (matched on doc_id = the sidecar's id as text), `_idx` and each
 * score column as DOUBLE (text that is not a finite number, NaN and ±Infinity: NULL).
 */
export function buildSidecarScoresStatement(target: string, docsTable: string, sidecar: string, idColumn: string, columns: string[]): string {
  const value = (c: string) => `TRY_CAST(s.${quoteIdent(c)} AS DOUBLE)`;
  const cols = columns.map((c) => `CASE WHEN isfinite(${value(c)}) THEN ${value(c)} END AS ${quoteIdent(c)}`).join(', ');
  return `CREATE OR REPLACE TABLE ${quoteIdent(target)} AS SELECT d._idx, ${cols}, 0::BIGINT AS _tagbits FROM ${quoteIdent(docsTable)} d JOIN ${quoteIdent(sidecar)} s ON d.doc_id = CAST(s.${quoteIdent(idColumn)} AS VARCHAR)`;
}

/** Rows of a sidecar whose id is not a doc_id of the docs table. */
export const buildUnknownSidecarIdsQuery = (docsTable: string, sidecar: string, idColumn: string) =>
  `SELECT count(*) AS n FROM ${quoteIdent(sidecar)} s ANTI JOIN ${quoteIdent(docsTable)} d ON d.doc_id = CAST(s.${quoteIdent(idColumn)} AS VARCHAR)`;

/** The fields of a struct value (a Parquet struct column, or a field of one), as DESCRIBE rows. */
export const buildStructFieldsQuery = (table: string, expr: string) => `DESCRIBE SELECT "_s".* FROM (SELECT ${expr} AS "_s" FROM ${quoteIdent(table)})`;

/** One field of a struct expression. */
export const structFieldExpr = (expr: string, field: string) => `struct_extract(${expr}, ${quoteLiteral(field)})`;

/** A shard's raw table reshaped: nested leaves as columns, constant columns added (lib/data/ingest shapeShard). */
export const buildShapedShardViewStatement = (view: string, table: string, items: Array<{ expr: string; name: string }>) =>
  `CREATE OR REPLACE VIEW ${quoteIdent(view)} AS SELECT ${items.map((i) => `${i.expr} AS ${quoteIdent(i.name)}`).join(', ')} FROM ${quoteIdent(table)}`;

/** The first row (in file order) where an expression is null or empty, and how many such rows. */
export const buildFirstMissingRowQuery = (table: string, expr: string) =>
  `SELECT min(_row) AS "row", count(*) AS n FROM ${quoteIdent(table)} WHERE ${expr} IS NULL OR CAST(${expr} AS VARCHAR) = ''`;

/** A Parquet file's `sift_corpus` key-value metadata as text (lib/data/corpus-figures), or no row. */
export const buildCorpusFiguresQuery = (path: string) =>
  `SELECT decode(value) AS value FROM parquet_kv_metadata(${quoteLiteral(path)}) WHERE decode(key) = ${quoteLiteral(CORPUS_FIGURES_KEY)}`;
