import { createReadStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { duckdbTypeOf, type ParsedTable } from './columns';
import type { NodeConnector } from './connectors/node';
import { countShardRows, type ShardReport } from './dataset';
import { InputError } from './errors';
import { checkFileBytes, formatFromName } from './formats';
import { JsonlParser, type BadLinePolicy, type JsonlReport } from './jsonl-parser';
import { ingestShard, type ShardShape } from './ingest';
import { joinDolmaAttributes } from './pipelines/dolma';
import { repairUtf8, Utf8Check } from '../util/utf8';
import { buildCorpusFiguresQuery, buildCreateParsedTableStatement, buildParquetViewStatement } from './sql/tables';

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

/** Parses a JSONL file (gzip by its name) with the loader's parser. */
async function parseJsonlFile(path: string, file: string, badLines: BadLinePolicy): Promise<{ table: ParsedTable; report: JsonlReport }> {
  const parser = new JsonlParser(file, badLines);
  const input = createReadStream(path);
  const stream = formatFromName(file) === 'jsonl.gz' ? input.pipe(createGunzip()) : input;
  try {
    for await (const chunk of stream) parser.push(chunk as Uint8Array);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('bad_gzip', `${file}: could not decompress: ${(error as Error).message}`, { file });
  } finally {
    input.destroy();
  }
  return parser.finish();
}

export interface NodeIngestOptions {
  badLines?: BadLinePolicy;
  /** How the file is named in messages (its path in the folder opened); its base name by default. */
  name?: string;
  /** What its layout adds (lib/data/layouts). */
  shape?: ShardShape;
  /** Dolma attributes files row-aligned with this documents file, by experiment. */
  attributes?: Array<{ experiment: string; path: string; name: string }>;
}

/** Loads one file into a raw DuckDB table (or a view over it, for Parquet) named `table`. */
export async function ingestFileNode(conn: NodeConnector, path: string, table: string, options: NodeIngestOptions = {}): Promise<ShardReport> {
  const file = options.name ?? basename(path);
  const format = formatFromName(file);
  const { size } = await stat(path);
  const { head, tail } = await readEnds(path, size);
  checkFileBytes(file, format, size, head, tail);
  return ingestShard(conn, {
    file,
    format,
    async jsonl(target) {
      const badLines = options.badLines ?? 'error';
      const docs = await parseJsonlFile(path, file, badLines);
      let parsed = docs.table;
      let origins: Record<string, string> | undefined;
      if (options.attributes?.length) {
        const inputs = [];
        for (const a of options.attributes) inputs.push({ experiment: a.experiment, file: a.name, table: (await parseJsonlFile(a.path, a.name, badLines)).table });
        ({ table: parsed, origins } = joinDolmaAttributes(parsed, file, inputs));
      }
      await appendParsedTable(conn, target, parsed);
      return { bytes: size, rows: parsed.rowCount, report: docs.report, origins };
    },
    async csvLocation() {
      const check = new Utf8Check();
      const input = createReadStream(path);
      try {
        for await (const chunk of input) if (!check.push(chunk as Uint8Array)) break;
      } finally {
        input.destroy();
      }
      if (check.finish()) return { location: path, bytes: size };
      // DuckDB's reader stops at invalid UTF-8: it reads a repaired copy, as the JSONL parser repairs.
      const repaired = repairUtf8(await readFile(path));
      const dir = await mkdtemp(join(tmpdir(), 'sift-csv-'));
      const copy = join(dir, file);
      await writeFile(copy, repaired.bytes);
      return { location: copy, bytes: size, invalidUtf8: { lines: repaired.lines, replacedChars: repaired.replacedChars }, release: () => rm(dir, { recursive: true, force: true }) };
    },
    async parquet(target) {
      try {
        await conn.exec(buildParquetViewStatement(target, path));
        const rows = await countShardRows(conn, target, file);
        const [figures] = await conn.query(buildCorpusFiguresQuery(path));
        return { file, format, bytes: size, rows, table: target, textLoaded: true, ...(figures ? { corpusFigures: String(figures.value) } : {}) };
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError('bad_parquet', `${file}: not a readable Parquet file: ${(error as Error).message.split('\n')[0]}`, { file });
      }
    },
  }, table, options.shape);
}

/** Writes a parsed table into a new DuckDB table with DuckDB's appender, plus the `_row` column. */
export async function appendParsedTable(conn: NodeConnector, table: string, parsed: ParsedTable): Promise<void> {
  await conn.exec(buildCreateParsedTableStatement(table, parsed.columns.map((c) => ({ name: c.name, type: duckdbTypeOf(c) }))));
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
