/**
 * The server as an attacker meets it: another origin's page, a rebinding
 * Host, token mode on a private server, files that are not corpora.
 * Two real servers (playwright.config.ts): the usual one on PORT, and a
 * private one started with SIFT_TOKEN on PRIVATE_PORT.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, sep } from 'node:path';
import { expect, request as playwrightRequest, test } from '@playwright/test';
import { legacyDbPath } from '../lib/annotations/db-path';
import { DataPage } from './support/data-page';
import { DATA_DIR, LEGACY_DATASET } from './support/fixtures';
import { PORT, PRIVATE_BASE, PRIVATE_TOKEN } from './support/servers';

const BASE = `http://localhost:${PORT}`;

/** Every route handler under app/api, as "METHOD /api/path" (from the files, so a new route cannot be forgotten). */
function apiRoutes(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'route.ts') {
        const path = '/' + relative('app', join(full, '..')).split(sep).join('/');
        for (const m of readFileSync(full, 'utf8').matchAll(/export (?:const|(?:async )?function) (GET|HEAD|POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m[1]} ${path}`);
      }
    }
  };
  walk('app/api');
  return out.sort();
}

/** Every page, from app/**\/page.tsx. */
function pages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory() && name !== 'api') walk(full);
      else if (name === 'page.tsx') out.push('/' + relative('app', dir).split(sep).join('/'));
    }
  };
  walk('app');
  return out.map((p) => (p === '/' ? '/' : p.replace(/\/$/, ''))).sort();
}

const label = (doc: string) => ({ dataset: 'private-check', doc_id: doc, annotator: 'route-check', label: 'keep' });

/** One valid request per route of the private server; "anonymous" is what an outsider sends. */
const ROUTE_SAMPLES: Record<string, { path: string; data?: unknown; anonymous?: unknown }> = {
  'GET /api/annotations': { path: '/api/annotations?dataset=private-check' },
  'POST /api/annotations': { path: '/api/annotations', data: label('d1') },
  'POST /api/annotations/batch': { path: '/api/annotations/batch', data: { items: [label('d2'), label('d3')] } },
  'GET /api/annotations/history': { path: '/api/annotations/history?dataset=private-check' },
  // The server engine opens a data-folder path: with the token it answers, without it refuses before reading anything.
  'POST /api/engine': { path: '/api/engine', data: { op: 'open', path: 'private.jsonl' } },
  'GET /api/files': { path: '/api/files' },
  'GET /api/files/[...path]': { path: '/api/files/private.jsonl' },
  'HEAD /api/files/[...path]': { path: '/api/files/private.jsonl' },
  // Signing in is how a browser gets the session: without the token it is refused like any route.
  'POST /api/login': { path: '/api/login', data: { token: PRIVATE_TOKEN }, anonymous: { token: 'a-guess' } },
  'DELETE /api/login': { path: '/api/login', data: {} },
};

/** Each request from a fresh context: a session cookie that one route sets must not carry over to the next. */
async function send(route: string, withToken: boolean) {
  const ctx = await playwrightRequest.newContext();
  const [method] = route.split(' ');
  const sample = ROUTE_SAMPLES[route];
  const data = withToken ? sample.data : (sample.anonymous ?? sample.data);
  const response = await ctx.fetch(PRIVATE_BASE + sample.path, {
    method,
    headers: { ...(withToken ? { Authorization: `Bearer ${PRIVATE_TOKEN}` } : {}), ...(data !== undefined ? { 'Content-Type': 'application/json', Origin: PRIVATE_BASE } : {}) },
    data: data !== undefined ? JSON.stringify(data) : undefined,
    maxRedirects: 0,
  });
  const status = response.status();
  await ctx.dispose();
  return status;
}

test('a private server (SIFT_TOKEN): every API route answers 401 without the token and 2xx with it; pages send you to the login form', async () => {
  const routes = apiRoutes();
  expect(routes.sort()).toEqual(Object.keys(ROUTE_SAMPLES).sort());
  for (const route of routes) {
    expect(await send(route, false), `${route} without the token`).toBe(401);
    const authorised = await send(route, true);
    expect(authorised, `${route} with the token`).toBeGreaterThanOrEqual(200);
    expect(authorised, `${route} with the token`).toBeLessThan(300);
  }
  const ctx = await playwrightRequest.newContext();
  // The scheme is case-insensitive.
  expect((await ctx.get(`${PRIVATE_BASE}/api/files`, { headers: { Authorization: `bearer ${PRIVATE_TOKEN}` } })).status()).toBe(200);
  // Nothing is readable without it: not the listing, not the corpus, not the labels written above.
  const listing = await ctx.get(`${PRIVATE_BASE}/api/files`);
  expect(await listing.text()).not.toContain('private.jsonl');
  for (const page of pages().filter((p) => p !== '/login')) {
    const r = await ctx.get(PRIVATE_BASE + page, { maxRedirects: 0 });
    expect(r.status(), page).toBe(307);
    expect(r.headers()['location'], page).toContain(`/login?next=${encodeURIComponent(page)}`);
  }
  // The listing never gives the data folder's absolute location.
  const files = await (await ctx.get(`${PRIVATE_BASE}/api/files`, { headers: { Authorization: `Bearer ${PRIVATE_TOKEN}` } })).json();
  expect(Object.keys(files)).toEqual(['files', 'folder']);
  expect(files.folder).toBe('test-results/e2e-private');
  expect(JSON.stringify(files)).not.toContain(process.cwd());
  await ctx.dispose();
});

test('a private server: the page works after the login form, with the session in an HttpOnly cookie', async ({ page }) => {
  await page.goto(`${PRIVATE_BASE}/distributions`);
  await expect(page).toHaveURL(/\/login\?next=%2Fdistributions$/);
  await page.getByTestId('login-token').fill('not-the-token');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('wrong token');
  await page.getByTestId('login-token').fill(PRIVATE_TOKEN);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(`${PRIVATE_BASE}/distributions`);
  // Scripts never see the session.
  expect(await page.evaluate(() => document.cookie)).not.toContain('sift_session');

  const data = new DataPage(page);
  await page.goto(`${PRIVATE_BASE}/data`);
  await page.getByTestId('server-files').getByRole('button', { name: 'private.jsonl' }).click();
  await data.expectLoaded('private.jsonl', 64);
  // The page writes a label with its session (same origin, JSON), and reads it back.
  const status = await page.evaluate(async () => {
    const r = await fetch('/api/annotations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dataset: 'after-login', doc_id: 'doc-1', annotator: 'me', label: 'keep' }) });
    return r.status;
  });
  expect(status).toBe(201);
  const read = await page.request.get(`${PRIVATE_BASE}/api/annotations?dataset=after-login`);
  expect((await read.json()).annotations).toHaveLength(1);
});

/** A page of another origin (another localhost port) that tries every way a browser lets it write. */
const ATTACK_PAGE = (target: string) => `<!doctype html><html><body><iframe name="sink"></iframe><script>
const label = (doc) => JSON.stringify({ dataset: 'cross-origin-attack', doc_id: doc, annotator: 'mallory', label: 'drop' });
(async () => {
  const tries = [
    fetch('${target}/api/annotations', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: label('text-plain') }),
    fetch('${target}/api/annotations', { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ a: label('form') }) }),
    fetch('${target}/api/annotations/batch', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ items: [JSON.parse(label('batch'))] }) }),
    fetch('${target}/api/annotations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: label('json') }),
  ];
  await Promise.allSettled(tries);
  const form = document.createElement('form');
  form.method = 'POST'; form.action = '${target}/api/annotations'; form.enctype = 'text/plain'; form.target = 'sink';
  const input = document.createElement('input');
  input.name = '{"dataset":"cross-origin-attack","doc_id":"form-post","annotator":"mallory","label":"drop","x":"';
  input.value = '"}';
  form.appendChild(input); document.body.appendChild(form);
  document.querySelector('iframe').addEventListener('load', () => { document.title = 'done'; });
  form.submit();
})();
</script></body></html>`;

test('a page of another origin (another localhost port) cannot write a label; the same origin can', async ({ page }) => {
  const server: Server = createServer((_, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(ATTACK_PAGE(BASE));
  });
  await new Promise<void>((ok) => server.listen(0, 'localhost', ok));
  const attacker = `http://localhost:${(server.address() as AddressInfo).port}`;
  const answers: number[] = [];
  page.on('response', (r) => {
    if (r.url().startsWith(`${BASE}/api/annotations`) && r.request().method() === 'POST') answers.push(r.status());
  });
  try {
    await page.goto(attacker);
    await expect(page).toHaveTitle('done', { timeout: 30_000 });
  } finally {
    server.close();
  }
  // The server saw the writes and refused each (415 not JSON, 403 cross-origin); the JSON one never left the preflight.
  expect(answers.length).toBeGreaterThanOrEqual(4);
  for (const s of answers) expect([403, 415]).toContain(s);
  const stored = await (await page.request.get(`${BASE}/api/annotations/history?dataset=cross-origin-attack`)).json();
  expect(stored.events).toEqual([]);

  // Control: a page of Sift's own origin writes with the same request.
  await page.goto(`${BASE}/data`);
  const status = await page.evaluate(async () => {
    const r = await fetch('/api/annotations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ dataset: 'same-origin-control', doc_id: 'd', annotator: 'me', label: 'drop' }) });
    return r.status;
  });
  expect(status).toBe(201);
});

/** A raw request with a Host header of our choosing (a DNS-rebinding page names its own host). */
function rawGet(path: string, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: 'localhost', port: PORT, path, headers: { Host: host } }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

test('a rebinding Host is refused for reads, writes and pages; loopback names are served', async () => {
  for (const path of ['/api/files', '/api/annotations?dataset=x', '/data']) {
    expect(await rawGet(path, `evil.example:${PORT}`), path).toBe(403);
    expect(await rawGet(path, `localhost:${PORT}`), path).toBeLessThan(400);
    expect(await rawGet(path, `127.0.0.1:${PORT}`), path).toBeLessThan(400);
  }
});

test('the data folder serves corpora only: not the label database, not notes; a legacy database was moved out', async ({ request }) => {
  for (const name of ['sift.db', 'sift.db-wal', 'sift.db-shm', 'notes.txt', '.hidden.jsonl']) {
    expect((await request.get(`/api/files/${name}`)).status(), name).toBe(404);
  }
  const listing = (await (await request.get('/api/files')).json()) as { files: Array<{ path: string }> };
  expect(listing.files.map((f) => f.path)).not.toContain('notes.txt');
  // The label an older Sift stored inside the data folder is still there, now from the database beside it.
  const legacy = await (await request.get(`/api/annotations?dataset=${LEGACY_DATASET}`)).json();
  expect(legacy.annotations.map((a: { doc_id: string; label: string }) => [a.doc_id, a.label])).toEqual([['doc-1', 'drop']]);
  expect(existsSync(legacyDbPath(DATA_DIR))).toBe(false);
  // Malformed percent-encoding is a bad request, not a crash; a name with % loads as itself.
  for (const path of ['/api/files/%ZZ', '/api/files/%E0%A4%A']) expect((await request.get(path)).status(), path).toBe(400);
  expect((await request.get('/api/files/%25')).status()).toBe(404);
  const pct = await request.get('/api/files/100%25.jsonl');
  expect(pct.status()).toBe(200);
  expect((await pct.text()).split('\n')[0]).toContain('doc-0');
});

test('a file named 100%.jsonl loads from the data folder on the page', async ({ page }) => {
  const data = new DataPage(page);
  await data.openServerFile('100%.jsonl', 7);
});

test('every page answer carries the CSP, prefetches included; API answers forbid framing and sniffing', async ({ request }) => {
  const variants: Array<Record<string, string>> = [{}, { Purpose: 'prefetch' }, { 'Sec-Purpose': 'prefetch' }, { 'Next-Router-Prefetch': '1', RSC: '1' }];
  for (const headers of variants) {
    const r = await request.get('/data', { headers });
    const csp = r.headers()['content-security-policy'] ?? '';
    expect(csp, JSON.stringify(headers)).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(csp, JSON.stringify(headers)).toContain("frame-ancestors 'none'");
  }
  for (const path of ['/api/files', '/api/files/missing.jsonl', '/api/annotations', '/api/annotations?dataset=x']) {
    const r = await request.get(path);
    expect(r.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(r.headers()['x-content-type-options'], path).toBe('nosniff');
  }
});
