'use client';
import { ProgressBar } from '@/components/shell/progress-bar';
import { useDatasetStore } from '@/components/stores/dataset-store';

/** The progress bar with cancel while loading, and the last load's error with what can be done about it. */
export function LoadStatus() {
  const { loading, progress, error, cancel, dismissError } = useDatasetStore();
  return (
    <>
      {loading && (
        <div data-testid="load-progress" className="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm dark:border-sky-900 dark:bg-sky-950">
          <div className="flex items-center justify-between gap-3">
            <span className="truncate text-sky-900 dark:text-sky-100">
              {progress
                ? `${progress.phase === 'summarizing' ? 'Summarizing' : 'Reading'} ${progress.file}${progress.fileCount > 1 ? ` (file ${progress.fileIndex + 1} of ${progress.fileCount})` : ''}…`
                : 'Starting DuckDB…'}
            </span>
            <button type="button" data-testid="cancel-load" onClick={cancel} className="rounded border border-sky-300 px-2 py-0.5 text-sky-900 hover:bg-sky-100 dark:border-sky-800 dark:text-sky-100">
              Cancel
            </button>
          </div>
          <ProgressBar label="loading progress" fraction={progress?.fraction ?? 0} className="mt-2" />
        </div>
      )}
      {error && (
        <div role="alert" data-testid="load-error" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <p className="font-medium">{error.code === 'cancelled' ? 'Cancelled' : 'Could not load'}</p>
          <p data-testid="load-error-message" className="mt-1 whitespace-pre-wrap break-words font-mono text-xs">
            {error.message}
          </p>
          {error.code !== 'cancelled' && <p className="mt-1 text-xs">The dataset loaded before (if any) is unchanged.</p>}
          <div className="mt-2 flex gap-2">
            {error.retrySkipping && (
              <button type="button" data-testid="retry-skip" onClick={error.retrySkipping} className="rounded bg-red-700 px-2 py-1 text-white hover:bg-red-600">
                Skip malformed lines and load
              </button>
            )}
            <button type="button" onClick={dismissError} className="rounded border border-red-300 px-2 py-1 hover:bg-red-100 dark:border-red-800 dark:hover:bg-red-900">
              Dismiss
            </button>
          </div>
        </div>
      )}
    </>
  );
}
