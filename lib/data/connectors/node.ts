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

  async queryFloat64Columns(sql: string): Promise<Record<string, Float64Array>> {
    try {
      const reader = await this.connection.runAndReadAll(sql);
      const names = reader.columnNames();
      const columns = reader.getColumnsJS();
      const out: Record<string, Float64Array> = {};
      names.forEach((name, i) => {
        out[name] = Float64Array.from(columns[i] as unknown[], (v) => (v === null || v === undefined ? NaN : Number(v)));
      });
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
