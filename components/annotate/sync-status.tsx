'use client';
import { useState } from 'react';
import { useAnnotationStore } from '@/components/stores/annotation-store';
import { formatCount } from '@/lib/format/numbers';

/** Labels waiting for the server, and why; never silent. */
export function SyncStatus() {
  const { pending, rejected, sync, flushNow } = useAnnotationStore();
  const [token, setToken] = useState('');
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
        <form
          className="mt-2 flex items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            localStorage.setItem('sift.token', token.trim());
            void flushNow();
          }}
        >
          <label htmlFor="sift-token">Server token:</label>
          <input id="sift-token" data-testid="token-input" type="password" value={token} onChange={(e) => setToken(e.target.value)} className="rounded border border-zinc-300 bg-white px-2 py-0.5 dark:border-zinc-700 dark:bg-zinc-950" />
          <button type="submit" className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700">
            Save and send
          </button>
        </form>
      )}
      {rejected.length > 0 && (
        <p className="text-red-700 dark:text-red-300">
          {rejected.length} label{rejected.length === 1 ? ' was' : 's were'} refused by the server: {rejected[0].reason} (doc {rejected[0].input.doc_id})
        </p>
      )}
    </section>
  );
}
