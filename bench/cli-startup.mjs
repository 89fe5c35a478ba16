// `sift` start-up, measured side by side: this checkout's compiled CLI and, when given, another
// checkout (e.g. a worktree of an older commit) run the same commands in one run.
//   node bench/cli-startup.mjs [runs=7] [other-checkout]
// Prints the median wall time of `sift --help`, `sift info` on a 10-row JSONL, and `npx sift --help`
// (npx's own start-up included), with the ratio to the targets (0.5 s, 1 s).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const runs = Number(process.argv[2] ?? 7);
const roots = [resolve('.'), ...(process.argv[3] ? [resolve(process.argv[3])] : [])];
const dir = mkdtempSync(join(tmpdir(), 'sift-startup-'));
const ten = join(dir, 'ten.jsonl');
writeFileSync(ten, Array.from({ length: 10 }, (_, i) => JSON.stringify({ id: `d${i}`, text: `document number ${i}`, score: i / 10 })).join('\n') + '\n');

function median(cmd, args, cwd) {
  spawnSync(cmd, args, { cwd, stdio: 'ignore' }); // warm: a first call may build the CLI
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { cwd, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status} in ${cwd}`);
    times.push((performance.now() - t0) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const rev = (root) => execFileSync('git', ['-C', root, 'log', '-1', '--format=%h'], { encoding: 'utf8' }).trim();
for (const root of roots) {
  const sift = join(root, 'bin/sift.mjs');
  const help = median(process.execPath, [sift, '--help'], root);
  const info = median(process.execPath, [sift, 'info', ten], root);
  const npx = median('npx', ['sift', '--help'], root);
  console.log(`${rev(root)} (${root}), median of ${runs}:`);
  console.log(`  node bin/sift.mjs --help       ${help.toFixed(2)} s  (target 0.5 s: ${(help / 0.5).toFixed(2)}x)`);
  console.log(`  node bin/sift.mjs info 10 rows ${info.toFixed(2)} s  (target 1 s: ${info.toFixed(2)}x)`);
  console.log(`  npx sift --help                ${npx.toFixed(2)} s  (target 0.5 s: ${(npx / 0.5).toFixed(2)}x)`);
}
const floor = median('npx', ['esbuild', '--version'], roots[0]);
console.log(`npx's own floor (npx esbuild --version, a native binary): ${floor.toFixed(2)} s`);
