/** Coarse classes of DuckDB column types, enough to decide roles and compare shards. */
export type TypeClass = 'integer' | 'float' | 'string' | 'boolean' | 'other';

const INTEGER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT\d*)$/;
const FLOAT = /^(FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?)$/;

export function typeClassOf(duckdbType: string): TypeClass {
  const t = duckdbType.toUpperCase();
  if (INTEGER.test(t)) return 'integer';
  if (FLOAT.test(t)) return 'float';
  if (t === 'VARCHAR' || t.startsWith('VARCHAR(')) return 'string';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

export function isNumericClass(c: TypeClass): boolean {
  return c === 'integer' || c === 'float';
}
