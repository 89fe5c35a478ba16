import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { NodeConnector } from '../connectors/node';
import { activateGeneration, buildDataset, generationTables, type ShardReport } from '../dataset';
import { ingestFileNode } from '../ingest-node';
import type { BadLinePolicy } from '../jsonl-parser';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sift-test-'));
}

export function writeFile(dir: string, name: string, content: string | Uint8Array, gzip = false): string {
  const path = join(dir, name);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  writeFileSync(path, gzip ? gzipSync(bytes) : bytes);
  return path;
}

export function jsonl(rows: unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

/** Loads files through the same code the CLI uses, into a fresh in-memory DuckDB. */
export async function loadFiles(paths: string[], badLines: BadLinePolicy = 'error') {
  const conn = await NodeConnector.open();
  const prefix = 'g1';
  const shards: ShardReport[] = [];
  for (const [i, p] of paths.entries()) shards.push(await ingestFileNode(conn, p, generationTables(prefix).shard(i), { badLines }));
  const dataset = await buildDataset(conn, { prefix, shards });
  await activateGeneration(conn, prefix);
  return { conn, dataset };
}
