'use client';
import { useEffect, useState } from 'react';
import { DropRatioControl } from '@/components/explore/drop-ratio-control';
import { ExploreFrame, type ExploreContext } from '@/components/explore/explore-frame';
import { SelectorBar } from '@/components/explore/selector-bar';
import { useSelectionResult, withSelector } from '@/components/explore/use-selection';
import { ensureDocIds } from '@/lib/browser/selection-client';
import { useDatasetStore } from '@/components/stores/dataset-store';
import { commandInputs, exportCommand, exportCommandLines, type ExportOptions } from '@/lib/export/command';
import { definitionsFor } from '@/lib/data/derived';
import { byteLength, type ExportMode, type ManifestFormat } from '@/lib/export/manifest';
import { parseAnnotationRecords } from '@/lib/annotations/jsonl';
import type { AnnotationRecord, OverridePolicy } from '@/lib/export/overrides';
import { sha256Hex } from '@/lib/util/sha256';
import { buildProvenance, skippedLines } from '@/lib/export/provenance';
import { isEmptyFilter, type ExportFilter } from '@/lib/export/scope';
import { SCORER_VERSION } from '@/lib/scoring/names';
import { formatBytes, formatCount } from '@/lib/format/numbers';
import { card } from '@/components/ui/card';

export function ExportView() {
  return <ExploreFrame>{(ctx) => <Export {...ctx} />}</ExploreFrame>;
}

const field = 'mt-1 block rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-950';

const MIME: Record<ManifestFormat, string> = { jsonl: 'application/x-ndjson', csv: 'text/csv', parquet: 'application/vnd.apache.parquet' };

type SavePicker = (options: { suggestedName: string }) => Promise<{ createWritable: () => Promise<{ write: (b: Uint8Array) => Promise<void>; close: () => Promise<void> }> }>;
const savePicker = (): SavePicker | null => (typeof window !== 'undefined' && 'showSaveFilePicker' in window ? ((window as unknown as { showSaveFilePicker: SavePicker }).showSaveFilePicker) : null);

/** A download of chunks (the browser assembles the Blob without one big copy in script). */
function download(name: string, chunks: Uint8Array[], type: string) {
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Writes chunks to a file the user picks, one chunk at a time (File System Access API). */
async function saveToFile(picker: SavePicker, name: string, chunks: Uint8Array[]): Promise<boolean> {
  let handle;
  try {
    handle = await picker({ suggestedName: name });
  } catch {
    return false; // the user closed the dialog
  }
  const writable = await handle.createWritable();
  for (const c of chunks) await writable.write(c);
  await writable.close();
  return true;
}

interface LoadedAnnotations {
  name: string;
  bytes: number;
  sha256: string;
  records: AnnotationRecord[];
  annotators: string[];
}

/** The data folder relative to the project, as the server names it (null: elsewhere; commands say $SIFT_DATA_DIR). */
function useDataFolder(needed: boolean): string | null {
  const [folder, setFolder] = useState<string | null>(null);
  useEffect(() => {
    if (!needed) return;
    fetch('/api/files')
      .then((r) => (r.ok ? (r.json() as Promise<{ folder: string | null }>) : null))
      .then((body) => setFolder(body?.folder ?? null))
      .catch(() => setFolder(null));
  }, [needed]);
  return folder;
}

function Export({ prepared, selector, view, update }: ExploreContext) {
  const dataset = useDatasetStore((s) => s.dataset)!;
  const source = useDatasetStore((s) => s.source);
  const dataFolder = useDataFolder(source?.kind === 'server' || source?.kind === 'engine' || (dataset.sidecars ?? []).some((s) => s.dataFolderPath));
  const { data: selection } = useSelectionResult(prepared, selector, view);
  const [mode, setMode] = useState<ExportMode>('threshold');
  const [format, setFormat] = useState<ManifestFormat>('jsonl');
  const [list, setList] = useState<'keep' | 'drop'>('keep');
  const [corpus, setCorpus] = useState(false);
  const [temperature, setTemperature] = useState('1');
  const [sample, setSample] = useState('');
  const [seed, setSeed] = useState('0');
  const [penalty, setPenalty] = useState('');
  const [useFilter, setUseFilter] = useState(false);
  const [annotations, setAnnotations] = useState<LoadedAnnotations | null>(null);
  const [policy, setPolicy] = useState<OverridePolicy>({ apply: 'both', annotator: null });
  const [streamToFile, setStreamToFile] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [last, setLast] = useState<{ name: string; rows: number; bytes: number; ms: number; note: string; provenance: object } | null>(null);
  useEffect(() => {
    void ensureDocIds(prepared.key).catch(() => {});
  }, [prepared.key]);

  const filter: ExportFilter = { sources: view.sources, tag: view.tag, scoreMin: view.scoreMin, scoreMax: view.scoreMax };
  const filterOn = useFilter && !isEmptyFilter(filter);
  const effectiveFormat: ManifestFormat = corpus && format === 'csv' ? 'jsonl' : format;
  const base = `${selector.name}-${mode}${mode === 'threshold' ? `-${list}` : ''}${corpus ? '-corpus' : ''}`;
  const penaltyValue = mode === 'boltzmann' && penalty.trim() !== '' ? Number(penalty) : null;
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
    dedupPenalty: penaltyValue || null,
    // Only what the exported selector reads: other definitions may name columns the files do not have.
    defines: definitionsFor(selector.name, dataset.derived ?? []),
    list,
    format: effectiveFormat,
    corpus,
    filter: filterOn ? filter : null,
    annotations: annotations ? { file: annotations.name, ...policy } : null,
    // A load that skipped malformed lines is reproduced only by a load that skips them too.
    skipBadLines: dataset.shards.some((s) => (s.badLines?.count ?? 0) > 0) || undefined,
    // Score files joined on the Data page: the command joins them again (--scores).
    scores: (dataset.sidecars ?? []).map((s) => (s.dataFolderPath ? `${dataFolder ?? '$SIFT_DATA_DIR'}/${s.dataFolderPath}` : s.file)),
    out: `${base}.${effectiveFormat}`,
  };
  // A server dataset's path is what `sift export` reads: the same files, the same layout.
  const inputs = commandInputs(source?.kind === 'engine' ? { kind: 'server', paths: [source.path], folder: source.path } : source, dataset.shards.map((s) => s.file), dataFolder);
  const command = exportCommand(inputs, options);
  const commandShown = exportCommandLines(inputs, options);
  const model = dataset.models?.find((m) => m.selectors.includes(selector.name)) ?? null;
  const computed = (dataset.computed?.selectors.includes(selector.name) ?? false) || model !== null;
  const scorer = model ? `model ${model.name} sha256:${model.hash.slice(0, 16)}` : SCORER_VERSION;
  const invalid =
    (mode !== 'threshold' && !(Number(temperature) > 0)) ||
    (mode === 'boltzmann' && (!Number.isInteger(Number(seed)) || (sample.trim() !== '' && !(Number.isInteger(Number(sample)) && Number(sample) >= 0)))) ||
    (penaltyValue !== null && !(penaltyValue >= 0));

  const loadAnnotations = async (file: File | undefined) => {
    setError(null);
    if (!file) return setAnnotations(null);
    try {
      const text = await file.text();
      const records = parseAnnotationRecords(text, file.name);
      const encoded = new TextEncoder().encode(text);
      setAnnotations({ name: file.name, bytes: encoded.length, sha256: await sha256Hex([encoded]), records, annotators: [...new Set(records.map((r) => r.annotator))].sort() });
    } catch (e) {
      setAnnotations(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const run = async () => {
    setBusy('Computing…');
    setError(null);
    try {
      await ensureDocIds(prepared.key);
      const client = await import('@/lib/browser/data-client');
      const { selectionWorker } = await import('@/lib/browser/selection-client');
      const w = selectionWorker();
      if (options.dedupPenalty && !(await w.hasSignatures())) {
        const n = dataset.summary.rows;
        const { forEachTextBatch } = await import('@/lib/export/inputs');
        await forEachTextBatch(n, client.fetchTextRange, (start, texts) => w.addSignatureTexts(start, texts), (start) =>
          setBusy(`Near-duplicate signatures: ${formatCount(start)} of ${formatCount(n)} documents…`),
        );
      }
      setBusy(corpus ? 'Reading the input files and writing the corpus…' : 'Computing the manifest…');
      const tagRows = options.filter?.tag ? await client.tagMask(options.filter.tag) : null;
      const corpusInput = corpus ? { sources: client.activeInputSources(), locations: await client.fetchRowLocationsActive() } : null;
      const m = await withSelector(selector.name, selector.direction, (sw) =>
        sw.export(selector.name, options, {
          tagRows,
          annotations: annotations ? { records: annotations.records, fingerprint: dataset.summary.fingerprint } : null,
          corpus: corpusInput,
        }),
      );
      const bytes = byteLength(m.chunks);
      const picker = savePicker();
      if (streamToFile && picker) {
        if (!(await saveToFile(picker, options.out, m.chunks))) return;
      } else download(options.out, m.chunks, MIME[effectiveFormat]);
      setBusy('Hashing the input files for the provenance record…');
      const inputs = await client.hashInputs();
      const derived = dataset.derived?.find((d) => d.name === selector.name);
      const provenance = buildProvenance({
        options,
        command,
        fingerprint: dataset.summary.fingerprint,
        rows: dataset.summary.rows,
        inputs,
        skippedLines: skippedLines(options.skipBadLines, dataset.shards),
        selector: { kind: derived ? 'derived' : computed ? 'computed' : 'column', expression: derived?.expression ?? null, direction: selector.direction, scorer: computed ? scorer : null },
        selection: m.selection,
        result: m,
        annotationsFile: annotations ? { name: annotations.name, bytes: annotations.bytes, sha256: annotations.sha256 } : null,
        manifest: { file: options.out, bytes, sha256: await sha256Hex(m.chunks) },
      });
      const notes = [
        m.overrides ? `${m.counts.forcedKeep} forced in, ${m.counts.forcedDrop} forced out by labels` : '',
        options.filter ? `${formatCount(m.counts.inScope)} documents match the filter` : '',
        m.duplicates ? `${formatCount(m.duplicates.documents)} documents in ${formatCount(m.duplicates.clusters)} near-duplicate clusters` : '',
      ].filter(Boolean);
      setLast({ name: options.out, rows: m.rows, bytes, ms: m.ms, note: notes.join('; '), provenance });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const filterText = [
    filter.sources.length ? `sources ${filter.sources.map((s) => s || '(none)').join(', ')}` : '',
    filter.tag ? `tag ${filter.tag}` : '',
    filter.scoreMin !== null || filter.scoreMax !== null ? `${selector.name} in [${filter.scoreMin ?? '−∞'}, ${filter.scoreMax ?? '∞'}]` : '',
  ].filter(Boolean);

  return (
    <div className="space-y-4">
      <SelectorBar prepared={prepared} selector={selector} view={view} update={update} />
      <DropRatioControl view={view} update={update} result={selection} />
      <section className={card('p-4')}>
        <h2 className="text-sm font-semibold">Export</h2>
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
              <label title="Near-duplicate clusters (MinHash): the k-th best copy's score is lowered by k × P. Empty = off.">
                redundancy penalty P
                <input data-testid="export-penalty" value={penalty} placeholder="off" onChange={(e) => setPenalty(e.target.value)} className={`${field} w-24`} />
              </label>
            </>
          )}
          <label>
            write
            <select data-testid="export-what" value={corpus ? 'corpus' : 'manifest'} onChange={(e) => setCorpus(e.target.value === 'corpus')} className={field}>
              <option value="manifest">doc_ids (manifest)</option>
              <option value="corpus">the documents (all columns)</option>
            </select>
          </label>
          <label>
            format
            <select data-testid="export-format" value={effectiveFormat} onChange={(e) => setFormat(e.target.value as ManifestFormat)} className={field}>
              <option value="jsonl">JSONL</option>
              {!corpus && <option value="csv">CSV</option>}
              <option value="parquet">Parquet</option>
            </select>
          </label>
        </div>

        <div className="mt-3 grid gap-3 text-sm md:grid-cols-2">
          <fieldset className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
            <legend className="px-1 text-xs text-zinc-500">Browse filters</legend>
            <label className="flex items-center gap-2">
              <input type="checkbox" data-testid="export-use-filter" checked={useFilter} disabled={filterText.length === 0} onChange={(e) => setUseFilter(e.target.checked)} />
              {filterText.length ? <span>only documents with {filterText.join('; ')}</span> : <span className="text-zinc-500">no source, tag or score filter is set on Browse</span>}
            </label>
            <p className="mt-1 text-xs text-zinc-500">The drop ratio is still computed over all documents; the filter narrows what is written. Text search and “dropped only” are not applied.</p>
          </fieldset>
          <fieldset className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
            <legend className="px-1 text-xs text-zinc-500">Overrides from annotations (JSONL)</legend>
            <input type="file" accept=".jsonl,.json,.ndjson" data-testid="export-annotations" onChange={(e) => void loadAnnotations(e.target.files?.[0])} className="text-xs file:mr-2 file:rounded file:border file:border-zinc-300 file:bg-white file:px-2 file:py-1 dark:file:border-zinc-700 dark:file:bg-zinc-950" />
            {annotations && (
              <div className="mt-2 flex flex-wrap items-end gap-3">
                <span data-testid="export-annotations-summary" className="text-xs text-zinc-600 dark:text-zinc-400">
                  {formatCount(annotations.records.length)} labels by {annotations.annotators.length} annotator{annotations.annotators.length === 1 ? '' : 's'}
                </span>
                <label>
                  labels act as
                  <select data-testid="export-override" value={policy.apply} onChange={(e) => setPolicy({ ...policy, apply: e.target.value as OverridePolicy['apply'] })} className={field}>
                    <option value="both">drop forces out, keep forces in</option>
                    <option value="drop">drop forces out</option>
                    <option value="keep">keep forces in</option>
                  </select>
                </label>
                <label>
                  whose
                  <select data-testid="export-annotator" value={policy.annotator ?? ''} onChange={(e) => setPolicy({ ...policy, annotator: e.target.value || null })} className={field}>
                    <option value="">majority of annotators</option>
                    {annotations.annotators.map((a) => (
                      <option key={a} value={a}>
                        {a}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
            )}
          </fieldset>
        </div>

        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          <button type="button" data-testid="export-run" disabled={!!busy || invalid} onClick={() => void run()} className="rounded bg-zinc-900 px-3 py-1.5 text-white disabled:opacity-40 dark:bg-zinc-100 dark:text-zinc-900">
            Export {options.out}
          </button>
          <button
            type="button"
            data-testid="export-provenance"
            disabled={!last}
            title={last ? undefined : 'Export first: the record holds the file’s hash and counts'}
            onClick={() => last && download(`${last.name.replace(/\.[^.]+$/, '')}.provenance.json`, [new TextEncoder().encode(JSON.stringify(last.provenance, null, 2) + '\n')], 'application/json')}
            className="rounded border border-zinc-300 px-3 py-1.5 disabled:opacity-40 dark:border-zinc-700"
          >
            Download provenance
          </button>
          {savePicker() && (
            <label className="flex items-center gap-1.5">
              <input type="checkbox" data-testid="export-stream" checked={streamToFile} onChange={(e) => setStreamToFile(e.target.checked)} /> save to a file I choose (streamed)
            </label>
          )}
        </div>
        {busy && <p className="mt-2 text-sm text-sky-700 dark:text-sky-300">{busy}</p>}
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
        {last && (
          <p data-testid="export-done" className="mt-2 text-sm text-emerald-700 dark:text-emerald-400">
            {last.name}: {formatCount(last.rows)} rows, {formatBytes(last.bytes)}, built in {last.ms.toFixed(0)} ms{last.note ? ` (${last.note})` : ''}
          </p>
        )}
        <h3 className="mt-4 text-sm font-semibold">The same file from the command line</h3>
        <div className="mt-1 flex items-start gap-2">
          <pre data-testid="export-command" className="min-w-0 flex-1 overflow-x-auto whitespace-pre rounded bg-zinc-100 p-2 font-mono text-xs dark:bg-zinc-800">
            {commandShown}
          </pre>
          <button type="button" data-testid="copy-command" onClick={() => void navigator.clipboard?.writeText(commandShown)} className="rounded border border-zinc-300 px-2 py-1 text-xs dark:border-zinc-700">
            Copy
          </button>
        </div>
        <p className="mt-1 text-xs text-zinc-500">
          {source ? 'Run it from the Sift project folder' : 'Run it where the input files are'}
          {annotations ? ' (with the annotations file beside you)' : ''}; `sift verify NAME.provenance.json` checks a file against its inputs. The page and the CLI write byte-identical files.
          {computed && ` ${selector.name} was computed in this browser (${model ? scorer : `scorer ${SCORER_VERSION}`}): the CLI needs that column in its input: run \`sift score${model ? ' --model …' : ''}\`, join its output to the input by doc_id, and export from the joined file.`}
        </p>
      </section>
    </div>
  );
}
