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

type ReadTexts = (start: number, end: number) => Promise<Array<string | null>>;

/** Rows of text read per batch for the near-duplicate signatures (the page and the CLI alike). */
export const SIGNATURE_BATCH = 2000;

/**
 * Every row's text in batches of SIGNATURE_BATCH, read by `readTexts(start, end)`
 * and handed to `visit`; `onBatch` hears where it is before each read.
 */
export async function forEachTextBatch(rows: number, readTexts: ReadTexts, visit: (start: number, texts: Array<string | null>) => unknown, onBatch?: (start: number) => void): Promise<void> {
  for (let start = 0; start < rows; start += SIGNATURE_BATCH) {
    onBatch?.(start);
    await visit(start, await readTexts(start, Math.min(rows, start + SIGNATURE_BATCH)));
  }
}

/** MinHash signatures of every row's text (n × MINHASH.hashes). */
export async function computeSignatures(rows: number, readTexts: ReadTexts): Promise<Uint32Array> {
  const out = new Uint32Array(rows * MINHASH.hashes);
  await forEachTextBatch(rows, readTexts, (start, texts) => writeSignatures(out, start, texts));
  return out;
}
