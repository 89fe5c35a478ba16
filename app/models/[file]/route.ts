import { shippedModelFile } from '@/lib/server/shipped-models';
import { serveFile } from '@/lib/server/serve-file';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ file: string }> };

/**
 * The shipped ONNX models and their configs, built by `npm run setup` into
 * lib/models/generated/ — served by a route, not from public/, because the
 * first `npm start` serves pages while they are still being trained.
 */
async function serve(request: Request, context: Context, withBody: boolean): Promise<Response> {
  const file = await shippedModelFile((await context.params).file);
  if (!file) return new Response('not found (the shipped models are built by npm run setup; the first npm start trains them in the background)', { status: 404 });
  return serveFile(request, file.path, { withBody, contentType: file.contentType });
}

export function GET(request: Request, context: Context) {
  return serve(request, context, true);
}

export function HEAD(request: Request, context: Context) {
  return serve(request, context, false);
}
