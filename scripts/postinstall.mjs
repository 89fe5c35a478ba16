// Runs after `npm install`: copies browser runtimes into public/vendor, builds the
// scoring models and the demo corpus when their inputs changed. All outputs are git-ignored.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts/copy-vendor.mjs')], { stdio: 'inherit' });

// The models lib/scoring imports (git-ignored, rebuilt when their inputs change).
const modelInputs = ['scripts/build-models.ts', 'lib/scoring/spam-model.ts', 'scripts/demo/sources.ts', 'lib/util/prng.ts'];
const modelHash = createHash('sha256');
for (const f of modelInputs.sort()) modelHash.update(f).update(readFileSync(join(root, f)));
const modelStamp = modelHash.digest('hex');
const modelOut = join(root, 'lib/scoring/generated/spam-nb.json');
const modelStampFile = join(root, 'lib/scoring/generated/.stamp');
if (existsSync(modelOut) && existsSync(modelStampFile) && readFileSync(modelStampFile, 'utf8') === modelStamp) {
  console.log('scoring models are up to date');
} else {
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build-models.ts')], { stdio: 'inherit', cwd: root });
  writeFileSync(modelStampFile, modelStamp);
}

const inputs = [
  'scripts/build-demo.ts',
  ...readdirSync(join(root, 'scripts/demo')).map((f) => `scripts/demo/${f}`),
  'lib/scoring/char-ngram.ts',
  'lib/data/columns.ts',
  'lib/util/prng.ts',
];
const hash = createHash('sha256');
for (const f of inputs.sort()) hash.update(f).update(readFileSync(join(root, f)));
const stamp = hash.digest('hex');
const out = join(root, 'public/demo/demo.parquet');
const stampFile = join(root, 'public/demo/.stamp');
if (existsSync(out) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('demo corpus is up to date');
} else {
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build-demo.ts')], { stdio: 'inherit', cwd: root });
  writeFileSync(stampFile, stamp);
}
