// `npm start`: builds the app when the build is missing or older than the
// sources, then serves it on port 3000 (PORT overrides) with the demo corpus.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const SOURCES = ['app', 'components', 'lib', 'workers', 'proxy.ts', 'next.config.mjs', 'package.json', 'public/demo/demo.parquet'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((f) => newest(join(path, f))));
}

if (!existsSync('public/demo/demo.parquet')) {
  if (spawnSync('node', ['scripts/postinstall.mjs'], { stdio: 'inherit', env }).status !== 0) process.exit(1);
}
const built = existsSync('.next/BUILD_ID') ? statSync('.next/BUILD_ID').mtimeMs : 0;
if (built < Math.max(...SOURCES.map(newest))) {
  console.log('Building Sift (first start or sources changed)…');
  if (spawnSync('node', ['scripts/copy-vendor.mjs'], { stdio: 'inherit', env }).status !== 0) process.exit(1);
  if (spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env }).status !== 0) process.exit(1);
}
const port = process.env.PORT ?? '3000';
const hostname = process.env.SIFT_HOST ?? process.env.HOSTNAME_BIND ?? 'localhost';
// Without SIFT_TOKEN every corpus and label is open to whoever can reach the server: localhost only.
if (!['localhost', '127.0.0.1', '::1'].includes(hostname) && !process.env.SIFT_TOKEN) {
  console.error(`Sift: refusing to listen on ${hostname} without a token: set SIFT_TOKEN (pages then ask for it once; API calls send "Authorization: Bearer <token>"), or listen on localhost.`);
  process.exit(2);
}
if (process.env.SIFT_TOKEN && process.env.SIFT_TOKEN.trim().length < 16) {
  console.warn('Sift: SIFT_TOKEN is short; use a long random one (e.g. `openssl rand -hex 32`).');
}
const dataDir = process.env.SIFT_DATA_DIR ?? './data';
console.log(`Sift: http://localhost:${port}  (data folder: ${dataDir}; labels: ${process.env.SIFT_DB ?? `${dataDir.replace(/\/+$/, '')}.sift.db`})`);
if (!['localhost', '127.0.0.1', '::1'].includes(hostname) && !process.env.SIFT_ALLOWED_HOSTS) {
  console.log('Sift: answering to localhost and this machine\'s IP addresses; set SIFT_ALLOWED_HOSTS=name1,name2 for the host names people use to reach it.');
}
const server = spawnSync('node_modules/.bin/next', ['start', '-p', port, '-H', hostname], { stdio: 'inherit', env });
process.exit(server.status ?? 0);
