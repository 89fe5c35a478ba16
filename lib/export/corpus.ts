/**
 * The filtered corpus: the documents a manifest lists, all columns, text
 * included, read back from the input files themselves (so nothing Sift did
 * not map is lost). JSONL records are copied byte for byte; Parquet rows go
 * through Arrow. The page and the CLI run this same code on the same bytes.
 */
import { Bool, Float64, Int64, Table, Utf8, makeVector, tableFromIPC, vectorFromArray, type Vector } from 'apache-arrow';
import { plainValue } from '../data/connector';
import { InputError } from '../data/errors';
import type { FileFormat } from '../data/formats';
import { lineBody, parseRecordLine } from '../data/jsonl-parser';
import { writeParquetTable, type ParquetModule } from './parquet';

export type CorpusFormat = 'jsonl' | 'parquet';

export interface CorpusSource {
  name: string;
  format: FileFormat;
  /** The file's bytes, decompressed (gzip JSONL). */
  read: () => Promise<Uint8Array>;
}

/** Where each dataset row comes from: its shard (input file) and row within that file. */
export interface RowLocations {
  shard: Float64Array;
  row: Float64Array;
}

/** Byte ranges of the JSONL records (non-blank lines that parse as JSON objects), in order. */
function jsonlRecordRanges(bytes: Uint8Array): Array<[number, number]> {
  const decoder = new TextDecoder();
  const out: Array<[number, number]> = [];
  let start = 0;
  let lineNo = 0;
  while (start < bytes.length) {
    let nl = bytes.indexOf(0x0a, start);
    if (nl < 0) nl = bytes.length;
    lineNo++;
    const body = lineBody(bytes.subarray(start, nl), lineNo);
    if (parseRecordLine(decoder.decode(body)).kind === 'row') out.push([body.byteOffset - bytes.byteOffset, body.byteOffset - bytes.byteOffset + body.length]);
    start = nl + 1;
  }
  return out;
}

/** A JSON-safe copy of an Arrow value (64-bit integers as numbers when exact, else strings). */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return plainValue(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return Array.from(value);
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, plain);
  if (typeof (value as { toArray?: unknown }).toArray === 'function' && Symbol.iterator in value) return Array.from(value as Iterable<unknown>, plain);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') value = (value as { toJSON: () => unknown }).toJSON();
  if (Array.isArray(value)) return value.map(plain);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plain(v)]));
}

/**
 * JSON records as an Arrow table. Columns in first-seen order; a column whose
 * values are all booleans is Bool, all integers Int64, all numbers Float64,
 * all strings Utf8; anything else (objects, arrays, mixed types) is Utf8
 * holding each value's JSON text. Missing values and null are null.
 */
export function recordsTable(records: Array<Record<string, unknown>>): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of records)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
  const columns: Record<string, Vector> = {};
  for (const name of names) {
    const values = records.map((r) => (r[name] === undefined ? null : r[name]));
    const present = values.filter((v) => v !== null);
    const all = (test: (v: unknown) => boolean) => present.length > 0 && present.every(test);
    if (all((v) => typeof v === 'boolean')) columns[name] = vectorFromArray(values as Array<boolean | null>, new Bool());
    else if (all((v) => Number.isSafeInteger(v))) columns[name] = makeVector({ type: new Int64(), data: BigInt64Array.from(values, (v) => BigInt((v as number | null) ?? 0)), nullCount: values.length - present.length, nullBitmap: validity(values) });
    else if (all((v) => typeof v === 'number')) columns[name] = vectorFromArray(values as Array<number | null>, new Float64());
    else columns[name] = vectorFromArray(values.map((v) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v))), new Utf8());
  }
  return new Table(columns);
}

function validity(values: unknown[]): Uint8Array {
  const bits = new Uint8Array((values.length + 7) >> 3);
  values.forEach((v, i) => {
    if (v !== null) bits[i >> 3] |= 1 << (i & 7);
  });
  return bits;
}

function readParquetArrow(pq: ParquetModule, bytes: Uint8Array, name: string): Table {
  try {
    return tableFromIPC(pq.readParquet(bytes).intoIPCStream());
  } catch (error) {
    throw new InputError('bad_parquet', `${name}: not a readable Parquet file: ${String(error)}`, { file: name });
  }
}

/**
 * The corpus bytes for the given dataset rows, in that order. Throws an
 * InputError for inputs it cannot copy (CSV/TSV) or rows it cannot find.
 */
export async function buildCorpus(sources: CorpusSource[], locations: RowLocations, rows: Uint32Array, format: CorpusFormat, parquet: () => ParquetModule): Promise<Uint8Array[]> {
  for (const s of sources) {
    if (s.format === 'csv' || s.format === 'tsv') {
      throw new InputError('unsupported_export', `${s.name}: the filtered corpus is copied from JSONL or Parquet inputs, and this file is ${s.format.toUpperCase()}; export a doc_id list instead and join it in your pipeline`, { file: s.name });
    }
  }
  // Which row of which file, in manifest order.
  const order = Array.from(rows, (r) => [locations.shard[r], locations.row[r]] as const);
  const needed = new Set(order.map(([shard]) => shard));
  const loaded = await Promise.all(
    sources.map(async (s, i) => {
      if (!needed.has(i)) return null;
      const bytes = await s.read();
      if (s.format === 'parquet') return { kind: 'parquet' as const, table: readParquetArrow(parquet(), bytes, s.name) };
      return { kind: 'jsonl' as const, bytes, ranges: jsonlRecordRanges(bytes) };
    }),
  );
  const count = (i: number) => {
    const l = loaded[i]!;
    return l.kind === 'parquet' ? l.table.numRows : l.ranges.length;
  };
  for (const [shard, row] of order) {
    if (row >= count(shard)) throw new InputError('unsupported_export', `${sources[shard].name}: row ${row + 1} is not in the file any more (it has ${count(shard)} rows); was it changed after loading?`, { file: sources[shard].name });
  }

  if (format === 'parquet' && loaded.every((l) => l === null || l.kind === 'parquet')) {
    // Parquet from Parquet: Arrow slices of the original rows, types kept.
    const parts: Table[] = [];
    for (let i = 0; i < order.length; ) {
      const [shard, row] = order[i];
      let j = i + 1;
      while (j < order.length && order[j][0] === shard && order[j][1] === row + (j - i)) j++;
      const l = loaded[shard]!;
      if (l.kind === 'parquet') parts.push(l.table.slice(row, row + (j - i)));
      i = j;
    }
    const first = loaded.find((l) => l !== null);
    const table = parts.length ? parts[0].concat(...parts.slice(1)) : first?.kind === 'parquet' ? first.table.slice(0, 0) : new Table();
    return [writeParquetTable(parquet(), table)];
  }

  const objectOf = (shard: number, row: number): Record<string, unknown> => {
    const l = loaded[shard]!;
    if (l.kind === 'parquet') return plain(l.table.get(row)) as Record<string, unknown>;
    const [a, b] = l.ranges[row];
    return JSON.parse(new TextDecoder().decode(l.bytes.subarray(a, b)));
  };

  if (format === 'parquet') return [writeParquetTable(parquet(), recordsTable(order.map(([s, r]) => objectOf(s, r))))];

  // JSONL: records verbatim (Parquet rows as JSON objects), one per line.
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  let parts: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    const chunk = new Uint8Array(size);
    let at = 0;
    for (const p of parts) {
      chunk.set(p, at);
      at += p.length;
    }
    chunks.push(chunk);
    parts = [];
    size = 0;
  };
  const NL = Uint8Array.of(0x0a);
  for (const [shard, row] of order) {
    const l = loaded[shard]!;
    const line = l.kind === 'jsonl' ? l.bytes.subarray(l.ranges[row][0], l.ranges[row][1]) : encoder.encode(JSON.stringify(objectOf(shard, row)));
    parts.push(line, NL);
    size += line.length + 1;
    if (size > 1 << 22) flush();
  }
  if (size) flush();
  return chunks;
}
