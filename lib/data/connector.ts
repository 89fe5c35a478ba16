/** A plain row: numbers come back as JS numbers (counts above 2^53 as strings). */
export type Row = Record<string, unknown>;

/**
 * The one way lib/ code talks to DuckDB. The CLI and tests use the Node
 * implementation (connectors/node.ts), the browser the DuckDB-wasm one
 * (connectors/wasm.ts); the code above them is the same.
 */
export interface Connector {
  query(sql: string): Promise<Row[]>;
  exec(sql: string): Promise<void>;
  /** Numeric result columns as Float64Arrays, NULL as NaN: how large per-row data leaves DuckDB. */
  queryFloat64Columns(sql: string): Promise<Record<string, Float64Array>>;
  /** The first result column as strings (NULL as ''), without building row objects. */
  queryStrings(sql: string): Promise<string[]>;
}

/** An error from DuckDB that carries the SQL that failed. */
export class QueryError extends Error {
  readonly sql: string;
  constructor(sql: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'QueryError';
    this.sql = sql;
    this.cause = cause;
  }
}

/** Converts DuckDB's bigint results to numbers where exact, else to decimal strings. */
export function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  }
  return v;
}

export function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return Number(v);
  return Number(v);
}
