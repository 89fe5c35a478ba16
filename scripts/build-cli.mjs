// Compiles the `sift` CLI (lib/cli/main.ts) and its scoring worker thread to JavaScript with esbuild.
// npm packages stay external (resolved from node_modules at run time); Sift's own modules and the
// generated JSON they import are bundled, split so each command loads only what it needs.
// Each build goes to its own folder dist/cli/<id>/ and dist/cli/current names the newest (written
// last, by rename), so a `sift` starting during a rebuild never imports a half-written file.
// bin/sift.mjs calls ensureCli() at each start: a stat walk of lib/ (milliseconds) and, only when a
// source is newer than the build, a rebuild (about 0.3 s). `npm run setup` builds it too.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'dist/cli');
const pointer = join(outDir, 'current');
// engine-worker: the server engine's thread (lib/engine/host.ts starts it from the newest build).
const entries = { sift: 'lib/cli/main.ts', 'score-worker': 'lib/cli/score-worker.ts', 'engine-worker': 'lib/engine/worker.ts' };

/** The newest modification time among the files the build is made of. */
function newestSource(dir = join(root, 'lib')) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'test') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const current = () => join(outDir, readFileSync(pointer, 'utf8').trim(), 'sift.mjs');

export async function buildCli() {
  const { build } = await import('esbuild');
  const id = `b${Date.now().toString(36)}-${process.pid}`;
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)])),
    outdir: join(outDir, id),
    outExtension: { '.js': '.mjs' },
    // Chunks beside the entries: lib/cli/score.ts finds ./score-worker.mjs from whichever file holds it.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  const tmp = `${pointer}.${id}`;
  writeFileSync(tmp, id);
  renameSync(tmp, pointer);
  // Older builds go; one a running `sift` may still read is kept for a minute.
  for (const name of readdirSync(outDir))
    if (name !== id && name !== 'current' && !name.startsWith('current.') && Date.now() - statSync(join(outDir, name)).mtimeMs > 60_000) rmSync(join(outDir, name), { recursive: true, force: true });
  return current();
}

/** The compiled CLI's entry, rebuilt first when a file under lib/ is newer than the build. */
export async function ensureCli() {
  if (!existsSync(pointer) || statSync(pointer).mtimeMs < newestSource() || !existsSync(current())) return buildCli();
  return current();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now();
  // --if-stale: only when a source is newer than the build (what `npm run setup` asks).
  const entry = process.argv.includes('--if-stale') ? await ensureCli() : await buildCli();
  console.log(`built ${entry.slice(root.length)} in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
}
