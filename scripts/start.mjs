// `npm start`: builds what is missing (scripts/setup.mjs) and the app when it is missing or
// older than its sources, then serves it on port 3000 (PORT overrides) with the demo corpus.
// On the first start the shipped ONNX models are trained in the background after the server
// is up (about 3 minutes): the demo opens meanwhile, and the model panel says when they are ready.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, STEPS } from './setup.mjs';

const root = new URL('..', import.meta.url).pathname;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const SOURCES = ['app', 'components', 'lib', 'workers', 'proxy.ts', 'next.config.mjs', 'package.json', 'public'];
const t0 = Date.now();

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  // The ONNX models are read at request time (app/models), and train while the server runs.
  if (path === 'lib/models/generated') return 0;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const port = process.env.PORT ?? '3000';
const hostname = process.env.SIFT_HOST ?? process.env.HOSTNAME_BIND ?? 'localhost';
// Without SIFT_TOKEN every corpus and label is open to whoever can reach the server: localhost only.
// (Trimmed as the server reads it: a token of spaces is no token.)
const token = process.env.SIFT_TOKEN?.trim() ?? '';
if (!['localhost', '127.0.0.1', '::1'].includes(hostname) && !token) {
  console.error(`Sift: refusing to listen on ${hostname} without a token: set SIFT_TOKEN (pages then ask for it once; API calls send "Authorization: Bearer <token>"), or listen on localhost.`);
  process.exit(2);
}
if (token && token.length < 16) {
  console.warn('Sift: SIFT_TOKEN is short; use a long random one (e.g. `openssl rand -hex 32`).');
}

// The native SQLite module compiles on one core while the other builds the assets and the app.
const sqlite = setup(['sqlite'], 1);
const assets = await setup(['vendor', 'scoring-models', 'demo'], 1);
if (!assets) process.exit(1);
const built = existsSync('.next/BUILD_ID') ? statSync('.next/BUILD_ID').mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newest))) {
  console.log('Building Sift (first start, or the sources changed)…');
  if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env }).status !== 0) process.exit(1);
}
if (!(await sqlite)) process.exit(1);

// The ONNX models in the background, once: a second start while they train does not start another run.
if (STEPS['onnx-models'].stale()) {
  const pidFile = join(root, 'lib/models/generated/.training-pid');
  const running = existsSync(pidFile) && isAlive(Number(readFileSync(pidFile, 'utf8')));
  if (!running) {
    const log = openSync(join(root, 'lib/models/generated/training.log'), 'w');
    const child = spawn(process.execPath, [join(root, 'scripts/setup.mjs'), '--only', 'onnx-models'], { cwd: root, env, detached: true, stdio: ['ignore', log, log] });
    writeFileSync(pidFile, String(child.pid));
    child.unref();
    closeSync(log);
  }
  console.log('Sift: training the shipped ONNX models in the background (about 3 minutes; log: lib/models/generated/training.log).');
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const dataDir = process.env.SIFT_DATA_DIR ?? './data';
console.log(`Sift: http://localhost:${port}  (data folder: ${dataDir}; labels: ${process.env.SIFT_DB ?? `${dataDir.replace(/\/+$/, '')}.sift.db`}; ready in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
if (!['localhost', '127.0.0.1', '::1'].includes(hostname) && !process.env.SIFT_ALLOWED_HOSTS) {
  console.log("Sift: answering to localhost and this machine's IP addresses; set SIFT_ALLOWED_HOSTS=name1,name2 for the host names people use to reach it.");
}
const server = spawnSync('node_modules/.bin/next', ['start', '-p', port, '-H', hostname], { stdio: 'inherit', env });
process.exit(server.status ?? 0);
