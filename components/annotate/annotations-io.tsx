'use client';
import { useState } from 'react';
import { useAnnotationStore } from '@/components/stores/annotation-store';
import { parseAnnotationImport } from '@/lib/annotations/jsonl';
import { formatCount } from '@/lib/format/numbers';
import { card } from '@/components/ui/card';

/** Export the current labels as JSONL; import a JSONL file of labels. */
export function AnnotationsIo({ dataset }: { dataset: string }) {
  const flushNow = useAnnotationStore((s) => s.flushNow);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    try {
      const inputs = await parseAnnotationImport(await file.text(), file.name, dataset);
      const { enqueue } = await import('@/lib/browser/annotations-client');
      // Batches of 5,000, each one transaction on the server.
      for (let i = 0; i < inputs.length; i += 5000) await enqueue(inputs.slice(i, i + 5000), crypto.randomUUID());
      await flushNow();
      const { pendingLabels } = await import('@/lib/browser/annotations-client');
      const left = (await pendingLabels()).length;
      setMessage({ ok: left === 0, text: `${file.name}: ${formatCount(inputs.length)} labels imported${left ? ` (${formatCount(left)} still waiting for the server)` : ''}; the page reloads the labels.` });
      useAnnotationStore.setState({ dataset: null });
      await useAnnotationStore.getState().open(dataset);
    } catch (e) {
      setMessage({ ok: false, text: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <section className={card('flex flex-wrap items-center gap-3 p-4 text-sm')}>
      <h2 className="text-sm font-semibold">Annotations file</h2>
      <a data-testid="annotations-export" href={`/api/annotations?dataset=${encodeURIComponent(dataset)}&format=jsonl`} download={`annotations-${dataset.slice(0, 12)}.jsonl`} className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700">
        Export current labels (JSONL)
      </a>
      <a href={`/api/annotations/history?dataset=${encodeURIComponent(dataset)}&format=jsonl`} download={`annotation-history-${dataset.slice(0, 12)}.jsonl`} className="rounded border border-zinc-300 px-2 py-1 dark:border-zinc-700">
        Export the history
      </a>
      <label className="flex items-center gap-2">
        Import
        <input type="file" accept=".jsonl,.json,.ndjson" data-testid="annotations-import" onChange={(e) => void importFile(e.target.files?.[0])} className="text-xs file:mr-2 file:rounded file:border file:border-zinc-300 file:bg-white file:px-2 file:py-1 dark:file:border-zinc-700 dark:file:bg-zinc-950" />
      </label>
      {message && (
        <p data-testid="import-message" role={message.ok ? undefined : 'alert'} className={`w-full ${message.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-300'}`}>
          {message.text}
        </p>
      )}
      <p className="w-full text-xs text-zinc-500">The export is what `sift export --annotations FILE` and the Export page read to force labelled documents in or out.</p>
    </section>
  );
}
