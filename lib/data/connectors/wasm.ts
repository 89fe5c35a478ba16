/**
 * DuckDB-wasm behind the Connector interface. Its bundles are served from the
 * app's own origin (public/vendor/duckdb); extension auto-loading is off, so
 * nothing is ever fetched from outside. Browser-only: call create() in a client.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { QueryError, plainValue, type Connector, type Row } from '../connector';

export class WasmConnector implements Connector {
  private constructor(
    readonly db: duckdb.AsyncDuckDB,
    private readonly conn: duckdb.AsyncDuckDBConnection,
    readonly bundle: string,
  ) {}

  static async create(origin: string): Promise<WasmConnector> {
    const base = `${origin}/vendor/duckdb`;
    const bundles: duckdb.DuckDBBundles = {
      mvp: { mainModule: `${base}/duckdb-mvp.wasm`, mainWorker: `${base}/duckdb-browser-mvp.worker.js` },
      eh: { mainModule: `${base}/duckdb-eh.wasm`, mainWorker: `${base}/duckdb-browser-eh.worker.js` },
    };
    const bundle = await duckdb.selectBundle(bundles);
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ path: ':memory:', query: { castBigIntToDouble: false, castDecimalToDouble: true } });
    const conn = await db.connect();
    await conn.query('SET autoinstall_known_extensions = false');
    await conn.query('SET autoload_known_extensions = false');
    return new WasmConnector(db, conn, bundle.mainModule.endsWith('eh.wasm') ? 'eh' : 'mvp');
  }

  async query(sql: string): Promise<Row[]> {
    try {
      const table = await this.conn.query(sql);
      const names = table.schema.fields.map((f) => f.name);
      const columns = names.map((_, i) => table.getChildAt(i));
      const rows: Row[] = new Array(table.numRows);
      for (let r = 0; r < table.numRows; r++) {
        const row: Row = {};
        names.forEach((name, i) => {
          const v = columns[i]?.get(r) ?? null;
          // Lists arrive as Arrow vectors: hand out plain arrays.
          row[name] = v !== null && typeof (v as { toArray?: unknown }).toArray === 'function' ? Array.from((v as { toArray: () => ArrayLike<unknown> }).toArray(), plainValue) : plainValue(v);
        });
        rows[r] = row;
      }
      return rows;
    } catch (error) {
      throw new QueryError(sql, error);
    }
  }

  async queryFloat64Columns(sql: string): Promise<Record<string, Float64Array>> {
    try {
      const table = await this.conn.query(sql);
      const out: Record<string, Float64Array> = {};
      table.schema.fields.forEach((field, i) => {
        const vector = table.getChildAt(i)!;
        const values = new Float64Array(table.numRows);
        let offset = 0;
        for (const data of vector.data) {
          const raw = data.values as ArrayLike<number | bigint>;
          const bits = data.nullBitmap;
          for (let r = 0; r < data.length; r++) {
            const valid = !bits || data.nullCount === 0 || (bits[(data.offset + r) >> 3] & (1 << ((data.offset + r) & 7))) !== 0;
            values[offset + r] = valid ? Number(raw[r]) : NaN;
          }
          offset += data.length;
        }
        out[field.name] = values;
      });
      return out;
    } catch (error) {
      throw new QueryError(sql, error);
    }
  }

  /** The first result column as strings (NULL → ''), without building row objects. */
  async queryStrings(sql: string): Promise<string[]> {
    try {
      const table = await this.conn.query(sql);
      const vector = table.getChildAt(0)!;
      const out = new Array<string>(table.numRows);
      let i = 0;
      for (const v of vector) out[i++] = v === null ? '' : String(v);
      return out;
    } catch (error) {
      throw new QueryError(sql, error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.conn.query(sql);
    } catch (error) {
      throw new QueryError(sql, error);
    }
  }

  /** Appends an Arrow IPC stream to a table, creating it on the first call. */
  async insertArrowIPC(table: string, ipc: Uint8Array, create: boolean): Promise<void> {
    await this.conn.insertArrowFromIPCStream(ipc, { name: table, create });
  }

  async registerFile(name: string, file: Blob): Promise<void> {
    await this.db.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  }

  /** Bytes made in the page (a repaired CSV) as a file DuckDB can read. */
  async registerBuffer(name: string, bytes: Uint8Array): Promise<void> {
    await this.db.registerFileBuffer(name, bytes);
  }

  async registerUrl(name: string, url: string): Promise<void> {
    await this.db.registerFileURL(name, url, duckdb.DuckDBDataProtocol.HTTP, false);
  }

  async dropFile(name: string): Promise<void> {
    await this.db.dropFile(name);
  }
}
