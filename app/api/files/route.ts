import { dataDir, dataFolderLabel, listDataFiles } from '@/lib/server/data-dir';

export const dynamic = 'force-dynamic';

/**
 * Lists the corpus files of the server's data folder, by path relative to it;
 * `folder` is the folder relative to the project (for reproducing commands),
 * or null — never its absolute location.
 */
export async function GET() {
  return Response.json({ files: await listDataFiles(dataDir()), folder: dataFolderLabel() });
}
