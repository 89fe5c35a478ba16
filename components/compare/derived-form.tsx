'use client';
import { useState } from 'react';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { FUNCTIONS } from '@/lib/data/derived';
import { card } from '@/components/ui/card';

/** Define a selector as an expression over the others; it is saved with the dataset (per fingerprint). */
export function DerivedForm() {
  const dataset = useDatasetStore((s) => s.dataset);
  const defineDerived = useDatasetStore((s) => s.defineDerived);
  const removeDerived = useDatasetStore((s) => s.removeDerived);
  const warnings = useDatasetStore((s) => s.derivedWarnings);
  const [name, setName] = useState('');
  const [expression, setExpression] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!dataset) return null;
  const field = 'rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-950';
  return (
    <section aria-label="Derived selectors" className={card('p-4')}>
      <h2 className="text-sm font-semibold">Derived selectors</h2>
      <p className="mt-1 text-xs text-zinc-500">
        An expression over{' '}
        {dataset.mapping.scores.map((s, i) => (
          <span key={s}>
            <code>{s}</code>
            {i < dataset.mapping.scores.length - 1 ? ', ' : ''}
          </span>
        ))}
        , numbers, + − × / and{' '}
        {Object.keys(FUNCTIONS).join(', ')} — e.g. <code>loss_weak - loss_strong</code> or <code>(rank(a) + rank(b)) / 2</code>.
      </p>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const message = await defineDerived(name, expression);
          setBusy(false);
          setError(message);
          if (!message) {
            setName('');
            setExpression('');
          }
        }}
      >
        <label className="text-xs">
          name
          <input data-testid="derived-name" value={name} onChange={(e) => setName(e.target.value)} className={`${field} block w-40`} placeholder="ai_score" />
        </label>
        <label className="min-w-64 flex-1 text-xs">
          expression
          <input data-testid="derived-expression" value={expression} onChange={(e) => setExpression(e.target.value)} className={`${field} block w-full`} placeholder="loss_weak - loss_strong" />
        </label>
        <button type="submit" data-testid="derived-add" disabled={busy || !name || !expression} className="rounded bg-zinc-900 px-3 py-1.5 text-sm text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900">
          {busy ? 'Adding…' : 'Add selector'}
        </button>
      </form>
      {error && (
        <p role="alert" data-testid="derived-error" className="mt-2 font-mono text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {(dataset.derived ?? []).length > 0 && (
        <ul className="mt-2 space-y-1 text-sm" data-testid="derived-list">
          {dataset.derived!.map((d) => (
            <li key={d.name} className="flex items-center gap-2">
              <code className="font-semibold">{d.name}</code> = <code>{d.expression}</code>
              <button type="button" className="text-xs text-zinc-500 underline" onClick={() => void removeDerived(d.name)}>
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {warnings.map((w) => (
        <p key={w} className="mt-1 text-xs text-amber-700 dark:text-amber-400">
          {w}
        </p>
      ))}
    </section>
  );
}
