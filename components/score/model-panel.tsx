'use client';
import { ProgressBar } from '@/components/shell/progress-bar';
import { useEffect, useRef, useState } from 'react';
import { useDatasetStore } from '@/components/stores/dataset-store';
import type { Dataset } from '@/lib/data/dataset';
import { formatCount, formatShare, throughput } from '@/lib/format/numbers';
import type { ModelCard } from '@/lib/models/presets';
import type { ModelProgress, ModelRun, ModelSource, ShippedModel } from '@/lib/browser/models-client';
import type { LoadedInfo, ProviderChoice } from '@/lib/browser/model-service';

/** The derived selector the byte LM's two views give (AttentionInfluence's loss gap). */
const BPB_GAIN = { name: 'model_bpb_gain', expression: 'model_bpb_weak - model_bpb' };

function ProviderLine({ info }: { info: LoadedInfo }) {
  return (
    <span>
      <strong data-testid="model-provider-name">{info.provider === 'webgpu' ? 'WebGPU' : `WASM, ${info.threads} thread${info.threads === 1 ? '' : 's'}`}</strong>
      <span className="text-zinc-600 dark:text-zinc-400"> — {info.reason}</span>
    </span>
  );
}

async function readJsonFile(file: File): Promise<unknown> {
  try {
    return JSON.parse(await file.text());
  } catch (e) {
    throw new Error(`${file.name}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
}

/**
 * Model selectors: the shipped ONNX models and a model the user brings, run
 * in a worker on WebGPU (or WASM when there is none), added as selector
 * columns and kept in this browser per dataset and model hash.
 */
export function ModelPanel({ dataset }: { dataset: Dataset }) {
  const runs = useDatasetStore((s) => s.modelRuns);
  const addModelRun = useDatasetStore((s) => s.addModelRun);
  const defineDerived = useDatasetStore((s) => s.defineDerived);
  const [shipped, setShipped] = useState<ShippedModel[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [own, setOwn] = useState<{ model?: File; config?: File; tokenizer?: File }>({});
  const [provider, setProvider] = useState<ProviderChoice>('auto');
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  const [threads, setThreads] = useState(cores);
  const [running, setRunning] = useState<{ label: string; info: LoadedInfo | null; progress: ModelProgress | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const applied = new Set((dataset.models ?? []).map((m) => m.name));
  const nameOf = (m: ShippedModel) => String(m.config.name);

  useEffect(() => {
    let live = true;
    import('@/lib/browser/models-client')
      .then(({ shippedModels }) => shippedModels())
      .then(
        (list) => {
          if (!live) return;
          setShipped(list);
          setChosen(list.map((m) => m.id));
        },
        (e) => live && setError((e as Error).message),
      );
    return () => {
      live = false;
    };
  }, []);

  async function start() {
    const mine = new AbortController();
    controller.current = mine;
    setError(null);
    const client = await import('@/lib/browser/models-client');
    const queue: Array<() => Promise<ModelSource>> = (shipped ?? [])
      .filter((m) => chosen.includes(m.id) && !applied.has(nameOf(m)))
      .map((m) => () => client.fetchShippedModel(m));
    if (own.model || own.config) {
      if (!own.model || !own.config) return setError('A model of your own needs both its file (.onnx, or fastText .bin/.ftz) and its JSON config.');
      const { model, config, tokenizer } = own;
      queue.push(async () => ({ label: model.name, bytes: await model.arrayBuffer(), config: await readJsonFile(config), tokenizer: tokenizer ? await readJsonFile(tokenizer) : undefined }));
    }
    let current = useDatasetStore.getState().dataset ?? dataset;
    try {
      for (const next of queue) {
        const source = await next();
        setRunning({ label: source.label, info: null, progress: null });
        const outcome = await client.scoreWithModel(current, source, {
          provider,
          threads,
          signal: mine.signal,
          onLoaded: (info) => setRunning((r) => r && { ...r, info }),
          onProgress: (progress) => setRunning((r) => r && { ...r, progress }),
        });
        current = outcome.dataset;
        addModelRun(outcome.dataset, outcome.run);
      }
      const names = current.mapping.scores;
      if (names.includes('model_bpb') && names.includes('model_bpb_weak') && !names.includes(BPB_GAIN.name)) {
        const problem = await defineDerived(BPB_GAIN.name, BPB_GAIN.expression);
        if (problem) setError(`The derived selector ${BPB_GAIN.name} could not be added: ${problem}`);
      }
    } catch (e) {
      setError(e instanceof DOMException && e.name === 'AbortError' ? e.message : `Model scoring failed: ${(e as Error).message}. The dataset is unchanged.`);
    } finally {
      if (controller.current === mine) controller.current = null;
      setRunning(null);
    }
  }

  const pending = (shipped ?? []).filter((m) => chosen.includes(m.id) && !applied.has(nameOf(m))).length + (own.model || own.config ? 1 : 0);
  const fileInput = 'block w-full text-xs file:mr-2 file:rounded file:border file:border-zinc-300 file:bg-white file:px-2 file:py-1 dark:file:border-zinc-700 dark:file:bg-zinc-900';

  return (
    <section data-testid="model-panel" aria-labelledby="model-title" className="rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800">
      <h2 id="model-title" className="font-semibold">
        Model scores
      </h2>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        Runs ONNX models in this browser (WebGPU when there is an adapter, else multi-threaded WASM), and fastText classifiers (.bin, .ftz; WASM), and adds their scores as selectors. The shipped models
        were trained by Sift&apos;s own scripts; see docs/models/. Scores are kept in this browser for this dataset and model.
      </p>
      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <fieldset disabled={!!running} className="space-y-1">
          <legend className="font-medium">Shipped models</legend>
          {shipped === null && !error && <p className="text-zinc-500">Reading the model list…</p>}
          {(shipped ?? []).map((m) => {
            const names = ((m.config.scores as Array<{ name: string }>) ?? []).map((s) => s.name);
            const done = applied.has(nameOf(m));
            return (
              <label key={m.id} className="flex items-start gap-2">
                <input type="checkbox" data-testid={`model-choose-${m.id}`} checked={done || chosen.includes(m.id)} disabled={done} onChange={(e) => setChosen(e.target.checked ? [...chosen, m.id] : chosen.filter((x) => x !== m.id))} />
                <span>
                  <span className="font-mono text-xs">{names.join(', ')}</span>
                  <span className="text-zinc-500">
                    {' '}
                    · {m.file}, {(m.bytes / 1e6).toFixed(1)} MB{done ? ' · added' : ''}
                  </span>
                </span>
              </label>
            );
          })}
        </fieldset>
        <fieldset disabled={!!running} className="space-y-1">
          <legend className="font-medium">Your own model</legend>
          <label className="block">
            <span className="text-xs text-zinc-600 dark:text-zinc-400">Model file (.onnx, or fastText .bin / .ftz)</span>
            <input type="file" accept=".onnx,.bin,.ftz" data-testid="own-model-file" className={fileInput} onChange={(e) => setOwn({ ...own, model: e.target.files?.[0] })} />
          </label>
          <label className="block">
            <span className="text-xs text-zinc-600 dark:text-zinc-400">config (JSON — ONNX: inputs, encoding, output, name, direction, max_length; fastText: {'{"kind": "fasttext", "label": "__label__…"}'}; docs/models.md)</span>
            <input type="file" accept=".json,application/json" data-testid="own-model-config" className={fileInput} onChange={(e) => setOwn({ ...own, config: e.target.files?.[0] })} />
          </label>
          <label className="block">
            <span className="text-xs text-zinc-600 dark:text-zinc-400">tokenizer.json (only for the tokenizer encoding)</span>
            <input type="file" accept=".json,application/json" data-testid="own-model-tokenizer" className={fileInput} onChange={(e) => setOwn({ ...own, tokenizer: e.target.files?.[0] })} />
          </label>
        </fieldset>
      </div>
      <div className="mt-3 flex flex-wrap items-end gap-4">
        <label className="flex items-center gap-2">
          Runtime
          <select value={provider} disabled={!!running} onChange={(e) => setProvider(e.target.value as ProviderChoice)} data-testid="model-provider-choice" className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900">
            <option value="auto">WebGPU, else WASM</option>
            <option value="wasm">WASM only</option>
          </select>
        </label>
        <label className="flex items-center gap-2">
          WASM threads
          <input
            type="number"
            min={1}
            max={cores}
            value={threads}
            disabled={!!running}
            onChange={(e) => setThreads(Math.max(1, Math.min(cores, Math.trunc(Number(e.target.value)) || 1)))}
            data-testid="model-threads"
            aria-label="WASM threads"
            className="w-16 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
          />
        </label>
        {running ? (
          <button type="button" data-testid="model-cancel" onClick={() => controller.current?.abort()} className="rounded border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
            Cancel
          </button>
        ) : (
          <button type="button" data-testid="model-start" disabled={pending === 0} onClick={() => void start()} className="rounded bg-sky-700 px-3 py-1 font-medium text-white hover:bg-sky-600 disabled:opacity-50">
            {pending === 0 ? 'Nothing new to score' : `Score with ${pending} model${pending === 1 ? '' : 's'}`}
          </button>
        )}
      </div>
      {running && (
        <div data-testid="model-progress" className="mt-3 space-y-1">
          <p>
            <span className="font-mono text-xs">{running.label}</span>: {running.info ? <ProviderLine info={running.info} /> : 'loading the model…'}
          </p>
          <ProgressBar label="model scoring progress" fraction={running.progress ? running.progress.done / Math.max(1, running.progress.total) : 0} />
          {running.progress && (
            <p data-testid="model-rate" className="tabular-nums text-zinc-600 dark:text-zinc-400">
              {formatCount(running.progress.done)} of {formatCount(running.progress.total)} documents · {formatCount(Math.round(throughput(running.progress).docs))} docs/s · {throughput(running.progress).mb.toFixed(2)} MB/s
            </p>
          )}
        </div>
      )}
      {runs.length > 0 && (
        <ul data-testid="model-runs" className="mt-3 space-y-1">
          {runs.map((r: ModelRun) => (
            <li key={r.hash} data-testid="model-run" className="rounded border border-emerald-300 bg-emerald-50 p-2 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
              <span className="font-mono text-xs">{r.selectors.join(', ')}</span> from {r.label}: <ProviderLine info={r} />
              {r.fromCache ? ' · restored from this browser’s cache' : ` · ${formatCount(r.progress.done)} documents in ${r.progress.seconds.toFixed(1)} s (${formatCount(Math.round(throughput(r.progress).docs))} docs/s, ${throughput(r.progress).mb.toFixed(2)} MB/s)`}
              {r.card && <ModelCardView card={r.card} />}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" data-testid="model-error" className="mt-3 whitespace-pre-wrap text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </section>
  );
}

/** A public model's card: what it is, its head and convention, its authors' threshold and the drop ratio that threshold gives here. */
function ModelCardView({ card }: { card: ModelCard }) {
  const share = card.scored ? card.dropped / card.scored : 0;
  return (
    <div data-testid="model-card" className="mt-2 rounded border border-emerald-200 bg-white p-2 text-xs text-zinc-800 dark:border-emerald-900 dark:bg-zinc-950 dark:text-zinc-200">
      <p>
        <b>preset {card.preset}</b> · {card.published}
      </p>
      <p className="mt-1">{card.description}</p>
      <p className="mt-1">Head: {card.head}.</p>
      <p className="mt-1" data-testid="model-card-threshold" data-dropped={card.dropped} data-scored={card.scored}>
        Its authors&apos; threshold: keep <span className="font-mono">{card.threshold.selector}</span> {card.threshold.keeps === 'at or above' ? '≥' : '>'} {card.threshold.value} ({card.threshold.note}). On this corpus it drops{' '}
        <b className="font-mono tabular-nums">{formatShare(share)}</b> ({formatCount(card.dropped)} of {formatCount(card.scored)} scored documents) — set the drop ratio to {(share * 100).toFixed(1)} % on{' '}
        <span className="font-mono">{card.threshold.selector}</span> to see it.
      </p>
    </div>
  );
}
