import { dataDir, listDataFiles } from '@/lib/server/data-dir';

export const dynamic = 'force-dynamic';

/** Lists the corpus files of the server's data folder. */
export async function GET() {
  const root = dataDir();
  return Response.json({ root, files: await listDataFiles(root) });
}
