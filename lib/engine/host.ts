/**
 * The server's side of the engine: one worker thread (lib/engine/worker.ts,
 * compiled with the CLI to dist/cli/current/engine-worker.mjs) per server
 * process, started on the first request. Route handlers call `engineRequest`;
 * a thread that dies fails its pending requests and the next request starts
 * a new one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EngineReply, EngineRequest } from '../service/protocol';

export class EngineError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
  seq: number;
}

/** Kept on globalThis: Next may load a route module more than once, and there must be one engine. */
const slot = globalThis as unknown as { __siftEngine?: Thread };

/** The compiled worker's path (`npm run setup` and `npm run build` compile it with the CLI). */
export function engineWorkerPath(root: string = process.cwd()): string {
  const pointer = join(/*turbopackIgnore: true*/ root, 'dist/cli/current');
  if (!existsSync(pointer)) throw new EngineError('the server engine is not built: run `npm run setup` (it compiles the CLI and the engine)', 'not_built');
  return join(/*turbopackIgnore: true*/ root, 'dist/cli', readFileSync(pointer, 'utf8').trim(), 'engine-worker.mjs');
}

/**
 * The engine thread's JS heap: doc_ids are strings there (~40 bytes each), so 10^8 documents
 * need more than Node's default of ~4 GiB. SIFT_ENGINE_HEAP_MB sets it; by default, three
 * quarters of the machine's memory (typed arrays and DuckDB live outside it).
 */
export function engineHeapMb(): number {
  const set = Number(process.env.SIFT_ENGINE_HEAP_MB);
  return Number.isFinite(set) && set >= 256 ? Math.floor(set) : Math.max(1024, Math.floor((totalmem() * 0.75) / 2 ** 20));
}

function thread(): Thread {
  if (slot.__siftEngine) return slot.__siftEngine;
  const worker = new Worker(engineWorkerPath(), { resourceLimits: { maxOldGenerationSizeMb: engineHeapMb() } });
  const t: Thread = { worker, pending: new Map(), seq: 0 };
  worker.on('message', (reply: EngineReply) => {
    const p = t.pending.get(reply.seq);
    if (!p) return;
    t.pending.delete(reply.seq);
    if (t.pending.size === 0) worker.unref();
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new EngineError(reply.error.message, reply.error.code, reply.error.file, reply.error.line));
  });
  const fail = (error: Error) => {
    if (slot.__siftEngine === t) slot.__siftEngine = undefined;
    for (const p of t.pending.values()) p.reject(new EngineError(`the server engine stopped: ${error.message}`, 'engine_stopped'));
    t.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  // The engine keeps its process alive only while a request waits for it.
  worker.unref();
  slot.__siftEngine = t;
  return t;
}

/** Sends one request to the engine thread and waits for its answer. */
export function engineRequest(request: EngineRequest): Promise<unknown> {
  const t = thread();
  const seq = ++t.seq;
  return new Promise((resolve, reject) => {
    if (t.pending.size === 0) t.worker.ref();
    t.pending.set(seq, { resolve, reject });
    t.worker.postMessage({ seq, request });
  });
}
