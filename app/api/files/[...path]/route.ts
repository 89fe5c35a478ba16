import { dataDir, resolveDataPath } from '@/lib/server/data-dir';
import { serveFile } from '@/lib/server/serve-file';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ path: string[] }> };

/** Serves a corpus file of the data folder (Range requests answered, so Parquet is read lazily). */
async function serve(request: Request, context: Context, withBody: boolean): Promise<Response> {
  const { path } = await context.params;
  // Next has decoded each segment once already; decoding again would turn a listed "a%41.jsonl" into "aA.jsonl".
  const file = await resolveDataPath(dataDir(), path);
  if (!file) return new Response('not found', { status: 404 });
  return serveFile(request, file, { withBody });
}

export function GET(request: Request, context: Context) {
  return serve(request, context, true);
}

export function HEAD(request: Request, context: Context) {
  return serve(request, context, false);
}
