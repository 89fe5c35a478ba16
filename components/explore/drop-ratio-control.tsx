'use client';
import { useEffect, useState } from 'react';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { formatCompact, formatCount, formatScore, formatShare } from '@/lib/format/numbers';
import { sourceKey, type SelectionResult } from '@/lib/selection/engine';
import { MAX_RATIO, percentOf, ratioFromPercent, type ViewState } from '@/lib/view/params';
import { card } from '@/components/ui/card';

export const PRESETS = [10, 25, 50, 75, 90];

/** The drop ratio: slider, typed percentage and DataRater's presets, with what the ratio does. */
export function DropRatioControl({
  view,
  update,
  result,
}: {
  view: ViewState;
  update: (patch: Partial<ViewState>, mode?: 'push' | 'replace') => void;
  result: (SelectionResult & { ms?: number }) | null;
}) {
  const percent = percentOf(view.ratio);
  const summary = useDatasetStore((s) => s.dataset?.summary);
  // Text read lazily from Parquet has no per-document length: say "unknown", not 0.
  const chars = (n: number) => (summary && summary.characters === null ? '—' : formatCompact(n));
  const tokens = (n: number) => (summary && summary.tokens.value === null ? '—' : formatCompact(n));
  const [text, setText] = useState(String(percent));
  useEffect(() => setText(String(percent)), [percent]);

  const commitText = (mode: 'push' | 'replace') => {
    const value = Number(text);
    if (text.trim() !== '' && Number.isFinite(value)) update({ ratio: ratioFromPercent(value) }, mode);
    else setText(String(percent));
  };
  const perSource = !!view.perSource;
  const sources = summary?.sources;
  // Switching on gives every source the current ratio, so the map is never empty (an empty map would mean "overall").
  const togglePerSource = (on: boolean) => update({ perSource: on ? Object.fromEntries((sources ?? []).map((s) => [sourceKey(s.source), view.ratio])) : null });

  return (
    <section aria-label="Drop ratio" data-testid="drop-ratio-control" data-compute-ms={result?.ms?.toFixed(3)} data-ratio={result?.ratio} className={card('p-4')}>
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="drop-ratio-slider" className="text-sm font-medium">
          Drop ratio
        </label>
        <input
          id="drop-ratio-slider"
          data-testid="drop-ratio-slider"
          type="range"
          min={0}
          max={MAX_RATIO * 100}
          step={0.5}
          value={percent}
          disabled={perSource}
          onChange={(e) => update({ ratio: ratioFromPercent(Number(e.target.value)) }, 'replace')}
          className="w-64 accent-red-600"
        />
        <span className="flex items-center gap-1">
          <input
            data-testid="drop-ratio"
            type="number"
            inputMode="decimal"
            min={0}
            max={95}
            step="any"
            aria-label="drop ratio in percent"
            value={text}
            disabled={perSource}
            onChange={(e) => {
              setText(e.target.value);
              const v = Number(e.target.value);
              if (e.target.value.trim() !== '' && Number.isFinite(v)) update({ ratio: ratioFromPercent(v) }, 'replace');
            }}
            onBlur={() => commitText('push')}
            onKeyDown={(e) => e.key === 'Enter' && commitText('push')}
            className="w-20 rounded border border-zinc-300 bg-white px-2 py-1 text-right font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950"
          />
          <span className="text-sm">%</span>
        </span>
        <span className="flex gap-1" role="group" aria-label="presets">
          {PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              data-testid={`preset-${p}`}
              disabled={perSource}
              onClick={() => update({ ratio: p / 100 })}
              className={`rounded border px-2 py-0.5 text-xs ${
                percent === p && !perSource ? 'border-red-600 bg-red-600 text-white' : 'border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800'
              }`}
            >
              {p} %
            </button>
          ))}
        </span>
        <label className="ml-auto flex items-center gap-1.5 text-sm">
          <input type="checkbox" data-testid="per-source-mode" checked={perSource} disabled={!sources?.length} onChange={(e) => togglePerSource(e.target.checked)} />
          per-source ratios
        </label>
      </div>
      {result && (
        <dl className="mt-3 grid grid-cols-2 gap-2 text-sm md:grid-cols-4">
          <div>
            <dt className="text-xs uppercase tracking-wide text-zinc-500">Threshold</dt>
            <dd className="font-mono" data-testid="threshold">
              {result.mode === 'per_source' ? 'per source' : result.threshold === null ? '—' : formatScore(result.threshold)}
            </dd>
            <dd className="text-xs text-zinc-500">{result.direction === 'higher' ? 'dropped: scores ≤ threshold' : 'dropped: scores ≥ threshold'}</dd>
            {result.ties && (
              <dd data-testid="tie-note" className="text-xs text-amber-700 dark:text-amber-400" title="The rule breaks ties by doc_id byte order (docs/selection.md)">
                {formatCount(result.ties.total)} documents tie at the threshold{result.mode === 'per_source' ? 's' : ''}; {formatCount(result.ties.dropped)} of them dropped by doc_id order
              </dd>
            )}
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-zinc-500">Kept</dt>
            <dd className="font-mono text-emerald-700 dark:text-emerald-400">
              <span data-testid="kept-count">{formatCount(result.kept)}</span> <span className="text-xs">({formatShare(result.kept / Math.max(1, result.total))})</span>
            </dd>
            <dd className="text-xs text-zinc-500">
              {chars(result.keptChars)} chars · {tokens(result.keptTokens)} tokens
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-zinc-500">Dropped</dt>
            <dd className="font-mono text-red-700 dark:text-red-400">
              <span data-testid="dropped-count">{formatCount(result.dropped)}</span> <span className="text-xs">({formatShare(result.dropped / Math.max(1, result.total))})</span>
            </dd>
            <dd className="text-xs text-zinc-500">
              {chars(result.droppedChars)} chars · {tokens(result.droppedTokens)} tokens
            </dd>
          </div>
          <div>
            <dt className="text-xs uppercase tracking-wide text-zinc-500">Without a score</dt>
            <dd className="font-mono" data-testid="missing-count">
              {formatCount(result.missing)}
            </dd>
            <dd className="text-xs text-zinc-500">{view.missing === 'drop' ? 'dropped' : 'kept'} · ratio applies to {formatCount(result.scored)} scored</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
