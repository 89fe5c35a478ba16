/**
 * Load-to-summary time and tab memory for a 1,000,000-row Parquet file loaded
 * through the Data page's file picker in headless Chromium, next to `sift info`
 * on the same file. Needs a production build (npm run build).
 *   npx tsx bench/load-1m.ts [rows=1000000] [runs=3]
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { loadDatasetFromFiles } from '../lib/cli/load';
import { CHROMIUM_ARGS } from '../playwright.config';
import { rendererRssBytes, waitForServer } from './support';
import { makeParquet } from './make-parquet';

const rows = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 3);
const file = `bench/out/corpus-${rows}.parquet`;
const PORT = 3200;
const TARGET_S = 5;
const TARGET_GB = 1.5;


async function main() {
  if (!existsSync(file)) await makeParquet(rows, file);
  const size = statSync(file).size;
  console.log(`file: ${file}, ${rows.toLocaleString('en-US')} rows, ${(size / 2 ** 20).toFixed(1)} MiB`);
  console.log(`machine: ${execFileSync('nproc').toString().trim()} cores, ${(Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))![1]) / 2 ** 20).toFixed(1)} GiB; chromium ${execFileSync('/usr/bin/chromium', ['--version']).toString().trim()}`);

  const t0 = performance.now();
  const { conn, dataset } = await loadDatasetFromFiles([file]);
  conn.close();
  const cliSeconds = (performance.now() - t0) / 1000;
  console.log(`sift info (Node DuckDB): ${cliSeconds.toFixed(2)} s, fingerprint ${dataset.summary.fingerprint}`);

  const server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT)], { stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  try {
    await waitForServer(`http://localhost:${PORT}/api/files`);
    const results: Array<{ seconds: number; peak: number; after: number; fingerprint: string }> = [];
    for (let run = 0; run < runs; run++) {
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      // Not a first visit: nothing loads by itself, so the tab holds only this file.
      await page.addInitScript(() => window.localStorage.setItem('sift.visited', '1'));
      await page.goto(`http://localhost:${PORT}/data`);
      await page.getByTestId('empty-state').waitFor();
      await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ timeout: 60_000 });
      console.log(`  engine: ${await page.getByTestId('engine-status').textContent()}`);
      const idle = rendererRssBytes();
      let peak = idle;
      const sampler = setInterval(() => (peak = Math.max(peak, rendererRssBytes())), 100);
      const start = performance.now();
      await page.getByTestId('file-input').setInputFiles(file);
      await page.getByTestId('row-count').filter({ hasText: rows.toLocaleString('en-US') }).waitFor({ timeout: 120_000 });
      const seconds = (performance.now() - start) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, rendererRssBytes());
      const after = rendererRssBytes();
      const fingerprint = (await page.getByTestId('dataset-fingerprint').textContent())!.trim();
      console.log(`  steps (ms): ${await page.getByTestId('load-timings').getAttribute('data-timings')}`);
      results.push({ seconds, peak, after, fingerprint });
      console.log(`run ${run + 1}: load-to-summary ${seconds.toFixed(2)} s; renderer RSS idle ${(idle / 2 ** 30).toFixed(2)} GiB, peak ${(peak / 2 ** 30).toFixed(2)} GiB, after ${(after / 2 ** 30).toFixed(2)} GiB; fingerprint ${fingerprint}`);
      await browser.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const s = median(results.map((r) => r.seconds));
    const peakGb = Math.max(...results.map((r) => r.peak)) / 2 ** 30;
    console.log(`\nmedian load-to-summary: ${s.toFixed(2)} s (target < ${TARGET_S} s: ${(s / TARGET_S).toFixed(2)}× of budget)`);
    console.log(`max peak renderer RSS: ${peakGb.toFixed(2)} GiB (target < ${TARGET_GB} GB: ${(peakGb / TARGET_GB).toFixed(2)}× of budget)`);
    console.log(`browser vs CLI time: ${(s / cliSeconds).toFixed(2)}×`);
    console.log(`fingerprints agree with sift info: ${results.every((r) => r.fingerprint === dataset.summary.fingerprint)}`);
  } finally {
    server.kill();
  }
}

await main();
