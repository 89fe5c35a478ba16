import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { dataDir, resolveDataPath } from '@/lib/server/data-dir';
import { parseRange } from '@/lib/server/range';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ path: string[] }> };

/**
 * Serves a file of the data folder, answering Range requests with 206 so
 * Parquet is read lazily (footer, then only the needed column chunks).
 */
async function serve(request: Request, context: Context, withBody: boolean): Promise<Response> {
  const { path } = await context.params;
  // Next has decoded each segment once already; decoding again would turn a listed "a%41.jsonl" into "aA.jsonl".
  const file = await resolveDataPath(dataDir(), path);
  if (!file) return new Response('not found', { status: 404 });
  const { size, mtime } = await stat(file);
  const headers = new Headers({
    'Accept-Ranges': 'bytes',
    'Content-Type': 'application/octet-stream',
    'Last-Modified': mtime.toUTCString(),
    'Cache-Control': 'no-cache',
  });
  const range = parseRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  headers.set('Content-Length', String(length));
  if (range) headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  const status = range ? 206 : 200;
  if (!withBody || length === 0) return new Response(null, { status, headers });
  const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

export function GET(request: Request, context: Context) {
  return serve(request, context, true);
}

export function HEAD(request: Request, context: Context) {
  return serve(request, context, false);
}
