import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { QueryError, plainValue, type Connector, type Row } from '../connector';

/** Settings applied to every new connection: nothing is ever downloaded. */
export const OFFLINE_SETTINGS = ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];

/** DuckDB for Node (CLI, tests, benchmarks). Parquet and JSON are built in. */
export class NodeConnector implements Connector {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(path = ':memory:'): Promise<NodeConnector> {
    const instance = await DuckDBInstance.create(path, {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const connection = await instance.connect();
    for (const s of OFFLINE_SETTINGS) await connection.run(s);
    return new NodeConnector(instance, connection);
  }

  async query(sql: string): Promise<Row[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((row) => {
        const out: Row = {};
        for (const [k, v] of Object.entries(row)) out[k] = plainValue(v);
        return out;
      });
    } catch (error) {
      throw new QueryError(sql, error);
    }
  }

  /**
   * Read chunk by chunk straight into typed arrays: converting the whole result
   * to JS arrays first (getColumnsJS) costs ~5 s per 10M values, most of opening
   * a large dataset on the server.
   */
  async queryFloat64Columns(sql: string): Promise<Record<string, Float64Array>> {
    try {
      const result = await this.connection.stream(sql);
      const names = result.columnNames();
      const parts: Float64Array[][] = names.map(() => []);
      const doubles = names.map((_, c) => result.columnTypeId(c) === DuckDBTypeId.DOUBLE);
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        names.forEach((_, c) => parts[c].push(doubles[c] ? copyDoubles(chunk!, c) : convertToDoubles(chunk!, c)));
      }
      const out: Record<string, Float64Array> = {};
      names.forEach((name, c) => (out[name] = concatFloat64(parts[c])));
      return out;
    } catch (error) {
      throw new QueryError(sql, error);
    }
  }

  /** One VARCHAR column as strings (NULL as ''), chunk by chunk. */
  async queryStrings(sql: string): Promise<string[]> {
    try {
      const result = await this.connection.stream(sql);
      const out: string[] = [];
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const vector = chunk.getColumnVector(0);
        for (let i = 0; i < chunk.rowCount; i++) {
          const v = vector.getItem(i);
          out.push(v === null ? '' : String(v));
        }
      }
      return out;
    } catch (error) {
      throw new QueryError(sql, error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.connection.run(sql);
    } catch (error) {
      throw new QueryError(sql, error);
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * A DOUBLE column of a fetched chunk, copied as it lies in memory (the C API's
 * result chunks are flat) with NULL as NaN: the validity mask is read as 32-bit
 * words, not bit by bit as BigInts (per item, that costs more than DuckDB's scan).
 */
function copyDoubles(chunk: DuckDBDataChunk, column: number): Float64Array {
  const n = chunk.rowCount;
  const vector = duckdb.data_chunk_get_vector(chunk.chunk, column);
  const data = duckdb.vector_get_data(vector, n * 8);
  const out = new Float64Array(n);
  out.set(new Float64Array(data.buffer, data.byteOffset, n));
  const words = Math.ceil(n / 64) * 2;
  const validity = duckdb.vector_get_validity(vector, words * 4);
  if (validity) {
    const mask = new Uint32Array(validity.buffer.slice(validity.byteOffset, validity.byteOffset + words * 4));
    for (let w = 0; w < mask.length; w++) {
      if (mask[w] === 0xffffffff) continue;
      for (let b = 0; b < 32; b++) if (((mask[w] >>> b) & 1) === 0 && w * 32 + b < n) out[w * 32 + b] = NaN;
    }
  }
  return out;
}

/** Any other numeric column, value by value. */
function convertToDoubles(chunk: DuckDBDataChunk, column: number): Float64Array {
  const vector = chunk.getColumnVector(column);
  const out = new Float64Array(chunk.rowCount);
  for (let i = 0; i < out.length; i++) {
    const v = vector.getItem(i);
    out[i] = v === null ? NaN : typeof v === 'number' ? v : Number(v);
  }
  return out;
}

function concatFloat64(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
