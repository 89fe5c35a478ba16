import { NodeConnector } from '../data/connectors/node';
import { activateGeneration, buildDataset, generationTables, type Dataset, type ShardReport } from '../data/dataset';
import { ingestFileNode } from '../data/ingest-node';
import type { BadLinePolicy } from '../data/jsonl-parser';

/** Loads files as one dataset into a fresh in-memory DuckDB: the same steps as the Data page. */
export async function loadDatasetFromFiles(paths: string[], badLines: BadLinePolicy = 'error'): Promise<{ conn: NodeConnector; dataset: Dataset }> {
  const conn = await NodeConnector.open();
  try {
    const prefix = 'g1';
    const shards: ShardReport[] = [];
    for (const [i, path] of paths.entries()) shards.push(await ingestFileNode(conn, path, generationTables(prefix).shard(i), { badLines }));
    const dataset = await buildDataset(conn, { prefix, shards });
    await activateGeneration(conn, prefix);
    return { conn, dataset };
  } catch (error) {
    conn.close();
    throw error;
  }
}
