import { quoteIdent } from './quote';
import { typeClassOf } from './types';

export interface RawColumn {
  name: string;
  type: string;
}

/**
 * One query that profiles every column of a table: non-null counts, how many
 * text values read as finite numbers, how many float values are NaN/±Infinity,
 * and the mean length of text values (to guess a text column by content).
 * Result columns are positional: c{i}_nonnull, c{i}_finite, c{i}_avglen.
 */
export function buildProfileQuery(table: string, columns: RawColumn[]): string {
  const parts: string[] = ['count(*) AS total_rows'];
  columns.forEach((col, i) => {
    const c = quoteIdent(col.name);
    const cls = typeClassOf(col.type);
    parts.push(`count(${c}) AS c${i}_nonnull`);
    if (cls === 'string') {
      parts.push(`count(CASE WHEN isfinite(TRY_CAST(${c} AS DOUBLE)) THEN 1 END) AS c${i}_finite`);
      parts.push(`avg(length(${c})) AS c${i}_avglen`);
    } else if (cls === 'float') {
      parts.push(`count(CASE WHEN isfinite(${c}::DOUBLE) THEN 1 END) AS c${i}_finite`);
      parts.push(`NULL AS c${i}_avglen`);
    } else if (cls === 'integer') {
      parts.push(`count(${c}) AS c${i}_finite`);
      parts.push(`NULL AS c${i}_avglen`);
    } else {
      parts.push(`0 AS c${i}_finite`);
      parts.push(`NULL AS c${i}_avglen`);
    }
  });
  return `SELECT ${parts.join(', ')} FROM ${quoteIdent(table)}`;
}
