import { NodeConnector } from '../data/connectors/node';
import { InputError } from '../data/errors';
import { buildDocTextRangeQuery } from '../data/sql/tables';
import { activateGeneration, buildDataset, generationTables, type Dataset, type ShardReport } from '../data/dataset';
import { ingestFileNode } from '../data/ingest-node';
import { addSidecarScores, type SidecarReport } from '../data/sidecar';
import type { BadLinePolicy } from '../data/jsonl-parser';

/**
 * Loads files as one dataset into a fresh in-memory DuckDB: the same steps as
 * the Data page; then joins each score file (--scores) to it by id.
 */
export async function loadDatasetFromFiles(
  paths: string[],
  badLines: BadLinePolicy = 'error',
  scoreFiles: string[] = [],
): Promise<{ conn: NodeConnector; dataset: Dataset; sidecars: SidecarReport[] }> {
  const conn = await NodeConnector.open();
  try {
    const prefix = 'g1';
    const shards: ShardReport[] = [];
    for (const [i, path] of paths.entries()) shards.push(await ingestFileNode(conn, path, generationTables(prefix).shard(i), { badLines }));
    let dataset = await buildDataset(conn, { prefix, shards });
    await activateGeneration(conn, prefix);
    const sidecars: SidecarReport[] = [];
    for (const [k, path] of scoreFiles.entries()) {
      const table = `${prefix}_sidecar_${k}`;
      const shard = await ingestFileNode(conn, path, table, { badLines });
      const joined = await addSidecarScores(conn, dataset, table, shard.file);
      dataset = joined.dataset;
      sidecars.push(joined.report);
    }
    return { conn, dataset, sidecars };
  } catch (error) {
    conn.close();
    throw error;
  }
}

/**
 * Loads files for scoring and gives the SQL that reads a range of documents'
 * doc_id and text in document order; bad input when there is no text column.
 */
export async function loadTextDataset(
  paths: string[],
  badLines: BadLinePolicy = 'error',
): Promise<{ conn: NodeConnector; dataset: Dataset; textRange: (start: number, end: number) => string }> {
  const { conn, dataset } = await loadDatasetFromFiles(paths, badLines);
  if (!dataset.mapping.text) {
    conn.close();
    throw new InputError('bad_mapping', `no text column in ${paths.join(', ')}: sift score needs one (a column named text, content, document, …)`);
  }
  const text = dataset.mapping.text;
  const textRange = (start: number, end: number) => buildDocTextRangeQuery(text, start, end);
  return { conn, dataset, textRange };
}
