import { SINGLE_LABEL_TAGS, type ColumnMapping, type ColumnProfile } from '../schema';
import { quoteIdent } from './quote';

/** Doc ids derived from content: the first 16 hex digits of the MD5 of the text (UTF-8). */
export function contentIdExpr(textColumn: string): string {
  return `substr(md5(${quoteIdent(textColumn)}), 1, 16)`;
}

/** A numeric value as DOUBLE; text that does not read as a finite number, NaN and ±Infinity become NULL. */
export function numericExpr(profile: ColumnProfile): string {
  const c = quoteIdent(profile.name);
  if (profile.typeClass === 'integer') return `${c}::DOUBLE`;
  const v = profile.typeClass === 'string' ? `TRY_CAST(${c} AS DOUBLE)` : `${c}::DOUBLE`;
  return `CASE WHEN isfinite(${v}) THEN ${v} END`;
}

/**
 * Tags as a VARCHAR[]: a list column as is; text such as 'a, b', 'a;b' or
 * '["a","b"]' split on commas, semicolons, pipes or spaces (no JSON functions
 * needed, which DuckDB-wasm lacks offline).
 */
export function tagsListExpr(profile: ColumnProfile): string {
  const c = quoteIdent(profile.name);
  if (profile.typeClass === 'string' && SINGLE_LABEL_TAGS.includes(profile.name)) return `CASE WHEN ${c} IS NULL OR ${c} = '' THEN []::VARCHAR[] ELSE [${c}] END`;
  if (profile.typeClass !== 'string') return `list_filter(CAST(${c} AS VARCHAR[]), x -> x IS NOT NULL AND x <> '')`;
  return `list_filter(string_split_regex(regexp_replace(${c}, '[\\[\\]"'']', '', 'g'), '[\\s,;|]+'), x -> x <> '')`;
}

export interface DocsTableSpec {
  raw: string;
  docs: string;
  mapping: ColumnMapping;
  profiles: ColumnProfile[];
  /** False when the text column was left out of the raw table (large Parquet read lazily). */
  textLoaded: boolean;
}

/** The docs table's columns over a raw table with `_shard` and `_row`, `_idx` left to the caller. */
function docsColumns(spec: Omit<DocsTableSpec, 'raw' | 'docs'>): string[] {
  const { mapping, profiles, textLoaded } = spec;
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const hasText = mapping.text !== null && textLoaded;
  const text = hasText ? quoteIdent(mapping.text!) : null;

  const positional = `'s' || _shard || 'r' || _row`;
  const derived = text ? `coalesce(${contentIdExpr(mapping.text!)}, ${positional})` : positional;
  const idExpr = mapping.id ? `coalesce(CAST(${quoteIdent(mapping.id)} AS VARCHAR), ${derived})` : derived;
  const sourceExpr = mapping.source ? `CAST(${quoteIdent(mapping.source)} AS VARCHAR)` : 'NULL::VARCHAR';
  const tokenProfile = mapping.tokens ? byName.get(mapping.tokens) : undefined;
  const tokensExpr = tokenProfile ? numericExpr(tokenProfile) : 'NULL::DOUBLE';
  const tagProfile = mapping.tags ? byName.get(mapping.tags) : undefined;
  const tagsExpr = tagProfile ? tagsListExpr(tagProfile) : 'NULL::VARCHAR[]';

  return [
    `${idExpr} AS doc_id`,
    `${sourceExpr} AS source`,
    `${tokensExpr} AS n_tokens`,
    `${text ? `length(${text})` : 'NULL'}::BIGINT AS n_chars`,
    `${text ? `strlen(${text})` : 'NULL'}::BIGINT AS n_bytes`,
    `${tagsExpr} AS tags`,
    ...mapping.scores.map((s) => {
      const p = byName.get(s);
      if (!p) throw new Error(`unknown score column ${s}`);
      return `${numericExpr(p)} AS ${quoteIdent(s)}`;
    }),
    '_shard',
    '_row',
  ];
}

/**
 * The docs table: one row per document with Sift's own column names
 * (doc_id, source, n_tokens, n_chars, n_bytes, _shard, _row, _idx) and one DOUBLE
 * column per score. Text stays in the raw table, joined by (_shard, _row) when needed.
 */
export function buildCreateDocsQuery(spec: DocsTableSpec): string {
  const cols = [
    ...docsColumns(spec),
    // _idx: the row's position in file order, the index every per-row array in the app uses.
    '(row_number() OVER (ORDER BY _shard, _row) - 1)::INTEGER AS _idx',
  ];
  return `CREATE OR REPLACE TABLE ${quoteIdent(spec.docs)} AS SELECT ${cols.join(', ')} FROM ${quoteIdent(spec.raw)} ORDER BY _shard, _row`;
}

/**
 * One shard's rows of the docs table as a view over its file, nothing copied
 * (the server engine, lib/engine/open): `_idx` is the shard's first index plus
 * the row's position in the file, as the docs table numbers rows when every
 * shard's `_row` runs 0…rows-1 (Parquet's file_row_number); and the text as
 * `_text`. `missing` are union columns this shard lacks, read as NULL of the union's type.
 */
export function buildShardDocsViewStatement(
  spec: Omit<DocsTableSpec, 'raw'> & { shardTable: string; shard: number; offset: number; missing: Array<{ name: string; type: string }> },
): string {
  const fill = spec.missing.map((c) => `, NULL::${c.type} AS ${quoteIdent(c.name)}`).join('');
  const from = `(SELECT *${fill}, ${Math.trunc(spec.shard)}::INTEGER AS _shard FROM ${quoteIdent(spec.shardTable)})`;
  // The text rides along as _text (read only when a query names it): a page of rows is one scan of its shard.
  const text = spec.mapping.text ? `CAST(${quoteIdent(spec.mapping.text)} AS VARCHAR)` : 'NULL::VARCHAR';
  const cols = [...docsColumns(spec), `(${Math.trunc(spec.offset)} + _row)::INTEGER AS _idx`, `${text} AS _text`];
  return `CREATE OR REPLACE VIEW ${quoteIdent(spec.docs)} AS SELECT ${cols.join(', ')} FROM ${from}`;
}

/** A view that unions the shards' raw tables, tagging each row with its shard index. */
export function buildRawUnionQuery(view: string, shardTables: string[]): string {
  const parts = shardTables.map((t, i) => `SELECT *, ${i}::INTEGER AS _shard FROM ${quoteIdent(t)}`);
  return `CREATE OR REPLACE VIEW ${quoteIdent(view)} AS ${parts.join(' UNION ALL BY NAME ')}`;
}
