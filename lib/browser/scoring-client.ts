/**
 * Browser side of the heuristic scorer: a pool of score workers (one per core
 * minus one for the page), fed batches of text from DuckDB, with progress and
 * cancel; results cached in IndexedDB per dataset fingerprint and scorer
 * version, and written into DuckDB as selector columns and tags.
 */
import * as Comlink from 'comlink';
import type { ScoreWorkerApi } from './score-service';
import { applyComputedScores, fetchTextRange } from './data-client';
import type { Dataset } from '../data/dataset';
import { selectorColumns } from '../scoring/batch';
import { RULE_SETS, SCORER_VERSION, TAGGERS, type RuleSet } from '../scoring/names';
import { readScoreCache, writeScoreCache } from '../scoring/score-cache';

export interface ScoreProgress {
  done: number;
  total: number;
  bytes: number;
  seconds: number;
  workers: number;
}

export interface ScoreOutcome {
  dataset: Dataset;
  progress: ScoreProgress;
  fromCache: boolean;
}

interface CachedScores {
  rows: number;
  rules: RuleSet[];
  columns: Record<string, Float64Array>;
  tagBits: Int32Array;
  progress: ScoreProgress;
}

export function defaultWorkers(): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, cores - 1);
}

let explainer: Comlink.Remote<ScoreWorkerApi> | null = null;
function newWorker(name: string): { worker: Worker; api: Comlink.Remote<ScoreWorkerApi> } {
  const worker = new Worker(new URL('../../workers/score.worker.ts', import.meta.url), { type: 'module', name });
  return { worker, api: Comlink.wrap<ScoreWorkerApi>(worker) };
}

/** Tags, spans and signals for one document, computed in a worker (never on the page's thread). */
export function explainDocument(text: string) {
  if (!explainer) explainer = newWorker('sift-explain').api;
  return explainer.explain(text);
}

// ------------------------------------------------------------------ cache (IndexedDB)
const cacheKey = (fingerprint: string) => `${fingerprint}|${SCORER_VERSION}`;

function readCachedScores(fingerprint: string): Promise<CachedScores | null> {
  return readScoreCache<CachedScores>(cacheKey(fingerprint));
}

function apply(cached: CachedScores): Promise<Dataset> {
  return applyComputedScores(cached.columns, cached.tagBits, { selectors: selectorColumns(cached.rules), tagBits: TAGGERS, version: SCORER_VERSION });
}

/** Applies cached scores to a freshly loaded (or re-mapped) dataset; null when there are none. */
export async function restoreCachedScores(dataset: Dataset): Promise<ScoreOutcome | null> {
  if (dataset.computed) return null;
  const cached = await readCachedScores(dataset.summary.fingerprint);
  if (!cached || cached.rows !== dataset.summary.rows) return null;
  return { dataset: await apply(cached), progress: cached.progress, fromCache: true };
}

// ------------------------------------------------------------------ scoring run
const BATCH = 256;

export async function scoreDataset(
  dataset: Dataset,
  options: { rules?: RuleSet[]; workers?: number; signal?: AbortSignal; onProgress?: (p: ScoreProgress) => void } = {},
): Promise<ScoreOutcome> {
  const rules = options.rules ?? [...RULE_SETS];
  const total = dataset.summary.rows;
  const nWorkers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), Math.ceil(total / BATCH) || 1));
  const pool = Array.from({ length: nWorkers }, (_, i) => newWorker(`sift-score-${i}`));
  const columns: Record<string, Float64Array> = {};
  for (const c of selectorColumns(rules)) columns[c] = new Float64Array(total);
  const tagBits = new Int32Array(total);
  const t0 = performance.now();
  const progress: ScoreProgress = { done: 0, total, bytes: 0, seconds: 0, workers: nWorkers };
  let next = 0;
  const aborted = () => options.signal?.aborted ?? false;
  // Text for the next batch is read while the workers score the current ones.
  const run = async ({ api }: { api: Comlink.Remote<ScoreWorkerApi> }) => {
    while (next < total && !aborted()) {
      const start = next;
      next = Math.min(total, next + BATCH);
      const texts = await fetchTextRange(start, next);
      if (aborted()) return;
      const out = await api.score(texts, rules);
      for (const [name, values] of Object.entries(out.columns)) columns[name].set(values, start);
      tagBits.set(out.tagBits, start);
      progress.done += texts.length;
      progress.bytes += out.bytes;
      progress.seconds = (performance.now() - t0) / 1000;
      options.onProgress?.({ ...progress });
    }
  };
  try {
    await Promise.all(pool.map(run));
  } finally {
    for (const { worker } of pool) worker.terminate();
  }
  if (aborted()) throw new DOMException('Scoring was cancelled; nothing was added.', 'AbortError');
  progress.seconds = (performance.now() - t0) / 1000;
  const cached: CachedScores = { rows: total, rules, columns, tagBits, progress: { ...progress } };
  const scored = await apply(cached);
  await writeScoreCache(cacheKey(dataset.summary.fingerprint), cached);
  return { dataset: scored, progress, fromCache: false };
}
