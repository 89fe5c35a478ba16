/**
 * A parsed table in column form, produced by the JSONL parser and consumed by
 * the Arrow encoder (browser) and the DuckDB appender (CLI). Types are the
 * narrowest that hold every value; mixed columns become text and are coerced
 * to numbers later, in SQL, where invalid values are counted (lib/data/sql/normalize).
 */
export type ParsedColumn =
  | { name: string; type: 'float64'; values: Float64Array; valid: Uint8Array }
  | { name: string; type: 'int64'; values: Float64Array; valid: Uint8Array }
  | { name: string; type: 'bool'; values: Uint8Array; valid: Uint8Array }
  | { name: string; type: 'utf8'; values: Array<string | null> };

export interface ParsedTable {
  rowCount: number;
  columns: ParsedColumn[];
}

/** Accumulates JSON values per field; fields may appear late or be absent in some rows. */
export class ColumnAccumulator {
  private readonly fields = new Map<string, unknown[]>();
  private rows = 0;

  get rowCount(): number {
    return this.rows;
  }

  addRow(row: Record<string, unknown>): void {
    this.addFields(row, '');
    this.rows += 1;
    for (const values of this.fields.values()) if (values.length < this.rows) values.push(null);
  }

  /**
   * Nested objects (DataTrove's `metadata`, Data-Juicer's `__dj__stats__`) become
   * one column per leaf, named by its dotted path (lib/data/nested names them);
   * arrays stay JSON text.
   */
  private addFields(row: Record<string, unknown>, prefix: string): void {
    for (const key of Object.keys(row)) {
      const value = row[key];
      const name = prefix + key;
      if (isPlainObject(value) && Object.keys(value).length > 0) {
        this.addFields(value, `${name}${NESTED_SEPARATOR}`);
        continue;
      }
      let values = this.fields.get(name);
      if (!values) {
        values = new Array(this.rows).fill(null);
        this.fields.set(name, values);
      }
      // A repeated path (a key "a.b" beside {"a": {"b"}}) keeps the first value.
      if (values.length === this.rows) values.push(value);
    }
  }

  finish(): ParsedTable {
    const columns: ParsedColumn[] = [];
    for (const [name, values] of this.fields) columns.push(buildColumn(name, values));
    return { rowCount: this.rows, columns };
  }
}

/** Joins the keys of a nested object's path into a column name. */
export const NESTED_SEPARATOR = '.';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function buildColumn(name: string, values: unknown[]): ParsedColumn {
  let numbers = 0;
  let integers = 0;
  let bools = 0;
  let nonNull = 0;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    nonNull += 1;
    if (typeof v === 'number') {
      numbers += 1;
      if (Number.isSafeInteger(v)) integers += 1;
    } else if (typeof v === 'boolean') bools += 1;
  }
  const n = values.length;
  if (nonNull > 0 && numbers === nonNull) {
    const out = new Float64Array(n);
    const valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v === 'number') {
        out[i] = v;
        valid[i] = 1;
      }
    }
    return { name, type: integers === nonNull ? 'int64' : 'float64', values: out, valid };
  }
  if (nonNull > 0 && bools === nonNull) {
    const out = new Uint8Array(n);
    const valid = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (typeof v === 'boolean') {
        out[i] = v ? 1 : 0;
        valid[i] = 1;
      }
    }
    return { name, type: 'bool', values: out, valid };
  }
  return { name, type: 'utf8', values: values.map(toText) };
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** The DuckDB type each parsed column is stored as. */
export function duckdbTypeOf(column: ParsedColumn): string {
  switch (column.type) {
    case 'float64':
      return 'DOUBLE';
    case 'int64':
      return 'BIGINT';
    case 'bool':
      return 'BOOLEAN';
    case 'utf8':
      return 'VARCHAR';
  }
}
