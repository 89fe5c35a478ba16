/**
 * Parquet output for manifests and corpora, written by parquet-wasm from an
 * Arrow table. The page passes parquet-wasm's browser module and the CLI its
 * Node module: the same writer with the same properties, so the bytes are
 * identical (DuckDB's writer is not available in the page).
 */
import { Table, Utf8, makeVector, tableToIPC, vectorFromArray } from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm';
import { SIFT_VERSION } from './version';

/** Manifest columns: doc_id strings plus a weight or draw order. */
export type ParquetColumns = Record<string, string[] | Float64Array | Int32Array>;

export type ParquetModule = Pick<typeof ParquetWasm, 'Table' | 'WriterPropertiesBuilder' | 'writeParquet' | 'Compression' | 'readParquet'>;

export function columnsTable(columns: ParquetColumns): Table {
  const vectors = Object.fromEntries(
    Object.entries(columns).map(([name, values]) => [
      name,
      Array.isArray(values) ? vectorFromArray(values, new Utf8()) : makeVector(values),
    ]),
  );
  return new Table(vectors);
}

/** Parquet bytes of an Arrow table: zstd, 65,536-row groups, created_by "sift <version>". */
export function writeParquetTable(pq: ParquetModule, table: Table): Uint8Array {
  const props = new pq.WriterPropertiesBuilder().setCreatedBy(`sift ${SIFT_VERSION}`).setCompression(pq.Compression.ZSTD).setMaxRowGroupSize(65536).build();
  // parquet-wasm consumes both its table and the properties.
  return pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
}
