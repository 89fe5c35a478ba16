/**
 * The per-row inputs an export reads from DuckDB besides the selection
 * arrays; the same queries run in the page (DuckDB-wasm) and the CLI.
 */
import type { Connector } from '../data/connector';
import { buildTagFilterQuery } from '../data/sql/browse';
import { buildRowLocationsQuery } from '../data/sql/tables';
import type { RowLocations } from './corpus';
import { MINHASH, writeSignatures } from './minhash';

/** 0/1 per row: the row's tags include `tag`. */
export async function fetchTagRows(conn: Connector, tag: string, rows: number, docs = 'docs'): Promise<Uint8Array> {
  const hits = await conn.queryFloat64Columns(buildTagFilterQuery(docs, tag));
  const mask = new Uint8Array(rows);
  for (const i of hits._idx) mask[i] = 1;
  return mask;
}

/** Each row's input file (shard) and row within it, in _idx order. */
export async function fetchRowLocations(conn: Connector, docs = 'docs'): Promise<RowLocations> {
  const cols = await conn.queryFloat64Columns(buildRowLocationsQuery(docs));
  return { shard: cols._shard, row: cols._row };
}

/**
 * MinHash signatures of every row's text (n × MINHASH.hashes), reading the
 * text in batches through `readTexts(start, end)`.
 */
export async function computeSignatures(rows: number, readTexts: (start: number, end: number) => Promise<Array<string | null>>, batch = 2000): Promise<Uint32Array> {
  const out = new Uint32Array(rows * MINHASH.hashes);
  for (let start = 0; start < rows; start += batch) {
    const end = Math.min(rows, start + batch);
    writeSignatures(out, start, await readTexts(start, end));
  }
  return out;
}
