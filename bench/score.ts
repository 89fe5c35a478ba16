/**
 * Heuristic scorer throughput (issue 3): the full rule set (four rule sets,
 * eleven taggers, heuristic) on the demo corpus, in MB of UTF-8 text per
 * second per worker.
 *   1. Node, one thread, in process (the scorer alone: no I/O).
 *   2. `sift score` (worker_threads, DuckDB reading, JSONL writing) with 1..N workers.
 *   3. `sift score` on ~100 MB of JSONL with N workers.
 *   4. Chromium: the Data page's Score panel with 1..N workers (needs a production build).
 *   npx tsx bench/score.ts [--no-browser]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { once } from 'node:events';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { runScore } from '../lib/cli/score';
import { RULE_SETS } from '../lib/scoring/names';
import { scoreText } from '../lib/scoring/score';
import { demoTexts, waitForServer } from './support';

const DEMO = 'public/demo/demo.parquet';
const OUT = 'bench/out';
const PORT = 3202;
const cores = availableParallelism();
const mb = (bytes: number) => bytes / 1e6;

async function big100(texts: string[]): Promise<string> {
  const path = `${OUT}/score-100mb.jsonl`;
  if (existsSync(path)) return path;
  const out = createWriteStream(path);
  let bytes = 0;
  for (let copy = 0; bytes < 100e6; copy++) {
    for (let i = 0; i < texts.length && bytes < 100e6; i++) {
      const line = JSON.stringify({ id: `c${copy}-${i}`, text: texts[i] }) + '\n';
      bytes += Buffer.byteLength(line);
      if (!out.write(line)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return path;
}

async function browserRuns(workerCounts: number[]): Promise<Array<{ workers: number; seconds: number; mbps: number }>> {
  const server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT)], { stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out = [];
  try {
    await waitForServer(`http://localhost:${PORT}/api/files`);
    for (const workers of workerCounts) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } }); // fresh IndexedDB: no cached scores
      const page = await context.newPage();
      await page.goto(`http://localhost:${PORT}/data`);
      await page.getByTestId('row-count').waitFor({ timeout: 120_000 });
      await page.getByLabel('number of scoring workers').fill(String(workers));
      const t0 = Date.now();
      await page.getByTestId('score-start').click();
      await page.getByTestId('score-done').waitFor({ timeout: 1_800_000 });
      const seconds = (Date.now() - t0) / 1000;
      const text = (await page.getByTestId('score-done').textContent())!;
      const mbps = Number(/([\d.]+) MB\/s/.exec(text)?.[1]);
      out.push({ workers, seconds, mbps });
      console.log(`chromium  ${workers} worker(s): ${seconds.toFixed(1)} s, ${mbps.toFixed(2)} MB/s, ${(mbps / workers).toFixed(2)} MB/s per worker`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  return out;
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const texts = await demoTexts();
  const bytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  console.log(`demo corpus: ${texts.length} documents, ${mb(bytes).toFixed(1)} MB of text; ${cores} cores`);

  // 1. In process, one thread: a warm-up pass, then a timed one.
  for (const t of texts.slice(0, 2000)) scoreText(t);
  const t0 = performance.now();
  for (const t of texts) scoreText(t);
  const s1 = (performance.now() - t0) / 1000;
  console.log(`in process, 1 thread: ${s1.toFixed(1)} s, ${(mb(bytes) / s1).toFixed(2)} MB/s (target 25 MB/s per core: ${(25 / (mb(bytes) / s1)).toFixed(1)}x short)`);

  // 2. sift score with 1..N workers on the demo file.
  for (let w = 1; w <= cores; w++) {
    const r = await runScore([DEMO], { out: `${OUT}/demo-scores.jsonl`, rules: [...RULE_SETS], workers: w });
    const rate = mb(r.bytes) / r.seconds;
    console.log(`sift score, ${w} worker(s): ${r.seconds.toFixed(1)} s, ${rate.toFixed(2)} MB/s, ${(rate / w).toFixed(2)} MB/s per worker`);
  }

  // 3. ~100 MB of JSONL.
  const file = await big100(texts);
  const r = await runScore([file], { out: `${OUT}/score-100mb.scores.parquet`, rules: [...RULE_SETS], workers: cores });
  console.log(
    `sift score, ${mb(statSync(file).size).toFixed(0)} MB JSONL (${r.documents} documents), ${cores} workers: ${r.seconds.toFixed(1)} s, ` +
      `${(mb(r.bytes) / r.seconds).toFixed(2)} MB/s of text, ${(mb(r.bytes) / r.seconds / cores).toFixed(2)} MB/s per worker`,
  );

  // 4. Chromium.
  if (!process.argv.includes('--no-browser')) await browserRuns(Array.from({ length: cores }, (_, i) => i + 1));
}

await main();
