/**
 * `sift score`: loads the files as one dataset (as the Data page does), then
 * scores documents in batches on a pool of worker_threads and streams the
 * rows, in document order, to JSONL, or through DuckDB to Parquet.
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildJsonlToParquetStatement } from '../data/sql/tables';
import type { RuleSet } from '../scoring/rules/datatrove';
import { scoreColumns } from '../scoring/rows';
import { SCORER_VERSION } from '../scoring/names';
import { SIFT_VERSION } from '../export/version';
import type { BadLinePolicy } from '../data/jsonl-parser';
import { shardWarnings } from '../data/warnings';
import { loadTextDataset } from './load';
import { refuseOverwritingInputs, writeAtomically } from './safe-output';

export interface ScoreOptions {
  out: string;
  rules: RuleSet[];
  workers?: number;
  /** Documents per batch sent to a worker. */
  batch?: number;
  /** Malformed JSONL lines: stop at the first (default), or skip them and count them in the report's warnings. */
  badLines?: BadLinePolicy;
  onProgress?: (done: number, total: number) => void;
}

export interface ScoreReport {
  out: string;
  documents: number;
  bytes: number;
  seconds: number;
  workers: number;
  /** What loading repaired or skipped, per file (shardWarnings). */
  warnings: string[];
}

// Compiled (dist/cli/sift.mjs) the worker is its sibling bundle; run from source (tests, tsx), the
// TypeScript worker through tsx's loader.
const WORKER_URL = import.meta.url.endsWith('.ts') ? new URL('../../bin/score-worker.mjs', import.meta.url) : new URL('./score-worker.mjs', import.meta.url);

export function outputFormat(path: string): 'jsonl' | 'parquet' {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.parquet') return 'parquet';
  throw new Error(`--out must end in .jsonl or .parquet, got "${path}"`);
}

export async function runScore(files: string[], options: ScoreOptions): Promise<ScoreReport> {
  const format = outputFormat(options.out);
  const workers = Math.max(1, options.workers ?? Math.max(1, availableParallelism()));
  const batch = options.batch ?? 500;
  await refuseOverwritingInputs([{ path: options.out, flag: '--out' }], files.map((f) => ({ path: f, what: 'an input file' })));
  const { conn, dataset, textRange } = await loadTextDataset(files, options.badLines);
  const tmp = format === 'parquet' ? mkdtempSync(join(tmpdir(), 'sift-score-')) : null;
  const pool = Array.from({ length: workers }, () => new Worker(WORKER_URL));
  try {
    return await writeAtomically([options.out], async ([target]) => {
      const jsonlPath = tmp ? join(tmp, 'rows.jsonl') : target;
      const t0 = performance.now();
      const total = dataset.summary.rows;
      const out = createWriteStream(jsonlPath);
      let bytes = 0;
      let done = 0;
      // Batches are read in turn, scored on whichever worker is free, and written in order.
      const pending = new Map<number, string[]>();
      let nextToWrite = 0;
      let nextBatch = 0;
      const batches = Math.ceil(total / batch);
      const writeReady = async () => {
        while (pending.has(nextToWrite)) {
          const lines = pending.get(nextToWrite)!;
          pending.delete(nextToWrite++);
          if (!out.write(lines.join('\n') + '\n')) await once(out, 'drain');
        }
      };
      // One DuckDB connection: reads are queued, not interleaved.
      let reads: Promise<unknown> = Promise.resolve();
      const read = <T>(f: () => Promise<T>): Promise<T> => {
        const p = reads.then(f);
        reads = p.catch(() => undefined);
        return p;
      };
      const runWorker = async (w: Worker) => {
        while (nextBatch < batches) {
          const id = nextBatch++;
          const rows = await read(() => conn.query(textRange(id * batch, (id + 1) * batch)));
          const ids = rows.map((r) => String(r.doc_id));
          const texts = rows.map((r) => (r.text === null || r.text === undefined ? null : String(r.text)));
          for (const t of texts) bytes += t ? Buffer.byteLength(t) : 0;
          w.postMessage({ id, ids, texts, rules: options.rules });
          const [reply] = (await once(w, 'message')) as [{ id: number; lines: string[] }];
          pending.set(reply.id, reply.lines);
          done += ids.length;
          options.onProgress?.(done, total);
          await writeReady();
        }
      };
      await Promise.all(pool.map((w) => Promise.race([runWorker(w), once(w, 'error').then(([e]) => Promise.reject(e))])));
      await writeReady();
      out.end();
      await once(out, 'finish');
      if (tmp) {
        // The scorer's version travels with the scores (a sidecar of `sift run score` is checked by it).
        await conn.exec(buildJsonlToParquetStatement(jsonlPath, scoreColumns(options.rules), target, { sift_scorer: SCORER_VERSION, sift_version: SIFT_VERSION }));
      }
      return { out: options.out, documents: total, bytes, seconds: (performance.now() - t0) / 1000, workers, warnings: shardWarnings(dataset) };
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
    conn.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
