'use client';

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-6 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
      <h2 className="text-lg font-semibold">This view failed.</h2>
      <p className="mt-2 font-mono text-sm">{error.message}</p>
      <button type="button" onClick={reset} className="mt-4 rounded bg-red-700 px-3 py-1.5 text-white">
        Try again
      </button>
    </div>
  );
}
