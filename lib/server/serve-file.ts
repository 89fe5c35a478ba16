/**
 * Sends a file the caller has already resolved and checked, answering Range
 * requests with 206 (Parquet is read lazily: footer, then the needed column
 * chunks) and unsatisfiable ones with 416.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parseRange } from './range';

export async function serveFile(request: Request, file: string, options: { withBody: boolean; contentType?: string; cacheControl?: string }): Promise<Response> {
  const { size, mtime } = await stat(file);
  const headers = new Headers({
    'Accept-Ranges': 'bytes',
    'Content-Type': options.contentType ?? 'application/octet-stream',
    'Last-Modified': mtime.toUTCString(),
    'Cache-Control': options.cacheControl ?? 'no-cache',
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
  if (!options.withBody || length === 0) return new Response(null, { status, headers });
  const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}
