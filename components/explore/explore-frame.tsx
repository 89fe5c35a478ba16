'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { useCorpus, useDatasetStore } from '@/components/stores/dataset-store';
import { SampleBadge } from './sample-figures';
import { useViewState } from '@/components/view/use-view-state';
import type { PreparedSelection } from '@/lib/browser/selection-client';
import type { Direction } from '@/lib/selection/order';
import type { ViewState } from '@/lib/view/params';
import { resolveSelector, usePreparedSelection } from './selection-store';

export interface ExploreContext {
  prepared: PreparedSelection;
  selector: { name: string; direction: Direction };
  view: ViewState;
  update: (patch: Partial<ViewState>, mode?: 'push' | 'replace') => void;
}

/** Waits for a dataset with score columns and the selection worker, then renders the view. */
export function ExploreFrame({ children }: { children: (ctx: ExploreContext) => ReactNode }) {
  const dataset = useDatasetStore((s) => s.dataset);
  const loading = useDatasetStore((s) => s.loading);
  const [view, update] = useViewState();
  const { prepared, preparing, error } = usePreparedSelection();
  const selector = resolveSelector(prepared, view);
  const corpus = useCorpus();

  if (!dataset) {
    return (
      <Notice testId="explore-empty">
        {loading ? 'Loading the dataset…' : (
          <>
            No dataset loaded. Load one on the <Link className="underline" href="/data">Data</Link> page.
          </>
        )}
      </Notice>
    );
  }
  if (error) return <Notice testId="explore-error">Could not prepare the selection: {error}</Notice>;
  if (preparing || !prepared) return <Notice testId="explore-preparing">Preparing scores for {dataset.summary.rows.toLocaleString('en-US')} documents…</Notice>;
  if (!selector) {
    return (
      <Notice testId="explore-no-selectors">
        This dataset has no score columns. Map numeric columns as scores on the <Link className="underline" href="/data">Data</Link> page.
      </Notice>
    );
  }
  return (
    <div data-testid="explore-ready" data-prepare-ms={prepared.ms.toFixed(0)}>
      {corpus && (
        <p className="mb-3 text-xs text-zinc-600 dark:text-zinc-400">
          <SampleBadge corpus={corpus} rows={dataset.summary.rows} /> Counts below are the sample&apos;s, exact; Distributions adds the corpus&apos;s estimates with 95 % intervals.
        </p>
      )}
      {children({ prepared, selector, view, update })}
    </div>
  );
}

function Notice({ children, testId }: { children: ReactNode; testId: string }) {
  return (
    <div data-testid={testId} className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
      {children}
    </div>
  );
}
