/**
 * The server engine (issue 23) driven as a person uses it: headless Chromium
 * on the real pages against the real server (`next start`), a folder of
 * Parquet shards opened with /?dataset=server:<folder>. Prints: open (first
 * view ready), a further selector, slider steps (input event to counts on the
 * page), the 96-ratio sweep, Browse's first page with text, a two-selector
 * Compare, the keep list streamed from the server, and memory (server
 * resident, per document; the tab's renderer). Needs a production build.
 *   npx tsx bench/server-engine.ts [rows=1000000] [shards=16] [steps=40]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { NodeConnector } from '../lib/data/connectors/node';
import { makeShards } from './make-shards';
import { rendererRssBytes, sliderSteps, waitForServer } from './support';

const rows = Number(process.argv[2] ?? 1_000_000);
const shards = Number(process.argv[3] ?? 16);
const steps = Number(process.argv[4] ?? 40);
const DATA = resolve('bench/out/engine-data');
const folder = `shards-${rows}`;
const PORT = 3202;
const BASE = `http://localhost:${PORT}`;

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (x: number) => x.toFixed(1);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Resident memory of a process and its children (the Next server and the engine thread share one process). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  let total = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  for (const child of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (new RegExp(`^PPid:\\s+${pid}$`, 'm').test(readFileSync(`/proc/${child}/status`, 'utf8'))) total += rssOf(Number(child));
    } catch {
      /* ended */
    }
  }
  return total;
}

async function main() {
  const dir = join(DATA, folder);
  if (!existsSync(dir)) {
    const t0 = performance.now();
    await makeShards(shards, rows / shards, dir);
    console.log(`wrote ${rows.toLocaleString('en-US')} documents in ${shards} shards in ${s(performance.now() - t0)}`);
  }
  const server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT)], { stdio: 'ignore', env: { ...process.env, SIFT_DATA_DIR: DATA, SIFT_TOKEN: '', NEXT_TELEMETRY_DISABLED: '1' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await waitForServer(`${BASE}/api/files`);
    const idleRss = rssOf(server.pid!);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('response', (r) => r.status() >= 500 && console.error('server error:', r.status(), r.url().slice(0, 200)));
    await page.addInitScript(() => window.localStorage.setItem('sift.visited', '1'));

    // Open: the link to the first view with counts on screen.
    let t0 = performance.now();
    await page.goto(`${BASE}/distributions?s=quality&dataset=server:${folder}`);
    await page.getByTestId('kept-count').waitFor({ timeout: 600_000 });
    const openMs = performance.now() - t0;
    const handle = await page.evaluate(() => document.querySelector('[data-testid="engine-badge"]')?.getAttribute('title') ?? '');
    await page.getByTestId('sweep').waitFor({ timeout: 120_000 });
    const sweepMs = Number(await page.getByTestId('sweep').getAttribute('data-sweep-ms'));
    console.log(`server engine, ${rows.toLocaleString('en-US')} documents in ${shards} Parquet shards, 3 selectors (${new Date().toISOString().slice(0, 10)})`);
    console.log(`open (link → first view with counts): ${s(openMs)}; ${handle.replace(/^The server's DuckDB holds \S+ and answers every view /, '')}`);
    console.log(`sweep of 96 ratios (server): ${fmt(sweepMs)} ms (target ≤ 1000 ms: ${(sweepMs / 1000).toFixed(3)}×)`);

    // Slider steps, timed in the page: input event → the control shows the new ratio's counts.
    const stepResults = await sliderSteps(page, steps);
    const latency = stepResults.steps.map((r) => r.latency);
    const compute = stepResults.steps.map((r) => r.compute);
    const requests = stepResults.requests.map((t) => t.duration);
    const engine = stepResults.requests.map((t) => t.engine);
    console.log(`slider step, input → counts on the page (${steps} steps): p50 ${fmt(pct(latency, 0.5))} ms, p95 ${fmt(pct(latency, 0.95))} ms (target p95 ≤ 50 ms: ${(pct(latency, 0.95) / 50).toFixed(2)}×); selection computed in p50 ${fmt(pct(compute, 0.5))} ms; ${requests.length} requests: p50 ${fmt(pct(requests, 0.5))} ms, p95 ${fmt(pct(requests, 0.95))} ms, of which waiting for the engine thread p50 ${fmt(pct(engine, 0.5))} ms, p95 ${fmt(pct(engine, 0.95))} ms`);

    // A further selector: its order is built on the server on first use.
    t0 = performance.now();
    await page.getByTestId('selector').selectOption('edu');
    await page.locator('[data-testid="sweep"][data-sweep-for="edu"]').waitFor({ timeout: 300_000 });
    const secondMs = performance.now() - t0;
    console.log(`further selector (order built, sweep drawn): ${s(secondMs)}`);

    // Browse: the 100 lowest-ranked documents with their text; the engine requests on the way, with their times.
    const browseRequests: string[] = [];
    const onBrowseRequest = (r: import('@playwright/test').Request) => {
      const t = r.timing();
      const body = r.postData() ?? '';
      const what = /"op":"(\w+)"/.exec(body)?.[1] ?? r.url().replace(BASE, '');
      const method = /"method":"(\w+)"/.exec(body)?.[1];
      browseRequests.push(`${what}${method ? `:${method}` : ''} at ${Math.round(t.startTime - tBrowse)} ms, ${Math.round(t.responseEnd)} ms`);
    };
    page.on('requestfinished', onBrowseRequest);
    const tBrowse = Date.now();
    t0 = performance.now();
    await page.getByTestId('nav-browse').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid="doc-row"]')?.textContent ?? '').includes('document '), null, { timeout: 120_000 });
    const browseMs = performance.now() - t0;
    page.off('requestfinished', onBrowseRequest);
    console.log(`Browse, first page with text: ${fmt(browseMs)} ms (target ≤ 500 ms: ${(browseMs / 500).toFixed(2)}×); requests: ${browseRequests.join('; ')}`);

    // Compare and the keep list, asked of the engine route from the page (what the views send).
    let opened: { ms: Record<string, number>; memory: Record<string, number>; dataset: { timings: Record<string, number> } } | null = null;
    const id = await page.evaluate(async (path) => {
      const r = await fetch('/api/engine', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ op: 'open', path }) });
      const bytes = new Uint8Array(await r.arrayBuffer());
      const n = new DataView(bytes.buffer).getUint32(0, true);
      return JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + n))) as { id: string; ms: Record<string, number>; memory: Record<string, number>; dataset: { timings: Record<string, number> } };
    }, folder).then((d) => {
      opened = d;
      return d.id;
    });
    const timed = (body: object) =>
      page.evaluate(async (b) => {
        const t = performance.now();
        const r = await fetch('/api/engine', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(b) });
        const bytes = (await r.arrayBuffer()).byteLength;
        return { ms: performance.now() - t, bytes, status: r.status };
      }, body);
    console.log(`on the server (ms): ${JSON.stringify(opened!.ms)}, steps of the load (ms): ${JSON.stringify(opened!.dataset.timings)}, memory ${JSON.stringify(opened!.memory)}`);
    const compare = await timed({ op: 'call', id, directions: { quality: 'higher', edu: 'higher' }, method: 'compare', args: ['quality', 'edu', { ratio: 0.25 }] });
    console.log(`Compare two selectors (page → server → page): ${fmt(compare.ms)} ms, ${compare.bytes} bytes (target ≤ 15 s)`);
    const exportOptions = { selector: 'quality', ratio: 0.25, direction: 'higher', missing: 'keep', mode: 'threshold', defines: [], list: 'keep', format: 'jsonl', out: 'keep.jsonl' };
    const keep = await timed({ op: 'call', id, directions: { quality: 'higher' }, method: 'export', args: ['quality', exportOptions, { tagRows: null, annotations: null, corpus: null }] });
    console.log(`keep list, ${Math.round(rows * 0.75).toLocaleString('en-US')} lines (JSONL) from the server: ${fmt(keep.ms)} ms, ${(keep.bytes / 2 ** 20).toFixed(1)} MiB`);
    console.log(`server resident after the keep list: ${(rssOf(server.pid!) / 2 ** 20).toFixed(0)} MiB (${(idleRss / 2 ** 20).toFixed(0)} MiB before opening); tab renderers ${(rendererRssBytes() / 2 ** 20).toFixed(0)} MiB`);

    // An independent check of the server's selection: DuckDB's window function over the shards
    // (ties by the id's bytes, then by position in the corpus), against the engine's drop list.
    const dropOptions = { ...exportOptions, list: 'drop', out: 'drop.jsonl' };
    // The drop list goes to a file (at 10^8 documents it is longer than a JS string may be) and DuckDB
    // compares it with its own, as multisets of ids (ids repeat).
    const answer = Buffer.from(
      await (
        await fetch(`${BASE}/api/engine`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: BASE },
          body: JSON.stringify({ op: 'call', id, directions: { quality: 'higher' }, method: 'export', args: ['quality', dropOptions, { tagRows: null, annotations: null, corpus: null }] }),
        })
      ).arrayBuffer(),
    );
    const headerBytes = answer.readUInt32LE(0);
    const header = JSON.parse(answer.subarray(4, 4 + headerBytes).toString('utf8')) as { chunks: Array<{ offset: number; length: number }> };
    const bodyStart = (4 + headerBytes + 7) & ~7;
    const dropFile = join(DATA, '..', `drop-${rows}.jsonl`);
    writeFileSync(dropFile, Buffer.concat(header.chunks.map((c) => answer.subarray(bodyStart + c.offset, bodyStart + c.offset + c.length))));
    const conn = await NodeConnector.open();
    const [check] = await conn.query(`
      WITH t AS (SELECT id, quality, filename, file_row_number FROM read_parquet('${dir}/*.parquet', filename = true, file_row_number = true) WHERE quality IS NOT NULL),
      r AS (SELECT id, row_number() OVER (ORDER BY quality, encode(id), filename, file_row_number) AS rk, count(*) OVER () AS n FROM t),
      w AS (SELECT id, count(*) AS k FROM r WHERE rk <= floor(0.25 * n) GROUP BY id),
      e AS (SELECT CAST(doc_id AS VARCHAR) AS id, count(*) AS k FROM read_json('${dropFile}', columns = {doc_id: 'VARCHAR'}, format = 'newline_delimited') GROUP BY 1)
      SELECT (SELECT sum(k) FROM w) AS windowed, (SELECT sum(k) FROM e) AS engine,
             (SELECT count(*) FROM w FULL OUTER JOIN e USING (id) WHERE w.k IS DISTINCT FROM e.k) AS differing`);
    conn.close();
    rmSync(dropFile, { force: true });
    const same = Number(check.differing) === 0 && Number(check.windowed) === Number(check.engine);
    const windowed = { length: Number(check.windowed) };
    const engineDropped = { length: Number(check.engine) };

    const serverRss = rssOf(server.pid!);
    const tab = rendererRssBytes();
    console.log(`independent check at 25 %: DuckDB's row_number() OVER (ORDER BY quality, encode(id), file, row) drops ${windowed.length.toLocaleString('en-US')} documents; the engine's drop list ${engineDropped.length.toLocaleString('en-US')}: ${same ? 'the same ids' : 'DIFFERENT'}`);
    console.log(`server resident: ${(serverRss / 2 ** 20).toFixed(0)} MiB (${(idleRss / 2 ** 20).toFixed(0)} MiB before opening: ${((serverRss - idleRss) / rows).toFixed(1)} bytes per document with everything); tab renderers ${(tab / 2 ** 20).toFixed(0)} MiB`);
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
