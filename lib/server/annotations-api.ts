/**
 * The annotation API's request handling, on standard Request/Response: the
 * route files under app/api/annotations call these, and the unit tests call
 * them directly with real requests and a real SQLite file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { dataDir } from './data-dir';
import { annotationDbPath, legacyDbPath, migrateLegacyDb } from '../annotations/db-path';
import { SqliteAnnotationStore } from '../annotations/sqlite';
import { IdempotencyConflict, type AnnotationStore } from '../annotations/store';
import { LIMITS, ValidationError, validateAnnotation, type AnnotationRecord } from '../annotations/types';

let store: { path: string; store: SqliteAnnotationStore } | null = null;

/**
 * The server's store (annotationDbPath: SIFT_DB, else beside the data folder),
 * opened once per process (and per path, for tests). A database an older Sift
 * kept inside the data folder is moved out first.
 */
export function serverStore(): AnnotationStore {
  const path = annotationDbPath(dataDir());
  if (store?.path !== path) {
    store?.store.close();
    const moved = migrateLegacyDb(legacyDbPath(dataDir()), path);
    if (moved === 'moved') console.log(`Sift: moved the label database out of the data folder, to ${path}`);
    if (moved === 'both-exist') console.warn(`Sift: ${legacyDbPath(dataDir())} is an older label database inside the data folder; using ${path}. It is never served; merge or delete it.`);
    mkdirSync(dirname(path), { recursive: true });
    store = { path, store: new SqliteAnnotationStore(path) };
  }
  return store.store;
}

/** Error bodies never echo more than this much of what was sent. */
const MAX_ERROR = 300;
const clip = (text: string) => (text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}… (${text.length - MAX_ERROR} more characters)` : text);
const error = (status: number, message: string, field?: string) => Response.json({ error: clip(message), ...(field ? { field: clip(field) } : {}) }, { status });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (key or value) holding a lone surrogate, or null. */
function loneSurrogateAt(value: unknown, path: string): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = loneSurrogateAt(value[i], `${path}[${i}]`);
      if (at) return at;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (LONE_SURROGATE.test(k)) return `${path}.${k}`;
      const at = loneSurrogateAt(v, path ? `${path}.${k}` : k);
      if (at) return at;
    }
  }
  return null;
}

/** The body as JSON, or an error response: 413 over the size limit, 400 for invalid UTF-8, non-JSON or lone surrogates. */
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
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts));
  } catch {
    return { response: error(400, 'body: not valid UTF-8', 'body') };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { response: error(400, `body: not valid JSON (${(e as Error).message})`, 'body') };
  }
  const at = loneSurrogateAt(value, '');
  if (at !== null) return { response: error(400, `${at || 'body'}: contains a lone UTF-16 surrogate (not a Unicode character)`, at || 'body') };
  return { value };
}

/** 409 naming both the stored event and what was sent under its key. */
function conflict(e: IdempotencyConflict): Response {
  return Response.json({ error: clip(e.message), field: 'idempotency_key', existing: e.existing, sent: e.sent }, { status: 409 });
}

function validation(e: unknown): Response {
  if (e instanceof ValidationError) return error(400, e.message, e.field);
  if (e instanceof IdempotencyConflict) return conflict(e);
  throw e;
}

/** POST /api/annotations: one event; 201 when stored, 200 when its idempotency key was seen before. */
export async function postAnnotation(request: Request): Promise<Response> {
  const body = await readJson(request);
  if ('response' in body) return body.response;
  let input;
  try {
    input = validateAnnotation(body.value);
  } catch (e) {
    return validation(e);
  }
  try {
    const { record, created } = serverStore().append(input);
    return Response.json(record, { status: created ? 201 : 200 });
  } catch (e) {
    return validation(e);
  }
}

/** POST /api/annotations/batch: {items: [...]} in one transaction (bulk labels, their undo, imports). */
export async function postBatch(request: Request): Promise<Response> {
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
  try {
    const result = serverStore().appendBatch(inputs);
    return Response.json(result, { status: result.created > 0 ? 201 : 200 });
  } catch (e) {
    return validation(e);
  }
}

/**
 * The query parameters of a GET, strictly: only the names a route knows, each
 * at most once, `format` json or jsonl, `after` a plain decimal event id.
 */
function queryParams(url: URL, known: string[]): Record<string, string> | Response {
  const out: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!known.includes(name)) return error(400, `${name}: unknown query parameter (expected ${known.join(', ')})`, name);
    if (name in out) return error(400, `${name}: given more than once`, name);
    out[name] = value;
  }
  if (!out.dataset) return error(400, 'dataset: query parameter required (the dataset fingerprint)', 'dataset');
  if (out.format !== undefined && out.format !== 'json' && out.format !== 'jsonl') return error(400, `format: expected json or jsonl, got "${out.format}"`, 'format');
  if (out.after !== undefined && !/^(0|[1-9][0-9]{0,14})$/.test(out.after)) return error(400, `after: expected an event id (a whole number in decimal), got "${out.after}"`, 'after');
  return out;
}

const jsonl = (records: AnnotationRecord[]) =>
  new Response(records.map((r) => JSON.stringify(r)).join('\n') + (records.length ? '\n' : ''), { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8' } });

/** GET /api/annotations?dataset=FP[&annotator=NAME][&format=jsonl]: current labels. */
export function getCurrent(request: Request): Response {
  const q = queryParams(new URL(request.url), ['dataset', 'annotator', 'format']);
  if (q instanceof Response) return q;
  const records = serverStore().current(q.dataset, q.annotator);
  return q.format === 'jsonl' ? jsonl(records) : Response.json({ dataset: q.dataset, annotations: records });
}

/** GET /api/annotations/history?dataset=FP[&after=ID][&format=jsonl]: every event, in commit order. */
export function getHistory(request: Request): Response {
  const q = queryParams(new URL(request.url), ['dataset', 'after', 'format']);
  if (q instanceof Response) return q;
  const records = serverStore().history(q.dataset, Number(q.after ?? 0));
  return q.format === 'jsonl' ? jsonl(records) : Response.json({ dataset: q.dataset, events: records });
}
