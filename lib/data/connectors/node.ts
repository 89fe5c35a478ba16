import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
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
      for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
        const n = chunk.rowCount;
        names.forEach((_, c) => {
          const vector = chunk!.getColumnVector(c);
          const out = new Float64Array(n);
          for (let i = 0; i < n; i++) {
            const v = vector.getItem(i);
            out[i] = v === null ? NaN : typeof v === 'number' ? v : Number(v);
          }
          parts[c].push(out);
        });
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

function concatFloat64(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
