'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { card } from '@/components/ui/card';
import type { CorpusStat } from '@/lib/data/pipelines/datatrove-summary';
import type { FunnelRow } from '@/lib/data/pipelines/funnel';
import { shareOf } from '@/lib/data/pipelines/funnel';
import { formatCount, formatShare } from '@/lib/format/numbers';
import { DEFAULT_VIEW, serializeView } from '@/lib/view/params';

/** What each filter step of a pipeline run removed and why: the run's statistics beside the removed documents loaded. */
export function FunnelView() {
  const dataset = useDatasetStore((s) => s.dataset);
  const [rows, setRows] = useState<FunnelRow[] | null>(null);
  const [corpus, setCorpus] = useState<CorpusStat[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!dataset) return;
    void import('@/lib/browser/data-client').then(({ funnelRows }) =>
      funnelRows().then(
        (f) => {
          setRows(f.rows);
          setCorpus(f.corpus);
        },
        (e: Error) => setError(e.message),
      ),
    );
  }, [dataset]);

  if (!dataset) return <p className="text-sm text-zinc-500">Load a pipeline run on the Data page: a DataTrove run folder (stats.json and exclusion outputs), its exclusion folder, or a Data-Juicer trace folder.</p>;
  if (error) return <p className="text-sm text-red-700 dark:text-red-300">{error}</p>;
  if (!rows) return <p className="text-sm text-zinc-500">Counting…</p>;
  if (rows.length === 0 && corpus.length > 0) return <CorpusStats corpus={corpus} />;
  if (rows.length === 0) {
    return (
      <p data-testid="funnel-empty" className="text-sm text-zinc-500">
        This dataset has no removal funnel: no run statistics (DataTrove’s stats.json) and no removed documents (rows with metadata.filter_reason, or Data-Juicer’s filter-&lt;op&gt;.jsonl) were loaded.
      </p>
    );
  }
  const hasStats = rows.some((r) => r.total !== null);
  const hasSample = rows.some((r) => r.sample);
  return (
    <div className="space-y-4" data-testid="funnel">
      <section className={card('p-4')}>
        <h2 className="text-sm font-semibold uppercase tracking-wide text-zinc-500">Removal funnel</h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {hasStats ? 'Documents in, kept and dropped by each filter step of the whole run (its statistics)' : 'Removed documents loaded, by filter step'}
          {hasStats && hasSample ? '; beside them, the removed documents loaded here (a sample), so a skewed sample shows.' : '.'}
        </p>
        <table className="mt-3 w-full text-sm" data-testid="funnel-steps">
          <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="py-1 pr-3 font-medium">step</th>
              {hasStats && <th className="py-1 pr-3 text-right font-medium">in</th>}
              {hasStats && <th className="py-1 pr-3 text-right font-medium">kept</th>}
              {hasStats && <th className="py-1 pr-3 text-right font-medium">dropped</th>}
              {hasStats && <th className="w-1/4 py-1 pr-3 font-medium">dropped share of its input</th>}
              {hasSample && <th className="py-1 pr-3 text-right font-medium">removed docs loaded</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name} data-testid="funnel-step" data-step={r.name} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="py-1.5 pr-3 font-medium">{r.name}</td>
                {hasStats && <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(r.total)}</td>}
                {hasStats && <td className="py-1.5 pr-3 text-right tabular-nums">{formatCount(r.kept)}</td>}
                {hasStats && <td data-testid="step-dropped" className="py-1.5 pr-3 text-right tabular-nums">{formatCount(r.dropped)}</td>}
                {hasStats && <td className="py-1.5 pr-3">{r.dropped !== null && <Bar share={shareOf(r.dropped, r.total)} tone="red" />}</td>}
                {hasSample && <td className="py-1.5 pr-3 text-right tabular-nums">{r.sample ? formatCount(r.sample.dropped) : '—'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {rows.map((r) => (
        <Reasons key={r.name} row={r} hasStats={hasStats} />
      ))}
      {corpus.length > 0 && <CorpusStats corpus={corpus} />}
    </div>
  );
}

const figure = (x: number) => (Number.isInteger(x) ? formatCount(x) : x.toPrecision(4));

/** DataTrove's summary statistics: whole-corpus figures per stat, and each keyed group's largest keys. */
function CorpusStats({ corpus }: { corpus: CorpusStat[] }) {
  const summary = corpus.filter((c) => c.summary);
  const keyed = corpus.filter((c) => !c.summary);
  return (
    <section className={card('p-4')} data-testid="corpus-stats">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-zinc-500">Whole-corpus statistics</h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">From the run’s summary statistics (DataTrove’s &lt;group&gt;/&lt;stat&gt;/metric.json): figures over every document the stats step saw, not the documents loaded here.</p>
      {summary.length > 0 && (
        <table className="mt-3 w-full table-fixed text-sm">
          <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
            <tr>
              <th className="w-1/4 py-1 pr-3 font-medium">statistic</th>
              {['documents', 'mean', '± std', 'min', 'max', 'total'].map((h) => (
                <th key={h} className="py-1 pr-3 text-right font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {summary.map((c) => (
              <tr key={c.file} data-testid="corpus-stat" data-stat={c.stat} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="truncate py-1 pr-3 font-mono text-xs" title={c.file}>
                  {c.stat}
                </td>
                {[c.summary!.n, c.summary!.mean, c.summary!.stdDev, c.summary!.min, c.summary!.max, c.summary!.total].map((x, i) => (
                  <td key={i} className="py-1 pr-3 text-right tabular-nums">
                    {figure(x)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {keyed.map((c) => (
        <p key={c.file} className="mt-2 text-sm">
          <span className="font-mono text-xs">
            {c.group}/{c.stat}
          </span>
          : {formatCount(c.keys)} keys; most documents: {c.top.slice(0, 5).map((t) => `${t.key} (${formatCount(t.stats.n)})`).join(', ')}
        </p>
      ))}
    </section>
  );
}

function Bar({ share, tone }: { share: number | null; tone: 'red' | 'zinc' }) {
  if (share === null) return <span className="text-zinc-400">—</span>;
  return (
    <div className="flex items-center gap-2">
      <div className="h-3 flex-1 rounded-sm bg-zinc-100 dark:bg-zinc-800" aria-hidden>
        <div className={`h-3 rounded-sm ${tone === 'red' ? 'bg-red-500/80' : 'bg-zinc-500/80'}`} style={{ width: `${Math.max(0.5, share * 100)}%` }} />
      </div>
      <span className="w-14 text-right text-xs tabular-nums">{formatShare(share)}</span>
    </div>
  );
}

/** One step's reasons: the run's counts and shares, the sample's, and a link to the documents each removed. */
function Reasons({ row, hasStats }: { row: FunnelRow; hasStats: boolean }) {
  const names = [...new Set([...Object.keys(row.reasons), ...Object.keys(row.sample?.reasons ?? {})])];
  if (names.length === 0) return null;
  names.sort((a, b) => (row.reasons[b] ?? row.sample?.reasons[b] ?? 0) - (row.reasons[a] ?? row.sample?.reasons[a] ?? 0));
  return (
    <section className={card('p-4')} data-testid="funnel-reasons" data-step={row.name}>
      <h3 className="text-sm font-semibold">
        {row.name} <span className="font-normal text-zinc-500">— dropped by reason{row.sample && row.sample.step !== row.name ? ` (removed documents: ${row.sample.step})` : ''}</span>
      </h3>
      {/* Fixed columns, so every step's reasons line up with the others'. */}
      <table className="mt-2 w-full table-fixed text-sm">
        <thead className="text-left text-xs uppercase tracking-wide text-zinc-500">
          <tr>
            <th className="w-1/5 py-1 pr-3 font-medium">reason</th>
            {hasStats && <th className="w-24 py-1 pr-3 text-right font-medium">whole run</th>}
            {hasStats && <th className="py-1 pr-3 font-medium">share of the step’s drops</th>}
            {row.sample && <th className="w-20 py-1 pr-3 text-right font-medium">loaded</th>}
            {row.sample && <th className="py-1 pr-3 font-medium">share in the loaded documents</th>}
            {row.sample && <th className="w-24 py-1 font-medium" />}
          </tr>
        </thead>
        <tbody>
          {names.map((reason) => {
            const sampled = row.sample?.reasons[reason] ?? 0;
            const href = row.sample ? `/browse?${serializeView({ ...DEFAULT_VIEW, sources: [row.sample.step], tag: reason })}` : null;
            return (
              <tr key={reason} data-testid="funnel-reason" data-reason={reason} className="border-t border-zinc-100 dark:border-zinc-800">
                <td className="truncate py-1 pr-3 font-mono text-xs" title={reason}>
                  {reason}
                </td>
                {hasStats && <td data-testid="reason-count" className="py-1 pr-3 text-right tabular-nums">{formatCount(row.reasons[reason])}</td>}
                {hasStats && <td className="py-1 pr-3">{row.dropped !== null && <Bar share={shareOf(row.reasons[reason] ?? 0, row.dropped)} tone="red" />}</td>}
                {row.sample && <td data-testid="reason-sample" className="py-1 pr-3 text-right tabular-nums">{formatCount(sampled)}</td>}
                {row.sample && <td className="py-1 pr-3"><Bar share={shareOf(sampled, row.sample.dropped)} tone="zinc" /></td>}
                {href && (
                  <td className="py-1 text-right">
                    {sampled > 0 && (
                      <Link data-testid="browse-reason" href={href} className="text-xs text-emerald-700 hover:underline dark:text-emerald-400">
                        browse {formatCount(sampled)} →
                      </Link>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
