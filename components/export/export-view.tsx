'use client';
import { useEffect, useState } from 'react';
import { DropRatioControl } from '@/components/explore/drop-ratio-control';
import { ExploreFrame, type ExploreContext } from '@/components/explore/explore-frame';
import { SelectorBar } from '@/components/explore/selector-bar';
import { selectionParams } from '@/components/explore/selection-store';
import { useSelectionResult, withSelector } from '@/components/explore/use-selection';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { exportCommand, type ExportOptions } from '@/lib/export/command';
import type { ExportMode, ManifestFormat } from '@/lib/export/manifest';
import { formatBytes, formatCount } from '@/lib/format/numbers';

export function ExportView() {
  return <ExploreFrame>{(ctx) => <Export {...ctx} />}</ExploreFrame>;
}

let docIdsFor: { key: string; ready: Promise<void> } | null = null;

/** The selection worker needs doc_ids for manifests: read them once per dataset, when the page opens. */
function ensureDocIds(key: string): Promise<void> {
  if (docIdsFor?.key !== key) {
    const ready = (async () => {
      const [{ fetchDocIdsFast }, { selectionWorker }] = await Promise.all([import('@/lib/data/client'), import('@/lib/selection/client')]);
      const w = selectionWorker();
      if (!(await w.hasDocIds())) await w.setDocIds(await fetchDocIdsFast());
    })();
    docIdsFor = { key, ready };
    ready.catch(() => {
      if (docIdsFor?.ready === ready) docIdsFor = null;
    });
  }
  return docIdsFor.ready;
}

const field = 'mt-1 block rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';

function download(name: string, bytes: Uint8Array | string, type: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Export({ prepared, selector, view, update }: ExploreContext) {
  const dataset = useDatasetStore((s) => s.dataset)!;
  const { data: selection } = useSelectionResult(prepared, selector, view);
  const [mode, setMode] = useState<ExportMode>('threshold');
  const [format, setFormat] = useState<ManifestFormat>('jsonl');
  const [list, setList] = useState<'keep' | 'drop'>('keep');
  const [temperature, setTemperature] = useState('1');
  const [sample, setSample] = useState('');
  const [seed, setSeed] = useState('0');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<{ name: string; rows: number; bytes: number; ms: number } | null>(null);
  useEffect(() => {
    void ensureDocIds(prepared.key).catch(() => {});
  }, [prepared.key]);

  const base = `${selector.name}-${mode}${mode === 'threshold' ? `-${list}` : ''}`;
  const options: ExportOptions = {
    selector: selector.name,
    ratio: view.ratio,
    direction: selector.direction,
    perSource: view.perSource && Object.keys(view.perSource).length ? view.perSource : null,
    missing: view.missing,
    mode,
    temperature: mode === 'threshold' ? undefined : Number(temperature),
    sample: mode === 'boltzmann' && sample.trim() !== '' ? Number(sample) : undefined,
    seed: mode === 'boltzmann' ? Number(seed) : undefined,
    defines: dataset.derived ?? [],
    list,
    format,
    out: `${base}.${format}`,
  };
  const command = exportCommand(dataset.shards.map((s) => s.file), options);
  const invalid =
    (mode !== 'threshold' && !(Number(temperature) > 0)) ||
    (mode === 'boltzmann' && (!Number.isInteger(Number(seed)) || (sample.trim() !== '' && !(Number.isInteger(Number(sample)) && Number(sample) >= 0))));

  const run = async () => {
    setBusy('Computing the manifest…');
    setError(null);
    try {
      await ensureDocIds(prepared.key);
      const m = await withSelector(selector.name, selector.direction, async (w) => {
        return w.manifest(selector.name, {
          mode,
          params: selectionParams(view),
          list,
          temperature: options.temperature,
          sample: options.sample,
          seed: options.seed,
          format,
        });
      });
      download(options.out, m.bytes, format === 'csv' ? 'text/csv' : 'application/x-ndjson');
      setLast({ name: options.out, rows: m.rows, bytes: m.bytes.length, ms: m.ms });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const provenance = async () => {
    setBusy('Hashing the input files…');
    try {
      const { hashInputs } = await import('@/lib/data/client');
      const inputs = await hashInputs();
      const record = {
        sift_version: '0.1.0',
        created: new Date().toISOString(),
        command,
        dataset: { fingerprint: dataset.summary.fingerprint, rows: dataset.summary.rows, inputs },
        selector: { name: selector.name, kind: dataset.derived?.some((d) => d.name === selector.name) ? 'derived' : 'column', expression: dataset.derived?.find((d) => d.name === selector.name)?.expression ?? null, direction: selector.direction },
        defines: options.defines,
        selection: { drop_ratio: options.ratio, per_source: options.perSource, missing: options.missing, threshold: selection?.threshold ?? null, rule: 'docs/selection.md' },
        mode: { name: mode, temperature: options.temperature ?? null, sample: options.sample ?? null, seed: options.seed ?? null },
        list: mode === 'threshold' ? list : null,
        format,
        counts: selection
          ? { total: selection.total, kept: selection.kept, dropped: selection.dropped, without_score: selection.missing, per_source: selection.perSource.map((p) => ({ source: p.source, total: p.total, kept: p.kept, dropped: p.dropped })) }
          : null,
        manifest: { file: options.out },
      };
      download(`${base}.provenance.json`, JSON.stringify(record, null, 2) + '\n', 'application/json');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="space-y-4">
      <SelectorBar prepared={prepared} selector={selector} view={view} update={update} />
      <DropRatioControl view={view} update={update} result={selection} />
      <section className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 className="text-sm font-semibold">Manifest</h2>
        <div className="mt-2 flex flex-wrap items-end gap-4 text-sm">
          <label>
            mode
            <select data-testid="export-mode" value={mode} onChange={(e) => setMode(e.target.value as ExportMode)} className={field}>
              <option value="threshold">threshold: keep / drop list</option>
              <option value="softmax">softmax: a weight per document</option>
              <option value="boltzmann">boltzmann: sample K documents</option>
            </select>
          </label>
          {mode === 'threshold' && (
            <label>
              list
              <select data-testid="export-list" value={list} onChange={(e) => setList(e.target.value as 'keep' | 'drop')} className={field}>
                <option value="keep">kept documents</option>
                <option value="drop">dropped documents</option>
              </select>
            </label>
          )}
          {mode !== 'threshold' && (
            <label>
              temperature τ
              <input data-testid="export-temperature" value={temperature} onChange={(e) => setTemperature(e.target.value)} className={`${field} w-24`} />
            </label>
          )}
          {mode === 'boltzmann' && (
            <>
              <label>
                sample K
                <input data-testid="export-sample" value={sample} placeholder="all kept" onChange={(e) => setSample(e.target.value)} className={`${field} w-28`} />
              </label>
              <label>
                seed
                <input data-testid="export-seed" value={seed} onChange={(e) => setSeed(e.target.value)} className={`${field} w-20`} />
              </label>
            </>
          )}
          <label>
            format
            <select data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ManifestFormat)} className={field}>
              <option value="jsonl">JSONL</option>
              <option value="csv">CSV</option>
            </select>
          </label>
          <button type="button" data-testid="export-run" disabled={!!busy || invalid} onClick={() => void run()} className="rounded bg-zinc-900 px-3 py-1.5 text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900">
            Download {options.out}
          </button>
          <button type="button" data-testid="export-provenance" disabled={!!busy} onClick={() => void provenance()} className="rounded border border-zinc-300 px-3 py-1.5 disabled:opacity-40 dark:border-zinc-700">
            Download provenance
          </button>
        </div>
        {busy && <p className="mt-2 text-sm text-sky-700 dark:text-sky-300">{busy}</p>}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
        {last && (
          <p data-testid="export-done" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
            {last.name}: {formatCount(last.rows)} rows, {formatBytes(last.bytes)}, built in {last.ms.toFixed(0)} ms
          </p>
        )}
        <h3 className="mt-4 text-sm font-semibold">The same manifest from the command line</h3>
        <div className="mt-1 flex items-start gap-2">
          <pre data-testid="export-command" className="flex-1 overflow-x-auto whitespace-pre-wrap break-all rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">
            {command}
          </pre>
          <button type="button" data-testid="copy-command" onClick={() => void navigator.clipboard?.writeText(command)} className="rounded border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700">
            Copy
          </button>
        </div>
        <p className="mt-1 text-xs text-zinc-500">Run it where the input files are; `sift verify NAME.provenance.json` checks a manifest against its inputs. The page and the CLI write byte-identical manifests.</p>
      </section>
    </div>
  );
}
