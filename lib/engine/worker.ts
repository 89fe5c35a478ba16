/**
 * The server engine's thread: datasets opened from the data folder with native
 * DuckDB, each with its own selection service (lib/service, the class the
 * page's selection worker runs). lib/engine/host.ts starts it and forwards the
 * page's requests; nothing here knows about HTTP.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { NodeConnector } from '../data/connectors/node';
import type { Dataset } from '../data/dataset';
import type { ParquetModule } from '../export/parquet';
import { DOLMA_SPANS_COLUMN } from '../data/pipelines/dolma';
import { fetchDocIds, fetchRowFacts, fetchScores } from '../data/row-facts';
import { buildDocByIdxQuery, buildDocQuery, buildRowsQuery, buildShardTextQuery, type TextSource } from '../data/sql/browse';
import type { Row } from '../data/connector';
import { loadDatasetFromFiles, planInputs } from '../cli/load';
import { buildLeanRowQuery, buildLeanRowsQuery, canOpenLean, openParquetShards, readShardDocIds, readShardScores } from './open';
import { sha256File } from '../cli/run/work';
import { columnDirection } from '../scoring/directions';
import { SelectionService } from '../service';
import type { EngineReply, EngineRequest, ServerDataset } from '../service/protocol';

interface Opened {
  /** The absolute path opened (file or folder). */
  file: string;
  inputs?: Promise<Array<{ name: string; bytes: number; sha256: string; source: string }>>;
  conn: NodeConnector;
  dataset: Dataset;
  service: SelectionService;
  description: ServerDataset;
  /** Parquet shards opened as views (lib/engine/open): where each shard's rows start, and its docs view. */
  lean?: { offsets: number[]; shardDocs: string[] };
}

const opened = new Map<string, Promise<Opened>>();
let parquetModule: Promise<ParquetModule> | null = null;
/** parquet-wasm's Node build, as `sift export` loads it: a Parquet manifest is the same bytes. */
const loadParquet = () => (parquetModule ??= import('parquet-wasm/node') as unknown as Promise<ParquetModule>);
const PREVIEW_CHARS = 240;
const NEEDS_IDS = new Set<string>(['export', 'annotationQueue', 'docIdsOf', 'labelsByRow']);

/** The files a path stands for, with sizes and times: a dataset is the same while none of them changed. */
function fingerprint(file: string): string {
  const plan = planInputs([file]);
  const h = createHash('sha256').update(file);
  for (const d of plan.documents) {
    const s = statSync(d.path);
    h.update(`\0${d.path}\0${s.size}\0${s.mtimeMs}`);
  }
  return h.digest('hex').slice(0, 16);
}

async function open(path: string, file: string): Promise<Opened> {
  const t0 = performance.now();
  const plan = planInputs([file]);
  const lean = canOpenLean(plan) ? await openParquetShards(plan) : null;
  const { conn, dataset } = lean ?? (await loadDatasetFromFiles([file]));
  try {
    const load = performance.now() - t0;
    const rows = lean?.rows ?? (await fetchRowFacts(conn));
    const tFacts = performance.now();
    const names = dataset.mapping.scores;
    const scores = lean ? await readShardScores(conn, lean.shardDocs, lean.offsets, names) : await fetchScores(conn, names);
    const tScores = performance.now();
    const directions = Object.fromEntries(names.map((n) => [n, columnDirection(n)]));
    const service = new SelectionService({ loadParquet });
    service.init(rows, scores, directions);
    const t1 = performance.now();
    if (names.length) service.prepare(names[0]);
    const prepare = performance.now() - t1;
    const memory = service.memory();
    const n = Math.max(1, rows.sourceOf.length);
    const built = names.length ? memory.selectors[names[0]] : 0;
    const description: ServerDataset = {
      id: '',
      path,
      dataset,
      selectors: names.map((name) => ({ name, direction: directions[name] })),
      sources: rows.sources,
      rows: rows.sourceOf.length,
      ms: { load: Math.round(load), facts: Math.round(tFacts - t0 - load), scores: Math.round(tScores - tFacts), prepare: Math.round(prepare) },
      memory: { factsBytesPerDoc: memory.factsBytes / n, selectorBytesPerDoc: built / n, rssBytes: process.memoryUsage().rss },
    };
    return { file, conn, dataset, service, description, ...(lean ? { lean: { offsets: lean.offsets, shardDocs: lean.shardDocs } } : {}) };
  } catch (error) {
    conn.close();
    throw error;
  }
}

/** Rows are read from the docs table without text; the text comes from the rows' own shards (withText). */
const NO_TEXT: TextSource = { raw: 'raw', column: null };

/**
 * Fills `field` of each row with its text (cut to maxChars), read from the
 * shards holding the rows only, plus Dolma's spans where the files have them.
 */
async function withText(conn: NodeConnector, dataset: Dataset, rows: Row[], field: 'preview' | 'text', maxChars: number | null): Promise<Row[]> {
  const column = dataset.mapping.text;
  if (!column || rows.length === 0) return rows;
  const byShard = new Map<number, number[]>();
  for (const r of rows) byShard.set(Number(r._shard), [...(byShard.get(Number(r._shard)) ?? []), Number(r._row)]);
  const shards = [...byShard].map(([shard, list]) => ({ shard, table: dataset.shards[shard].table, rows: list }));
  const texts = new Map<string, unknown>();
  let read: Row[];
  try {
    read = await conn.query(buildShardTextQuery(column, shards, maxChars));
  } catch {
    // A shard without the text column (shards of different schemas): read through the union, which has it as NULL there.
    read = await conn.query(buildShardTextQuery(column, shards, maxChars, 'raw'));
  }
  for (const t of read) texts.set(`${t._shard}:${t._row}`, t.text);
  const spans = field === 'text' && dataset.columns.some((c) => c.name === DOLMA_SPANS_COLUMN);
  const out: Row[] = [];
  for (const r of rows) {
    const row: Row = { ...r, [field]: texts.get(`${r._shard}:${r._row}`) ?? null };
    if (spans) {
      const [s] = await conn.query(buildDocByIdxQuery('docs', { raw: 'raw', column, extra: [DOLMA_SPANS_COLUMN] }, Number(r._idx)));
      row[DOLMA_SPANS_COLUMN] = s?.[DOLMA_SPANS_COLUMN] ?? null;
    }
    out.push(row);
  }
  return out;
}

async function get(id: string): Promise<Opened> {
  const found = opened.get(id);
  if (!found) throw Object.assign(new Error(`the server has no open dataset ${id}; open it again`), { code: 'not_open' });
  // Most recently used last: the map's order is the eviction order.
  opened.delete(id);
  opened.set(id, found);
  return found;
}

/** Datasets kept open at once (SIFT_ENGINE_DATASETS, default 2); opening another closes the least recently used. */
const KEEP = Math.max(1, Number(process.env.SIFT_ENGINE_DATASETS) || 2);

/** Closes the open datasets of the same path with other files (changed since) and, past KEEP, the least recently used. */
function evict(path: string, keepId: string): void {
  const close = (id: string, entry: Promise<Opened>) => {
    opened.delete(id);
    entry.then((o) => o.conn.close(), () => {});
  };
  for (const [id, entry] of opened) if (id !== keepId) entry.then((o) => o.description.path === path && opened.get(id) === entry && close(id, entry), () => {});
  while (opened.size > KEEP) {
    const [id, entry] = opened.entries().next().value as [string, Promise<Opened>];
    if (id === keepId) break;
    close(id, entry);
  }
}

async function handle(req: EngineRequest): Promise<unknown> {
  switch (req.op) {
    case 'open': {
      const id = fingerprint(req.file);
      let entry = opened.get(id);
      if (!entry) {
        entry = open(req.path, req.file);
        opened.set(id, entry);
        entry.catch(() => opened.delete(id));
        evict(req.path, id);
      } else await get(id);
      return { ...(await entry).description, id };
    }
    case 'call': {
      const { conn, service, lean } = await get(req.id);
      // doc_ids (a string per document) are read when a manifest or a queue first needs them, not at open.
      if (NEEDS_IDS.has(req.method) && !service.hasDocIds()) service.setDocIds(lean ? await readShardDocIds(conn, lean.shardDocs) : await fetchDocIds(conn));
      return service.call(req.directions, req.method, req.args as never);
    }
    case 'rows': {
      const { conn, dataset, lean } = await get(req.id);
      if (req.idx.length === 0) return [];
      // Shards opened as views read a page's columns and text in one scan of each shard.
      if (lean) return conn.query(buildLeanRowsQuery(lean.shardDocs, lean.offsets, req.idx, dataset.mapping.scores, PREVIEW_CHARS));
      return withText(conn, dataset, await conn.query(buildRowsQuery('docs', NO_TEXT, req.idx, dataset.mapping.scores)), 'preview', PREVIEW_CHARS);
    }
    case 'document': {
      const { conn, dataset, lean } = await get(req.id);
      const sql = 'docId' in req.key ? buildDocQuery('docs', NO_TEXT, req.key.docId) : lean ? buildLeanRowQuery(lean.shardDocs, lean.offsets, req.key.idx) : buildDocByIdxQuery('docs', NO_TEXT, req.key.idx);
      const [row] = sql ? await conn.query(sql) : [];
      return row ? (await withText(conn, dataset, [row], 'text', null))[0] : null;
    }
    case 'inputs': {
      // The files with sizes and SHA-256 for an export's provenance, hashed once per dataset (as `sift export` records them).
      const entry = await get(req.id);
      entry.inputs ??= Promise.all(
        planInputs([entry.file]).documents.map(async (d) => ({ name: d.name, bytes: statSync(d.path).size, sha256: await sha256File(d.path), source: `server data folder: ${entry.description.path}` })),
      );
      entry.inputs.catch(() => (entry.inputs = undefined));
      return entry.inputs;
    }
    case 'close': {
      const entry = opened.get(req.id);
      opened.delete(req.id);
      if (entry) (await entry).conn.close();
      return null;
    }
  }
}

parentPort?.on('message', (message: { seq: number; request: EngineRequest }) => {
  handle(message.request).then(
    (value) => parentPort!.postMessage({ seq: message.seq, ok: true, value } satisfies EngineReply),
    (error: unknown) => {
      const e = error as Error & { code?: string; file?: string; line?: number };
      parentPort!.postMessage({ seq: message.seq, ok: false, error: { message: e?.message ?? String(error), code: e?.code, file: e?.file, line: e?.line } } satisfies EngineReply);
    },
  );
});
