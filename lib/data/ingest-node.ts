import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import { duckdbTypeOf, type ParsedTable } from './columns';
import type { NodeConnector } from './connectors/node';
import { countShardRows, type ShardReport } from './dataset';
import { InputError } from './errors';
import { checkFileBytes, formatFromName } from './formats';
import { JsonlParser, type BadLinePolicy } from './jsonl-parser';
import { buildReadCsvQuery, csvErrorMessage } from './sql/read';
import { quoteIdent, quoteLiteral } from './sql/quote';

async function readEnds(path: string, size: number): Promise<{ head: Uint8Array; tail: Uint8Array }> {
  const fh = await open(path, 'r');
  try {
    const head = new Uint8Array(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    const tail = new Uint8Array(Math.min(size, 8));
    await fh.read(tail, 0, tail.length, Math.max(0, size - tail.length));
    return { head, tail };
  } finally {
    await fh.close();
  }
}

/** Loads one file into a raw DuckDB table (or a view over it, for Parquet) named `table`. */
export async function ingestFileNode(
  conn: NodeConnector,
  path: string,
  table: string,
  options: { badLines?: BadLinePolicy } = {},
): Promise<ShardReport> {
  const file = basename(path);
  const format = formatFromName(file);
  const { size } = await stat(path);
  const { head, tail } = await readEnds(path, size);
  checkFileBytes(file, format, size, head, tail);

  if (format === 'jsonl' || format === 'jsonl.gz') {
    const parser = new JsonlParser(file, options.badLines ?? 'error');
    const input = createReadStream(path);
    const stream = format === 'jsonl.gz' ? input.pipe(createGunzip()) : input;
    try {
      for await (const chunk of stream) parser.push(chunk as Uint8Array);
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError('bad_gzip', `${file}: could not decompress: ${(error as Error).message}`, { file });
    } finally {
      input.destroy();
    }
    const { table: parsed, report } = parser.finish();
    await appendParsedTable(conn, table, parsed);
    return {
      file,
      format,
      bytes: size,
      rows: parsed.rowCount,
      table,
      textLoaded: true,
      badLines: report.badLines,
      blankLines: report.blankLines,
      invalidUtf8: report.invalidUtf8,
      nonStandardNumbers: report.nonStandardNumbers,
    };
  }

  if (format === 'csv' || format === 'tsv') {
    try {
      await conn.exec(`CREATE TABLE ${quoteIdent(table)} AS ${buildReadCsvQuery(quoteLiteral(path), format)}`);
    } catch (error) {
      throw new InputError('bad_csv', csvErrorMessage(file, error), { file });
    }
    const rows = await countShardRows(conn, table, file, 'no rows (only a header, or nothing)');
    return { file, format, bytes: size, rows, table, textLoaded: true };
  }

  try {
    await conn.exec(
      `CREATE VIEW ${quoteIdent(table)} AS SELECT * EXCLUDE (file_row_number), file_row_number AS _row FROM read_parquet(${quoteLiteral(path)}, file_row_number = true)`,
    );
    const rows = await countShardRows(conn, table, file);
    return { file, format, bytes: size, rows, table, textLoaded: true };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('bad_parquet', `${file}: not a readable Parquet file: ${(error as Error).message.split('\n')[0]}`, { file });
  }
}

/** Writes a parsed table into a new DuckDB table with DuckDB's appender, plus the `_row` column. */
export async function appendParsedTable(conn: NodeConnector, table: string, parsed: ParsedTable): Promise<void> {
  const defs = parsed.columns.map((c) => `${quoteIdent(c.name)} ${duckdbTypeOf(c)}`);
  await conn.exec(`CREATE TABLE ${quoteIdent(table)} (${[...defs, '_row BIGINT'].join(', ')})`);
  const appender = await conn.connection.createAppender(table);
  const cols = parsed.columns;
  for (let r = 0; r < parsed.rowCount; r++) {
    for (const c of cols) {
      if (c.type === 'utf8') {
        const v = c.values[r];
        if (v === null) appender.appendNull();
        else appender.appendVarchar(v);
      } else if (!c.valid[r]) appender.appendNull();
      else if (c.type === 'float64') appender.appendDouble(c.values[r]);
      else if (c.type === 'int64') appender.appendBigInt(BigInt(c.values[r]));
      else appender.appendBoolean(c.values[r] === 1);
    }
    appender.appendBigInt(BigInt(r));
    appender.endRow();
  }
  appender.closeSync();
}
