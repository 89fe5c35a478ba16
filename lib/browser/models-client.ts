/**
 * Browser side of model scoring: loads a model (shipped from /models, or a
 * file the user picked) into the model worker, feeds it the dataset's text in
 * chunks with progress and cancel, writes the scores as selector columns, and
 * caches them per dataset fingerprint and model hash.
 */
import { parseFastTextConfig } from '../models/fasttext-config';
import * as Comlink from 'comlink';
import type { LoadedInfo, ModelWorkerApi, ProviderChoice } from './model-service';
import { applyComputedScores, fetchTextRange } from './data-client';
import type { Dataset } from '../data/dataset';
import { listScoreCacheKeys, readScoreCache, writeScoreCache } from '../scoring/score-cache';
import { sha256Hex } from '../util/sha256';
import { parseModelConfig } from '../models/config';
import { modelCard, type ModelCard } from '../models/presets';

/** A fastText model file, by its name. */
export const isFastTextFile = (name: string) => /\.(bin|ftz)$/i.test(name);

export interface ModelSource {
  /** Shown in the UI and error messages (file name). */
  label: string;
  bytes: ArrayBuffer;
  config: unknown;
  tokenizer?: unknown;
  /** sha256 of the file, when known (the shipped models' manifest has it). */
  sha256?: string;
  /** A shipped model (from /models) rather than a file the user picked. */
  shipped?: boolean;
}

export interface ShippedModel {
  id: string;
  file: string;
  sha256: string;
  bytes: number;
  config: Record<string, unknown>;
}

export interface ModelProgress {
  done: number;
  total: number;
  bytes: number;
  seconds: number;
}

export interface ModelRun extends LoadedInfo {
  name: string;
  label: string;
  hash: string;
  selectors: string[];
  progress: ModelProgress;
  fromCache: boolean;
  /** For a config naming a preset: the public model's card and its authors' threshold on this corpus. */
  card?: ModelCard | null;
}

interface CachedModelScores {
  rows: number;
  columns: Record<string, Float64Array>;
  run: Omit<ModelRun, 'fromCache'>;
  /** Each selector's direction, so a model of your own restores without its config (absent in entries written before). */
  directions?: Record<string, 'higher' | 'lower'>;
  /** When the scores were written (ms since 1970): a reload applies runs in this order. */
  savedAt?: number;
  /** A model of your own (restored without its file), or a shipped one (restored only while it is still the shipped model). */
  origin?: 'own' | 'shipped';
}

let shipped: Promise<ShippedModel[]> | null = null;

/** The shipped models' manifest and configs, from the app's own origin: read once per page (again after a failure). */
export function shippedModels(): Promise<ShippedModel[]> {
  if (!shipped) {
    shipped = readShippedModels();
    shipped.catch(() => (shipped = null));
  }
  return shipped;
}

async function readShippedModels(): Promise<ShippedModel[]> {
  const res = await fetch('/models/models.json');
  if (!res.ok) throw new Error(`the shipped models are not built yet (GET /models/models.json: ${res.status}): the first npm start trains them in the background in about 3 minutes (npm run setup builds them); reload this page then`);
  const manifest = (await res.json()) as { models: Array<Omit<ShippedModel, 'config'> & { config: string }> };
  return Promise.all(
    manifest.models.map(async (m) => {
      const c = await fetch(`/models/${m.config}`);
      if (!c.ok) throw new Error(`GET /models/${m.config}: ${c.status}`);
      return { ...m, config: (await c.json()) as Record<string, unknown> };
    }),
  );
}

export async function fetchShippedModel(m: ShippedModel): Promise<ModelSource> {
  const res = await fetch(`/models/${m.file}`);
  if (!res.ok) throw new Error(`GET /models/${m.file}: ${res.status}`);
  return { label: m.file, bytes: await res.arrayBuffer(), config: m.config, sha256: m.sha256, shipped: true };
}

/** The cache identity of a model: its file's sha256, its config and tokenizer. */
async function modelHash(source: Pick<ModelSource, 'config' | 'tokenizer'> & { sha256: string }): Promise<string> {
  return sha256Hex([source.sha256, JSON.stringify(source.config), JSON.stringify(source.tokenizer ?? null)]);
}

const cachePrefix = (fingerprint: string) => `${fingerprint}|model|`;
const cacheKey = (fingerprint: string, hash: string) => `${cachePrefix(fingerprint)}${hash}`;

const configDirections = (config: ReturnType<typeof parseModelConfig>): Record<string, 'higher' | 'lower'> =>
  Object.fromEntries(config.scores.map((s) => [s.name, s.direction === 'lower_is_better' ? 'lower' : 'higher'] as const));

function apply(cached: CachedModelScores, directions: Record<string, 'higher' | 'lower'>): Promise<Dataset> {
  return applyComputedScores(cached.columns, new Int32Array(cached.rows), {
    selectors: Object.keys(cached.columns),
    tagBits: [],
    version: cached.run.hash,
    model: { name: cached.run.name, hash: cached.run.hash, directions },
  });
}

/** Applies cached scores of a model to the loaded dataset; null when this browser has none. */
export async function restoreModelScores(dataset: Dataset, model: ShippedModel): Promise<{ dataset: Dataset; run: ModelRun } | null> {
  const hash = await modelHash(model);
  if (dataset.models?.some((m) => m.hash === hash)) return null;
  const cached = await readScoreCache<CachedModelScores>(cacheKey(dataset.summary.fingerprint, hash));
  if (!cached || cached.rows !== dataset.summary.rows) return null;
  const parsed = parseModelConfig(`${model.file} config`, model.config);
  return { dataset: await apply(cached, configDirections(parsed)), run: { ...cached.run, fromCache: true } };
}

/**
 * Applies the cached scores of your own models (not shipped ones: an old
 * shipped model's scores must not come back under the new one's name), in the
 * order they were scored, so names taken twice get the same sift_ prefix as
 * when they were scored. Entries written before the origin and directions were
 * stored, or for another row count, are passed over. Returns what was applied.
 */
export async function restoreOwnModelScores(dataset: Dataset): Promise<{ dataset: Dataset; runs: ModelRun[] }> {
  const prefix = cachePrefix(dataset.summary.fingerprint);
  const applied = new Set((dataset.models ?? []).map((m) => m.hash));
  const entries: CachedModelScores[] = [];
  for (const key of await listScoreCacheKeys(prefix)) {
    if (applied.has(key.slice(prefix.length))) continue;
    const cached = await readScoreCache<CachedModelScores>(key);
    if (cached?.origin === 'own' && cached.directions && cached.rows === dataset.summary.rows) entries.push(cached);
  }
  entries.sort((a, b) => (a.savedAt ?? 0) - (b.savedAt ?? 0));
  let current = dataset;
  const runs: ModelRun[] = [];
  for (const cached of entries) {
    current = await apply(cached, cached.directions!);
    runs.push({ ...cached.run, fromCache: true });
  }
  return { dataset: current, runs };
}

// Documents per worker call: big enough for full batches, small enough for prompt progress and cancel.
const CHUNK = 256;

/**
 * Scores every document of the dataset with one model. The config is checked
 * against the model's inputs and outputs before any document is read.
 */
export async function scoreWithModel(
  dataset: Dataset,
  source: ModelSource,
  options: { provider?: ProviderChoice; threads?: number; signal?: AbortSignal; onLoaded?: (info: LoadedInfo) => void; onProgress?: (p: ModelProgress) => void } = {},
): Promise<{ dataset: Dataset; run: ModelRun }> {
  // A fastText model (.bin, .ftz) has its own config and runner; the rest is the same.
  const fast = isFastTextFile(source.label) ? parseFastTextConfig(source.config, `${source.label} config`) : null;
  const onnx = fast ? null : parseModelConfig(`${source.label} config`, source.config, source.tokenizer);
  const config = fast ? { name: fast.name, scores: [{ name: fast.name }] } : onnx!;
  const hash = await modelHash({ ...source, sha256: source.sha256 ?? (await sha256Hex([source.bytes])) });
  const worker = new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module', name: `sift-model-${config.name}` });
  const api = Comlink.wrap<ModelWorkerApi>(worker);
  const total = dataset.summary.rows;
  const columns: Record<string, Float64Array> = Object.fromEntries(config.scores.map((s) => [s.name, new Float64Array(total)]));
  const progress: ModelProgress = { done: 0, total, bytes: 0, seconds: 0 };
  try {
    const threads = options.threads ?? Math.max(1, navigator.hardwareConcurrency || 1);
    const info = fast
      ? await api.loadFastText(source.bytes.slice(0), source.label, source.config)
      : await api.load(source.bytes.slice(0), source.label, source.config, source.tokenizer, { provider: options.provider ?? 'auto', threads });
    options.onLoaded?.(info);
    const t0 = performance.now();
    for (let start = 0; start < total; start += CHUNK) {
      if (options.signal?.aborted) throw new DOMException('Model scoring was cancelled; nothing was added.', 'AbortError');
      const end = Math.min(total, start + CHUNK);
      const texts = await fetchTextRange(start, end);
      const out = fast ? await api.scoreFastText(texts) : await api.score(texts);
      config.scores.forEach((s, k) => columns[s.name].set(out.scores[k], start));
      progress.done = end;
      progress.bytes += out.bytes;
      progress.seconds = (performance.now() - t0) / 1000;
      options.onProgress?.({ ...progress });
    }
    const card = fast ? null : modelCard(source.config, columns);
    const run: Omit<ModelRun, 'fromCache'> = { ...info, name: config.name, label: source.label, hash, selectors: config.scores.map((s) => s.name), progress: { ...progress }, ...(card ? { card } : {}) };
    const directions = fast ? { [fast.name]: fast.direction } : configDirections(onnx!);
    const cached: CachedModelScores = { rows: total, columns, run, directions, savedAt: Date.now(), origin: source.shipped ? 'shipped' : 'own' };
    const scored = await apply(cached, directions);
    await writeScoreCache(cacheKey(dataset.summary.fingerprint, hash), cached);
    return { dataset: scored, run: { ...run, fromCache: false } };
  } finally {
    worker.terminate();
  }
}
