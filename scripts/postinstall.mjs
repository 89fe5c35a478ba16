// Runs after `npm install`: copies browser runtimes into public/vendor and builds
// the demo corpus when its inputs changed. Both outputs are git-ignored.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'scripts/copy-vendor.mjs')], { stdio: 'inherit' });

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
