/**
 * `sift run export` on 64 shards against `sift export` in one process: the bytes must agree at
 * drop ratios 10/25/50/90 % and with per-source ratios, on each engine; prints each step's wall
 * time and documents/s per task with 1 and 2 local tasks, and the Slurm engine's when a cluster
 * answers (../shared/scripts/slurm-local.sh up).
 *   npx tsx bench/cluster.ts [shards=64] [rows per shard=80000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeShards } from './make-shards';

const shards = Number(process.argv[2] ?? 64);
const rows = Number(process.argv[3] ?? 80_000);
const dir = `bench/out/cluster-${shards}x${rows}`;
const data = join(dir, 'shards');
if (!existsSync(data)) {
  const t = performance.now();
  await makeShards(shards, rows, data);
  console.log(`made ${shards} shards × ${rows} rows in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

function sift(args: string[]): { seconds: number; err: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['bin/sift.mjs', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`sift ${args.join(' ')} failed:\n${r.stderr}`);
  return { seconds: (performance.now() - t) / 1000, err: r.stderr };
}

/** Per step: wall seconds and documents/s per task, from the driver's own lines. */
function steps(err: string): string {
  return [...err.matchAll(/^(\w+): (\d+) shards, (\d+) documents in ([\d.]+) s; (\d+) documents\/s per task$/gm)].map((m) => `${m[1]} ${m[4]} s (${m[5]} docs/s/task)`).join(', ');
}

const cases: Array<[string, string[]]> = [
  ['10%', ['--selector', 'quality', '--drop', '10%']],
  ['25%', ['--selector', 'quality', '--drop', '25%']],
  ['50%', ['--selector', 'quality', '--drop', '50%']],
  ['90%', ['--selector', 'quality', '--drop', '90%']],
  ['per-source', ['--selector', 'edu', '--drop', '30%', '--per-source', 'web=0.5,code=0.05', '--missing', 'drop']],
];

console.log(`corpus: ${shards} shards × ${rows} = ${shards * rows} documents (${data})`);
const reference = new Map<string, string>();
for (const [name, args] of cases) {
  const out = join(dir, `one-${name}.jsonl`);
  rmSync(out, { force: true });
  rmSync(out.replace(/\.jsonl$/, '.provenance.json'), { force: true });
  const r = sift(['export', data, ...args, '--out', out]);
  reference.set(name, out);
  console.log(`sift export (one process) ${name}: ${r.seconds.toFixed(1)} s`);
}

let slurm = false;
try {
  execFileSync('sinfo', ['-h'], { stdio: 'pipe' });
  slurm = true;
} catch {
  console.log('no Slurm cluster answers: the slurm engine is not measured');
}

// One task runs the 25 % case only (its wall time is the figure); two tasks and Slurm run every case.
const engines: Array<[string, string[], typeof cases]> = [
  ['local, 1 task', ['--tasks', '1'], cases.filter(([n]) => n === '25%')],
  ['local, 2 tasks', ['--tasks', '2'], cases],
  ...(slurm ? ([['slurm', ['--engine', 'slurm', '--poll', '1'], cases]] as Array<[string, string[], typeof cases]>) : []),
];
for (const [engine, flags, which] of engines) {
  const work = join(dir, `work-${engine.replace(/\W+/g, '-')}`);
  rmSync(work, { recursive: true, force: true });
  for (const [name, args] of which) {
    const out = join(dir, `run-${name}.jsonl`);
    const r = sift(['run', 'export', data, '--work', work, ...flags, ...args, '--out', out]);
    const same = readFileSync(out).equals(readFileSync(reference.get(name)!));
    console.log(`sift run export [${engine}] ${name}: ${r.seconds.toFixed(1)} s, ${same ? 'byte-identical' : 'DIFFERENT'} to one process; ${steps(r.err)}`);
    if (!same) process.exitCode = 1;
  }
}
