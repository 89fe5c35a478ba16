/**
 * Model selector throughput (issue 8): documents/s and MB/s of UTF-8 text for
 * each shipped model on the demo corpus, side by side in one run:
 *   1. Node, onnxruntime-node (CPU), 1 thread and all threads (the runner alone: no I/O).
 *   2. Chromium, the Data page's Model panel: WASM on 1 thread and on all threads,
 *      and WebGPU (--enable-unsafe-webgpu: a software adapter without a GPU, the
 *      real one on a GPU machine). Needs a production build (npm run build).
 *   npx tsx bench/models.ts [--no-browser] [--webgpu-only] [--webgpu-all]
 * Without a GPU the WebGPU adapter is SwiftShader (~100 MFLOP/s): the byte LM
 * would take over an hour on the demo there, so it runs on WebGPU only with --webgpu-all.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { scoreWithOnnx } from '../lib/models/node';
import { demoTexts, waitForServer } from './support';

const PORT = 3203;
const cores = availableParallelism();
const MODELS = [
  { id: 'quality', file: 'public/models/quality.onnx', config: 'public/models/quality.json' },
  { id: 'byte-lm', file: 'public/models/byte-lm.onnx', config: 'public/models/byte-lm.json' },
];

interface Row {
  where: string;
  model: string;
  docs: number;
  seconds: number;
  mb: number;
}
const rows: Row[] = [];
function report(r: Row) {
  rows.push(r);
  console.log(`${r.where.padEnd(34)} ${r.model.padEnd(8)} ${String(r.docs).padStart(7)} docs ${r.seconds.toFixed(1).padStart(7)} s ${(r.docs / r.seconds).toFixed(0).padStart(7)} docs/s ${(r.mb / r.seconds).toFixed(2).padStart(7)} MB/s`);
}

async function nodeRuns(texts: string[]) {
  const mb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  for (const threads of [...new Set([1, cores])]) {
    for (const m of MODELS) {
      const config = JSON.parse(readFileSync(m.config, 'utf8'));
      const t0 = performance.now();
      await scoreWithOnnx(m.file, config, texts, threads);
      report({ where: `Node, ${threads} thread${threads === 1 ? '' : 's'}`, model: m.id, docs: texts.length, seconds: (performance.now() - t0) / 1000, mb });
    }
  }
}

/** One model run in a fresh browser context (empty score cache), timed by the page itself. */
async function browserRun(provider: 'wasm' | 'auto', threads: number, model: string, webgpu: boolean) {
  const browser = await chromium.launch({ executablePath: process.env.SIFT_CHROMIUM ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...(webgpu ? ['--enable-unsafe-webgpu'] : [])] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/data`);
    await page.getByRole('button', { name: /demo/i }).first().click();
    const panel = page.getByTestId('model-panel');
    await panel.getByTestId('model-start').waitFor({ timeout: 120_000 });
    for (const m of MODELS) if (m.id !== model) await panel.getByTestId(`model-choose-${m.id}`).uncheck();
    await panel.getByTestId('model-provider-choice').selectOption(provider);
    await panel.getByTestId('model-threads').fill(String(threads));
    await panel.getByTestId('model-start').click();
    await panel.getByTestId('model-run').first().waitFor({ timeout: 1_800_000 });
    const line = await panel.getByTestId('model-run').first().innerText();
    const m = /([\d,]+) documents in ([\d.]+) s \(([\d,]+) docs\/s, ([\d.]+) MB\/s\)/.exec(line);
    if (!m) throw new Error(`unexpected run line: ${line}`);
    const seconds = Number(m[2]);
    const provLine = /: (WebGPU|WASM, \d+ threads?)/.exec(line)?.[1] ?? '?';
    report({ where: `Chromium, ${provLine}`, model, docs: Number(m[1].replace(/,/g, '')), seconds, mb: Number(m[4]) * seconds });
  } finally {
    await browser.close();
  }
}

async function main() {
  const noBrowser = process.argv.includes('--no-browser');
  const webgpuOnly = process.argv.includes('--webgpu-only');
  console.log(`# model selectors, ${new Date().toISOString().slice(0, 10)}, ${cores} cores`);
  if (!webgpuOnly) await nodeRuns(await demoTexts());
  if (noBrowser) return;
  const server = spawn('npx', ['next', 'start', '-p', String(PORT)], { stdio: 'ignore', detached: true, env: { ...process.env, SIFT_DATA_DIR: 'bench/out/models-data' } });
  try {
    await waitForServer(`http://localhost:${PORT}/api/files`);
    for (const m of MODELS) {
      if (!webgpuOnly) for (const threads of [...new Set([1, cores])]) await browserRun('wasm', threads, m.id, false);
      if (m.id === 'quality' || process.argv.includes('--webgpu-all')) await browserRun('auto', cores, m.id, true);
    }
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
  console.log('\n| where | model | docs/s | MB/s |\n|---|---|---:|---:|');
  for (const r of rows) console.log(`| ${r.where} | ${r.model} | ${(r.docs / r.seconds).toFixed(0)} | ${(r.mb / r.seconds).toFixed(2)} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
