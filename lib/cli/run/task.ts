/**
 * One task of `sift run`: one step on one shard, as `sift task SPEC INDEX` runs it
 * (a local worker process or a Slurm array task). Writes the shard's output, then
 * its marker, each under a temporary name renamed into place.
 */
import { writeFile } from 'node:fs/promises';
import type { GroupCut } from '../../run/cut';
import type { Direction } from '../../selection/order';
import { writeAtomically } from '../safe-output';
import { countShard, exportShard, gatherShard, loadShard, measureShard, sampledRows, writeSampleRows } from './shard';
import { markerPath, outputPath, readSpec, samplePath, sha256File, shardRef, type Marker, type StepSpec } from './work';

export interface MeasureParams {
  selectors: string[];
  directions: Record<string, Direction>;
  scoreFiles: string[] | null;
  /** The seeded uniform sample written beside the figures (rate 0: none). */
  sample: { rate: number; seed: number };
}
export interface CutParams {
  selector: string;
  perSource: boolean;
  groups: GroupCut[];
  offsets: number[];
  scoreFiles: string[] | null;
}
export interface ExportParams {
  selector: string;
  direction: Direction;
  perSource: boolean;
  missing: 'keep' | 'drop';
  list: 'keep' | 'drop';
  cuts: GroupCut[];
  offsets: number[];
  scoreFiles: string[] | null;
}
export interface ScoreParams {
  rules: string[];
  /** The scorer's version: sidecars of another version are stale. */
  scorer: string;
  /** A model instead of the heuristic scorer (sift score --model): its path, its config, and their sha256 (a changed model is a new spec). */
  model: { path: string; config: string | null; sha256: string } | null;
}

/** Worker threads for a score task: the CPUs Slurm gave it, or what the local engine allots each task. */
const taskCpus = () => Math.max(1, Number(process.env.SLURM_CPUS_PER_TASK) || Number(process.env.SIFT_TASK_CPUS) || 1);

/**
 * Test hooks (docs/cluster.md): SIFT_RUN_FAIL=step:index makes that task fail after it has
 * begun writing its output; SIFT_RUN_DELAY=step:ms makes the step's tasks wait that long
 * before they finish writing, so a test can cancel one midway.
 */
async function testHooks(step: string, index: number): Promise<void> {
  const [delayStep, ms] = (process.env.SIFT_RUN_DELAY ?? '').split(':');
  if (delayStep === step && Number(ms) > 0) await new Promise((ok) => setTimeout(ok, Number(ms)));
  if (process.env.SIFT_RUN_FAIL === `${step}:${index}`) throw new Error(`failing ${step} task ${index} on purpose (SIFT_RUN_FAIL)`);
}

/** `second` is the step's second output: measure's sample, export's counts. */
async function compute(spec: StepSpec, i: number, shardPath: string, [output, second]: string[]): Promise<number> {
  const sidecar = (files: string[] | null) => (files ? [files[i]] : []);
  if (spec.step === 'measure') {
    const p = spec.params as MeasureParams;
    let sampled = 0;
    const shard = await loadShard(shardPath, p.selectors, sidecar(p.scoreFiles), async (conn, docIds) => {
      const rows = sampledRows(docIds, p.sample.rate, p.sample.seed);
      sampled = rows.length;
      await writeSampleRows(conn, rows, second);
    });
    await testHooks(spec.step, i);
    await writeFile(output, JSON.stringify({ ...measureShard(shard, p.directions), sampled }));
    return shard.rows;
  }
  if (spec.step === 'count' || spec.step === 'gather') {
    const p = spec.params as CutParams;
    const shard = await loadShard(shardPath, [p.selector], sidecar(p.scoreFiles));
    const result = spec.step === 'count' ? countShard(shard, p.selector, p.groups, p.perSource) : gatherShard(shard, p.selector, p.groups, p.perSource, p.offsets[i]);
    await testHooks(spec.step, i);
    await writeFile(output, JSON.stringify(result));
    return shard.rows;
  }
  const p = spec.params as ExportParams;
  const shard = await loadShard(shardPath, [p.selector], sidecar(p.scoreFiles));
  const part = exportShard(shard, p.selector, p.cuts, { ...p, offset: p.offsets[i] });
  await writeFile(output, part.chunks);
  await testHooks(spec.step, i);
  await writeFile(second, JSON.stringify({ rows: part.rows, kept: part.kept, dropped: part.dropped, missing: part.missing, perSource: part.perSource }));
  return shard.rows;
}

/** Runs step `spec` on shard `index`; the marker is written only after the output is in place. */
export async function runTask(specFile: string, index: number): Promise<string> {
  const spec = await readSpec(specFile);
  if (!Number.isInteger(index) || index < 0 || index >= spec.shards.length) throw new Error(`task index ${index}: the step has shards 0-${spec.shards.length - 1}`);
  const ref = spec.shards[index];
  const now = await shardRef(ref.path);
  if (now.size !== ref.size || now.mtimeMs !== ref.mtimeMs) throw new Error(`${ref.path} changed since the run began (size or modification time); run the command again`);
  const started = performance.now();
  const sha256 = await sha256File(ref.path);
  const output = outputPath(spec, index);
  const targets = spec.step === 'export' ? [output, `${output}.counts.json`] : spec.step === 'measure' ? [output, samplePath(spec, index)] : [output];
  let documents = 0;
  if (spec.step === 'score') {
    // sift score writes its output atomically itself (it needs the real extension to pick the format).
    const p = spec.params as ScoreParams;
    if (p.model) {
      const { runModelScore } = await import('../model-score');
      documents = (await runModelScore([ref.path], [{ model: p.model.path, config: p.model.config ?? undefined }], { out: output, threads: taskCpus() })).documents;
    } else {
      const { runScore } = await import('../score');
      documents = (await runScore([ref.path], { out: output, rules: p.rules as never, workers: taskCpus() })).documents;
    }
  } else {
    await writeAtomically(targets, async (temporary) => {
      documents = await compute(spec, index, ref.path, temporary);
    });
  }
  const marker: Marker = { spec: spec.id, shard: now, sha256, seconds: (performance.now() - started) / 1000, documents };
  await writeAtomically([markerPath(spec, index)], async ([tmp]) => writeFile(tmp, JSON.stringify(marker) + '\n'));
  return `${spec.step} shard ${index}: ${documents} documents in ${marker.seconds.toFixed(1)} s`;
}
