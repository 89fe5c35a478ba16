'use client';
import { ProgressBar } from '@/components/shell/progress-bar';
import { useRef, useState } from 'react';
import { useDatasetStore } from '@/components/stores/dataset-store';
import type { Dataset } from '@/lib/data/dataset';
import { formatCount, throughput } from '@/lib/format/numbers';
import { RULE_SETS, SCORER_VERSION, TAGGERS, type RuleSet } from '@/lib/scoring/names';
import type { ScoreProgress } from '@/lib/browser/scoring-client';

/**
 * Heuristic scoring in the browser: a pool of workers computes the taggers,
 * the rule sets and the combined `heuristic` selector; the result becomes
 * selector columns and tags, cached for this dataset in this browser.
 */
export function ScorePanel({ dataset }: { dataset: Dataset }) {
  const scored = useDatasetStore((s) => s.scored);
  const setScored = useDatasetStore((s) => s.setScored);
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  const [workers, setWorkers] = useState(Math.max(1, cores - 1));
  const [rules, setRules] = useState<RuleSet[]>([...RULE_SETS]);
  const [progress, setProgress] = useState<ScoreProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  const running = progress !== null;
  const done = dataset.computed ? scored : null;

  async function start() {
    const mine = new AbortController();
    controller.current = mine;
    setError(null);
    setProgress({ done: 0, total: dataset.summary.rows, bytes: 0, seconds: 0, workers });
    try {
      const { scoreDataset } = await import('@/lib/browser/scoring-client');
      const outcome = await scoreDataset(dataset, { rules, workers, signal: mine.signal, onProgress: (p) => controller.current === mine && setProgress(p) });
      setScored(outcome);
    } catch (e) {
      setError(e instanceof DOMException && e.name === 'AbortError' ? e.message : `Scoring failed: ${(e as Error).message}. The dataset is unchanged.`);
    } finally {
      if (controller.current === mine) controller.current = null;
      setProgress(null);
    }
  }

  return (
    <section id="score-panel" data-testid="score-panel" aria-labelledby="score-title" className="rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800">
      <h2 id="score-title" className="font-semibold">
        Heuristic scores
      </h2>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        Computes, for every document, {TAGGERS.length} junk signals and tags ({TAGGERS.join(', ')}), the Gopher, C4 and FineWeb rule sets
        (1 = kept) and the combined <code>heuristic</code> selector (higher is better). Runs in Web Workers; the result is kept in this
        browser for this dataset (scorer {SCORER_VERSION}).
      </p>
      {done ? (
        <p data-testid="score-done" className="mt-3 rounded border border-emerald-300 bg-emerald-50 p-2 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
          {done.fromCache ? 'Restored from this browser’s cache: ' : 'Scored: '}
          {formatCount(done.progress.done)} documents
          {!done.fromCache && ` in ${done.progress.seconds.toFixed(1)} s (${formatCount(Math.round(throughput(done.progress).docs))} docs/s, ${throughput(done.progress).mb.toFixed(1)} MB/s on ${done.progress.workers} worker${done.progress.workers === 1 ? "" : "s"})`}. Selectors added:{' '}
          <span className="font-mono text-xs">{dataset.computed!.selectors.join(', ')}</span>; tags added to the documents.
        </p>
      ) : (
        <div className="mt-3 flex flex-wrap items-end gap-4">
          <fieldset className="flex flex-wrap gap-3" disabled={running}>
            <legend className="sr-only">Rule sets</legend>
            {RULE_SETS.map((r) => (
              <label key={r} className="flex items-center gap-1">
                <input type="checkbox" checked={rules.includes(r)} onChange={(e) => setRules(e.target.checked ? RULE_SETS.filter((x) => x === r || rules.includes(x)) : rules.filter((x) => x !== r))} />
                <span className="font-mono text-xs">{r}</span>
              </label>
            ))}
          </fieldset>
          <label className="flex items-center gap-2">
            Workers
            <input
              type="number"
              min={1}
              max={Math.max(1, cores)}
              value={workers}
              disabled={running}
              onChange={(e) => setWorkers(Math.max(1, Math.min(cores, Math.trunc(Number(e.target.value)) || 1)))}
              className="w-16 rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
              aria-label="number of scoring workers"
            />
          </label>
          {running ? (
            <button type="button" data-testid="score-cancel" onClick={() => controller.current?.abort()} className="rounded border border-zinc-300 px-3 py-1 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
              Cancel
            </button>
          ) : (
            <button type="button" data-testid="score-start" onClick={() => void start()} className="rounded bg-sky-700 px-3 py-1 font-medium text-white hover:bg-sky-600">
              Score {formatCount(dataset.summary.rows)} documents
            </button>
          )}
        </div>
      )}
      {progress && (
        <div data-testid="score-progress" className="mt-3">
          <ProgressBar label="scoring progress" fraction={progress.done / Math.max(1, progress.total)} />
          <p data-testid="score-rate" className="mt-1 tabular-nums text-zinc-600 dark:text-zinc-400">
            {formatCount(progress.done)} of {formatCount(progress.total)} documents · {formatCount(Math.round(throughput(progress).docs))} docs/s ·{' '}
            {throughput(progress).mb.toFixed(1)} MB/s · {progress.workers} worker{progress.workers === 1 ? '' : 's'}
          </p>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="score-error" className="mt-3 text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </section>
  );
}
