'use client';
import { ModelPanel } from '@/components/score/model-panel';
import { ScorePanel } from '@/components/score/score-panel';
import { ErrorBoundary } from '@/components/shell/error-boundary';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { LoadPanel } from './load-panel';
import { LoadStatus } from './load-status';
import { MappingPanel } from './mapping-panel';
import { NextSteps } from './next-steps';
import { ScoreFilePanel } from './score-file-panel';
import { SummaryPanel } from './summary-panel';
import { card } from '@/components/ui/card';

export function DataView() {
  const dataset = useDatasetStore((s) => s.dataset);
  const label = useDatasetStore((s) => s.label);
  const loading = useDatasetStore((s) => s.loading);
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="space-y-4">
        <LoadStatus />
        {dataset && <NextSteps dataset={dataset} />}
        {dataset ? (
          <ErrorBoundary label="The dataset summary">
            <SummaryPanel dataset={dataset} label={label} />
          </ErrorBoundary>
        ) : (
          !loading && (
            <div data-testid="empty-state" className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
              No dataset loaded. Choose files, pick one from the server&apos;s data folder, or load the demo corpus.
            </div>
          )
        )}
        {dataset?.server && <ServerDatasetNote path={dataset.server.path} />}
        {dataset && !dataset.server && (
          <ErrorBoundary label="The scoring panel">
            <ScorePanel dataset={dataset} />
          </ErrorBoundary>
        )}
        {dataset && !dataset.server && (
          <ErrorBoundary label="The model panel">
            <ModelPanel dataset={dataset} />
          </ErrorBoundary>
        )}
        {dataset && !dataset.server && (
          <ErrorBoundary label="The score-file panel">
            <ScoreFilePanel dataset={dataset} />
          </ErrorBoundary>
        )}
        {dataset && !dataset.server && (
          <ErrorBoundary label="The column mapping">
            <MappingPanel dataset={dataset} />
          </ErrorBoundary>
        )}
      </div>
      <ErrorBoundary label="The load panel">
        <LoadPanel />
      </ErrorBoundary>
    </div>
  );
}

/** What a dataset opened on the server does not offer on this page yet, and where to do it instead. */
function ServerDatasetNote({ path }: { path: string }) {
  return (
    <section data-testid="server-dataset-note" className={card('p-4 text-sm')}>
      <h2 className="font-semibold">Opened on the server</h2>
      <p className="mt-1 text-zinc-700 dark:text-zinc-300">
        The server&apos;s DuckDB holds <span className="font-mono">{path}</span> and answers Distributions, Browse, Compare, Annotate and Export; this tab holds no rows. Scoring in the
        tab, joining a score file and changing the column mapping need the rows here: score with <span className="font-mono">sift score</span> (or{' '}
        <span className="font-mono">sift run score</span> on a cluster) and open the shards with their scores, or load a sample in this tab. See docs/server-engine.md.
      </p>
    </section>
  );
}
