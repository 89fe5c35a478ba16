import { quoteIdent } from './quote';
import { typeClassOf } from './types';

export interface RawColumn {
  name: string;
  type: string;
}

/** Rows read by the first profiling pass; deterministic (file order), so the CLI and the page decide alike. */
export const PROFILE_SAMPLE_ROWS = 10_000;
/** A text column whose sample is at least this share numbers gets an exact count over all rows. */
export const NUMERIC_CANDIDATE_SHARE = 0.3;

function finiteExpr(col: RawColumn): string {
  const c = quoteIdent(col.name);
  const cls = typeClassOf(col.type);
  if (cls === 'string') return `count(CASE WHEN isfinite(TRY_CAST(${c} AS DOUBLE)) THEN 1 END)`;
  if (cls === 'float') return `count(CASE WHEN isfinite(${c}::DOUBLE) THEN 1 END)`;
  if (cls === 'integer') return `count(${c})`;
  return '0';
}

/**
 * First pass, on the first PROFILE_SAMPLE_ROWS rows: per column the non-null
 * count, how many values read as finite numbers, and the mean text length.
 * Columns are positional: c{i}_nonnull, c{i}_finite, c{i}_avglen.
 */
export function buildSampleProfileQuery(table: string, columns: RawColumn[]): string {
  const parts = ['count(*) AS total_rows'];
  columns.forEach((col, i) => {
    const c = quoteIdent(col.name);
    parts.push(`count(${c}) AS c${i}_nonnull`, `${finiteExpr(col)} AS c${i}_finite`);
    parts.push(typeClassOf(col.type) === 'string' ? `avg(length(${c})) AS c${i}_avglen` : `NULL AS c${i}_avglen`);
  });
  return `SELECT ${parts.join(', ')} FROM (SELECT * FROM ${quoteIdent(table)} LIMIT ${PROFILE_SAMPLE_ROWS})`;
}

/**
 * Second pass, over all rows: non-null counts for every column, and exact
 * finite-number counts for `exact` columns (numbers, and text columns the
 * sample found mostly numeric). Text that is plainly text is not cast a million times.
 */
export function buildProfileQuery(table: string, columns: RawColumn[], exact: Set<string>): string {
  const parts = ['count(*) AS total_rows'];
  columns.forEach((col, i) => {
    parts.push(`count(${quoteIdent(col.name)}) AS c${i}_nonnull`);
    parts.push(exact.has(col.name) ? `${finiteExpr(col)} AS c${i}_finite` : `0 AS c${i}_finite`);
  });
  return `SELECT ${parts.join(', ')} FROM ${quoteIdent(table)}`;
}
