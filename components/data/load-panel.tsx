'use client';
import { useEffect, useRef, useState } from 'react';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { SUPPORTED_EXTENSIONS } from '@/lib/data/formats';
import type { DataFile } from '@/lib/server/data-dir';
import { formatBytes } from '@/lib/format/numbers';
import { card } from '@/components/ui/card';

/** Where a corpus comes from: local files (picker or drop), the server's data folder, or the demo. */
export function LoadPanel() {
  const load = useDatasetStore((s) => s.load);
  const openOnServer = useDatasetStore((s) => s.openOnServer);
  const loading = useDatasetStore((s) => s.loading);
  const engine = useDatasetStore((s) => s.engine);
  const [skipBad, setSkipBad] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [serverFiles, setServerFiles] = useState<DataFile[] | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const input = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  // React has no typed prop for it: a folder picker is an input with webkitdirectory.
  useEffect(() => folderInput.current?.setAttribute('webkitdirectory', ''), []);

  // Loading here needs the tab's DuckDB, which a dataset opened on the server left idle.
  const startEngine = useDatasetStore((s) => s.startEngine);
  useEffect(() => {
    void startEngine();
  }, [startEngine]);

  useEffect(() => {
    fetch('/api/files')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`${r.status} ${r.statusText}`))))
      .then((d: { files: DataFile[] }) => setServerFiles(d.files))
      .catch((e: Error) => setServerError(e.message));
  }, []);

  const policy = skipBad ? 'skip' : 'error';
  const loadFiles = (files: File[]) => {
    if (files.length === 0) return;
    // A folder's files carry their path in it: the layout (Dolma root, exclusion folders) is read from it.
    const folder = files[0].webkitRelativePath ? files[0].webkitRelativePath.split('/')[0] : null;
    // A folder's files in path order, as the CLI reads a folder (the order is the dataset's row order).
    const ordered = folder ? [...files].sort((a, b) => (a.webkitRelativePath < b.webkitRelativePath ? -1 : 1)) : files;
    const sources = ordered.map((file) => ({ kind: 'file' as const, name: file.name, file, path: file.webkitRelativePath || file.name }));
    void load(sources, folder ? `folder ${folder} (${files.length} files)` : files.map((f) => f.name).join(', '), null, policy);
  };
  const folders = serverFolders(serverFiles ?? []);
  const loadServer = async (paths: string[], label = paths.join(', '), folder?: string) => {
    const { serverFileSource } = await import('@/lib/browser/data-client');
    void load(paths.map(serverFileSource), label, { kind: 'server', paths, label, ...(folder ? { folder } : {}) }, policy);
  };
  const loadDemo = async () => {
    const { demoSource } = await import('@/lib/browser/data-client');
    void load([demoSource()], 'demo corpus', { kind: 'demo' }, policy);
  };

  return (
    <section aria-labelledby="load-heading" className={card('p-4')}>
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="load-heading" className="text-sm font-semibold uppercase tracking-wide text-zinc-500">
          Load a corpus
        </h2>
        <span data-testid="engine-status" data-status={engine.status} className="text-xs text-zinc-500" title={engine.status === 'failed' ? engine.message : engine.status === 'ready' ? `DuckDB-wasm build: ${engine.bundle === 'eh' ? 'eh (WebAssembly exceptions)' : engine.bundle}` : undefined}>
          {(engine.status === 'starting' || engine.status === 'idle') && 'starting DuckDB…'}
          {engine.status === 'ready' && `DuckDB ready in ${(engine.ms / 1000).toFixed(1)} s`}
          {engine.status === 'failed' && <span className="text-red-700 dark:text-red-300">DuckDB failed to start: {engine.message}</span>}
        </span>
      </div>
      <div data-testid="demo-card" className="mt-3 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-900 dark:bg-emerald-950">
        <p className="text-zinc-700 dark:text-zinc-300">
          New here? The demo corpus: 24,384 documents from 8 sources, junk of every kind mixed in, and demo stand-ins for DataRater, AttentionInfluence, MATES and perplexity scores.
        </p>
        <button
          type="button"
          data-testid="load-demo"
          disabled={loading || engine.status !== 'ready'}
          onClick={() => void loadDemo()}
          className="mt-2 rounded bg-emerald-700 px-3 py-1.5 font-medium text-white hover:bg-emerald-600 disabled:opacity-60"
        >
          {engine.status === 'starting' || engine.status === 'idle' ? 'Load the demo corpus (starting DuckDB…)' : loading ? 'Load the demo corpus (a load is running…)' : 'Load the demo corpus'}
        </button>
      </div>
      <div
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          loadFiles([...e.dataTransfer.files]);
        }}
        className={`mt-3 flex flex-col items-center justify-center gap-2 rounded-md border-2 border-dashed p-6 text-center text-sm ${
          dragging ? 'border-emerald-500 bg-emerald-50 dark:bg-emerald-950' : 'border-zinc-300 dark:border-zinc-700'
        }`}
      >
        <p className="text-zinc-700 dark:text-zinc-300">Drop files here: several shards of one corpus load as one dataset.</p>
        <button
          type="button"
          disabled={loading}
          onClick={() => input.current?.click()}
          className="rounded bg-zinc-900 px-3 py-1.5 text-white hover:bg-zinc-700 disabled:opacity-50 dark:bg-zinc-100 dark:text-zinc-900"
        >
          Choose files…
        </button>
        <button
          type="button"
          disabled={loading}
          onClick={() => folderInput.current?.click()}
          className="rounded border border-zinc-300 px-3 py-1.5 hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
        >
          Choose a folder…
        </button>
        <input
          ref={folderInput}
          data-testid="folder-input"
          type="file"
          multiple
          className="sr-only"
          onChange={(e) => {
            loadFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <input
          ref={input}
          data-testid="file-input"
          type="file"
          multiple
          accept={SUPPORTED_EXTENSIONS.join(',')}
          className="sr-only"
          onChange={(e) => {
            loadFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <p className="text-xs text-zinc-500">JSONL (.jsonl, .ndjson, .jsonl.gz), CSV, TSV, Parquet; a folder as its pipeline wrote it (Dolma, DataTrove, Data-Juicer)</p>
      </div>
      <label className="mt-3 flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
        <input type="checkbox" data-testid="skip-bad-lines" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} />
        Skip malformed JSONL lines (they are counted and reported)
      </label>
      <h3 className="mt-4 text-sm font-medium text-zinc-800 dark:text-zinc-200">Server data folder</h3>
      {serverError && <p className="mt-2 text-sm text-red-700 dark:text-red-300">Could not list the data folder: {serverError}</p>}
      {serverFiles && serverFiles.length === 0 && (
        <p className="mt-2 text-sm text-zinc-500">
          No corpus files in the data folder. Put files in <code>./data</code> (or set <code>SIFT_DATA_DIR</code>) to load them from here.
        </p>
      )}
      {folders.length > 0 && (
        <ul data-testid="server-folders" className="mt-2 flex flex-wrap gap-2 text-sm">
          {folders.map((f) => (
            <li key={f.path} className="inline-flex max-w-full items-center">
              <button
                type="button"
                data-testid={`open-folder-${f.path}`}
                disabled={loading}
                title={`Load the ${f.files.length} files under ${f.path}/ as their layout says (Dolma root, DataTrove run, Data-Juicer tracer, or shards)`}
                onClick={() => void loadServer(f.files, `folder ${f.path}`, f.path)}
                className="min-w-0 truncate rounded border border-zinc-300 px-2 py-0.5 font-mono text-xs hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
              >
                {f.path}/ ({f.files.length} files)
              </button>
              <button
                type="button"
                data-testid={`server-open-${f.path}`}
                disabled={loading}
                title={`Open ${f.path}/ on the server: its DuckDB reads the files and answers every view; this tab holds no rows (for corpora larger than a tab)`}
                onClick={() => void openOnServer(f.path)}
                className="ml-1 shrink-0 whitespace-nowrap rounded border border-sky-300 px-2 py-0.5 text-xs text-sky-800 hover:bg-sky-50 disabled:opacity-50 dark:border-sky-800 dark:text-sky-300 dark:hover:bg-sky-950"
              >
                on the server
              </button>
            </li>
          ))}
        </ul>
      )}
      {serverFiles && serverFiles.length > 0 && (
        <div className="mt-2">
          <ul data-testid="server-files" className="max-h-56 overflow-auto rounded border border-zinc-200 text-sm dark:border-zinc-800">
            {serverFiles.map((f) => (
              <li key={f.path} className="flex items-center gap-2 border-b border-zinc-100 px-2 py-1 last:border-0 dark:border-zinc-800">
                <input
                  type="checkbox"
                  aria-label={`select ${f.path}`}
                  checked={picked.has(f.path)}
                  onChange={(e) => {
                    const next = new Set(picked);
                    if (e.target.checked) next.add(f.path);
                    else next.delete(f.path);
                    setPicked(next);
                  }}
                />
                <button type="button" disabled={loading} className="truncate text-left font-mono text-xs hover:underline" onClick={() => void loadServer([f.path])}>
                  {f.path}
                </button>
                <span className="ml-auto shrink-0 text-xs text-zinc-500">{formatBytes(f.size)}</span>
                <button
                  type="button"
                  data-testid={`server-open-${f.path}`}
                  disabled={loading}
                  title={`Open ${f.path} on the server: its DuckDB reads the file and answers every view; this tab holds no rows`}
                  onClick={() => void openOnServer(f.path)}
                  className="shrink-0 rounded px-1 text-xs text-sky-800 hover:underline disabled:opacity-50 dark:text-sky-300"
                >
                  on the server
                </button>
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={loading || picked.size === 0}
            onClick={() => void loadServer([...picked].sort())}
            className="mt-2 rounded border border-zinc-300 px-3 py-1 text-sm hover:bg-zinc-100 disabled:opacity-50 dark:border-zinc-700 dark:hover:bg-zinc-800"
          >
            Load {picked.size || ''} selected as one dataset
          </button>
        </div>
      )}
    </section>
  );
}

/** The data folder's sub-folders (two levels deep) with the files under each: "open folder" buttons. */
function serverFolders(files: DataFile[]): Array<{ path: string; files: string[] }> {
  const folders = new Map<string, string[]>();
  for (const f of files) {
    const parts = f.path.split('/');
    for (let depth = 1; depth <= Math.min(2, parts.length - 1); depth++) {
      const key = parts.slice(0, depth).join('/');
      folders.set(key, [...(folders.get(key) ?? []), f.path]);
    }
  }
  // Files in plain path order, as the CLI reads a folder (the order is the dataset's row order).
  return [...folders].map(([path, list]) => ({ path, files: list.sort() })).sort((a, b) => a.path.localeCompare(b.path));
}
