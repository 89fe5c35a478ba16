/**
 * Where the tasks of a step run: worker processes on this machine (`local`), or a
 * Slurm job array (`slurm`). Both run the same command, `sift task SPEC INDEX…`, and
 * report only through the shards' markers, so a step's result does not depend on
 * the engine, and a re-run submits only the shards without a valid marker.
 */
import { spawn, execFile } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeAtomically } from '../safe-output';
import { pendingShards, specPath, type StepSpec } from './work';

const run = promisify(execFile);

/** bin/sift.mjs: this file is three folders below the project root, from source (lib/cli/run) and compiled (dist/cli/<build>). */
export const SIFT_BIN = fileURLToPath(new URL('../../../bin/sift.mjs', import.meta.url));

export interface SlurmOptions {
  partition?: string;
  time?: string;
  cpusPerTask?: number;
  /** Extra `#SBATCH` lines, as given (`--mem=4G`, `--account=x`). */
  extra: string[];
  /** Seconds between squeue polls. */
  poll: number;
}

export interface Progress {
  (line: string): void;
}

export interface Engine {
  name: 'local' | 'slurm';
  /** Runs the listed shards' tasks of a step (groups of `perTask` shards) and waits for them. Failures show in the markers. */
  run(spec: StepSpec, shards: number[], progress: Progress): Promise<{ logs: Map<number, string> }>;
  /** The script or command lines that would run, without running them (--dry-run). */
  describe(spec: StepSpec, shards: number[]): string;
}

function groups(shards: number[], perTask: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < shards.length; i += perTask) out.push(shards.slice(i, i + perTask));
  return out;
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);

/** Worker processes on this machine, `tasks` at a time. */
export function localEngine(tasks: number, perTask: number): Engine {
  return {
    name: 'local',
    describe(spec, shards) {
      return groups(shards, perTask)
        .map((g) => [process.execPath, SIFT_BIN, 'task', specPath(spec.work, spec), ...g.map(String)].map(quote).join(' '))
        .join('\n');
    },
    async run(spec, shards, progress) {
      const logs = new Map<number, string>();
      const queue = groups(shards, perTask);
      let done = 0;
      let failed = 0;
      const started = Date.now();
      const running = Math.max(1, Math.min(tasks, queue.length));
      const cpusEach = Math.max(1, Math.floor(availableParallelism() / running));
      const worker = async () => {
        for (let g = queue.shift(); g; g = queue.shift()) {
          const log = join(spec.work, 'logs', `${spec.step}-${spec.id}-local-${g[0]}.log`);
          for (const i of g) logs.set(i, log);
          const fd = openSync(log, 'a');
          const code = await new Promise<number>((ok) => {
            const env = { ...process.env, SIFT_TASK_CPUS: String(cpusEach) };
            const child = spawn(process.execPath, [SIFT_BIN, 'task', specPath(spec.work, spec), ...g.map(String)], { stdio: ['ignore', fd, fd], env });
            child.on('exit', (c, signal) => ok(c ?? (signal ? 128 : 1)));
            child.on('error', () => ok(127));
          });
          closeSync(fd);
          if (code === 0) done += g.length;
          else failed += g.length;
          progress(`${spec.step}: ${done}/${shards.length} shards done, ${failed} failed (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        }
      };
      await Promise.all(Array.from({ length: running }, worker));
      return { logs };
    },
  };
}

/** The sbatch script of a step's array: task t runs the shards on line t+1 of its task list. */
export function slurmScript(spec: StepSpec, listFile: string, taskCount: number, o: SlurmOptions): string {
  const lines = [
    '#!/bin/bash',
    `#SBATCH --job-name=sift-${spec.step}`,
    `#SBATCH --array=0-${taskCount - 1}`,
    `#SBATCH --output=${join(spec.work, 'logs', `${spec.step}-${spec.id}-%A_%a.log`)}`,
    ...(o.partition ? [`#SBATCH --partition=${o.partition}`] : []),
    ...(o.time ? [`#SBATCH --time=${o.time}`] : []),
    ...(o.cpusPerTask ? [`#SBATCH --cpus-per-task=${o.cpusPerTask}`] : []),
    ...o.extra.map((e) => `#SBATCH ${e}`),
    '# Written by `sift run` (docs/cluster.md): one array task per line of the task list.',
    'set -euo pipefail',
    `SHARDS=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" ${quote(listFile)})`,
    `exec ${quote(process.execPath)} ${quote(SIFT_BIN)} task ${quote(specPath(spec.work, spec))} $SHARDS`,
  ];
  return lines.join('\n') + '\n';
}

/** A Slurm job array; followed with squeue (accounting may be off on small clusters). */
export function slurmEngine(perTask: number, o: SlurmOptions): Engine {
  const files = (spec: StepSpec, shards: number[]) => {
    const stamp = `${Date.now().toString(36)}`;
    return { list: join(spec.work, 'steps', `${spec.step}-${spec.id}-${stamp}.tasks`), script: join(spec.work, 'steps', `${spec.step}-${spec.id}-${stamp}.sbatch`), tasks: groups(shards, perTask) };
  };
  return {
    name: 'slurm',
    describe(spec, shards) {
      const f = files(spec, shards);
      return `# ${f.script} (task list ${f.list}: ${f.tasks.map((t) => t.join(' ')).join(' | ')})\n${slurmScript(spec, f.list, f.tasks.length, o)}`;
    },
    async run(spec, shards, progress) {
      const f = files(spec, shards);
      await writeAtomically([f.list, f.script], async ([list, script]) => {
        await writeFile(list, f.tasks.map((t) => t.join(' ')).join('\n') + '\n');
        await writeFile(script, slurmScript(spec, f.list, f.tasks.length, o));
      });
      const { stdout } = await run('sbatch', ['--parsable', f.script]);
      const job = stdout.trim().split(';')[0];
      progress(`${spec.step}: submitted job ${job} (${f.tasks.length} array tasks, ${shards.length} shards): ${f.script}`);
      const logs = new Map<number, string>();
      f.tasks.forEach((t, k) => t.forEach((i) => logs.set(i, join(spec.work, 'logs', `${spec.step}-${spec.id}-${job}_${k}.log`))));
      const started = Date.now();
      let last = '';
      for (;;) {
        const { stdout: q } = await run('squeue', ['-h', '-r', '-j', job, '-o', '%i %T']).catch(() => ({ stdout: '' }));
        const states = q.split('\n').filter(Boolean).map((l) => l.split(' ')[1]);
        const pending = new Set(await pendingShards(spec));
        const done = shards.filter((i) => !pending.has(i)).length;
        const line = `${spec.step}: job ${job}: ${done}/${shards.length} shards done, ${states.filter((s) => s === 'RUNNING').length} running, ${states.filter((s) => s === 'PENDING').length} pending (${((Date.now() - started) / 1000).toFixed(0)} s)`;
        const key = line.replace(/ \(\d+ s\)$/, '');
        if (key !== last) progress(line);
        last = key;
        if (states.length === 0) break;
        await new Promise((ok) => setTimeout(ok, o.poll * 1000));
      }
      return { logs };
    },
  };
}
