/**
 * The server engine's requests and answers: what the page may ask of a
 * dataset opened on the server. Named operations only — the page never sends
 * SQL — and the selection service's own methods, unchanged.
 */
import type { Dataset, ServerHandle } from '../data/dataset';
import type { Direction } from '../selection/order';
import type { ServiceMethod } from './index';

/** A dataset opened on the server: the page treats `dataset` like one loaded in the tab, with `server` set. */
export type ServerDataset = ServerHandle & { dataset: Dataset };

export type EngineRequest =
  | { op: 'open'; path: string; file: string }
  | { op: 'call'; id: string; directions: Record<string, Direction>; method: ServiceMethod; args: unknown[] }
  | { op: 'rows'; id: string; idx: number[] }
  | { op: 'document'; id: string; key: { docId: string } | { idx: number } }
  | { op: 'inputs'; id: string }
  | { op: 'close'; id: string };

/** What the worker thread posts back for request `seq`. */
export type EngineReply = { seq: number; ok: true; value: unknown } | { seq: number; ok: false; error: { message: string; code?: string; file?: string; line?: number } };
