/**
 * `sift verify` for a manifest of `sift run export`: each input shard as recorded, and each
 * part recomputed from its shard with the recorded cuts, byte for byte; for the whole
 * manifest, the parts' concatenation against the file.
 */
import { readFile } from 'node:fs/promises';
import { ALL, type GroupCut } from '../../run/cut';
import { firstDifference } from '../../export/manifest';
import type { Direction } from '../../selection/order';
import { exportShard, loadShard } from './shard';
import { sha256File } from './work';
import { resolve, dirname } from 'node:path';

export interface RunProvenance {
  kind: 'sift-run-export';
  inputs: Array<{ name: string; path: string; bytes: number; sha256: string; rows: number }>;
  score_files: string[] | null;
  selector: { name: string; direction: Direction };
  selection: {
    mode: 'overall' | 'per_source';
    missing: 'keep' | 'drop';
    list: 'keep' | 'drop';
    cuts: Array<{ group: 'all' | { source: string | null }; scored: number; dropped: number; last_dropped: { doc_id: string; position: number; key: [number, number] } | null }>;
  };
  offsets: number[];
  parts: Array<{ file: string; shard: number; rows: number; sha256: string }>;
  manifest: { file: string; bytes: number; sha256: string };
}

function cutsOf(prov: RunProvenance): GroupCut[] {
  return prov.selection.cuts.map((c) => ({
    group: c.group === 'all' ? ALL : JSON.stringify(c.group.source),
    scored: c.scored,
    k: c.dropped,
    before: 0,
    prefix: [],
    inBin: 0,
    state: 'done',
    cut: c.last_dropped ? { hi: c.last_dropped.key[0], lo: c.last_dropped.key[1], id: c.last_dropped.doc_id, row: c.last_dropped.position } : null,
  }));
}

async function recomputePart(prov: RunProvenance, i: number): Promise<Buffer> {
  const input = prov.inputs[i];
  const shard = await loadShard(input.path, [prov.selector.name], prov.score_files ? [prov.score_files[i]] : []);
  const part = exportShard(shard, prov.selector.name, cutsOf(prov), {
    direction: prov.selector.direction,
    perSource: prov.selection.mode === 'per_source',
    missing: prov.selection.missing,
    list: prov.selection.list,
    offset: prov.offsets[i],
  });
  return Buffer.concat(part.chunks);
}

export async function verifyRun(prov: RunProvenance, provPath: string, only: number | null): Promise<{ ok: boolean; message: string }> {
  if (only !== null && !(only >= 0 && only < prov.inputs.length)) return { ok: false, message: `--part ${only}: the run has parts 0-${prov.inputs.length - 1}` };
  const which = only === null ? prov.inputs.map((_, i) => i) : [only];
  for (const i of which) {
    const input = prov.inputs[i];
    const now = await sha256File(input.path).catch(() => null);
    if (now === null) return { ok: false, message: `input shard ${input.path} is missing` };
    if (now !== input.sha256) return { ok: false, message: `input shard ${input.name} changed (sha256 ${now.slice(0, 12)}…, recorded ${input.sha256.slice(0, 12)}…)` };
    if (prov.score_files) {
      const sidecar = await readFile(prov.score_files[i]).catch(() => null);
      if (sidecar === null) return { ok: false, message: `score sidecar ${prov.score_files[i]} is missing` };
    }
  }
  if (only !== null) {
    const expected = await recomputePart(prov, only);
    const part = prov.parts[only];
    const onDisk = await readFile(part.file).catch(() => null);
    if (onDisk === null) return { ok: false, message: `part ${part.file} is missing` };
    const diff = firstDifference(expected, onDisk, false);
    if (diff) return { ok: false, message: `part ${only} differs from a recomputation at ${diff.where}: expected ${JSON.stringify(diff.expected)}, found ${JSON.stringify(diff.actual)}` };
    return { ok: true, message: `ok: part ${only} (${part.rows} rows) reproduced from ${prov.inputs[only].name}` };
  }
  const manifest = await readFile(resolve(dirname(provPath), prov.manifest.file)).catch(() => null);
  if (manifest === null) return { ok: false, message: `manifest ${prov.manifest.file} is missing` };
  const parts: Buffer[] = [];
  for (const i of which) parts.push(await recomputePart(prov, i));
  const diff = firstDifference(Buffer.concat(parts), manifest, false);
  if (diff) return { ok: false, message: `manifest differs from a recomputation at ${diff.where}: expected ${JSON.stringify(diff.expected)}, found ${JSON.stringify(diff.actual)}` };
  const { createHash } = await import('node:crypto');
  if (createHash('sha256').update(manifest).digest('hex') !== prov.manifest.sha256) return { ok: false, message: 'parameters changed: the manifest matches a recomputation but not the recorded sha256' };
  return { ok: true, message: `ok: ${parts.reduce((a, p) => a + p.length, 0)} bytes in ${parts.length} parts reproduced from ${prov.inputs.length} input shards` };
}
