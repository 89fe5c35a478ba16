import { createHash } from 'node:crypto';
import { createWriteStream, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { addDerivedSelector } from '../data/dataset';
import { formatFromName } from '../data/formats';
import { buildTextRangeQuery } from '../data/sql/browse';
import { buildExport, needsParquet, needsSignatures } from '../export/build';
import { exportCommand, type ExportOptions } from '../export/command';
import { byteLength, firstDifference } from '../export/manifest';
import { computeSignatures, fetchRowLocations, fetchTagRows } from '../export/inputs';
import { sha256File } from './run/work';
import { parseAnnotationRecords } from '../annotations/jsonl';
import type { ParquetModule } from '../export/parquet';
import { buildProvenance, optionsFromProvenance, skippedLines, type Provenance } from '../export/provenance';
import { columnDirection } from '../scoring/directions';
import { buildSelectorIndex } from '../selection/engine';
import { fetchDocIds, fetchRowFacts, fetchScores } from '../data/row-facts';
import { loadDatasetFromFiles } from './load';
import { refuseOverwritingInputs, writeAtomically } from './safe-output';
export type { ExportOptions } from '../export/command';

const sha256Chunks = (chunks: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(c);
  return hash.digest('hex');
};

let parquetModule: Promise<ParquetModule> | null = null;
/** parquet-wasm's Node build: the same writer the page runs. */
const loadParquet = () => (parquetModule ??= import('parquet-wasm/node') as unknown as Promise<ParquetModule>);

/** Computes the export bytes and their provenance (without writing). */
export async function computeExport(files: string[], o: ExportOptions) {
  const { conn, dataset: loaded, plan } = await loadDatasetFromFiles(files, o.skipBadLines ? 'skip' : 'error', o.scores ?? []);
  // A folder stands for the documents files its layout names (and a Dolma root's attributes files).
  const documentFiles = plan.documents.map((d) => d.path);
  const inputFiles = plan.documents.flatMap((d) => [d.path, ...d.attributes.map((a) => a.path)]);
  try {
    let dataset = loaded;
    for (const d of o.defines) dataset = await addDerivedSelector(conn, dataset, d.name, d.expression);
    if (!dataset.mapping.scores.includes(o.selector)) throw new Error(`unknown selector "${o.selector}"; known: ${dataset.mapping.scores.join(', ')}`);
    const direction = o.direction ?? columnDirection(o.selector);
    const n = dataset.summary.rows;
    const rows = await fetchRowFacts(conn);
    const { [o.selector]: scores } = await fetchScores(conn, [o.selector]);
    const docIds = await fetchDocIds(conn);
    const index = buildSelectorIndex(rows, o.selector, scores, direction);

    const annotationsText = o.annotations ? await readFile(o.annotations.file, 'utf8') : null;
    const textColumn = dataset.mapping.text;
    if (needsSignatures(o) && !textColumn) throw new Error('--dedup-penalty needs the documents’ text, and these files have no text column');
    const signatures =
      needsSignatures(o)
        ? await computeSignatures(n, async (start, end) =>
            (await conn.query(buildTextRangeQuery('docs', { raw: 'raw', column: textColumn }, start, end))).map((r) => (r.text === null || r.text === undefined ? null : String(r.text))),
          )
        : null;
    const result = await buildExport(rows, index, scores, o, {
      docIds,
      tagRows: o.filter?.tag ? await fetchTagRows(conn, o.filter.tag, n) : null,
      annotations: o.annotations ? { records: parseAnnotationRecords(annotationsText!, basename(o.annotations.file)), fingerprint: dataset.summary.fingerprint } : null,
      signatures,
      corpus: o.corpus
        ? {
            sources: documentFiles.map((f) => ({
              name: basename(f),
              format: formatFromName(f),
              read: async () => {
                const bytes = await readFile(f);
                return formatFromName(f) === 'jsonl.gz' ? gunzipSync(bytes) : bytes;
              },
            })),
            locations: await fetchRowLocations(conn),
          }
        : null,
      parquet: needsParquet(o) ? await loadParquet() : null,
    });
    const derived = dataset.derived?.find((d) => d.name === o.selector);
    const record = async (f: string) => ({ name: basename(f), path: resolve(f), bytes: (await stat(f)).size, sha256: await sha256File(f) });
    const inputs = await Promise.all(inputFiles.map(record));
    const scoreFiles = await Promise.all((o.scores ?? []).map(record));
    const provenance = buildProvenance({
      options: o,
      command: exportCommand(files, o),
      fingerprint: dataset.summary.fingerprint,
      rows: n,
      inputs,
      skippedLines: skippedLines(o.skipBadLines, dataset.shards),
      scoreFiles,
      opened: files.some((f) => statSync(f).isDirectory()) ? files.map((f) => resolve(f)) : undefined,
      selector: { kind: derived ? 'derived' : 'column', expression: derived?.expression ?? null, direction, scorer: null },
      selection: result.selection,
      result,
      annotationsFile: o.annotations
        ? { name: basename(o.annotations.file), path: resolve(o.annotations.file), bytes: Buffer.byteLength(annotationsText!), sha256: createHash('sha256').update(annotationsText!).digest('hex') }
        : null,
      manifest: { file: basename(o.out), bytes: byteLength(result.chunks), sha256: sha256Chunks(result.chunks) },
    });
    return { chunks: result.chunks, provenance };
  } finally {
    conn.close();
  }
}

export function provenancePath(out: string): string {
  return out.replace(/(\.[^./]+)?$/, '.provenance.json');
}

/** Writes chunks as a stream (a large export is never one buffer on its way out). */
async function writeChunks(path: string, chunks: Uint8Array[]): Promise<void> {
  const out = createWriteStream(path);
  const done = new Promise<void>((ok, fail) => {
    out.on('finish', ok);
    out.on('error', fail);
  });
  for (const c of chunks) if (!out.write(c)) await once(out, 'drain');
  out.end();
  await done;
}

export async function runExport(files: string[], o: ExportOptions) {
  const prov = provenancePath(o.out);
  if (resolve(prov) === resolve(o.out)) throw new Error(`--out ${o.out}: the manifest and its provenance would be the same file; give the manifest an extension such as .jsonl`);
  await refuseOverwritingInputs(
    [
      { path: o.out, flag: '--out' },
      { path: prov, flag: 'the provenance file' },
    ],
    [
      ...files.map((f) => ({ path: f, what: 'an input file' })),
      ...(o.scores ?? []).map((f) => ({ path: f, what: 'a score file' })),
      ...(o.annotations ? [{ path: o.annotations.file, what: 'the annotations file' }] : []),
    ],
  );
  const { chunks, provenance } = await computeExport(files, o);
  // Both files or neither: the manifest is never left without its provenance, nor half-written.
  await writeAtomically([o.out, prov], async ([manifestTmp, provTmp]) => {
    await writeChunks(manifestTmp, chunks);
    await writeChunks(provTmp, [new TextEncoder().encode(JSON.stringify(provenance, null, 2) + '\n')]);
  });
  return { manifest: o.out, provenance: prov, rows: provenance.counts.manifest_rows, kept: provenance.counts.kept, dropped: provenance.counts.dropped };
}

/** Recomputes an export from its provenance; ok only if inputs, parameters and output are unchanged. */
export async function runVerify(path: string): Promise<{ ok: boolean; message: string }> {
  const prov = JSON.parse(await readFile(path, 'utf8')) as Provenance;
  const here = (p: { path?: string; name: string }) => p.path ?? resolve(dirname(path), p.name);
  const scoreFiles = prov.dataset.score_files ?? [];
  const annotations = prov.overrides?.file ?? null;
  // Every file the export read must be as it was: inputs, score files, the annotations file.
  const recorded = [
    ...prov.dataset.inputs.map((f) => ['input file', f] as const),
    ...scoreFiles.map((f) => ['score file', f] as const),
    ...(annotations ? [['annotations file', annotations] as const] : []),
  ];
  for (const [what, file] of recorded) {
    const now = await sha256File(here(file)).catch(() => null);
    if (now === null) return { ok: false, message: `${what} ${here(file)} is missing` };
    if (now !== file.sha256) return { ok: false, message: `${what} ${file.name} changed (sha256 ${now.slice(0, 12)}…, recorded ${file.sha256.slice(0, 12)}…)` };
  }
  const manifestPath = resolve(dirname(path), prov.manifest.file);
  const onDisk = await readFile(manifestPath).catch(() => null);
  if (onDisk === null) return { ok: false, message: `manifest ${manifestPath} is missing` };
  const options = optionsFromProvenance(prov, manifestPath, annotations ? here(annotations) : null, scoreFiles.map(here));
  const { chunks } = await computeExport(prov.dataset.opened ?? prov.dataset.inputs.map(here), options);
  const expected = Buffer.concat(chunks);
  const diff = firstDifference(expected, onDisk, options.format === 'parquet');
  if (diff) return { ok: false, message: `manifest differs from a recomputation at ${diff.where}: expected ${JSON.stringify(diff.expected)}, found ${JSON.stringify(diff.actual)}` };
  const digest = createHash('sha256').update(onDisk).digest('hex');
  if (digest !== prov.manifest.sha256) return { ok: false, message: `parameters changed: the manifest matches a recomputation but not the recorded sha256` };
  return { ok: true, message: `ok: ${prov.counts.manifest_rows} rows reproduced from ${prov.dataset.inputs.length} input file(s)` };
}
