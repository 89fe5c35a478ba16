/**
 * Reading files in the browser's loader worker: JSONL (optionally gzip) is
 * stream-parsed into Arrow IPC; Parquet is read by row groups with parquet-wasm
 * (column projection, HTTP Range for URLs) into Arrow IPC batches. DuckDB-wasm
 * receives the IPC on the main side. Browser globals are touched only inside
 * functions, so this module also imports cleanly in Node.
 */
import { CORPUS_FIGURES_KEY } from './corpus-figures';
import { tableFromIPC } from 'apache-arrow';
import type { ParquetFile } from 'parquet-wasm';
import { parsedTableToIPC } from './arrow-encode';
import { InputError } from './errors';
import type { ParsedTable } from './columns';
import { checkFileBytes, formatFromName, type FileFormat } from './formats';
import { joinDolmaAttributes } from './pipelines/dolma';
import { JsonlParser, type BadLinePolicy, type JsonlReport } from './jsonl-parser';
import { ID_NAMES, TEXT_NAMES } from './schema';
import { Utf8Check } from '../util/utf8';

/** A file to load: `path` is where it lies in the folder opened (a layout reads it: lib/data/layouts). */
export type BrowserSource = ({ kind: 'file'; name: string; file: Blob } | { kind: 'url'; name: string; url: string }) & { path?: string };

export interface ByteProgress {
  bytesDone: number;
  bytesTotal: number;
}

/** Text columns above this many bytes (uncompressed) stay in the Parquet file and are read lazily by row. */
export const LAZY_TEXT_BYTES = 128 * 1024 * 1024;

/** A URL's size from a one-byte Range request (Content-Range: bytes 0-0/SIZE); HEAD lengths are not always kept by proxies. */
async function sourceSize(src: BrowserSource): Promise<number> {
  if (src.kind === 'file') return src.file.size;
  const res = await fetch(src.url, { headers: { Range: 'bytes=0-0' } });
  if (res.status === 416) return 0;
  if (!res.ok) throw new InputError('unsupported_format', `${src.name}: the server answered ${res.status} ${res.statusText}`, { file: src.name });
  const total = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1];
  if (res.status === 206 && total) {
    await res.body?.cancel();
    return Number(total);
  }
  // No Range support: the whole file came back.
  return (await res.arrayBuffer()).byteLength;
}

async function readRange(src: BrowserSource, start: number, end: number): Promise<Uint8Array> {
  if (end <= start) return new Uint8Array(0);
  if (src.kind === 'file') return new Uint8Array(await src.file.slice(start, end).arrayBuffer());
  const res = await fetch(src.url, { headers: { Range: `bytes=${start}-${end - 1}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // A server that ignores Range sends the whole file: cut out the part asked for.
  return res.status === 206 ? bytes : bytes.subarray(start, end);
}

/** Checks size and magic bytes before any parser sees the file. */
export async function checkSource(src: BrowserSource, format: FileFormat): Promise<number> {
  const size = await sourceSize(src);
  const head = await readRange(src, 0, Math.min(size, 4096));
  const tail = await readRange(src, Math.max(0, size - 8), size);
  checkFileBytes(src.name, format, size, head, tail);
  return size;
}

async function openStream(src: BrowserSource): Promise<ReadableStream<Uint8Array>> {
  if (src.kind === 'file') return src.file.stream() as ReadableStream<Uint8Array>;
  const res = await fetch(src.url);
  if (!res.ok || !res.body) throw new InputError('unsupported_format', `${src.name}: the server answered ${res.status}`, { file: src.name });
  return res.body;
}

/** Whether a source is valid UTF-8, read as a stream (stopped at the first invalid sequence): nothing is kept. */
export async function isValidUtf8Source(src: BrowserSource): Promise<boolean> {
  const reader = (await openStream(src)).getReader();
  const check = new Utf8Check();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) if (!check.push(r.value)) return false;
    return check.finish();
  } finally {
    void reader.cancel().catch(() => {});
  }
}

/** A whole source's bytes, gunzipped for .gz (the corpus export copies records from them). */
export async function readSourceBytes(src: BrowserSource, gzip: boolean): Promise<Uint8Array> {
  const stream = await openStream(src);
  const body = gzip ? stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : stream;
  return new Uint8Array(await new Response(body).arrayBuffer());
}

export interface JsonlResult {
  ipc: Uint8Array;
  rows: number;
  report: JsonlReport;
  /** Columns the join added and their origin (Dolma attributes). */
  origins?: Record<string, string>;
}

/**
 * Parses a JSONL file into Arrow IPC; a Dolma documents file with its
 * attributes files (one per experiment) joined row by row (lib/data/pipelines/dolma).
 */
export async function parseJsonlSource(
  src: BrowserSource,
  format: 'jsonl' | 'jsonl.gz',
  policy: BadLinePolicy,
  onProgress: (p: ByteProgress) => void,
  attributes: Array<{ experiment: string; src: BrowserSource }> = [],
): Promise<JsonlResult> {
  const { table, report } = await parseJsonlTable(src, format, policy, onProgress);
  if (attributes.length === 0) return { ipc: parsedTableToIPC(table), rows: table.rowCount, report };
  const inputs = [];
  for (const a of attributes) {
    const parsed = await parseJsonlTable(a.src, formatFromName(a.src.name) as 'jsonl' | 'jsonl.gz', policy, () => {});
    inputs.push({ experiment: a.experiment, file: a.src.name, table: parsed.table });
  }
  const joined = joinDolmaAttributes(table, src.name, inputs);
  return { ipc: parsedTableToIPC(joined.table), rows: joined.table.rowCount, report, origins: joined.origins };
}

async function parseJsonlTable(
  src: BrowserSource,
  format: 'jsonl' | 'jsonl.gz',
  policy: BadLinePolicy,
  onProgress: (p: ByteProgress) => void,
): Promise<{ table: ParsedTable; report: JsonlReport }> {
  const size = await checkSource(src, format);
  const parser = new JsonlParser(src.name, policy);
  let done = 0;
  const counted = (await openStream(src)).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        done += chunk.length;
        onProgress({ bytesDone: done, bytesTotal: size });
        controller.enqueue(chunk);
      },
    }),
  );
  const stream = format === 'jsonl.gz' ? counted.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : counted;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) break;
      parser.push(value);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('bad_gzip', `${src.name}: could not decompress: ${(error as Error).message}`, { file: src.name });
  }
  return parser.finish();
}

export interface ParquetPlan {
  rows: number;
  rowGroups: number[][];
  columns: string[];
  textColumn: string | null;
  textLoaded: boolean;
  textBytesEstimate: number | null;
  /** The file's `sift_corpus` key-value metadata (lib/data/corpus-figures), when it has it. */
  corpusFigures?: string;
}

/**
 * Decides what to read from a Parquet file: all columns, except a large text
 * column when the file also has an id column (text is then read lazily by row;
 * without ids the text is needed to derive them). Row groups are batched to
 * about `batchRows` rows per read.
 */
export function planParquetRead(
  columnNames: string[],
  rowGroupRows: number[],
  textBytesByColumn: Map<string, number>,
  batchRows = 131_072,
): ParquetPlan {
  const lower = columnNames.map((c) => c.toLowerCase());
  const textIndex = TEXT_NAMES.map((n) => lower.indexOf(n)).find((i) => i >= 0) ?? -1;
  const textColumn = textIndex >= 0 ? columnNames[textIndex] : null;
  const hasId = ID_NAMES.some((n) => lower.includes(n));
  const textBytes = textColumn ? (textBytesByColumn.get(textColumn) ?? 0) : 0;
  const lazy = textColumn !== null && hasId && textBytes > LAZY_TEXT_BYTES;
  const groups: number[][] = [];
  let current: number[] = [];
  let rowsInCurrent = 0;
  rowGroupRows.forEach((n, i) => {
    if (current.length > 0 && rowsInCurrent + n > batchRows) {
      groups.push(current);
      current = [];
      rowsInCurrent = 0;
    }
    current.push(i);
    rowsInCurrent += n;
  });
  if (current.length > 0) groups.push(current);
  return {
    rows: rowGroupRows.reduce((a, b) => a + b, 0),
    rowGroups: groups,
    columns: lazy ? columnNames.filter((c) => c !== textColumn) : columnNames,
    textColumn,
    textLoaded: !lazy,
    textBytesEstimate: textColumn ? textBytes : null,
  };
}

/** Reads a Parquet file's plan from its footer (one or two Range requests for a URL). */
export async function inspectParquet(pf: ParquetFile, fileName: string): Promise<ParquetPlan> {
  const schema = tableFromIPC(pf.schema().intoIPCStream()).schema;
  const columnNames = schema.fields.map((f) => f.name);
  const meta = pf.metadata();
  const rowGroupRows: number[] = [];
  const textBytes = new Map<string, number>();
  for (const rg of meta.rowGroups()) {
    rowGroupRows.push(rg.numRows());
    for (const col of rg.columns()) {
      const name = col.columnPath()[0];
      // PLAIN byte arrays carry a 4-byte length per value; what remains is the UTF-8 text itself.
      textBytes.set(name, (textBytes.get(name) ?? 0) + Math.max(0, col.uncompressedSize() - 4 * col.numValues()));
    }
  }
  const plan = planParquetRead(columnNames, rowGroupRows, textBytes);
  if (plan.rows === 0) throw new InputError('no_rows', `${fileName}: no rows`, { file: fileName });
  const figures = meta.fileMetadata().keyValueMetadata().get(CORPUS_FIGURES_KEY);
  return typeof figures === 'string' ? { ...plan, corpusFigures: figures } : plan;
}
