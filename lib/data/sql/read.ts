import type { FileFormat } from '../formats';

/**
 * read_csv with every row sampled for type detection, so a stray string late
 * in a score column makes it text (then coerced and counted) instead of failing
 * the load. `_row` numbers rows in file order. `source` is a quoted SQL string:
 * a path in Node, a registered file name in the browser.
 */
export function buildReadCsvQuery(source: string, format: FileFormat): string {
  const delim = format === 'tsv' ? "'\\t'" : "','";
  return `SELECT *, (row_number() OVER ()) - 1 AS _row FROM read_csv(${source}, delim = ${delim}, header = true, sample_size = -1, strict_mode = false)`;
}

/** DuckDB's CSV errors are long; keep the first lines, which say where and what. */
export function csvErrorMessage(file: string, error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const useful = lines.filter((l) => !/^(Possible fixes|\* | {2}\*|Original Line| {2}file=)/.test(l.trim())).slice(0, 3);
  return `${file}: could not read as CSV: ${useful.join(' — ')}`;
}
