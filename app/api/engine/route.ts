import { EngineError, engineRequest } from '@/lib/engine/host';
import type { EngineRequest } from '@/lib/service/protocol';
import { dataDir, resolveDataEntry } from '@/lib/server/data-dir';
import { decodeJson, encodeBinary } from '@/lib/service/wire';

export const dynamic = 'force-dynamic';

/** The selection service's methods the page may call on a server dataset: none replaces its data (the server loaded it itself). */
const CALLABLE = new Set([
  'prepare', 'select', 'keepMask', 'distribution', 'sweep', 'docScores', 'orderedRows', 'orderedPage', 'orderedPosition', 'compare', 'compareMany', 'stages',
  'annotationQueue', 'grade', 'docIdsOf', 'labelsByRow', 'hasDocIds', 'hasSignatures', 'setDirection', 'memory', 'export',
]);

function refuse(status: number, error: string, extra: Record<string, unknown> = {}) {
  return Response.json({ error, ...extra }, { status });
}

/** The data folder's absolute location never leaves the server: messages name paths inside it. */
function inside(text: string | undefined, root: string): string | undefined {
  return text?.split(root + '/').join('');
}

/**
 * The server engine (lib/engine): opens a data-folder file or shard folder
 * with native DuckDB and answers the selection service's calls and document
 * reads for it. One POST route, JSON in, binary out (lib/service/wire.ts).
 */
export async function POST(request: Request) {
  let body: Record<string, unknown>;
  try {
    body = decodeJson(await request.json()) as Record<string, unknown>;
  } catch (error) {
    return refuse(400, `the request is not valid JSON: ${(error as Error).message}`);
  }
  let req: EngineRequest;
  const root = dataDir();
  switch (body.op) {
    case 'open': {
      const path = typeof body.path === 'string' ? body.path : '';
      const entry = await resolveDataEntry(root, path.split('/'));
      if (!entry) return refuse(404, `${path || '(no path)'}: no such file or folder in the server's data folder`, { code: 'not_found' });
      req = { op: 'open', path, file: entry.path };
      break;
    }
    case 'call':
      if (typeof body.id !== 'string' || typeof body.method !== 'string' || !CALLABLE.has(body.method) || !Array.isArray(body.args)) {
        return refuse(400, `a call needs a dataset id, one of the methods ${[...CALLABLE].join(', ')}, and args as a list`);
      }
      req = { op: 'call', id: body.id, directions: (body.directions ?? {}) as Record<string, 'higher' | 'lower'>, method: body.method as never, args: body.args };
      break;
    case 'rows':
      if (typeof body.id !== 'string' || !Array.isArray(body.idx) || !body.idx.every((i) => Number.isInteger(i) && i >= 0) || body.idx.length > 10_000) {
        return refuse(400, 'rows needs a dataset id and idx: up to 10,000 row numbers');
      }
      req = { op: 'rows', id: body.id, idx: body.idx as number[] };
      break;
    case 'document': {
      const key = body.key as Record<string, unknown> | undefined;
      const valid = typeof body.id === 'string' && key && (typeof key.docId === 'string' || Number.isInteger(key.idx));
      if (!valid) return refuse(400, 'document needs a dataset id and key {docId} or {idx}');
      req = { op: 'document', id: body.id as string, key: typeof key!.docId === 'string' ? { docId: key!.docId } : { idx: Number(key!.idx) } };
      break;
    }
    case 'inputs':
      if (typeof body.id !== 'string') return refuse(400, 'inputs needs a dataset id');
      req = { op: 'inputs', id: body.id };
      break;
    default:
      return refuse(400, `unknown op ${JSON.stringify(body.op)}: one of open, call, rows, document, inputs`);
  }
  try {
    const t0 = performance.now();
    const value = await engineRequest(req);
    const t1 = performance.now();
    const body = encodeBinary(value);
    // Server-Timing: the engine thread's time and the encoding, apart from the transport (bench/server-engine.ts reads it).
    const timing = `engine;dur=${(t1 - t0).toFixed(1)}, encode;dur=${(performance.now() - t1).toFixed(1)}`;
    return new Response(body, { headers: { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store', 'Server-Timing': timing } });
  } catch (error) {
    const e = error as EngineError;
    const status = e.code === 'not_open' ? 404 : e.code && e.code !== 'engine_stopped' && e.code !== 'not_built' ? 400 : 500;
    return refuse(status, inside(e.message, root) ?? 'the server engine failed', { code: e.code, file: inside(e.file, root), line: e.line });
  }
}
