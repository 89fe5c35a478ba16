/**
 * Browser side of the selection worker: one per tab, fed from the active
 * dataset's DuckDB tables. Components call these functions and the stores.
 */
import * as Comlink from 'comlink';
import { getConnector } from './data-client';
import { serverService } from './engine-client';
import { datasetHolder, type Dataset } from '../data/dataset';
import { columnDirection } from '../scoring/directions';
import { fetchRowFacts, fetchScores } from '../data/row-facts';
import type { Direction } from '../selection/order';
import type { SelectionService, ServiceMethod } from '../service';

let worker: Comlink.Remote<SelectionService> | null = null;
/** The server engine's handle when the prepared dataset was opened on the server: calls go there instead. */
let serverId: string | null = null;

export function selectionWorker(): Comlink.Remote<SelectionService> {
  if (serverId) return serverService(serverId, {});
  if (!worker) {
    const w = new Worker(new URL('../../workers/selection.worker.ts', import.meta.url), { type: 'module', name: 'sift-selection' });
    worker = Comlink.wrap<SelectionService>(w);
  }
  return worker;
}

/**
 * The selection service with these selectors' directions travelling in each
 * call (SelectionService.call): one message per call, no setDirection round trip.
 */
export function withDirections(directions: Record<string, Direction>): Comlink.Remote<SelectionService> {
  if (serverId) return serverService(serverId, directions);
  const w = selectionWorker();
  return new Proxy({} as Comlink.Remote<SelectionService>, {
    // Not a thenable: an async function may return this object without it being awaited as a promise.
    get: (_, method) => (method === 'then' ? undefined : (...args: unknown[]) => w.call(directions, method as ServiceMethod, args as never)),
  });
}

export interface PreparedSelection {
  key: string;
  selectors: Array<{ name: string; direction: Direction }>;
  sources: Array<string | null>;
  rows: number;
  ms: number;
}

let prepared: Promise<PreparedSelection> | null = null;
let preparedKey = '';

/** A key that changes whenever the docs table changes (new load or new mapping). */
export function datasetKey(dataset: Dataset): string {
  return `${datasetHolder(dataset)}:${dataset.summary.fingerprint}:${dataset.mapping.scores.join(',')}`;
}

/** Sends the active dataset's per-row arrays to the worker, once per dataset version. */
export function prepareSelection(dataset: Dataset): Promise<PreparedSelection> {
  const key = datasetKey(dataset);
  if (prepared && preparedKey === key) return prepared;
  preparedKey = key;
  serverId = dataset.server?.id ?? null;
  if (dataset.server) {
    // The server prepared it when it opened the files.
    const { selectors, sources, rows, ms } = dataset.server;
    prepared = Promise.resolve({ key, selectors, sources, rows, ms: ms.prepare });
    return prepared;
  }
  prepared = (async () => {
    const t0 = performance.now();
    const conn = await getConnector();
    const rows = await fetchRowFacts(conn);
    const names = dataset.mapping.scores;
    const scores = await fetchScores(conn, names);
    const configured = Object.assign({}, ...(dataset.models ?? []).map((m) => m.directions)) as Record<string, Direction>;
    const directions = Object.fromEntries(names.map((n) => [n, columnDirection(n, configured)]));
    const transfer = [rows.sourceOf.buffer, rows.chars.buffer, rows.tokens.buffer, rows.idRank.buffer, ...Object.values(scores).map((s) => s.buffer)];
    await selectionWorker().init(Comlink.transfer(rows, transfer), scores, directions);
    return {
      key,
      selectors: names.map((name) => ({ name, direction: directions[name] })),
      sources: rows.sources,
      rows: rows.sourceOf.length,
      ms: performance.now() - t0,
    };
  })();
  prepared.catch(() => {
    prepared = null;
  });
  return prepared;
}

let docIdsFor: { key: string; ready: Promise<void> } | null = null;

/** The selection worker needs doc_ids for manifests and queues: read them once per dataset version. */
export function ensureDocIds(key: string): Promise<void> {
  if (serverId) return Promise.resolve();
  if (docIdsFor?.key !== key) {
    const ready = (async () => {
      const { fetchDocIdsFast } = await import('./data-client');
      const w = selectionWorker();
      if (!(await w.hasDocIds())) await w.setDocIds(await fetchDocIdsFast());
    })();
    docIdsFor = { key, ready };
    ready.catch(() => {
      if (docIdsFor?.ready === ready) docIdsFor = null;
    });
  }
  return docIdsFor.ready;
}
