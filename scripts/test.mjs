// `npm test`: the setup (scripts/setup.mjs: native module, models, demo), ESLint, unit tests
// (vitest), the production build, then end-to-end tests (Playwright in Debian's chromium
// against `next start`). Ends with one line "N passed, N failed" summing both suites, which CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { setup } from './setup.mjs';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const bin = (name) => `node_modules/.bin/${name}`;
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;

mkdirSync('test-results', { recursive: true });
rmSync('test-results/unit.json', { force: true });
rmSync('test-results/e2e.json', { force: true });

let passed = 0;
let failed = 0;
let ok = true;

if (!(await setup())) {
  console.log('\nthe setup failed (see above); no tests run');
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

// Lint (ESLint: typescript-eslint and the rules of hooks), counted as one check; the import
// boundaries are checked by scripts/test/architecture.test.ts among the unit tests.
if (run(bin('eslint'), ['.', '--max-warnings', '0']) === 0) passed += 1;
else {
  console.error('\nESLint found problems (see above)');
  failed += 1;
  ok = false;
}

const unitStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json']);
if (existsSync('test-results/unit.json')) {
  const r = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
ok &&= unitStatus === 0;

const chromium = process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`\nend-to-end tests need Chromium at ${chromium} (Debian: apt-get install chromium; or set SIFT_CHROMIUM)`);
  failed += 1;
  ok = false;
} else if (run(bin('next'), ['build']) !== 0) {
  console.error('\nthe production build failed; end-to-end tests not run');
  failed += 1;
  ok = false;
} else {
  const e2eStatus = run(bin('playwright'), ['test']);
  let e2eFailed = 0;
  if (existsSync('test-results/e2e.json')) {
    const s = JSON.parse(readFileSync('test-results/e2e.json', 'utf8')).stats;
    passed += s.expected + (s.flaky ?? 0);
    e2eFailed = s.unexpected;
  }
  // Playwright can fail before any test runs (its web server did not start): count that as a failure.
  if (e2eStatus !== 0 && e2eFailed === 0) {
    console.error('\nthe end-to-end run failed before or outside its tests (see above)');
    e2eFailed = 1;
  }
  failed += e2eFailed;
  ok &&= e2eStatus === 0;

  // Annotation durability: 10,000 labels from 4 clients through two SIGKILLs of the built server.
  const durability = run(bin('tsx'), ['scripts/durability.ts']);
  if (durability === 0) passed += 1;
  else {
    failed += 1;
    ok = false;
  }
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
