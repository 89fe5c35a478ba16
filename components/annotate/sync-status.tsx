'use client';
import { usePathname } from 'next/navigation';
import { useAnnotationStore } from '@/components/stores/annotation-store';
import { formatCount } from '@/lib/format/numbers';

/** Labels waiting for the server, and why; never silent. */
export function SyncStatus() {
  const { pending, rejected, sync, flushNow } = useAnnotationStore();
  const pathname = usePathname();
  if (pending.size === 0 && rejected.length === 0 && !sync.error) return null;
  const needsToken = /token/i.test(sync.error ?? '');
  return (
    <section data-testid="sync-status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950">
      {pending.size > 0 && (
        <p>
          <b data-testid="pending-count">{formatCount(pending.size)}</b> label{pending.size === 1 ? '' : 's'} waiting for the server (kept in this browser and retried every 3 s)
          {sync.error ? `: ${sync.error}` : ''}.{' '}
          <button type="button" className="underline" onClick={() => void flushNow()}>
            retry now
          </button>
        </p>
      )}
      {needsToken && (
        <p className="mt-2">
          This server is private and your session has ended:{' '}
          <a data-testid="sign-in-link" className="underline" href={`/login?next=${encodeURIComponent(pathname)}`}>
            sign in
          </a>{' '}
          (the labels stay queued here and are sent afterwards).
        </p>
      )}
      {rejected.length > 0 && (
        <p className="text-red-700 dark:text-red-300">
          {rejected.length} label{rejected.length === 1 ? ' was' : 's were'} refused by the server: {rejected[0].reason} (doc {rejected[0].input.doc_id})
        </p>
      )}
    </section>
  );
}
