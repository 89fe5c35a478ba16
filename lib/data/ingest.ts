/**
 * The ingest switch, one for the page and the CLI: a file's format decides how
 * it becomes a raw DuckDB table. What differs by platform (reading bytes,
 * where DuckDB finds a file, how Parquet is read) is the reader's part.
 */
import type { Connector } from './connector';
import { countShardRows, type ShardReport } from './dataset';
import { InputError } from './errors';
import type { FileFormat } from './formats';
import type { JsonlReport } from './jsonl-parser';
import { buildCsvTableStatement } from './sql/tables';
import { csvErrorMessage } from './sql/read';

export interface ShardReader {
  file: string;
  format: FileFormat;
  /** Parses the JSONL into `table`; returns the bytes read, the rows and the parser's report. */
  jsonl(table: string): Promise<{ bytes: number; rows: number; report: JsonlReport }>;
  /**
   * Checks the file and makes it readable by DuckDB: where it is, its size, and how to let it go.
   * A file with invalid UTF-8 is given as a repaired copy (lib/util/utf8 repairUtf8) and its repairs.
   */
  csvLocation(table: string): Promise<{ location: string; bytes: number; release?: () => Promise<void>; invalidUtf8?: { lines: number; replacedChars: number } }>;
  /** Loads (or maps) the Parquet file as `table`. */
  parquet(table: string): Promise<ShardReport>;
}

export async function ingestShard(conn: Connector, reader: ShardReader, table: string): Promise<ShardReport> {
  const { file, format } = reader;
  if (format === 'jsonl' || format === 'jsonl.gz') {
    const { bytes, rows, report } = await reader.jsonl(table);
    return {
      file,
      format,
      bytes,
      rows,
      table,
      textLoaded: true,
      badLines: report.badLines,
      blankLines: report.blankLines,
      invalidUtf8: report.invalidUtf8,
      nonStandardNumbers: report.nonStandardNumbers,
    };
  }
  if (format === 'csv' || format === 'tsv') {
    const { location, bytes, release, invalidUtf8 } = await reader.csvLocation(table);
    try {
      await conn.exec(buildCsvTableStatement(table, location, format));
    } catch (error) {
      throw new InputError('bad_csv', csvErrorMessage(file, error), { file });
    } finally {
      await release?.().catch(() => {});
    }
    const rows = await countShardRows(conn, table, file, 'no rows (only a header, or nothing)');
    return { file, format, bytes, rows, table, textLoaded: true, ...(invalidUtf8 ? { invalidUtf8 } : {}) };
  }
  return reader.parquet(table);
}
