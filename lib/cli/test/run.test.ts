import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeShards } from '../../../bench/make-shards';
import { NodeConnector } from '../../data/connectors/node';
import { jsonl, tempDir, writeFile } from '../../data/test/helpers';
import { binRange } from '../../run/order-key';
import { main } from '../main';
import { capture } from './capture';

const SHARDS = 8;
const ROWS = 2500;

async function sift(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** `sift export` in one process, then `sift run export` on the engine: the same bytes. */
async function sameAsOneProcess(dir: string, shardDir: string, work: string, engine: string[], args: string[], name: string) {
  const one = join(dir, `${name}-one.jsonl`);
  const run = join(dir, `${name}-run.jsonl`);
  const single = await sift(['export', shardDir, ...args, '--out', one]);
  expect(single.code, single.err).toBe(0);
  const r = await sift(['run', 'export', shardDir, '--work', work, ...engine, ...args, '--out', run]);
  expect(r.code, r.err).toBe(0);
  expect(readFileSync(run).equals(readFileSync(one))).toBe(true);
  return { run, err: r.err };
}

const exportTasksRun = (err: string) => [...err.matchAll(/export: (\d+) of \d+ shards to run/g)].map((m) => Number(m[1]));

describe('sift run export, local engine', () => {
  it('writes the bytes sift export writes, at 10/50/90 % (25 % below) and with per-source ratios, lower-is-better and missing dropped', async () => {
    const dir = tempDir();
    const shards = join(dir, 'shards');
    await makeShards(SHARDS, ROWS, shards);
    const work = join(dir, 'work');
    for (const drop of ['10%', '50%', '90%']) await sameAsOneProcess(dir, shards, work, ['--tasks', '2'], ['--selector', 'quality', '--drop', drop], `q${drop}`);
    const { run } = await sameAsOneProcess(dir, shards, work, ['--tasks', '2', '--gather-limit', '50'], ['--selector', 'edu', '--drop', '30%', '--per-source', 'web=0.5,code=0.05', '--missing', 'drop'], 'per-source');
    await sameAsOneProcess(dir, shards, work, ['--tasks', '2'], ['--selector', 'ppl', '--drop', '40%', '--list', 'drop'], 'ppl');

    const prov = JSON.parse(readFileSync(run.replace(/\.jsonl$/, '.provenance.json'), 'utf8'));
    expect(prov.kind).toBe('sift-run-export');
    expect(prov.inputs).toHaveLength(SHARDS);
    expect(prov.counts.documents).toBe(SHARDS * ROWS);
    expect(prov.selection.cuts).toHaveLength(8);
    expect(prov.parts.map((p: { shard: number }) => p.shard)).toEqual([...Array(SHARDS).keys()]);
  }, 240_000);

  it('after a task fails midway, leaves no output for it, and a re-run runs only that shard; a changed shard is run again', async () => {
    const dir = tempDir();
    const shards = join(dir, 'shards');
    await makeShards(SHARDS, 1000, shards);
    const work = join(dir, 'work');
    const out = join(dir, 'keep.jsonl');

    const args = ['run', 'export', shards, '--work', work, '--tasks', '2', '--selector', 'quality', '--drop', '25%', '--out', out];
    process.env.SIFT_RUN_FAIL = 'export:3';
    let failed;
    try {
      failed = await sift(args);
    } finally {
      delete process.env.SIFT_RUN_FAIL;
    }
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/export: 1 of 8 shards failed; run the same command again[\s\S]*shard 3 \(.*shard-00003\.parquet\): log .*\.log/);
    const exportDir = join(work, 'export', readdirSync(join(work, 'export'))[0]);
    const visible = readdirSync(exportDir).filter((f) => !f.startsWith('.'));
    expect(visible.filter((f) => f.startsWith('00003'))).toEqual([]);
    expect(visible.filter((f) => f.endsWith('.done.json'))).toHaveLength(7);
    expect(existsSync(out)).toBe(false);

    const again = await sift(args);
    expect(again.code, again.err).toBe(0);
    expect(exportTasksRun(again.err)).toEqual([1]);
    expect(again.err).toMatch(/measure: all 8 shards already done/);
    await sift(['export', shards, '--selector', 'quality', '--drop', '25%', '--out', join(dir, 'one.jsonl')]);
    expect(readFileSync(out).equals(readFileSync(join(dir, 'one.jsonl')))).toBe(true);

    // sift verify: the whole manifest, or one part, recomputed from the shards.
    const prov = out.replace(/\.jsonl$/, '.provenance.json');
    expect((await sift(['verify', prov])).out).toMatch(/^ok: \d+ bytes in 8 parts reproduced from 8 input shards/);
    expect((await sift(['verify', prov, '--part', '2'])).out).toMatch(/^ok: part 2 \(\d+ rows\) reproduced/);
    const part2 = JSON.parse(readFileSync(prov, 'utf8')).parts[2].file;
    const part2Text = readFileSync(part2, 'utf8');
    writeFileSync(part2, part2Text.replace(/^\{"doc_id":"[^"]+"\}\n/, ''));
    const badPart = await sift(['verify', prov, '--part', '2']);
    expect(badPart.code).toBe(1);
    expect(badPart.err).toMatch(/part 2 differs from a recomputation at line 1/);
    writeFileSync(part2, part2Text);
    const kept = readFileSync(out, 'utf8');
    writeFileSync(out, kept.replace(/\n\{"doc_id":"[^"]+"\}\n$/, '\n'));
    expect((await sift(['verify', prov])).err).toMatch(/manifest differs from a recomputation at line \d+/);
    writeFileSync(out, kept);

    // A shard touched since: its outputs no longer count, in every step.
    utimesSync(join(shards, 'shard-00005.parquet'), new Date(), new Date(Date.now() + 5000));
    const third = await sift([...args.slice(0, -1), join(dir, 'keep2.jsonl')]);
    expect(third.code, third.err).toBe(0);
    expect(third.err).toMatch(/measure: 1 of 8 shards to run/);
    expect(exportTasksRun(third.err)).toEqual([1]);
    expect(readFileSync(join(dir, 'keep2.jsonl')).equals(readFileSync(out))).toBe(true);
  }, 240_000);

  it('refuses bad usage, and names a failed task\'s error', async () => {
    const dir = tempDir();
    const shards = join(dir, 'shards');
    const [first] = await makeShards(1, 10, shards);
    expect((await sift(['run', 'export', shards, '--selector', 'quality', '--drop', '1%', '--out', join(dir, 'k.jsonl')])).err).toMatch(/--work DIR/);
    expect((await sift(['run', 'select', shards, '--work', dir])).err).toMatch(/expected a step/);
    expect((await sift(['run', 'export', shards, '--work', dir, '--engine', 'ray', '--selector', 'quality', '--drop', '1%', '--out', join(dir, 'k.jsonl')])).err).toMatch(/--engine: expected local or slurm/);
    expect((await sift(['run', 'export', shards, '--work', dir, '--selector', 'quality', '--drop', '1%', '--out', join(dir, 'k.csv')])).err).toMatch(/JSONL doc_id list/);
    const nested = await sift(['run', 'export', shards, '--work', join(shards, 'work'), '--selector', 'quality', '--drop', '1%', '--out', join(dir, 'k.jsonl')]);
    expect(nested.err).toMatch(/--work .* is inside the input folder/);
    const unknown = await sift(['run', 'export', first, '--work', join(dir, 'w'), '--selector', 'nope', '--drop', '1%', '--out', join(dir, 'k.jsonl')]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/measure: 1 of 1 shards failed[\s\S]*no score column "nope"/);
  });
});

describe('sift run measure and score, local engine', () => {
  it('merges per-shard figures into the full corpus\'s: per-source counts and the histogram equal DuckDB over all shards', async () => {
    const dir = tempDir();
    const shards = join(dir, 'shards');
    await makeShards(5, 1200, shards);
    const r = await sift(['run', 'measure', shards, '--work', join(dir, 'w'), '--selectors', 'quality,edu,ppl', '--json']);
    expect(r.code, r.err).toBe(0);
    const merged = JSON.parse(r.out);
    const conn = await NodeConnector.open();
    try {
      const all = `read_parquet('${shards}/*.parquet')`;
      const bySource = await conn.query(`SELECT source, count(*)::INTEGER AS n, sum(length(text))::BIGINT AS chars, sum(octet_length(text::BLOB)) / 4 AS tokens, count(quality)::INTEGER AS q FROM ${all} GROUP BY source ORDER BY n DESC, source`);
      expect(merged.documents).toBe(6000);
      expect(merged.offsets).toEqual([0, 1200, 2400, 3600, 4800]);
      expect(merged.sources.map((s: { source: string; documents: number; chars: number }) => [s.source, s.documents, s.chars])).toEqual(bySource.map((b) => [b.source, b.n, Number(b.chars)]));
      for (const b of bySource) {
        expect(merged.sources.find((s: { source: string }) => s.source === b.source).tokens).toBeCloseTo(Number(b.tokens), 6);
        expect(merged.selectors.quality.groups[JSON.stringify(b.source)].scored).toBe(b.q);
      }
      for (const name of ['quality', 'edu', 'ppl']) {
        const f = merged.selectors[name];
        const [truth] = await conn.query(`SELECT count(*) FILTER (WHERE isfinite(${name}))::INTEGER AS scored, min(${name}) FILTER (WHERE isfinite(${name})) AS lo, max(${name}) FILTER (WHERE isfinite(${name})) AS hi FROM ${all}`);
        expect([f.scored, f.missing, f.min, f.max]).toEqual([truth.scored, 6000 - Number(truth.scored), truth.lo, truth.hi]);
        // Each first-level bin, as a score range, counted by DuckDB (edges as DOUBLE literals: a plain
        // literal would be a DECIMAL, rounded).
        const asDouble = (x: number) => `'${x}'::DOUBLE`;
        const bins: Array<[number, number]> = f.groups['*'].counts;
        const edges = bins.map(([d]) => binRange(d));
        const counted = await conn.query(`SELECT e.k::INTEGER AS k, count(s.v)::INTEGER AS n FROM (SELECT unnest(range(${edges.length})) AS k, unnest([${edges.map((e) => asDouble(e.from)).join(',')}]) AS lo, unnest([${edges.map((e) => asDouble(e.to)).join(',')}]) AS hi) e LEFT JOIN (SELECT ${name}::DOUBLE AS v FROM ${all} WHERE isfinite(${name})) s ON s.v >= e.lo AND s.v < e.hi GROUP BY e.k ORDER BY e.k`);
        expect(counted.map((c) => c.n)).toEqual(bins.map(([, n]) => n));
        expect(bins.reduce((a, [, n]) => a + n, 0)).toBe(truth.scored);
      }
    } finally {
      conn.close();
    }
  }, 120_000);

  it('writes a seeded sample that carries the corpus\'s figures, the same documents however the corpus is sharded', async () => {
    const dir = tempDir();
    await makeShards(4, 3000, join(dir, 'four'));
    await makeShards(1, 12000, join(dir, 'one'));
    const measure = async (shards: string, work: string) => {
      const r = await sift(['run', 'measure', shards, '--work', join(dir, work), '--selectors', 'quality', '--sample-rate', '0.05', '--seed', '7', '--json']);
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out).sample as string;
    };
    const [a, b] = [await measure(join(dir, 'four'), 'w4'), await measure(join(dir, 'one'), 'w1')];
    const info = await sift(['info', a, '--json']);
    expect(info.code, info.err).toBe(0);
    const parsed = JSON.parse(info.out);
    expect(parsed.corpus).toMatchObject({ kind: 'sift-corpus', documents: 12000, shards: 4, sample: { documents: parsed.rows, rate: 0.05, seed: 7 } });
    expect(parsed.rows).toBeGreaterThan(450);
    expect(parsed.rows).toBeLessThan(750);
    expect(parsed.corpus.sources.reduce((n: number, s: { documents: number }) => n + s.documents, 0)).toBe(12000);
    expect((await sift(['info', a])).out).toMatch(/^sample {7}of 12,000 documents \(seeded uniform/m);
    const conn = await NodeConnector.open();
    try {
      const ids = async (f: string) => (await conn.query(`SELECT id FROM read_parquet('${f}')`)).map((r) => String(r.id));
      expect(await ids(a)).toEqual(await ids(b));
    } finally {
      conn.close();
    }
  }, 120_000);

  it('writes score sidecars once (a re-run skips them) and exports from them as sift export does with --scores', async () => {
    const dir = tempDir();
    const texts = ['A plain sentence about rivers and the towns beside them.', 'BUY NOW!!! CLICK HERE!!! FREE FREE FREE', 'Ã©tÃ© Ã  la plage, cafÃ© crÃ¨me', 'The committee met on Tuesday and agreed on the budget.'];
    const files = [0, 1, 2].map((k) => writeFile(dir, `part-${k}.jsonl`, jsonl(Array.from({ length: 40 }, (_, i) => ({ id: `d${k}-${i}`, text: `${texts[(i + k) % 4]} (${i})` })))));
    const work = join(dir, 'w');
    const first = await sift(['run', 'score', ...files, '--work', work, '--rules', 'none']);
    expect(first.code, first.err).toBe(0);
    const again = await sift(['run', 'score', ...files, '--work', work, '--rules', 'none']);
    expect(again.err).toMatch(/score: all 3 shards already done/);
    const sidecarDir = first.out.replace(/^score sidecars: /, '');
    const sidecars = [0, 1, 2].map((k) => join(sidecarDir, `0000${k}.parquet`));
    const conn = await NodeConnector.open();
    try {
      const [meta] = await conn.query(`SELECT value::VARCHAR AS v FROM parquet_kv_metadata('${sidecars[0]}') WHERE key::VARCHAR = 'sift_scorer'`);
      expect(meta.v).toMatch(/^heuristic-\d+$/);
      // One process takes one score file for the corpus: the sidecars together.
      await conn.exec(`COPY (SELECT * FROM read_parquet([${sidecars.map((f) => `'${f}'`).join(', ')}])) TO '${join(dir, 'all-scores.parquet')}' (FORMAT parquet)`);
    } finally {
      conn.close();
    }
    const one = join(dir, 'one.jsonl');
    expect((await sift(['export', ...files, '--scores', join(dir, 'all-scores.parquet'), '--selector', 'heuristic', '--drop', '30%', '--out', one])).code).toBe(0);
    const run = await sift(['run', 'export', ...files, '--work', work, '--use-scores', '--rules', 'none', '--selector', 'heuristic', '--drop', '30%', '--out', join(dir, 'run.jsonl')]);
    expect(run.code, run.err).toBe(0);
    expect(readFileSync(join(dir, 'run.jsonl'), 'utf8')).toBe(readFileSync(one, 'utf8'));
    expect(readFileSync(one, 'utf8').split('\n').filter(Boolean)).toHaveLength(120 - 36);
  }, 120_000);
});

const hasSlurm = (() => {
  try {
    execFileSync('sinfo', ['-h', '-o', '%T'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasSlurm && process.env.CI) throw new Error('CI: no Slurm cluster answers (sinfo); .ci/run starts one with ../shared/scripts/slurm-local.sh up');

describe.skipIf(!hasSlurm)('sift run export, Slurm engine (one-node cluster)', () => {
  it('writes the bytes sift export writes; a cancelled array task is the only one resubmitted', async () => {
    const dir = tempDir();
    const shards = join(dir, 'shards');
    await makeShards(SHARDS, 1500, shards);
    const work = join(dir, 'work');
    const slurm = ['--engine', 'slurm', '--poll', '0.5'];
    await sameAsOneProcess(dir, shards, work, slurm, ['--selector', 'quality', '--drop', '25%'], 'q25');

    // Cancel one array task of the export step while it waits, then re-run (three shards a task).
    const out = join(dir, 'q10.jsonl');
    const args = ['run', 'export', shards, '--work', work, ...slurm, '--shards-per-task', '3', '--selector', 'quality', '--drop', '10%', '--per-source', 'news=0.9', '--out', out];
    process.env.SIFT_RUN_DELAY = 'export:4000';
    let failed;
    try {
      const running = sift(args);
      let cancelled = '';
      for (let t = 0; t < 240 && !cancelled; t++) {
        await new Promise((ok) => setTimeout(ok, 250));
        const q = execFileSync('squeue', ['-h', '-r', '-n', 'sift-export', '-o', '%i %T']).toString().trim().split('\n').filter(Boolean);
        const task = q.find((l) => l.endsWith('RUNNING') && l.split(' ')[0].endsWith('_1'));
        if (task) execFileSync('scancel', [(cancelled = task.split(' ')[0])]);
      }
      expect(cancelled).not.toBe('');
      failed = await running;
    } finally {
      delete process.env.SIFT_RUN_DELAY;
    }
    // Task 1 held shards 3-5: none of them was finished, all three are reported and run again.
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/export: 3 of 8 shards failed[\s\S]*shard 3 .*log .*export-.*_1\.log/);
    expect(existsSync(out)).toBe(false);
    const again = await sift(args);
    expect(again.code, again.err).toBe(0);
    expect(exportTasksRun(again.err)).toEqual([3]);
    await sift(['export', shards, '--selector', 'quality', '--drop', '10%', '--per-source', 'news=0.9', '--out', join(dir, 'q10-one.jsonl')]);
    expect(readFileSync(out).equals(readFileSync(join(dir, 'q10-one.jsonl')))).toBe(true);
  }, 240_000);

  it('--dry-run prints the sbatch script and submits nothing', async () => {
    const dir = tempDir();
    const shards = join(dir, 'shards');
    await makeShards(3, 100, shards);
    const r = await sift(['run', 'export', shards, '--work', join(dir, 'w'), '--engine', 'slurm', '--dry-run', '--partition', 'debug', '--time', '00:10:00', '--cpus-per-task', '1', '--sbatch=--mem=1G', '--selector', 'quality', '--drop', '5%', '--out', join(dir, 'k.jsonl')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^# .*measure-.*\.sbatch/m);
    for (const line of ['#!/bin/bash', '#SBATCH --array=0-2', '#SBATCH --partition=debug', '#SBATCH --time=00:10:00', '#SBATCH --cpus-per-task=1', '#SBATCH --mem=1G']) expect(r.out).toContain(line);
    expect(r.out).toMatch(/dry run: measure would run 3 shards/);
    expect(readdirSync(join(dir, 'w', 'steps')).filter((f) => f.endsWith('.sbatch'))).toEqual([]);
  });
});
