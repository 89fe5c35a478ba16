/**
 * The work folder of `sift run`: one JSON spec per step (what every task of the
 * step reads), and per shard an output and a marker written after it. A shard's
 * step is done when its marker exists and names the shard as it is now (path,
 * size, modification time) and the same spec; re-running a step runs only the
 * shards that are not done. Every file is written under a temporary name and
 * renamed into place, so a killed task leaves no half-written output.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeAtomically } from '../safe-output';

export interface ShardRef {
  path: string;
  size: number;
  mtimeMs: number;
}

export type StepName = 'score' | 'measure' | 'count' | 'gather' | 'export';

export interface StepSpec<P = unknown> {
  step: StepName;
  /** sha256 of the step, its shards' paths and its parameters (16 hex digits): outputs of another spec are not reused. */
  id: string;
  work: string;
  shards: ShardRef[];
  /** Where shard i's output and marker go: `${outDir}/${shardFile(i)}.<ext>`. */
  outDir: string;
  ext: string;
  params: P;
}

export const shardFile = (i: number) => String(i).padStart(5, '0');
export const outputPath = (spec: StepSpec, i: number) => join(spec.outDir, `${shardFile(i)}.${spec.ext}`);
/** measure's second output: the shard's sampled documents. */
export const samplePath = (spec: StepSpec, i: number) => join(spec.outDir, `${shardFile(i)}.sample.parquet`);
export const markerPath = (spec: StepSpec, i: number) => join(spec.outDir, `${shardFile(i)}.done.json`);
export const specPath = (work: string, spec: Pick<StepSpec, 'step' | 'id'>) => join(work, 'steps', `${spec.step}-${spec.id}.json`);

export async function shardRef(path: string): Promise<ShardRef> {
  const s = await stat(path);
  return { path: resolve(path), size: s.size, mtimeMs: s.mtimeMs };
}

const sameShard = (a: ShardRef, b: ShardRef) => a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Makes a step's spec (its id from its content) and writes it under `work/steps/` and its output folder. */
export async function writeSpec<P>(work: string, step: StepName, outFolder: string, ext: string, shards: ShardRef[], params: P): Promise<StepSpec<P>> {
  // The shards by path only: a shard changed since keeps the spec, and its marker (which names
  // the shard's size and time) no longer counts, so only it runs again.
  const id = createHash('sha256').update(JSON.stringify({ step, shards: shards.map((s) => s.path), params })).digest('hex').slice(0, 16);
  const spec: StepSpec<P> = { step, id, work: resolve(work), shards, outDir: resolve(work, outFolder, id), ext, params };
  await mkdir(join(work, 'steps'), { recursive: true });
  await mkdir(spec.outDir, { recursive: true });
  await mkdir(join(work, 'logs'), { recursive: true });
  await writeAtomically([specPath(work, spec)], async ([tmp]) => writeFile(tmp, JSON.stringify(spec, null, 1) + '\n'));
  return spec;
}

export async function readSpec(path: string): Promise<StepSpec> {
  return JSON.parse(await readFile(path, 'utf8')) as StepSpec;
}

export interface Marker {
  spec: string;
  shard: ShardRef;
  /** sha256 of the shard as the task read it. */
  sha256: string;
  seconds: number;
  documents: number;
}

/** Shard i's marker, when it is valid for this spec and the shard as it is now. */
export async function validMarker(spec: StepSpec, i: number): Promise<Marker | null> {
  // The marker names the shard as the task read it; the spec names it as this run found it.
  const text = await readFile(markerPath(spec, i), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const m = JSON.parse(text) as Marker;
    const now = await shardRef(spec.shards[i].path).catch(() => null);
    return m.spec === spec.id && now && sameShard(m.shard, now) && sameShard(m.shard, spec.shards[i]) ? m : null;
  } catch {
    return null;
  }
}

/** The shards of a step without a valid marker. */
export async function pendingShards(spec: StepSpec): Promise<number[]> {
  const done = await Promise.all(spec.shards.map((_, i) => validMarker(spec, i)));
  return done.flatMap((m, i) => (m ? [] : [i]));
}

/** Reads every shard's output of a finished step (JSON outputs). */
export async function readOutputs<T>(spec: StepSpec): Promise<T[]> {
  return Promise.all(spec.shards.map(async (_, i) => JSON.parse(await readFile(outputPath(spec, i), 'utf8')) as T));
}
