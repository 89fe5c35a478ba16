/**
 * The annotation API's request handling, on standard Request/Response: the
 * route files under app/api/annotations call these, and the unit tests call
 * them directly with real requests and a real SQLite file.
 */
import { timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir } from '../server/data-dir';
import { SqliteAnnotationStore } from './sqlite';
import type { AnnotationStore } from './store';
import { LIMITS, ValidationError, validateAnnotation, type AnnotationRecord } from './types';

let store: { path: string; store: SqliteAnnotationStore } | null = null;

/** The server's store: $SIFT_DATA_DIR/sift.db, opened once per process (and per data folder, for tests). */
export function serverStore(): AnnotationStore {
  const path = join(dataDir(), 'sift.db');
  if (store?.path !== path) {
    store?.store.close();
    mkdirSync(dataDir(), { recursive: true });
    store = { path, store: new SqliteAnnotationStore(path) };
  }
  return store.store;
}

const error = (status: number, message: string, field?: string) => Response.json({ error: message, ...(field ? { field } : {}) }, { status });

/** When SIFT_TOKEN is set, writes need `Authorization: Bearer <token>`. */
function unauthorized(request: Request): Response | null {
  const token = process.env.SIFT_TOKEN;
  if (!token) return null;
  const given = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length === b.length && timingSafeEqual(a, b)) return null;
  return Response.json({ error: 'this server needs a token for writes: send Authorization: Bearer <token>' }, { status: 401, headers: { 'WWW-Authenticate': 'Bearer' } });
}

/** The body as JSON, or an error response: 413 over the size limit, 400 for non-JSON. */
async function readJson(request: Request): Promise<{ value: unknown } | { response: Response }> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > LIMITS.bodyBytes) return { response: error(413, `request body too large: ${declared} bytes, the limit is ${LIMITS.bodyBytes}`) };
  const reader = request.body?.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > LIMITS.bodyBytes) {
        await reader.cancel();
        return { response: error(413, `request body too large: over ${LIMITS.bodyBytes} bytes`) };
      }
      parts.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(parts));
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { response: error(400, `body: not valid JSON (${(e as Error).message})`, 'body') };
  }
}

function validation(e: unknown): Response {
  if (e instanceof ValidationError) return error(400, e.message, e.field);
  throw e;
}

/** POST /api/annotations: one event; 201 when stored, 200 when its idempotency key was seen before. */
export async function postAnnotation(request: Request): Promise<Response> {
  const denied = unauthorized(request);
  if (denied) return denied;
  const body = await readJson(request);
  if ('response' in body) return body.response;
  let input;
  try {
    input = validateAnnotation(body.value);
  } catch (e) {
    return validation(e);
  }
  const { record, created } = serverStore().append(input);
  return Response.json(record, { status: created ? 201 : 200 });
}

/** POST /api/annotations/batch: {items: [...]} in one transaction (bulk labels, their undo, imports). */
export async function postBatch(request: Request): Promise<Response> {
  const denied = unauthorized(request);
  if (denied) return denied;
  const body = await readJson(request);
  if ('response' in body) return body.response;
  const v = body.value as { items?: unknown };
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return error(400, 'body: expected {"items": [...]}', 'body');
  for (const key of Object.keys(v)) if (key !== 'items') return error(400, `${key}: unknown field (expected items)`, key);
  if (!Array.isArray(v.items)) return error(400, 'items: expected a list of annotations', 'items');
  if (v.items.length > LIMITS.items) return error(413, `items: at most ${LIMITS.items} per batch, got ${v.items.length}`, 'items');
  let inputs;
  try {
    inputs = v.items.map((item, i) => validateAnnotation(item, `items[${i}].`));
  } catch (e) {
    return validation(e);
  }
  const result = serverStore().appendBatch(inputs);
  return Response.json(result, { status: result.created > 0 ? 201 : 200 });
}

function datasetParam(url: URL): string | Response {
  const dataset = url.searchParams.get('dataset');
  if (!dataset) return error(400, 'dataset: query parameter required (the dataset fingerprint)', 'dataset');
  return dataset;
}

const jsonl = (records: AnnotationRecord[]) =>
  new Response(records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''), { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' } });

/** GET /api/annotations?dataset=FP[&annotator=NAME][&format=jsonl]: current labels. */
export function getCurrent(request: Request): Response {
  const url = new URL(request.url);
  const dataset = datasetParam(url);
  if (dataset instanceof Response) return dataset;
  const records = serverStore().current(dataset, url.searchParams.get('annotator') ?? undefined);
  const format = url.searchParams.get('format');
  if (format && format !== 'json' && format !== 'jsonl') return error(400, `format: expected json or jsonl, got "${format}"`, 'format');
  return format === 'jsonl' ? jsonl(records) : Response.json({ dataset, annotations: records });
}

/** GET /api/annotations/history?dataset=FP[&after=ID][&format=jsonl]: every event, in commit order. */
export function getHistory(request: Request): Response {
  const url = new URL(request.url);
  const dataset = datasetParam(url);
  if (dataset instanceof Response) return dataset;
  const after = Number(url.searchParams.get('after') ?? 0);
  if (!Number.isInteger(after) || after < 0) return error(400, 'after: expected an event id (a whole number)', 'after');
  const records = serverStore().history(dataset, after);
  return url.searchParams.get('format') === 'jsonl' ? jsonl(records) : Response.json({ dataset, events: records });
}
