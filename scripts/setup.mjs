// `npm run setup`: builds what Sift needs beside node_modules, each part only when its inputs
// changed (a stamp of their hash), two at a time on this machine's cores:
//   vendor          DuckDB-wasm, parquet-wasm and onnxruntime-web files into public/vendor
//   sqlite          better-sqlite3's native module (compiled here: no prebuilt binary offline)
//   scoring-models  the spam model and English lexicon lib/scoring imports
//   demo            public/demo/demo.parquet
//   onnx-models     the shipped ONNX models, lib/models/generated (about 3 minutes)
//   cli             the `sift` CLI compiled to dist/cli (esbuild, under a second; bin/sift.mjs also
//                   rebuilds it by itself when lib/ changed)
// `npm install` runs no package scripts (.npmrc: ignore-scripts=true), so it is quick and quiet
// (onnxruntime-node's installer would try to download CUDA files); `npm start` and `npm test`
// run this first. Usage: node scripts/setup.mjs [--except onnx-models] [--only a,b]
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const files = (dir, filter = () => true) => readdirSync(join(root, dir)).filter(filter).map((f) => `${dir}/${f}`);

function stampOf(inputs) {
  const hash = createHash('sha256');
  for (const f of [...inputs].sort()) hash.update(f).update(readFileSync(join(root, f)));
  return hash.digest('hex');
}

/** A step that runs a script when its outputs are missing or its inputs changed. */
function scripted(name, script, inputs, outputs, args = []) {
  const stampFile = join(root, outputs[0], '..', `.stamp-${name}`);
  return {
    name,
    stale: () => !outputs.every((o) => existsSync(join(root, o))) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stampOf(inputs()),
    command: [process.execPath, [tsx, join(root, script), ...args]],
    done: () => writeFileSync(stampFile, stampOf(inputs())),
  };
}

export const STEPS = {
  vendor: {
    name: 'vendor',
    stale: () => true,
    command: [process.execPath, [join(root, 'scripts/copy-vendor.mjs')]],
  },
  sqlite: {
    name: 'sqlite',
    stale: () => !existsSync(join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')),
    // Its own install script: prebuild-install (offline: fails at once), then node-gyp.
    command: [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3', '--ignore-scripts=false', '--foreground-scripts']],
  },
  'scoring-models': scripted(
    'scoring-models',
    'scripts/build-models.ts',
    () => ['scripts/build-models.ts', 'lib/scoring/spam-model.ts', 'lib/scoring/lexicon.ts', 'scripts/demo/sources.ts', 'lib/util/prng.ts'],
    ['lib/scoring/generated/spam-model.json', 'lib/scoring/generated/english-lexicon.json'],
  ),
  demo: scripted(
    'demo',
    'scripts/build-demo.ts',
    () => ['scripts/build-demo.ts', 'scripts/demo-selectors.ts', ...files('scripts/demo'), 'lib/scoring/char-ngram.ts', 'lib/data/columns.ts', 'lib/util/prng.ts'],
    ['public/demo/demo.parquet'],
  ),
  cli: {
    name: 'cli',
    stale: () => true,
    command: [process.execPath, [join(root, 'scripts/build-cli.mjs'), '--if-stale']],
  },
  'onnx-models': scripted(
    'onnx-models',
    'scripts/train-models.ts',
    () => ['scripts/train-models.ts', 'scripts/build-demo.ts', ...files('scripts/demo'), ...files('scripts/models'), ...files('lib/models', (f) => f.endsWith('.ts')), 'lib/util/prng.ts'],
    ['lib/models/generated/models.json'],
  ),
};

/** Runs one step's command; resolves with its exit code. Output goes to the terminal, prefixed. */
function run(step) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const [cmd, args] = step.command;
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    const relay = (stream, out) => {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop();
        // node-gyp's 'gyp info' lines are hundreds of lines of no news.
        for (const line of lines) if (line.trim() && !/npm warn|^gyp info/.test(line)) out.write(`[${step.name}] ${line}\n`);
      });
    };
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => {
      if (code === 0) step.done?.();
      console.log(`[${step.name}] ${code === 0 ? 'done' : `FAILED (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      resolve(code ?? 1);
    });
  });
}

/** Runs the stale steps among `names`, at most `parallel` at a time, in the order given; true when all succeeded. */
export async function setup(names = Object.keys(STEPS), parallel = 2) {
  mkdirSync(join(root, 'lib/scoring/generated'), { recursive: true });
  mkdirSync(join(root, 'lib/models/generated'), { recursive: true });
  mkdirSync(join(root, 'public/demo'), { recursive: true });
  const queue = names.map((n) => STEPS[n]).filter((s) => {
    const stale = s.stale();
    if (!stale) console.log(`[${s.name}] up to date`);
    return stale;
  });
  let ok = true;
  const worker = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) ok = (await run(step)) === 0 && ok;
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return ok;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const at = (flag) => process.argv.indexOf(flag);
  let names = Object.keys(STEPS);
  if (at('--only') > 0) names = process.argv[at('--only') + 1].split(',');
  if (at('--except') > 0) names = names.filter((n) => !process.argv[at('--except') + 1].split(',').includes(n));
  const t0 = Date.now();
  const ok = await setup(names);
  console.log(`setup ${ok ? 'finished' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  process.exit(ok ? 0 : 1);
}
