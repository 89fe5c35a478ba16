import { dataDir, listDataFiles } from '@/lib/server/data-dir';

export const dynamic = 'force-dynamic';

/** Lists the corpus files of the server's data folder, by path relative to it (never the folder's own location). */
export async function GET() {
  return Response.json({ files: await listDataFiles(dataDir()) });
}
