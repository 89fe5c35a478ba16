/**
 * The browser's data owner: one DuckDB-wasm instance per tab, one loader
 * worker, and the active dataset. Components call these functions; they never
 * build SQL. Loading writes a new table generation and switches to it only
 * when everything succeeded, so a bad file never loses the loaded dataset.
 */
import * as Comlink from 'comlink';
import type { LoaderApi } from './loader-service';
import type { LazyTextReader } from '../data/lazy-text';
import { activateGeneration, addDerivedSelector, addScoreColumns, applyMapping, buildDataset, dropGeneration, generationTables, type Dataset, type ScoreColumnsSpec, type ShardReport } from '../data/dataset';
import { InputError, fromErrorInfo } from '../data/errors';
import { formatFromName, type FileFormat } from '../data/formats';
import type { BrowserSource } from '../data/ingest-browser';
import { layoutKind } from '../data/layouts';
import type { FunnelStep } from '../data/pipelines/datatrove-stats';
import { combineFunnel, fetchSampleSteps, type FunnelRow } from '../data/pipelines/funnel';
import type { CorpusStat } from '../data/pipelines/datatrove-summary';
import { DOLMA_SPANS_COLUMN } from '../data/pipelines/dolma';
import { addSidecarScores, type SidecarReport } from '../data/sidecar';
import type { BadLinePolicy } from '../data/jsonl-parser';
import type { ColumnMapping } from '../data/schema';
import type { WasmConnector } from '../data/connectors/wasm';
import { buildDocByIdxQuery, buildDocQuery, buildRowsQuery, buildTagCountsQuery, buildTextRangeQuery, buildTextSearchQuery } from '../data/sql/browse';
import { ingestShard, type ShardReader } from '../data/ingest';
import { buildDocIdsQuery, buildDropStatement, buildLoadedParquetViewStatement } from '../data/sql/tables';
import { fetchRowLocations, fetchTagRows } from '../export/inputs';
import { sha256Hex } from '../util/sha256';
import { planSources } from './plan-sources';

export interface LoadProgress {
  file: string;
  fileIndex: number;
  fileCount: number;
  phase: 'reading' | 'indexing' | 'summarizing';
  /** 0..1 over the whole load. */
  fraction: number;
}

let connector: Promise<WasmConnector> | null = null;

/** The tab's DuckDB, created once; a failed start is forgotten so the next call retries. */
export function getConnector(): Promise<WasmConnector> {
  if (!connector) {
    connector = import('../data/connectors/wasm').then(({ WasmConnector }) => WasmConnector.create(window.location.origin));
    connector.catch(() => {
      connector = null;
    });
  }
  return connector;
}

let loader: { worker: Worker; api: Comlink.Remote<LoaderApi> } | null = null;

function getLoader() {
  if (!loader) {
    const worker = new Worker(new URL('../../workers/loader.worker.ts', import.meta.url), { type: 'module', name: 'sift-loader' });
    loader = { worker, api: Comlink.wrap<LoaderApi>(worker) };
  }
  return loader.api;
}

/** Starts DuckDB and the loader (with its Parquet reader) before the first file arrives; resolves with DuckDB's bundle name. */
export async function warmUp(): Promise<string> {
  const [conn] = await Promise.all([getConnector(), getLoader().warm()]);
  return conn.bundle;
}

function stopLoader() {
  loader?.worker.terminate();
  loader = null;
}

let texts: Comlink.Remote<LazyTextReader> | null = null;

/** The lazy-text worker: separate from the loader, so cancelling a load keeps the active dataset's text readable. */
function textReader(): Comlink.Remote<LazyTextReader> {
  if (!texts) {
    const worker = new Worker(new URL('../../workers/text.worker.ts', import.meta.url), { type: 'module', name: 'sift-text' });
    texts = Comlink.wrap<LazyTextReader>(worker);
  }
  return texts;
}

let generation = 0;
let active: Dataset | null = null;
let activeSources: BrowserSource[] = [];

export function activeDataset(): Dataset | null {
  return active;
}

function cancelled(): InputError {
  return new InputError('cancelled', 'Loading was cancelled; the dataset loaded before is unchanged.');
}

/** Settles with the work, or rejects as soon as the signal aborts (a terminated worker never answers). */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) throw cancelled();
  let onAbort: () => void = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } catch (error) {
    throw fromErrorInfo(error);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** The page's side of the ingest switch (lib/data/ingest): files read in the loader worker, CSV registered with DuckDB-wasm. */
function browserShard(
  conn: WasmConnector,
  src: BrowserSource,
  format: FileFormat,
  policy: BadLinePolicy,
  signal: AbortSignal,
  onFraction: (f: number) => void,
  attributes: Array<{ experiment: string; src: BrowserSource }>,
): ShardReader {
  const api = getLoader();
  return {
    file: src.name,
    format,
    async jsonl(table) {
      const onBytes = Comlink.proxy((p: { bytesDone: number; bytesTotal: number }) => onFraction(p.bytesTotal > 0 ? (0.9 * p.bytesDone) / p.bytesTotal : 0));
      const result = await untilAborted(api.parseJsonl(src, format as 'jsonl' | 'jsonl.gz', policy, onBytes, attributes), signal);
      await conn.insertArrowIPC(table, result.ipc, true);
      return { bytes: result.report.bytes, rows: result.rows, report: result.report, origins: result.origins };
    },
    async csvLocation(table) {
      const { bytes, repaired, contents } = await untilAborted(api.checkText(src, format), signal);
      const registered = `${table}.${format}`;
      if (repaired) await conn.registerBuffer(registered, repaired.bytes);
      else if (contents) await conn.registerBuffer(registered, contents);
      else if (src.kind === 'file') await conn.registerFile(registered, src.file);
      else await conn.registerUrl(registered, new URL(src.url, window.location.href).href);
      const invalidUtf8 = repaired ? { lines: repaired.lines, replacedChars: repaired.replacedChars } : undefined;
      return { location: registered, bytes, invalidUtf8, release: () => conn.dropFile(registered) };
    },
    async parquet(table) {
      const { handle, plan, bytes } = await untilAborted(api.openParquet(src), signal);
      try {
        const data = `${table}_data`;
        const read = (i: number) => api.readParquetGroups(handle, src.name, plan.rowGroups[i], plan.columns);
        // The worker decodes the next row groups while DuckDB inserts the current ones.
        let next = read(0);
        for (let i = 0; i < plan.rowGroups.length; i++) {
          const ipc = await untilAborted(next, signal);
          if (i + 1 < plan.rowGroups.length) next = read(i + 1);
          await conn.insertArrowIPC(data, ipc, i === 0);
          onFraction((0.9 * (i + 1)) / plan.rowGroups.length);
        }
        // A text column left in the file appears as a NULL placeholder, so the mapping still names it.
        const lazyText = !plan.textLoaded && plan.textColumn ? plan.textColumn : null;
        await conn.exec(buildLoadedParquetViewStatement(table, data, lazyText));
        if (lazyText) await textReader().register(table, src, bytes, lazyText);
        return { file: src.name, format, bytes, rows: plan.rows, table, textLoaded: plan.textLoaded, textBytesEstimate: plan.textBytesEstimate, ...(plan.corpusFigures ? { corpusFigures: plan.corpusFigures } : {}) };
      } finally {
        void api.closeParquet(handle);
      }
    },
  };
}

/**
 * Loads one dataset from one or more shards. On any failure or cancel, what
 * was loaded before stays active and the partial new tables are dropped.
 */
export async function loadSources(
  sources: BrowserSource[],
  options: { badLines: BadLinePolicy },
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
): Promise<Dataset> {
  if (sources.length === 0) throw new InputError('no_rows', 'No files were chosen.');
  const { documents, plan, stats, corpus } = await planSources(sources);
  const formats = documents.map((d) => formatFromName(d.src.name));
  const conn = await getConnector();
  const prefix = `g${++generation}`;
  const stopOnAbort = () => stopLoader();
  signal.addEventListener('abort', stopOnAbort, { once: true });
  try {
    const shards: ShardReport[] = [];
    const readStart = performance.now();
    for (const [i, { src, shape, attributes }] of documents.entries()) {
      const report = (fraction: number, phase: LoadProgress['phase'] = 'reading') =>
        onProgress({ file: src.name, fileIndex: i, fileCount: documents.length, phase, fraction: (i + fraction) / documents.length });
      report(0);
      const table = generationTables(prefix).shard(i);
      shards.push(await ingestShard(conn, browserShard(conn, src, formats[i], options.badLines, signal, report, attributes), table, shape));
      if (signal.aborted) throw cancelled();
    }
    onProgress({ file: documents[documents.length - 1].src.name, fileIndex: documents.length - 1, fileCount: documents.length, phase: 'summarizing', fraction: 0.95 });
    const readMs = Math.round(performance.now() - readStart);
    const built = await buildDataset(conn, { prefix, shards });
    // The Data page says how files were read unless they were plain files and nothing else.
    const layout = { kind: layoutKind(plan, shards), statsFiles: plan.statsFiles, summaryStats: plan.summaryStats, ignored: plan.ignored };
    const plain = layout.kind === 'files' && !layout.statsFiles.length && !layout.summaryStats.length && !layout.ignored.length;
    const dataset: Dataset = { ...built, timings: { read: readMs, ...built.timings }, ...(plain ? {} : { layout }) };
    if (signal.aborted) throw cancelled();
    await activateGeneration(conn, prefix);
    const previous = active;
    active = dataset;
    activeSidecars = [];
    activeSources = documents.map((d) => d.src);
    activeStats = stats;
    activeCorpusStats = corpus;
    if (texts) void texts.keepOnly(`${prefix}_`);
    if (previous) await dropGeneration(conn, previous.prefix);
    return dataset;
  } catch (error) {
    await dropGeneration(conn, prefix).catch(() => {});
    if (signal.aborted) throw cancelled();
    throw fromErrorInfo(error);
  } finally {
    signal.removeEventListener('abort', stopOnAbort);
  }
}

/**
 * Opens a data-folder file or shard folder on the server (lib/engine): the
 * server reads it with native DuckDB and answers every view's questions; the
 * tab holds no rows. The dataset loaded before is dropped only once it opened.
 */
export async function openServerDataset(path: string): Promise<Dataset> {
  const { openOnServer } = await import('./engine-client');
  const { dataset, ...handle } = await openOnServer(path);
  const previous = active;
  active = { ...dataset, server: handle };
  activeSidecars = [];
  activeSources = [];
  activeStats = [];
  activeCorpusStats = [];
  if (previous && !previous.server) await dropGeneration(await getConnector(), previous.prefix).catch(() => {});
  return active;
}

/** Refuses what only the tab's engine does yet, naming it, for a dataset opened on the server. */
function inTabOnly(what: string): void {
  if (active?.server) throw new Error(`${what} is not available yet for a dataset opened on the server (${active.server.path}); load it in the tab to use it`);
}

async function serverRequest(body: Record<string, unknown>): Promise<unknown> {
  const { engineFetch } = await import('./engine-client');
  return engineFetch({ ...body, id: active!.server!.id });
}

let activeStats: FunnelStep[] = [];
let activeCorpusStats: CorpusStat[] = [];

/** The removal funnel of the active dataset (its run's statistics and the removed documents loaded) and the run's whole-corpus statistics. */
export async function funnelRows(): Promise<{ rows: FunnelRow[]; corpus: CorpusStat[] }> {
  if (!active || active.server) return { rows: [], corpus: [] };
  return { rows: combineFunnel(activeStats, await fetchSampleSteps(await getConnector(), active)), corpus: activeCorpusStats };
}

/** Score files joined to the active dataset: their raw tables stay, so a new mapping joins them again. */
let activeSidecars: Array<{ table: string; file: string; dataFolderPath?: string }> = [];

/** Records where a joined score file lies in the server's data folder (export commands name it there). */
function withLocation(dataset: Dataset, file: string, dataFolderPath: string | undefined): Dataset {
  if (!dataFolderPath) return dataset;
  return { ...dataset, sidecars: (dataset.sidecars ?? []).map((s) => (s.file === file ? { ...s, dataFolderPath } : s)) };
}

/**
 * Joins a score file (id + score columns) to the active dataset by id
 * (lib/data/sidecar): its numeric columns become selectors; ids without a
 * partner are counted on both sides. A bad file leaves the dataset as it was.
 */
export async function addScoreFile(src: BrowserSource, badLines: BadLinePolicy = 'error'): Promise<{ dataset: Dataset; report: SidecarReport }> {
  if (!active) throw new Error('no dataset is loaded');
  inTabOnly('Joining a score file');
  const conn = await getConnector();
  const table = `${active.prefix}_sidecar_${activeSidecars.length}_${Date.now() % 100000}`;
  const name = src.path ?? src.name;
  const controller = new AbortController();
  try {
    const shard = await ingestShard(conn, browserShard(conn, { ...src, name }, formatFromName(src.name), badLines, controller.signal, () => {}, []), table);
    const joined = await addSidecarScores(conn, active, shard.table, name);
    const dataFolderPath = src.kind === 'url' ? src.path : undefined;
    active = withLocation(joined.dataset, name, dataFolderPath);
    activeSidecars = [...activeSidecars, { table: shard.table, file: name, dataFolderPath }];
    return { dataset: active, report: joined.report };
  } catch (error) {
    await conn.exec(buildDropStatement('VIEW', `${table}_shaped`)).catch(() => {});
    await conn.exec(buildDropStatement('TABLE', table)).catch(() => {});
    await conn.exec(buildDropStatement('VIEW', table)).catch(() => {});
    throw fromErrorInfo(error);
  }
}

/** Applies a new column mapping to the active dataset; score files joined before are joined again. */
export async function remapActive(mapping: ColumnMapping): Promise<Dataset> {
  if (!active) throw new Error('no dataset is loaded');
  inTabOnly('Changing the column mapping');
  const conn = await getConnector();
  let next = await applyMapping(conn, { ...active, sidecars: [] }, mapping);
  for (const s of activeSidecars) next = withLocation((await addSidecarScores(conn, next, s.table, s.file)).dataset, s.file, s.dataFolderPath);
  active = next;
  return active;
}

const absolute = (path: string) => new URL(path, window.location.href).href;

/** The demo corpus, served by the app itself. */
export function demoSource(): BrowserSource {
  return { kind: 'url', name: 'demo.parquet', url: absolute('/demo/demo.parquet') };
}

/** A file of the server's data folder, read over HTTP (Range requests for Parquet). */
export function serverFileSource(path: string): BrowserSource {
  const name = path.split('/').pop() ?? path;
  return { kind: 'url', name, path, url: absolute(`/api/files/${path.split('/').map(encodeURIComponent).join('/')}`) };
}

/** Where the active dataset's text is: the raw view's text column, or nowhere (lazily read Parquet). */
function activeText() {
  const extra = active?.columns.some((c) => c.name === DOLMA_SPANS_COLUMN) ? [DOLMA_SPANS_COLUMN] : [];
  return { raw: 'raw', column: active?.textLoaded ? active.mapping.text : null, extra };
}

export type RowRecord = Record<string, unknown> & { _idx: number; doc_id: string; preview: string | null; tags: string[] | null };

const PREVIEW_CHARS = 240;

/** For lazily read Parquet text: fills `field` of each row from the text worker, by shard and file row. */
async function fillLazyText(rows: RowRecord[], field: 'preview' | 'text', maxChars?: number): Promise<void> {
  if (!active || active.textLoaded || !active.mapping.text || rows.length === 0) return;
  const byShard = new Map<number, RowRecord[]>();
  for (const r of rows) {
    const shard = Number(r._shard);
    byShard.set(shard, [...(byShard.get(shard) ?? []), r]);
  }
  for (const [shard, list] of byShard) {
    // The text worker knows the shard by the loader's table, not by a view over it.
    const table = active.shards[shard]?.loadedTable ?? active.shards[shard]?.table;
    if (!table) continue;
    const values = await textReader().read(table, list.map((r) => Number(r._row)), maxChars);
    list.forEach((r, i) => ((r as Record<string, unknown>)[field] = values[i]));
  }
}

/** Table rows (metadata, scores, tags, text preview) for the given row indexes. */
export async function fetchRows(idx: number[]): Promise<RowRecord[]> {
  if (!active || idx.length === 0) return [];
  if (active.server) return (await serverRequest({ op: 'rows', idx })) as RowRecord[];
  const conn = await getConnector();
  const rows = (await conn.query(buildRowsQuery('docs', activeText(), idx, active.mapping.scores, PREVIEW_CHARS))) as RowRecord[];
  await fillLazyText(rows, 'preview', PREVIEW_CHARS);
  return rows;
}

/** One document with its full text, by doc_id or by row index. */
export async function fetchDocument(key: { docId: string } | { idx: number }): Promise<(RowRecord & { text: string | null }) | null> {
  if (!active) return null;
  if (active.server) return (await serverRequest({ op: 'document', key })) as (RowRecord & { text: string | null }) | null;
  const conn = await getConnector();
  const sql = 'docId' in key ? buildDocQuery('docs', activeText(), key.docId) : buildDocByIdxQuery('docs', activeText(), key.idx);
  const [row] = await conn.query(sql);
  if (!row) return null;
  await fillLazyText([row as RowRecord], 'text');
  return row as RowRecord & { text: string | null };
}

/** Rows whose text matches (substring, any case; or an RE2 regex) as a 0/1 mask over row indexes. */
export async function textSearchMask(query: string, regex: boolean): Promise<Uint8Array> {
  if (!active) return new Uint8Array(0);
  inTabOnly('Text search');
  if (!activeText().column) throw new Error('text search needs the text in DuckDB; this dataset’s text is read lazily from Parquet');
  const conn = await getConnector();
  const hits = await conn.queryFloat64Columns(buildTextSearchQuery('docs', activeText(), query, regex));
  const mask = new Uint8Array(active.summary.rows);
  for (const i of hits._idx) mask[i] = 1;
  return mask;
}

export async function tagMask(tag: string): Promise<Uint8Array> {
  if (!active) return new Uint8Array(0);
  inTabOnly('Filtering by tag');
  return fetchTagRows(await getConnector(), tag, active.summary.rows);
}

export async function tagCounts(): Promise<Array<{ tag: string; n: number }>> {
  if (!active || active.server) return [];
  const conn = await getConnector();
  return (await conn.query(buildTagCountsQuery('docs'))).map((r) => ({ tag: String(r.tag), n: Number(r.n) }));
}

/** Adds a derived selector to the active dataset (validated expression → SQL column). */
export async function defineDerivedSelector(name: string, expression: string): Promise<Dataset> {
  if (!active) throw new Error('no dataset is loaded');
  inTabOnly('A derived selector');
  const conn = await getConnector();
  active = await addDerivedSelector(conn, active, name, expression);
  return active;
}

/** doc_ids in row order, read as one Arrow column (fast for a million rows). */
export async function fetchDocIdsFast(): Promise<string[]> {
  const conn = await getConnector();
  return conn.queryStrings(buildDocIdsQuery());
}

/** The loaded files as the loader read them (File or URL) with their formats: the corpus export re-reads them. */
export function activeInputSources(): Array<{ format: FileFormat; src: BrowserSource }> {
  if (!active) return [];
  return activeSources.map((src, i) => ({ format: active!.shards[i].format, src }));
}

/** Each row's input file and row within it (for the corpus export). */
export async function fetchRowLocationsActive() {
  return fetchRowLocations(await getConnector());
}

/** The loaded files with their sizes and SHA-256, for provenance (reads each file once). */
export function hashInputs(): Promise<Array<{ name: string; bytes: number; sha256: string; source: string }>> {
  // A server dataset's files are hashed where they are, once per dataset.
  if (active?.server) return serverRequest({ op: 'inputs' }) as Promise<Array<{ name: string; bytes: number; sha256: string; source: string }>>;
  // Once per load: the record describes the bytes that were loaded, and a large file is not re-read for every export.
  if (hashed?.sources !== activeSources) hashed = { sources: activeSources, result: hashSources(activeSources) };
  const mine = hashed;
  mine.result.catch(() => {
    if (hashed === mine) hashed = null;
  });
  return mine.result;
}

let hashed: { sources: BrowserSource[]; result: Promise<Array<{ name: string; bytes: number; sha256: string; source: string }>> } | null = null;

async function hashSources(sources: BrowserSource[]) {
  const out = [];
  for (const src of sources) {
    const buffer = src.kind === 'file' ? await src.file.arrayBuffer() : await (await fetch(src.url)).arrayBuffer();
    out.push({
      name: src.name,
      bytes: buffer.byteLength,
      sha256: await sha256Hex([buffer]),
      source: src.kind === 'file' ? 'local file' : new URL(src.url).pathname,
    });
  }
  return out;
}

/** Full text of the rows with _idx in [start, end), in order (null where a row has none). */
export async function fetchTextRange(start: number, end: number): Promise<Array<string | null>> {
  if (!active) return [];
  inTabOnly('Reading every document’s text');
  const conn = await getConnector();
  const rows = (await conn.query(buildTextRangeQuery('docs', activeText(), start, end))) as RowRecord[];
  await fillLazyText(rows, 'text');
  return rows.map((r) => (r.text === null || r.text === undefined ? null : String(r.text)));
}

/**
 * Adds scores computed in the browser to the active dataset: the typed arrays
 * (one value per row, in _idx order) go to DuckDB as Arrow, then join docs.
 */
export async function applyComputedScores(columns: Record<string, Float64Array>, tagBits: Int32Array, spec: ScoreColumnsSpec): Promise<Dataset> {
  if (!active) throw new Error('no dataset is loaded');
  inTabOnly('Scoring in the tab');
  const { makeTable, tableToIPC } = await import('apache-arrow');
  const n = active.summary.rows;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const table = makeTable({ _idx: idx, _tagbits: tagBits, ...columns });
  const conn = await getConnector();
  const name = `${active.prefix}_computed`;
  await conn.exec(buildDropStatement('TABLE', name));
  await conn.insertArrowIPC(name, tableToIPC(table, 'stream'), true);
  try {
    active = await addScoreColumns(conn, active, name, spec);
  } finally {
    await conn.exec(buildDropStatement('TABLE', name));
  }
  return active;
}

