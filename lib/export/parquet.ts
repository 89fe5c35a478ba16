/**
 * Parquet output for manifests and corpora, written by parquet-wasm from an
 * Arrow table. The page passes parquet-wasm's browser module and the CLI its
 * Node module: the same writer with the same properties, so the bytes are
 * identical (DuckDB's writer is not available in the page).
 */
import { Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type * as ParquetWasm from 'parquet-wasm';
import { SIFT_VERSION } from './version';

/** Manifest columns: doc_id strings plus a weight or draw order. */
export type ParquetColumns = Record<string, string[] | Float64Array | Int32Array>;

export type ParquetModule = Pick<typeof ParquetWasm, 'Table' | 'WriterPropertiesBuilder' | 'writeParquet' | 'Compression' | 'readParquet'>;

export function columnsTable(columns: ParquetColumns): Table {
  const vectors = Object.fromEntries(
    Object.entries(columns).map(([name, values]) => [
      name,
      Array.isArray(values) ? utf8Vector(values) : makeVector(values),
    ]),
  );
  return new Table(vectors);
}

/**
 * A UTF8 column built from its offsets and bytes directly: 13× faster than
 * apache-arrow's value-by-value vectorFromArray for 750,000 doc_ids, same Parquet bytes.
 */
function utf8Vector(values: string[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  let data = new Uint8Array(values.length * 16 + 16);
  let at = 0;
  values.forEach((v, i) => {
    // Each UTF-16 code unit takes at most 3 UTF-8 bytes.
    if (data.length - at < v.length * 3) {
      const grown = new Uint8Array(Math.max(data.length * 2, at + v.length * 3));
      grown.set(data.subarray(0, at));
      data = grown;
    }
    at += encoder.encodeInto(v, data.subarray(at)).written;
    offsets[i + 1] = at;
  });
  return makeVector(makeData({ type: new Utf8(), length: values.length, valueOffsets: offsets, data: data.subarray(0, at), nullCount: 0 }));
}

/** Parquet bytes of an Arrow table: zstd, 65,536-row groups, created_by "sift <version>". */
export function writeParquetTable(pq: ParquetModule, table: Table): Uint8Array {
  const props = new pq.WriterPropertiesBuilder().setCreatedBy(`sift ${SIFT_VERSION}`).setCompression(pq.Compression.ZSTD).setMaxRowGroupSize(65536).build();
  // parquet-wasm consumes both its table and the properties.
  return pq.writeParquet(pq.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
}
