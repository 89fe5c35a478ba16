'use client';
import { useMemo } from 'react';
import { declaredCorpus, type CorpusFigures } from '@/lib/data/corpus-figures';
import { create } from 'zustand';
import type { LoadProgress } from '@/lib/browser/data-client';
import type { Dataset } from '@/lib/data/dataset';
import { InputError } from '@/lib/data/errors';
import type { BrowserSource } from '@/lib/data/ingest-browser';
import type { BadLinePolicy } from '@/lib/data/jsonl-parser';
import type { ColumnMapping } from '@/lib/data/schema';
import type { ModelRun } from '@/lib/browser/models-client';
import type { ScoreOutcome } from '@/lib/browser/scoring-client';
import type { SidecarReport } from '@/lib/data/sidecar';

/** What can be loaded again after a reload (local files cannot: the browser forgets them). */
/** `folder`: the data-folder sub-folder the paths were opened as (its layout read them: lib/data/layouts). */
/** `engine`: a data-folder path opened by the server engine (the tab holds no rows). */
export type ReloadableSource = { kind: 'demo' } | { kind: 'server'; paths: string[]; label?: string; folder?: string } | { kind: 'engine'; path: string };

export interface LoadErrorState {
  message: string;
  code: string;
  file?: string;
  line?: number;
  /** Present when the same load can be retried skipping malformed lines. */
  retrySkipping?: () => void;
}

/** The tab's DuckDB-wasm: idle until a page needs it (a dataset opened on the server does not). */
export type EngineState = { status: 'idle' } | { status: 'starting' } | { status: 'ready'; bundle: string; ms: number } | { status: 'failed'; message: string };

interface DatasetState {
  engine: EngineState;
  startEngine(): Promise<void>;
  dataset: Dataset | null;
  label: string | null;
  /** Where the loaded dataset came from (demo, server files), or null for files from this computer. */
  source: ReloadableSource | null;
  loading: boolean;
  progress: LoadProgress | null;
  error: LoadErrorState | null;
  mappingError: string | null;
  load(sources: BrowserSource[], label: string, reloadable: ReloadableSource | null, badLines?: BadLinePolicy): Promise<void>;
  /** Opens a data-folder file or shard folder on the server (lib/engine); what was loaded stays if it fails. */
  openOnServer(path: string): Promise<void>;
  cancel(): void;
  remap(mapping: ColumnMapping): Promise<void>;
  dismissError(): void;
  /** Adds a derived selector; resolves with an error message, or null when it was added. */
  defineDerived(name: string, expression: string): Promise<string | null>;
  removeDerived(name: string): Promise<void>;
  /** Saved derived selectors that no longer apply (a column they use is gone). */
  derivedWarnings: string[];
  /** The last heuristic scoring of this dataset (a run here, or restored from the cache). */
  scored: ScoreOutcome | null;
  /** Takes the dataset with computed score columns added. */
  setScored(outcome: ScoreOutcome): void;
  /** Model runs that added selectors to this dataset (here or restored from the cache). */
  modelRuns: ModelRun[];
  /** Takes the dataset with a model's score columns added. */
  addModelRun(dataset: Dataset, run: ModelRun): void;
  /** Joins a score file to the dataset by id; resolves with what the join did, or throws with a message naming the file. */
  addScoreFile(src: BrowserSource): Promise<SidecarReport>;
  /** The corpus size the user declared the loaded documents a sample of (null: not declared). */
  declaredCorpus: number | null;
  declareCorpus(documents: number | null): void;
}

/** The corpus the loaded documents are a sample of: from the file's own figures, else as declared. */
export function useCorpus(): CorpusFigures | null {
  const own = useDatasetStore((s) => s.dataset?.corpus ?? null);
  const declared = useDatasetStore((s) => s.declaredCorpus);
  const rows = useDatasetStore((s) => s.dataset?.summary.rows ?? 0);
  return useMemo(() => own ?? (declared !== null && declared >= rows ? declaredCorpus(declared, rows) : null), [own, declared, rows]);
}

const LAST_SOURCE_KEY = 'sift.lastSource';
const derivedKey = (fingerprint: string) => `sift.derived.${fingerprint}`;

type Derived = Array<{ name: string; expression: string }>;

function savedDerived(fingerprint: string): Derived {
  try {
    return JSON.parse(window.localStorage.getItem(derivedKey(fingerprint)) ?? '[]') as Derived;
  } catch {
    return [];
  }
}

function saveDerived(fingerprint: string, derived: Derived) {
  try {
    window.localStorage.setItem(derivedKey(fingerprint), JSON.stringify(derived));
  } catch {
    /* storage unavailable: the selectors last for this session */
  }
}

/**
 * Re-creates what Sift added to this dataset before (after a load or a new
 * mapping): heuristic scores cached in this browser, then saved derived selectors.
 */
async function reapplyAdditions(dataset: Dataset): Promise<{ dataset: Dataset; warnings: string[]; scored: ScoreOutcome | null; modelRuns: ModelRun[] }> {
  const { defineDerivedSelector } = await import('@/lib/browser/data-client');
  let current = dataset;
  const warnings: string[] = [];
  let scored: ScoreOutcome | null = null;
  try {
    const { restoreCachedScores } = await import('@/lib/browser/scoring-client');
    scored = await restoreCachedScores(current);
    if (scored) current = scored.dataset;
  } catch (error) {
    warnings.push(`cached heuristic scores could not be restored (${(error as Error).message}); score again on the Data page`);
  }
  // Model scores cached in this browser, shipped models' then your own (before derived selectors, which may use them).
  const modelRuns: ModelRun[] = [];
  try {
    const { shippedModels, restoreModelScores, restoreOwnModelScores } = await import('@/lib/browser/models-client');
    for (const m of await shippedModels()) {
      const restored = await restoreModelScores(current, m);
      if (restored) {
        current = restored.dataset;
        modelRuns.push(restored.run);
      }
    }
    const own = await restoreOwnModelScores(current);
    current = own.dataset;
    modelRuns.push(...own.runs);
  } catch (error) {
    warnings.push(`cached model scores could not be restored (${(error as Error).message}); score again on the Data page`);
  }
  for (const d of savedDerived(dataset.summary.fingerprint)) {
    if (current.mapping.scores.includes(d.name)) continue;
    try {
      current = await defineDerivedSelector(d.name, d.expression);
    } catch (error) {
      warnings.push(`derived selector ${d.name} = ${d.expression} no longer applies: ${(error as Error).message}`);
    }
  }
  return { dataset: current, warnings, scored, modelRuns };
}

/** Columns Sift added (derived and computed): not file columns, so left out of a mapping. */
function addedColumns(dataset: Dataset | null): Set<string> {
  return new Set([
    ...(dataset?.derived ?? []).map((d) => d.name),
    ...(dataset?.computed?.selectors ?? []),
    ...(dataset?.models ?? []).flatMap((m) => m.selectors),
    ...(dataset?.sidecars ?? []).flatMap((s) => s.selectors),
  ]);
}
let controller: AbortController | null = null;

export function rememberedSource(): ReloadableSource | null {
  try {
    const raw = window.localStorage.getItem(LAST_SOURCE_KEY);
    return raw ? (JSON.parse(raw) as ReloadableSource) : null;
  } catch {
    return null;
  }
}

export const useDatasetStore = create<DatasetState>((set, get) => ({
  engine: { status: 'idle' },
  async startEngine() {
    if (get().engine.status !== 'idle' && get().engine.status !== 'failed') return;
    set({ engine: { status: 'starting' } });
    const t0 = performance.now();
    try {
      const { warmUp } = await import('@/lib/browser/data-client');
      const bundle = await warmUp();
      set({ engine: { status: 'ready', bundle, ms: Math.round(performance.now() - t0) } });
    } catch (error) {
      set({ engine: { status: 'failed', message: error instanceof Error ? error.message : String(error) } });
    }
  },
  dataset: null,
  label: null,
  loading: false,
  progress: null,
  error: null,
  mappingError: null,
  source: null,

  async load(sources, label, reloadable, badLines = 'error') {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    set({ loading: true, progress: null, error: null });
    const client = await import('@/lib/browser/data-client');
    try {
      const dataset = await client.loadSources(sources, { badLines }, (progress) => {
        if (controller === mine) set({ progress });
      }, mine.signal);
      if (controller !== mine) return;
      const restored = await reapplyAdditions(dataset);
      set({ dataset: restored.dataset, derivedWarnings: restored.warnings, scored: restored.scored, modelRuns: restored.modelRuns, label, source: reloadable, loading: false, progress: null, mappingError: null, declaredCorpus: null });
      try {
        if (reloadable) window.localStorage.setItem(LAST_SOURCE_KEY, JSON.stringify(reloadable));
        else window.localStorage.removeItem(LAST_SOURCE_KEY);
      } catch {
        /* storage may be unavailable; reloading then starts empty */
      }
    } catch (error) {
      if (controller !== mine && !(error instanceof InputError && error.code === 'cancelled')) return;
      const e = error instanceof InputError ? error : null;
      set({
        loading: false,
        progress: null,
        error: {
          message: error instanceof Error ? error.message : String(error),
          code: e?.code ?? 'error',
          file: e?.file,
          line: e?.line,
          retrySkipping: e?.code === 'bad_json_line' ? () => void get().load(sources, label, reloadable, 'skip') : undefined,
        },
      });
    } finally {
      if (controller === mine) controller = null;
    }
  },

  async openOnServer(path) {
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    set({ loading: true, progress: null, error: null });
    try {
      const { openServerDataset } = await import('@/lib/browser/data-client');
      const dataset = await openServerDataset(path);
      if (controller !== mine) return;
      const reloadable: ReloadableSource = { kind: 'engine', path };
      set({ dataset, derivedWarnings: [], scored: null, modelRuns: [], label: `${path} (on the server)`, source: reloadable, loading: false, progress: null, mappingError: null, declaredCorpus: null });
      try {
        window.localStorage.setItem(LAST_SOURCE_KEY, JSON.stringify(reloadable));
      } catch {
        /* storage may be unavailable; reloading then starts empty */
      }
    } catch (error) {
      if (controller !== mine) return;
      const e = error instanceof InputError ? error : null;
      set({ loading: false, progress: null, error: { message: error instanceof Error ? error.message : String(error), code: e?.code ?? 'error', file: e?.file, line: e?.line } });
    } finally {
      if (controller === mine) controller = null;
    }
  },

  cancel() {
    controller?.abort();
  },

  async remap(requested) {
    const { remapActive } = await import('@/lib/browser/data-client');
    // Derived and computed selectors are not file columns: the mapping is of file columns; they are re-created after.
    const added = addedColumns(get().dataset);
    const mapping = { ...requested, scores: requested.scores.filter((s) => !added.has(s)) };
    try {
      const restored = await reapplyAdditions(await remapActive(mapping));
      set({ dataset: restored.dataset, derivedWarnings: restored.warnings, scored: restored.scored, modelRuns: restored.modelRuns, mappingError: null });
    } catch (error) {
      set({ mappingError: error instanceof Error ? error.message : String(error) });
    }
  },

  dismissError() {
    set({ error: null });
  },

  derivedWarnings: [],
  scored: null,
  setScored(outcome) {
    set({ dataset: outcome.dataset, scored: outcome });
  },
  modelRuns: [],
  declaredCorpus: null,
  declareCorpus(documents) {
    set({ declaredCorpus: documents });
  },
  addModelRun(dataset, run) {
    set({ dataset, modelRuns: [...get().modelRuns, run] });
  },

  async addScoreFile(src) {
    const { addScoreFile } = await import('@/lib/browser/data-client');
    const { dataset, report } = await addScoreFile(src);
    set({ dataset });
    return report;
  },

  async defineDerived(name, expression) {
    const current = get().dataset;
    if (!current) return 'no dataset is loaded';
    try {
      const { defineDerivedSelector } = await import('@/lib/browser/data-client');
      const dataset = await defineDerivedSelector(name.trim(), expression.trim());
      const saved = savedDerived(dataset.summary.fingerprint).filter((d) => d.name !== name.trim());
      saveDerived(dataset.summary.fingerprint, [...saved, { name: name.trim(), expression: expression.trim() }]);
      set({ dataset });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  },

  async removeDerived(name) {
    const current = get().dataset;
    if (!current) return;
    saveDerived(current.summary.fingerprint, savedDerived(current.summary.fingerprint).filter((d) => d.name !== name));
    // Rebuild the docs table from the mapping without that column; the others are re-created.
    const added = addedColumns(current);
    await get().remap({ ...current.mapping, scores: current.mapping.scores.filter((s) => !added.has(s)) });
  },
}));
