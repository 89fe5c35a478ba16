'use client';
import { useMemo } from 'react';
import type { CorpusFigures } from '@/lib/data/corpus-figures';
import { formatCount, formatShare } from '@/lib/format/numbers';
import { twoByTwoEstimates, type CellEstimate } from '@/lib/stats/sample-estimates';
import { card } from '@/components/ui/card';

type Table = { dropped_both: number; dropped_a_only: number; dropped_b_only: number; kept_both: number };

const LABEL = (a: string, b: string): Record<CellEstimate['cell'], string> => ({
  dropped_both: 'both drop',
  dropped_a_only: `only ${a} drops`,
  dropped_b_only: `only ${b} drops`,
  kept_both: 'both keep',
  dropped_a: `${a} drops`,
  dropped_b: `${b} drops`,
});

/** Compare's 2×2 on a sample, read for the corpus it was drawn from (95 % intervals; the table above stays exact). */
export function CompareSampleFigures({ corpus, table, a, b }: { corpus: CorpusFigures; table: Table; a: string; b: string }) {
  const cells = useMemo(() => twoByTwoEstimates(corpus, table), [corpus, table]);
  const label = LABEL(a, b);
  return (
    <section aria-label="Full corpus estimates" data-testid="compare-sample-figures" className={card('p-4')}>
      <h2 className="text-sm font-semibold">In the full corpus of {formatCount(corpus.documents)} documents (estimated from this sample, 95 % intervals)</h2>
      <table className="mt-2 w-full text-sm">
        <thead>
          <tr className="border-b border-zinc-200 text-left text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800">
            <th className="py-1 font-medium" />
            <th className="py-1 text-right font-medium">Sample docs</th>
            <th className="py-1 text-right font-medium">Share (95 %)</th>
            <th className="py-1 text-right font-medium">≈ Corpus docs (95 %)</th>
          </tr>
        </thead>
        <tbody>
          {cells.map((c) => (
            <tr key={c.cell} data-testid="compare-corpus-row" data-cell={c.cell} className="border-b border-zinc-100 dark:border-zinc-800">
              <td className="py-1 text-xs">{label[c.cell]}</td>
              <td className="py-1 text-right font-mono tabular-nums">{formatCount(c.sampleDocuments)}</td>
              <td className="py-1 text-right font-mono text-xs tabular-nums">
                {formatShare(c.share.estimate)} <span className="text-zinc-500">({formatShare(c.share.low)}–{formatShare(c.share.high)})</span>
              </td>
              <td className="py-1 text-right font-mono text-xs tabular-nums">
                {formatCount(Math.round(c.corpusDocuments.estimate))} <span className="text-zinc-500">({formatCount(Math.round(c.corpusDocuments.low))}–{formatCount(Math.round(c.corpusDocuments.high))})</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-zinc-500">Wilson&apos;s score interval with the finite-population correction. Jaccard and the correlations are the sample&apos;s own.</p>
    </section>
  );
}
