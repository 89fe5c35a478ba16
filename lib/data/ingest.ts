/**
 * The ingest switch, one for the page and the CLI: a file's format decides how
 * it becomes a raw DuckDB table. What differs by platform (reading bytes,
 * where DuckDB finds a file, how Parquet is read) is the reader's part.
 */
import { toNumber, type Connector } from './connector';
import { countShardRows, describeTable, type ShardReport } from './dataset';
import { InputError } from './errors';
import { withoutDataExtension, type FileFormat } from './formats';
import type { JsonlReport } from './jsonl-parser';
import { leafPathOf, nestedOrigin, plainNames } from './nested';
import { quoteIdent, quoteLiteral } from './sql/quote';
import { buildCsvTableStatement, buildFirstMissingRowQuery, buildShapedShardViewStatement, buildStructFieldsQuery, structFieldExpr } from './sql/tables';
import { csvErrorMessage } from './sql/read';

export interface ShardReader {
  file: string;
  format: FileFormat;
  /** Parses the JSONL into `table`; returns the bytes read, the rows and the parser's report. */
  jsonl(table: string): Promise<{ bytes: number; rows: number; report: JsonlReport; origins?: Record<string, string> }>;
  /**
   * Checks the file and makes it readable by DuckDB: where it is, its size, and how to let it go.
   * A file with invalid UTF-8 is given as a repaired copy (lib/util/utf8 repairUtf8) and its repairs.
   */
  csvLocation(table: string): Promise<{ location: string; bytes: number; release?: () => Promise<void>; invalidUtf8?: { lines: number; replacedChars: number } }>;
  /** Loads (or maps) the Parquet file as `table`. */
  parquet(table: string): Promise<ShardReport>;
}

/** What a layout says of a file's rows (lib/data/layouts): see shapeShard. */
export interface ShardShape {
  /** The filter step the file's documents were removed by, if they turn out to be an exclusion output. */
  step?: string;
  /** The reason for every row (a Data-Juicer tracer file's op); else rows with `metadata.filter_reason` carry their own. */
  reason?: string;
}

/** DataTrove's exclusion writers keep the reason a filter gave in `metadata.filter_reason` (pipeline/filters/base_filter.py). */
const FILTER_REASON = ['metadata', 'filter_reason'];

export async function ingestShard(conn: Connector, reader: ShardReader, table: string, shape: ShardShape = {}): Promise<ShardReport> {
  return shapeShard(conn, await loadShard(conn, reader, table), shape);
}

async function loadShard(conn: Connector, reader: ShardReader, table: string): Promise<ShardReport> {
  const { file, format } = reader;
  if (format === 'jsonl' || format === 'jsonl.gz') {
    const { bytes, rows, report, origins } = await reader.jsonl(table);
    return {
      file,
      format,
      bytes,
      rows,
      table,
      textLoaded: true,
      badLines: report.badLines,
      blankLines: report.blankLines,
      invalidUtf8: report.invalidUtf8,
      nonStandardNumbers: report.nonStandardNumbers,
      ...(origins ? { columnOrigins: origins } : {}),
    };
  }
  if (format === 'csv' || format === 'tsv') {
    const { location, bytes, release, invalidUtf8 } = await reader.csvLocation(table);
    try {
      await conn.exec(buildCsvTableStatement(table, location, format));
    } catch (error) {
      throw new InputError('bad_csv', csvErrorMessage(file, error), { file });
    } finally {
      await release?.().catch(() => {});
    }
    const rows = await countShardRows(conn, table, file, 'no rows (only a header, or nothing)');
    return { file, format, bytes, rows, table, textLoaded: true, ...(invalidUtf8 ? { invalidUtf8 } : {}) };
  }
  return reader.parquet(table);
}

const isStruct = (type: string) => /^STRUCT\(/i.test(type);

/**
 * Gives a loaded shard the columns a researcher expects: nested records
 * (Parquet structs, and the JSONL parser's dotted leaves) as one column per
 * leaf (lib/data/nested), plus the layout's constant columns and its reason
 * column. Returns the report unchanged when there is nothing to do.
 */
export async function shapeShard(conn: Connector, report: ShardReport, shape: ShardShape): Promise<ShardReport> {
  const columns = await describeTable(conn, report.table);
  const plain: Array<{ expr: string; name: string }> = [];
  const leaves: Array<{ expr: string; path: string[] }> = [];
  const expand = async (expr: string, path: string[]): Promise<void> => {
    const fields = await conn.query(buildStructFieldsQuery(report.table, expr));
    for (const f of fields) {
      const name = String(f.column_name);
      const inner = structFieldExpr(expr, name);
      if (isStruct(String(f.column_type))) await expand(inner, [...path, name]);
      else leaves.push({ expr: inner, path: [...path, name] });
    }
  };
  for (const c of columns) {
    const path = c.name === '_row' ? null : leafPathOf(c.name);
    if (isStruct(c.type)) await expand(quoteIdent(c.name), [c.name]);
    else if (path) leaves.push({ expr: quoteIdent(c.name), path });
    else plain.push({ expr: quoteIdent(c.name), name: c.name });
  }
  const names = plainNames(plain.map((p) => p.name), leaves);
  const items = [...plain, ...leaves.map((l, i) => ({ expr: l.expr, name: names[i] }))];
  const nested: Record<string, string> = {};
  leaves.forEach((l, i) => (nested[names[i]] = nestedOrigin(l.path)));
  // Nested (metadata.filter_reason), or plain when the writer expanded the metadata.
  const reasonColumn = items.find((item, i) => (i >= plain.length ? leaves[i - plain.length].path.join('.') === FILTER_REASON.join('.') : item.name === FILTER_REASON[1]));
  if (leaves.length === 0 && !shape.reason && !reasonColumn) return report;

  if (shape.reason !== undefined || reasonColumn) {
    let reason = quoteLiteral(shape.reason ?? '');
    if (reasonColumn && shape.reason === undefined) {
      const [missing] = await conn.query(buildFirstMissingRowQuery(report.table, reasonColumn.expr));
      const n = toNumber(missing.n) ?? 0;
      if (n > 0) {
        const row = (toNumber(missing.row) ?? 0) + 1;
        throw new InputError('bad_layout', `${report.file}, row ${row}: no metadata.filter_reason (${n} of the file's rows lack one): an exclusion output's documents each say which filter removed them and why`, { file: report.file, line: row, column: reasonColumn.name });
      }
      reason = reasonColumn.expr;
      delete nested[reasonColumn.name];
    }
    // `step` and `reason` replace the column the reason came from and any columns already named so.
    const rest = items.filter((i) => i !== reasonColumn && i.name !== 'reason' && i.name !== 'step');
    items.splice(0, items.length, ...rest, { expr: quoteLiteral(shape.step ?? withoutDataExtension(report.file)), name: 'step' }, { expr: reason, name: 'reason' });
  }
  const view = `${report.table}_shaped`;
  await conn.exec(buildShapedShardViewStatement(view, report.table, items));
  // Removed documents beside kept ones (a whole run's folder): files without a reason have no step or reason.
  const layout: Record<string, string> = shape.reason !== undefined || reasonColumn ? { step: 'layout', reason: 'layout' } : {};
  return { ...report, table: view, loadedTable: report.table, columnOrigins: { ...report.columnOrigins, ...nested, ...layout } };
}
