/**
 * Browser side of the annotation API. Every label is first put in a local
 * queue (IndexedDB), then sent; it leaves the queue only when the server has
 * acknowledged it (2xx). Failed sends stay queued and are retried, across
 * reloads too; a label the server rejects (4xx) is kept aside with the reason,
 * never dropped silently.
 */
import type { AnnotationInput, AnnotationRecord } from '../annotations/types';

const DB = 'sift-annotations';
const PENDING = 'pending';
const REJECTED = 'rejected';

export interface PendingLabel {
  input: AnnotationInput & { idempotency_key: string };
  /** Items of one batch (bulk label or undo) travel together. */
  batch: string | null;
  queuedAt: number;
  seq: number;
}

export interface RejectedLabel extends PendingLabel {
  status: number;
  reason: string;
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(PENDING, { keyPath: 'input.idempotency_key' });
      req.result.createObjectStore(REJECTED, { keyPath: 'input.idempotency_key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;
const db = () => (dbPromise ??= openDb());

async function tx<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const t = d.transaction(store, mode);
    const req = work(t.objectStore(store));
    t.oncomplete = () => resolve(req ? req.result : undefined);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

export async function pendingLabels(): Promise<PendingLabel[]> {
  const all = ((await tx<PendingLabel[]>(PENDING, 'readonly', (s) => s.getAll() as IDBRequest<PendingLabel[]>)) ?? []) as PendingLabel[];
  return all.sort((a, b) => a.seq - b.seq);
}

export async function rejectedLabels(): Promise<RejectedLabel[]> {
  return ((await tx<RejectedLabel[]>(REJECTED, 'readonly', (s) => s.getAll() as IDBRequest<RejectedLabel[]>)) ?? []) as RejectedLabel[];
}

export async function clearRejected(): Promise<void> {
  await tx(REJECTED, 'readwrite', (s) => void s.clear());
}

let seq = Date.now() * 1000;

/** Puts labels in the local queue (durable before any network use). */
export async function enqueue(inputs: AnnotationInput[], batch: string | null): Promise<PendingLabel[]> {
  const items = inputs.map((input) => ({ input: { ...input, idempotency_key: input.idempotency_key ?? crypto.randomUUID() }, batch, queuedAt: Date.now(), seq: seq++ }));
  const d = await db();
  await new Promise<void>((resolve, reject) => {
    const t = d.transaction(PENDING, 'readwrite');
    for (const item of items) t.objectStore(PENDING).put(item);
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
  });
  return items;
}

export type SendResult = { ok: true; records: AnnotationRecord[] } | { ok: false; retry: boolean; status: number; reason: string };

/** Sends one queued group (a single label, or a batch) and settles it in the queue. */
async function sendGroup(group: PendingLabel[]): Promise<SendResult> {
  const single = group.length === 1 && group[0].batch === null;
  let res: Response;
  try {
    res = await fetch(single ? '/api/annotations' : '/api/annotations/batch', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(single ? group[0].input : { items: group.map((g) => g.input) }),
    });
  } catch (error) {
    return { ok: false, retry: true, status: 0, reason: `network: ${(error as Error).message}` };
  }
  if (res.ok) {
    const body = await res.json();
    const records: AnnotationRecord[] = single ? [body] : body.records;
    await tx(PENDING, 'readwrite', (s) => {
      for (const g of group) s.delete(g.input.idempotency_key);
    });
    return { ok: true, records };
  }
  const reason = ((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? res.statusText;
  // 4xx other than 401/408/429 will not succeed on retry: set aside with the reason.
  const retry = res.status >= 500 || res.status === 401 || res.status === 408 || res.status === 429;
  if (!retry) {
    const d = await db();
    await new Promise<void>((resolve, reject) => {
      const t = d.transaction([PENDING, REJECTED], 'readwrite');
      for (const g of group) {
        t.objectStore(PENDING).delete(g.input.idempotency_key);
        t.objectStore(REJECTED).put({ ...g, status: res.status, reason });
      }
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error);
    });
  }
  return { ok: false, retry, status: res.status, reason };
}

let flushing: Promise<{ sent: AnnotationRecord[]; failure: Extract<SendResult, { ok: false }> | null }> | null = null;

/**
 * Sends everything queued, oldest first, one group at a time (so labels reach
 * the server in the order they were made). Stops at the first failure that a
 * retry could fix. Concurrent calls share one run.
 */
export function flush(): Promise<{ sent: AnnotationRecord[]; failure: Extract<SendResult, { ok: false }> | null }> {
  flushing ??= (async () => {
    const sent: AnnotationRecord[] = [];
    try {
      for (;;) {
        const pending = await pendingLabels();
        if (pending.length === 0) return { sent, failure: null };
        const first = pending[0];
        const group = first.batch === null ? [first] : pending.filter((p) => p.batch === first.batch);
        const r = await sendGroup(group);
        if (r.ok) sent.push(...r.records);
        else if (r.retry) return { sent, failure: r };
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** Current labels of a dataset from the server. */
export async function fetchCurrent(dataset: string): Promise<AnnotationRecord[]> {
  const res = await fetch(`/api/annotations?dataset=${encodeURIComponent(dataset)}`);
  if (!res.ok) throw new Error(`could not read annotations: ${res.status} ${((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? ''}`);
  return ((await res.json()) as { annotations: AnnotationRecord[] }).annotations;
}
