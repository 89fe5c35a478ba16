'use client';
import { useMemo } from 'react';
import type { CorpusFigures } from '@/lib/data/corpus-figures';
import { formatCount, formatShare } from '@/lib/format/numbers';
import type { SelectionResult } from '@/lib/selection/engine';
import { sampleEstimates } from '@/lib/stats/sample-estimates';
import type { Interval } from '@/lib/stats/interval';
import { card } from '@/components/ui/card';

const shareRange = (i: Interval) => `${formatShare(i.low)}–${formatShare(i.high)}`;
const countRange = (i: Interval) => `${formatCount(Math.round(i.low))}–${formatCount(Math.round(i.high))}`;

/** The selection on a sample, read as an estimate for the corpus it was drawn from (95 % intervals). */
export function SampleFigures({ corpus, result }: { corpus: CorpusFigures; result: SelectionResult }) {
  const e = useMemo(() => sampleEstimates(corpus, result), [corpus, result]);
  return (
    <section aria-label="Full corpus estimates" data-testid="sample-figures" className={card('p-4')}>
      <h3 className="text-sm font-semibold">In the full corpus (estimated from this sample, 95 % intervals)</h3>
      <p className="mt-1 text-sm" data-testid="corpus-dropped">
        The threshold drops <b className="font-mono tabular-nums">{formatShare(e.droppedShare.estimate)}</b> ({shareRange(e.droppedShare)}) of the corpus: about{' '}
        <b className="font-mono tabular-nums">{formatCount(Math.round(e.droppedDocuments.estimate))}</b> of {formatCount(e.corpusDocuments)} documents ({countRange(e.droppedDocuments)}).
        {e.keptTokens !== null && <> Kept tokens ≈ {formatCount(Math.round(e.keptTokens))} (no interval: the sample&apos;s token share, scaled).</>}
      </p>
      <p className="mt-1 text-xs text-zinc-500">
        Interval: {e.method === 'Wilson' ? "Wilson's score interval on the sample" : 'stratified by source (each source weighted by its size in the corpus)'}, with the finite-population correction. The counts
        above the charts are the sample&apos;s own, exact.
      </p>
      {e.perSource.length > 0 && (
        <table data-testid="corpus-per-source" className="mt-3 w-full text-sm">
          <thead>
            <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
              <th className="py-1 font-medium">Source</th>
              <th className="py-1 text-right font-medium">Sample docs</th>
              <th className="py-1 text-right font-medium">Corpus docs</th>
              <th className="py-1 text-right font-medium">Dropped share (95 %)</th>
              <th className="py-1 text-right font-medium">≈ Dropped in corpus</th>
            </tr>
          </thead>
          <tbody>
            {e.perSource.map((s) => (
              <tr key={s.source ?? ''} data-testid="corpus-source-row" data-source={s.source ?? ''} className="border-b border-zinc-100 dark:border-zinc-800">
                <td className="max-w-40 truncate py-1 font-mono text-xs">{s.source ?? <i className="text-zinc-500">(none)</i>}</td>
                <td className="py-1 text-right font-mono tabular-nums">{formatCount(s.sampleDocuments)}</td>
                <td className="py-1 text-right font-mono tabular-nums">{s.corpusDocuments === null ? '—' : formatCount(s.corpusDocuments)}</td>
                <td className="py-1 text-right font-mono text-xs tabular-nums">
                  {formatShare(s.droppedShare.estimate)} <span className="text-zinc-500">({shareRange(s.droppedShare)})</span>
                </td>
                <td className="py-1 text-right font-mono text-xs tabular-nums">
                  {s.droppedDocuments ? (
                    <>
                      {formatCount(Math.round(s.droppedDocuments.estimate))} <span className="text-zinc-500">({countRange(s.droppedDocuments)})</span>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** "Sample of n of N documents": where the corpus figures came from. */
export function SampleBadge({ corpus, rows }: { corpus: CorpusFigures; rows: number }) {
  const from = corpus.run ? `measured by sift run (${corpus.shards ?? '?'} shards${corpus.sample.rate !== null ? `, rate ${corpus.sample.rate}, seed ${corpus.sample.seed}` : ''})` : corpus.sample.method;
  return (
    <span data-testid="sample-badge" title={from} className="inline-flex items-center gap-1 rounded-full border border-amber-400 bg-amber-50 px-2 py-0.5 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
      Sample of {formatCount(rows)} of {formatCount(corpus.documents)} documents
    </span>
  );
}
