'use client';
import { useEffect, useRef, useState } from 'react';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { card } from '@/components/ui/card';
import type { Dataset } from '@/lib/data/dataset';
import type { SidecarReport } from '@/lib/data/sidecar';
import type { DataFile } from '@/lib/server/data-dir';
import { formatCount } from '@/lib/format/numbers';

/** "Add scores from another file": a Parquet/JSONL/CSV of id + score columns joined to the loaded documents by id. */
export function ScoreFilePanel({ dataset }: { dataset: Dataset }) {
  const addScoreFile = useDatasetStore((s) => s.addScoreFile);
  const [reports, setReports] = useState<SidecarReport[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [serverFiles, setServerFiles] = useState<DataFile[]>([]);
  const [serverPick, setServerPick] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    fetch('/api/files')
      .then((r) => (r.ok ? r.json() : { files: [] }))
      .then((d: { files: DataFile[] }) => setServerFiles(d.files), () => setServerFiles([]));
  }, []);
  // A new dataset starts without joined files.
  useEffect(() => setReports((r) => r.filter((x) => dataset.sidecars?.some((s) => s.file === x.file))), [dataset.prefix, dataset.sidecars]);

  const join = async (src: Parameters<typeof addScoreFile>[0]) => {
    setBusy(true);
    setError(null);
    try {
      const report = await addScoreFile(src);
      setReports((r) => [...r, report]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="score-file-heading" data-testid="score-file-panel" className={card('p-4')}>
      <h2 id="score-file-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
        Add scores from another file
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        A Parquet, JSONL or CSV file with an id column and score columns, joined to these documents by id: each numeric column becomes a selector. Ids without a partner are counted on both sides; an id repeated in the file is an error.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
        <button type="button" disabled={busy} onClick={() => input.current?.click()} className="rounded border border-zinc-300 px-3 py-1 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800">
          Choose a score file…
        </button>
        <input
          ref={input}
          data-testid="score-file-input"
          type="file"
          className="sr-only"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void join({ kind: 'file', name: file.name, file });
            e.target.value = '';
          }}
        />
        {serverFiles.length > 0 && (
          <>
            <span className="text-zinc-500">or from the data folder</span>
            <select data-testid="score-file-server" value={serverPick} onChange={(e) => setServerPick(e.target.value)} className="max-w-64 rounded border border-zinc-300 bg-white px-2 py-1 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950">
              <option value="">choose…</option>
              {serverFiles.map((f) => (
                <option key={f.path} value={f.path}>
                  {f.path}
                </option>
              ))}
            </select>
            <button
              type="button"
              data-testid="score-file-server-add"
              disabled={busy || !serverPick}
              onClick={async () => {
                const { serverFileSource } = await import('@/lib/browser/data-client');
                void join(serverFileSource(serverPick));
              }}
              className="rounded border border-zinc-300 px-3 py-1 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Join
            </button>
          </>
        )}
      </div>
      {busy && <p className="mt-2 text-sm text-zinc-500">Joining…</p>}
      {error && (
        <p data-testid="score-file-error" role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {reports.length > 0 && (
        <ul className="mt-2 space-y-1 text-sm" data-testid="score-file-reports">
          {reports.map((r) => (
            <li key={r.file} data-testid="score-file-report" data-matched={r.matched} data-missing={r.missingInSidecar} data-unknown={r.unknownIds}>
              <span className="font-mono text-xs">{r.file}</span> (by “{r.idColumn}”): {r.columns.join(', ')} — {formatCount(r.matched)} documents matched,{' '}
              <span className={r.missingInSidecar > 0 ? 'text-amber-700 dark:text-amber-400' : ''}>{formatCount(r.missingInSidecar)} without a row there (their scores are missing)</span>,{' '}
              <span className={r.unknownIds > 0 ? 'text-amber-700 dark:text-amber-400' : ''}>{formatCount(r.unknownIds)} of its {formatCount(r.rows)} rows name no document</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
