'use client';
import { useEffect, useState } from 'react';
import { useAnnotationStore } from '@/components/stores/annotation-store';
import type { Label } from '@/lib/annotations/types';
import { formatCount } from '@/lib/format/numbers';
import { ensureDocIds, selectionWorker } from '@/lib/browser/selection-client';
import type { RowOrder } from '@/lib/browser/row-order';

/**
 * Labels every document the Browse filter matches, after a confirmation that
 * shows the count; one batch on the server and one undo for all of it.
 */
export function BulkLabel({ rows, fingerprint, preparedKey, filtered }: { rows: RowOrder | null; fingerprint: string; preparedKey: string; filtered: boolean }) {
  const { annotator, open, apply, undoLast, undo } = useAnnotationStore();
  const [label, setLabel] = useState<Label>('drop');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ n: number; label: Label } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void open(fingerprint);
  }, [fingerprint, open]);
  // Offered only for a filter: labelling the whole corpus with one click is never what a person means.
  if (!annotator || !rows || (!filtered && !done)) return null;
  const run = async () => {
    setBusy(true);
    try {
      await ensureDocIds(preparedKey);
      const ids = await selectionWorker().docIdsOf(await rows.all());
      await apply(ids, { label });
      setDone({ n: ids.length, label });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 dark:text-zinc-400">
      {!confirming ? (
        <>
          <span>Label all {formatCount(rows.length)} matching documents as</span>
          <select data-testid="bulk-label" value={label} onChange={(e) => setLabel(e.target.value as Label)} className="rounded border border-zinc-300 bg-white px-1 dark:border-zinc-700 dark:bg-zinc-950">
            <option value="drop">drop</option>
            <option value="keep">keep</option>
            <option value="unsure">unsure</option>
          </select>
          <button type="button" data-testid="bulk-start" disabled={rows.length === 0} onClick={() => setConfirming(true)} className="rounded border border-zinc-300 px-2 py-0.5 disabled:opacity-40 dark:border-zinc-700">
            Label…
          </button>
        </>
      ) : (
        <span role="alertdialog" aria-label="confirm bulk label" className="flex items-center gap-2 rounded border border-amber-400 bg-amber-50 px-2 py-1 dark:bg-amber-950">
          Label {formatCount(rows.length)} documents as <b>{label}</b>, signed {annotator}? (one undo reverts all of them)
          <button type="button" data-testid="bulk-confirm" disabled={busy} onClick={() => void run()} className="rounded bg-zinc-900 px-2 py-0.5 text-white dark:bg-zinc-100 dark:text-zinc-900">
            {busy ? 'labelling…' : 'Label them'}
          </button>
          <button type="button" onClick={() => setConfirming(false)} className="rounded border border-zinc-300 px-2 py-0.5 dark:border-zinc-700">
            Cancel
          </button>
        </span>
      )}
      {done && (
        <span data-testid="bulk-done">
          {formatCount(done.n)} labelled {done.label}.{' '}
          {undo.length > 0 && (
            <button type="button" data-testid="bulk-undo" onClick={() => void undoLast().then(() => setDone(null))} className="underline">
              Undo
            </button>
          )}
        </span>
      )}
    </div>
  );
}
