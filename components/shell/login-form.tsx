'use client';
import { useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { card } from '@/components/ui/card';

/** Only paths of this site: `next` comes from the URL, so it must not send the browser elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/data';
}

function Form() {
  const params = useSearchParams();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className={card('mx-auto mt-16 max-w-md p-6')}>
      <h1 className="text-lg font-semibold">Sign in to this Sift server</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        This server is private: its corpora and labels need the token it was started with (<code>SIFT_TOKEN</code>). Ask whoever runs it.
      </p>
      <form
        className="mt-4 flex flex-col gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const res = await fetch('/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: token.trim() }) });
            if (res.ok) {
              window.location.assign(safeNext(params.get('next')));
              return;
            }
            setError(((await res.json().catch(() => null)) as { error?: string } | null)?.error ?? `${res.status} ${res.statusText}`);
          } catch (err) {
            setError(`could not reach the server: ${(err as Error).message}`);
          }
          setBusy(false);
        }}
      >
        <label htmlFor="login-token" className="text-sm font-medium">
          Token
        </label>
        <input
          id="login-token"
          data-testid="login-token"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={token}
          onChange={(e) => setToken(e.target.value)}
          className="rounded border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-950"
        />
        <button type="submit" data-testid="login-submit" disabled={busy || token.trim() === ''} className="rounded bg-zinc-900 px-3 py-1.5 text-white disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        {error && (
          <p role="alert" data-testid="login-error" className="text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

/** The token form of a private server; the session it opens is an HttpOnly cookie. */
export function LoginForm() {
  return (
    <Suspense>
      <Form />
    </Suspense>
  );
}
