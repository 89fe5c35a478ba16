/**
 * The page's side of the server engine (app/api/engine, lib/engine): the
 * selection service and document reads of a dataset opened on the server,
 * behind the same interface as the tab's selection worker.
 */
import type * as Comlink from 'comlink';
import { InputError, type InputErrorCode } from '../data/errors';
import type { ServerDataset } from '../service/protocol';
import type { Direction } from '../selection/order';
import type { SelectionService, ServiceMethod } from '../service';
import { decodeBinary, encodeJson } from '../service/wire';

/** One request to the engine route; a refusal becomes an InputError with the server's message. */
export async function engineFetch(body: Record<string, unknown>): Promise<unknown> {
  const res = await fetch('/api/engine', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: encodeJson(body) });
  if (!res.ok) {
    const answer = (await res.json().catch(() => ({}))) as { error?: string; code?: string; file?: string; line?: number };
    throw new InputError(
      // The engine's own codes (bad_json_line, no_rows, …) are InputError codes; anything else is the engine's.
      answer.code && answer.code !== 'not_open' && answer.code !== 'engine_stopped' && answer.code !== 'not_found' ? (answer.code as InputErrorCode) : 'server_engine',
      answer.error ?? `the server engine answered ${res.status} ${res.statusText}`,
      answer.file ? { file: answer.file, ...(answer.line ? { line: answer.line } : {}) } : {},
    );
  }
  return decodeBinary(await res.arrayBuffer());
}

export async function openOnServer(path: string): Promise<ServerDataset> {
  return (await engineFetch({ op: 'open', path })) as ServerDataset;
}

/**
 * The selection service of a server dataset: every method is one POST with
 * the directions it needs, answered with the same values the worker gives.
 */
export function serverService(id: string, directions: Record<string, Direction>): Comlink.Remote<SelectionService> {
  return new Proxy({} as Comlink.Remote<SelectionService>, {
    get: (_, method) => (method === 'then' ? undefined : (...args: unknown[]) => engineFetch({ op: 'call', id, directions, method: method as ServiceMethod, args })),
  });
}
