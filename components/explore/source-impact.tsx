'use client';
import { useDeferredValue, useMemo } from 'react';
import { EChart, useChartTheme } from '@/components/charts/echart';
import { mixtureOption } from '@/lib/charts/options';
import { formatCount, formatScore, formatShare } from '@/lib/format/numbers';
import type { SelectionResult } from '@/lib/selection/engine';
import { percentOf, ratioFromPercent, type ViewState } from '@/lib/view/params';
import { card } from '@/components/ui/card';

/** What the selection does to each source: retention, the mixture before and after, per-source ratios. */
export function SourceImpact({ result, view, update }: { result: SelectionResult; view: ViewState; update: (patch: Partial<ViewState>, mode?: 'push' | 'replace') => void }) {
  const theme = useChartTheme();
  const perSource = !!view.perSource;
  const deferred = useDeferredValue(result.perSource);
  const mixture = useMemo(() => mixtureOption({ perSource: deferred, theme }), [deferred, theme]);
  return (
    <section aria-label="Per-source impact" className={card('grid gap-4 p-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]')}>
      <div className="overflow-x-auto">
        <h3 className="text-sm font-semibold">Per source</h3>
        <table data-testid="source-impact" className="mt-2 w-full text-sm">
          <thead>
            <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
              <th className="py-1 font-medium">Source</th>
              <th className="py-1 text-right font-medium">Docs</th>
              <th className="py-1 text-right font-medium">Dropped</th>
              <th className="py-1 text-right font-medium">Kept</th>
              <th className="py-1 pl-3 font-medium">Retention</th>
              <th className="py-1 text-right font-medium">Share before → after</th>
              <th className="py-1 text-right font-medium">{perSource ? 'Ratio %' : 'Threshold'}</th>
            </tr>
          </thead>
          <tbody>
            {result.perSource.map((s) => {
              const key = s.source ?? '';
              return (
                <tr key={key} data-testid="impact-row" data-source={key} className="border-b border-zinc-100 dark:border-zinc-800">
                  <td className="max-w-40 truncate py-1 font-mono text-xs" title={s.source ?? '(none)'}>
                    {s.source ?? <i className="text-zinc-500">(none)</i>}
                  </td>
                  <td className="py-1 text-right font-mono tabular-nums">{formatCount(s.total)}</td>
                  <td className="py-1 text-right font-mono tabular-nums text-red-700 dark:text-red-400" data-testid="impact-dropped">
                    {formatCount(s.dropped)}
                  </td>
                  <td className="py-1 text-right font-mono tabular-nums" data-testid="impact-kept">
                    {formatCount(s.kept)}
                  </td>
                  <td className="py-1 pl-3">
                    <div className="flex items-center gap-2">
                      <div className="h-2 w-24 rounded bg-red-200 dark:bg-red-950">
                        <div className="h-2 rounded bg-emerald-600" style={{ width: `${s.retention * 100}%` }} />
                      </div>
                      <span className="font-mono text-xs tabular-nums">{formatShare(s.retention)}</span>
                    </div>
                  </td>
                  <td className="py-1 text-right font-mono text-xs tabular-nums">
                    {formatShare(s.shareBefore)} → {formatShare(s.shareAfter)}
                  </td>
                  <td className="py-1 text-right font-mono text-xs">
                    {perSource ? (
                      <input
                        type="number"
                        aria-label={`drop ratio for ${s.source ?? '(none)'}`}
                        data-testid={`source-ratio-${key}`}
                        min={0}
                        max={95}
                        step="any"
                        defaultValue={percentOf(view.perSource?.[key] ?? view.ratio)}
                        onBlur={(e) => update({ perSource: { ...view.perSource, [key]: ratioFromPercent(Number(e.target.value)) } })}
                        onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
                        className="w-16 rounded border border-zinc-300 bg-white px-1 text-right dark:border-zinc-700 dark:bg-zinc-950"
                      />
                    ) : s.threshold === null ? (
                      '—'
                    ) : (
                      formatScore(s.threshold)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div>
        <h3 className="text-sm font-semibold">Mixture before and after</h3>
        <EChart option={mixture} height={Math.max(180, 40 + result.perSource.length * 34)} ariaLabel="share of each source before and after the selection" testId="mixture-chart" />
      </div>
    </section>
  );
}
