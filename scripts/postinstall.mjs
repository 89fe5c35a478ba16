// Runs after `npm install`: copies browser runtimes into public/vendor, builds the
// scoring models and the demo corpus when their inputs changed. All outputs are git-ignored.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts/copy-vendor.mjs')], { stdio: 'inherit' });

/** Runs a build script unless its outputs exist and its inputs hash to the stamp it left. */
function buildIfStale(label, inputs, out, stampFile, script) {
  const hash = createHash('sha256');
  for (const f of [...inputs].sort()) hash.update(f).update(readFileSync(join(root, f)));
  const stamp = hash.digest('hex');
  const outputs = Array.isArray(out) ? out : [out];
  if (outputs.every((o) => existsSync(o)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    console.log(`${label}: up to date`);
    return;
  }
  execFileSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, script)], { stdio: 'inherit', cwd: root });
  writeFileSync(stampFile, stamp);
}

// The models lib/scoring imports.
buildIfStale(
  'scoring models',
  ['scripts/build-models.ts', 'lib/scoring/spam-model.ts', 'lib/scoring/lexicon.ts', 'scripts/demo/sources.ts', 'lib/util/prng.ts'],
  ['spam-model.json', 'english-lexicon.json'].map((f) => join(root, 'lib/scoring/generated', f)),
  join(root, 'lib/scoring/generated/.stamp'),
  'scripts/build-models.ts',
);

// The shipped ONNX models (public/models), trained from the same npm-shipped text.
buildIfStale(
  'ONNX models',
  [
    'scripts/train-models.ts',
    'scripts/build-demo.ts',
    ...readdirSync(join(root, 'scripts/demo')).map((f) => `scripts/demo/${f}`),
    ...readdirSync(join(root, 'scripts/models')).map((f) => `scripts/models/${f}`),
    ...readdirSync(join(root, 'lib/models')).filter((f) => f.endsWith('.ts')).map((f) => `lib/models/${f}`),
    'lib/util/prng.ts',
  ],
  join(root, 'public/models/models.json'),
  join(root, 'public/models/.stamp'),
  'scripts/train-models.ts',
);

buildIfStale(
  'demo corpus',
  [
    'scripts/build-demo.ts',
    ...readdirSync(join(root, 'scripts/demo')).map((f) => `scripts/demo/${f}`),
    'lib/scoring/char-ngram.ts',
    'lib/data/columns.ts',
    'lib/util/prng.ts',
  ],
  join(root, 'public/demo/demo.parquet'),
  join(root, 'public/demo/.stamp'),
  'scripts/build-demo.ts',
);
