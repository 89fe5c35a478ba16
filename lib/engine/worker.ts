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
import { buildDocByIdxQuery, buildDocQuery, buildRowsQuery, type TextSource } from '../data/sql/browse';
import { loadDatasetFromFiles, planInputs } from '../cli/load';
import { columnDirection } from '../scoring/directions';
import { SelectionService } from '../service';
import type { EngineReply, EngineRequest, ServerDataset } from '../service/protocol';

interface Opened {
  conn: NodeConnector;
  dataset: Dataset;
  service: SelectionService;
  description: ServerDataset;
}

const opened = new Map<string, Promise<Opened>>();
let parquetModule: Promise<ParquetModule> | null = null;
/** parquet-wasm's Node build, as `sift export` loads it: a Parquet manifest is the same bytes. */
const loadParquet = () => (parquetModule ??= import('parquet-wasm/node') as unknown as Promise<ParquetModule>);
const PREVIEW_CHARS = 240;

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
  const { conn, dataset } = await loadDatasetFromFiles([file]);
  try {
    const load = performance.now() - t0;
    const rows = await fetchRowFacts(conn);
    const tFacts = performance.now();
    const names = dataset.mapping.scores;
    const scores = await fetchScores(conn, names);
    const tScores = performance.now();
    const directions = Object.fromEntries(names.map((n) => [n, columnDirection(n)]));
    const service = new SelectionService({ loadParquet });
    service.init(rows, scores, directions);
    service.setDocIds(await fetchDocIds(conn));
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
      ms: { load: Math.round(load), facts: Math.round(tFacts - t0 - load), scores: Math.round(tScores - tFacts), ids: Math.round(t1 - tScores), prepare: Math.round(prepare) },
      memory: { factsBytesPerDoc: memory.factsBytes / n, selectorBytesPerDoc: built / n, rssBytes: process.memoryUsage().rss },
    };
    return { conn, dataset, service, description };
  } catch (error) {
    conn.close();
    throw error;
  }
}

function textOf(dataset: Dataset): TextSource {
  const extra = dataset.columns.some((c) => c.name === DOLMA_SPANS_COLUMN) ? [DOLMA_SPANS_COLUMN] : [];
  return { raw: 'raw', column: dataset.textLoaded ? dataset.mapping.text : null, extra };
}

async function get(id: string): Promise<Opened> {
  const found = opened.get(id);
  if (!found) throw Object.assign(new Error(`the server has no open dataset ${id}; open it again`), { code: 'not_open' });
  return found;
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
      }
      return { ...(await entry).description, id };
    }
    case 'call': {
      const { service } = await get(req.id);
      return service.call(req.directions, req.method, req.args as never);
    }
    case 'rows': {
      const { conn, dataset } = await get(req.id);
      if (req.idx.length === 0) return [];
      return conn.query(buildRowsQuery('docs', textOf(dataset), req.idx, dataset.mapping.scores, PREVIEW_CHARS));
    }
    case 'document': {
      const { conn, dataset } = await get(req.id);
      const sql = 'docId' in req.key ? buildDocQuery('docs', textOf(dataset), req.key.docId) : buildDocByIdxQuery('docs', textOf(dataset), req.key.idx);
      const [row] = await conn.query(sql);
      return row ?? null;
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
