import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { addDerivedSelector } from '../data/dataset';
import { buildManifest, firstDifference, type ExportMode, type ManifestFormat } from '../export/manifest';
import { guessDirection } from '../selection/direction';
import { buildSelectorIndex, computeSelection } from '../selection/engine';
import { fetchDocIds, fetchRowFacts, fetchScores } from '../selection/load';
import { parseRatio } from './compare';
import { exportCommand, type ExportOptions } from '../export/command';
export type { ExportOptions } from '../export/command';
import { loadDatasetFromFiles } from './load';

export const SIFT_VERSION = '0.1.0';

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** "web=0.5,books=10%" → { web: 0.5, books: 0.1 } */
export function parsePerSource(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const at = part.lastIndexOf('=');
    if (at <= 0) throw new Error(`--per-source: expected source=ratio, got "${part}"`);
    out[part.slice(0, at)] = parseRatio(part.slice(at + 1));
  }
  return out;
}

/** Computes the manifest text and its provenance (without writing). */
export async function computeExport(files: string[], o: ExportOptions) {
  const { conn, dataset: loaded } = await loadDatasetFromFiles(files);
  try {
    let dataset = loaded;
    for (const d of o.defines) dataset = await addDerivedSelector(conn, dataset, d.name, d.expression);
    if (!dataset.mapping.scores.includes(o.selector)) throw new Error(`unknown selector "${o.selector}"; known: ${dataset.mapping.scores.join(', ')}`);
    const direction = o.direction ?? guessDirection(o.selector);
    const rows = await fetchRowFacts(conn);
    const { [o.selector]: scores } = await fetchScores(conn, [o.selector]);
    const docIds = await fetchDocIds(conn);
    const index = buildSelectorIndex(rows, o.selector, scores, direction);
    const params = { ratio: o.ratio, perSource: o.perSource ?? null, missing: o.missing };
    const manifest = buildManifest(rows, index, scores, docIds, { mode: o.mode, params, list: o.list, temperature: o.temperature, sample: o.sample, seed: o.seed, format: o.format });
    const selection = computeSelection(rows, index, params);
    const derived = dataset.derived?.find((d) => d.name === o.selector);
    const inputs = await Promise.all(
      files.map(async (f) => ({ name: basename(f), path: resolve(f), bytes: (await stat(f)).size, sha256: await sha256File(f) })),
    );
    const provenance = {
      sift_version: SIFT_VERSION,
      created: new Date().toISOString(),
      command: exportCommand(files, o),
      dataset: { fingerprint: dataset.summary.fingerprint, rows: dataset.summary.rows, inputs },
      selector: { name: o.selector, kind: derived ? 'derived' : 'column', expression: derived?.expression ?? null, direction },
      defines: o.defines,
      selection: { drop_ratio: o.ratio, per_source: o.perSource ?? null, missing: o.missing, threshold: selection.threshold, rule: 'docs/selection.md' },
      mode: { name: o.mode, temperature: o.mode === 'threshold' ? null : (o.temperature ?? 1), sample: o.mode === 'boltzmann' ? (o.sample ?? null) : null, seed: o.mode === 'boltzmann' ? (o.seed ?? 0) : null },
      list: o.mode === 'threshold' ? o.list : null,
      format: o.format,
      counts: {
        total: selection.total,
        kept: selection.kept,
        dropped: selection.dropped,
        without_score: selection.missing,
        manifest_rows: manifest.rows,
        per_source: selection.perSource.map((s) => ({ source: s.source, total: s.total, kept: s.kept, dropped: s.dropped })),
      },
      manifest: { file: basename(o.out), bytes: Buffer.byteLength(manifest.text), sha256: createHash('sha256').update(manifest.text).digest('hex') },
    };
    return { text: manifest.text, provenance };
  } finally {
    conn.close();
  }
}

export function provenancePath(out: string): string {
  return out.replace(/(\.[^./]+)?$/, '.provenance.json');
}

export async function runExport(files: string[], o: ExportOptions) {
  const { text, provenance } = await computeExport(files, o);
  await writeFile(o.out, text);
  const prov = provenancePath(o.out);
  await writeFile(prov, JSON.stringify(provenance, null, 2) + '\n');
  return { manifest: o.out, provenance: prov, rows: provenance.counts.manifest_rows, kept: provenance.counts.kept, dropped: provenance.counts.dropped };
}

/** Recomputes a manifest from its provenance; ok only if inputs, parameters and manifest are unchanged. */
export async function runVerify(path: string): Promise<{ ok: boolean; message: string }> {
  const prov = JSON.parse(await readFile(path, 'utf8'));
  for (const input of prov.dataset.inputs as Array<{ name: string; path: string; sha256: string }>) {
    const now = await sha256File(input.path).catch(() => null);
    if (now === null) return { ok: false, message: `input file ${input.path} is missing` };
    if (now !== input.sha256) return { ok: false, message: `input file ${input.name} changed (sha256 ${now.slice(0, 12)}…, recorded ${input.sha256.slice(0, 12)}…)` };
  }
  const manifestPath = resolve(dirname(path), prov.manifest.file);
  const onDisk = await readFile(manifestPath, 'utf8').catch(() => null);
  if (onDisk === null) return { ok: false, message: `manifest ${manifestPath} is missing` };
  // Recompute from the recorded parameters themselves, so an edited parameter shows up as a difference.
  const options: ExportOptions = {
    selector: prov.selector.name,
    direction: prov.selector.direction,
    ratio: prov.selection.drop_ratio,
    perSource: prov.selection.per_source,
    missing: prov.selection.missing,
    mode: prov.mode.name,
    temperature: prov.mode.temperature ?? undefined,
    sample: prov.mode.sample ?? undefined,
    seed: prov.mode.seed ?? undefined,
    defines: prov.defines ?? [],
    list: prov.list ?? 'keep',
    format: prov.format,
    out: manifestPath,
  };
  const { text } = await computeExport(
    prov.dataset.inputs.map((i: { path: string }) => i.path),
    options,
  );
  const recomputed = firstDifference(text, onDisk);
  if (recomputed) {
    return { ok: false, message: `manifest differs from a recomputation at line ${recomputed.line}: expected ${JSON.stringify(recomputed.expected ?? '(end)')}, found ${JSON.stringify(recomputed.actual ?? '(end)')}` };
  }
  const digest = createHash('sha256').update(onDisk).digest('hex');
  if (digest !== prov.manifest.sha256) return { ok: false, message: `parameters changed: the manifest matches a recomputation but not the recorded sha256` };
  return { ok: true, message: `ok: ${prov.counts.manifest_rows} rows reproduced from ${prov.dataset.inputs.length} input file(s)` };
}
