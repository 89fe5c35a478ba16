/**
 * The explorer at 1,000,000 documents, in headless Chromium on the real pages:
 * slider-step computation (worker time, and input-to-screen latency), the
 * 96-ratio sweep, and frame gaps while scrolling the Browse table with text
 * read lazily from the Parquet file. Needs a production build.
 *   npx tsx bench/explore-1m.ts [rows=1000000] [steps=100]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../playwright.config';
import { rendererRssBytes, sliderSteps, waitForServer } from './support';
import { makeParquet } from './make-parquet';

const rows = Number(process.argv[2] ?? 1_000_000);
const steps = Number(process.argv[3] ?? 100);
const file = `bench/out/corpus-${rows}.parquet`;
const PORT = 3201;

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (x: number) => x.toFixed(2);


async function main() {
  if (!existsSync(file)) await makeParquet(rows, file);
  const server = spawn('node_modules/.bin/next', ['start', '-p', String(PORT)], { stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await waitForServer(`http://localhost:${PORT}/api/files`);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && console.error('page console:', m.text().slice(0, 300)));
    page.on('pageerror', (e) => console.error('page error:', e.message));
    page.on('response', (r) => r.status() >= 500 && console.error('server error:', r.status(), r.url().slice(0, 300)));
    await page.addInitScript(() => window.localStorage.setItem('sift.visited', '1'));
    await page.goto(`http://localhost:${PORT}/data`);
    await page.locator('[data-testid="engine-status"][data-status="ready"]').waitFor({ timeout: 60_000 });
    await page.getByTestId('file-input').setInputFiles(file);
    await page.getByTestId('row-count').filter({ hasText: rows.toLocaleString('en-US') }).waitFor({ timeout: 120_000 });

    // The text worker decodes the lazily read text column in the background right after a load
    // (~6 s of CPU for 1M rows); on 2 cores it competes with everything else, so let it finish first.
    await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 12_000));
    await page.getByTestId('nav-distributions').click();
    await page.getByTestId('selector').selectOption('datarater');
    await page.getByTestId('kept-count').waitFor({ timeout: 120_000 });
    const prepareMs = Number(await page.getByTestId('explore-ready').getAttribute('data-prepare-ms'));
    await page.getByTestId('sweep').waitFor({ timeout: 60_000 });
    const sweepMs = Number(await page.getByTestId('sweep').getAttribute('data-sweep-ms'));

    // Slider steps driven inside the page: input event → counts on screen, timed there; the worker reports its own time.
    const { steps: stepResults } = await sliderSteps(page, steps);
    const compute = stepResults.map((r) => r.compute);
    const latency = stepResults.map((r) => r.latency);
    const paint = stepResults.map((r) => r.paint);

    // A fresh sweep for another selector (its index and the cross-selector sums are built once, then cached).
    await page.getByTestId('selector').selectOption('fineweb_edu');
    const sweep2 = page.locator('[data-testid="sweep"][data-sweep-for="fineweb_edu"]');
    await sweep2.waitFor({ timeout: 60_000 });
    const sweepMs2 = Number(await sweep2.getAttribute('data-sweep-ms'));
    const indexMs2 = Number(await sweep2.getAttribute('data-index-ms'));

    // Compare two selectors: all statistics, the 2×2 table, overlap curve, density, disagreements.
    // Known issue: after the in-page slider loop the first click on a navigation link is sometimes
    // lost (the page stays put); click again and report it.
    const navigate = async (link: string, landmark: string) => {
      let clicks = 0;
      for (;;) {
        clicks++;
        await page.getByTestId(link).click();
        if (await page.getByTestId(landmark).waitFor({ timeout: 10_000 }).then(() => true, () => false)) break;
        if (clicks >= 3) throw new Error(`the ${link} link did not navigate after 3 clicks`);
      }
      console.log(`navigation by ${link} took ${clicks} click(s)`);
    };
    await navigate('nav-compare', 'selector-b');
    await page.getByTestId('selector').selectOption('datarater');
    await page
      .getByTestId('selector-b')
      .selectOption('perplexity')
      .catch(async (e) => {
        await page.screenshot({ path: 'bench/out/compare-failure.png' });
        throw e;
      });
    const compareTimes: number[] = [];
    for (const preset of [10, 25, 50, 75, 90]) {
      await page.getByTestId(`preset-${preset}`).click();
      const done = page.locator(`[data-testid="compare"][data-compare-pair="datarater|perplexity"][data-compare-ratio="${preset / 100}"]`);
      await done.waitFor({ timeout: 60_000 });
      compareTimes.push(Number(await done.getAttribute('data-compare-ms')));
    }

    // Export a 1,000,000-document keep list from the page: click to the download event.
    // The same lost first click happens on the way to Export (a busy Compare page).
    await navigate('nav-export', 'export-format');
    await page.getByTestId('selector').selectOption('datarater');
    await page.getByTestId('preset-25').click();
    // The page reads the doc_ids once when it opens; give it the moment a person would.
    await page.waitForTimeout(3000);
    const exportTimes: Array<{ total: number; build: number }> = [];
    const parquetTimes: Array<{ total: number; build: number }> = [];
    for (const [format, times] of [['jsonl', exportTimes], ['parquet', parquetTimes]] as const) {
      await page.getByTestId('export-format').selectOption(format).catch(async (e) => {
        await page.screenshot({ path: 'bench/out/export-failure.png', fullPage: true });
        throw e;
      });
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const pending = page.waitForEvent('download');
        await page.getByTestId('export-run').click();
        await pending;
        const total = performance.now() - t0;
        // The provenance hashing finishes after the download; then the line shows this run's build time.
        await page.locator('[data-testid=export-run]:enabled').waitFor({ timeout: 60_000 });
        const done = (await page.getByTestId('export-done').textContent()) ?? '';
        times.push({ total, build: Number(/built in (\d+) ms/.exec(done)?.[1] ?? NaN) });
      }
    }

    await page.getByTestId('nav-browse').click();
    await page.getByTestId('doc-row').first().waitFor({ timeout: 60_000 });
    await page
      .waitForFunction(() => document.querySelector('[data-testid="doc-row"]')?.textContent?.includes('quick brown fox'), null, { timeout: 60_000 })
      .catch(async (e) => {
        console.error('first row:', await page.getByTestId('doc-row').first().textContent());
        throw e;
      });
    // Passed as a string: tsx would wrap named functions in a helper the page does not have.
    const scrollOnce = async () => (await page.evaluate(`(async () => {
      const el = document.querySelector('[data-testid="docs-table-scroll"]');
      const gaps = [];
      let last = performance.now();
      const end = last + 5000;
      await new Promise((resolve) => {
        function tick(t) {
          gaps.push(t - last);
          last = t;
          el.scrollTop += 400;
          if (t < end) requestAnimationFrame(tick);
          else resolve();
        }
        requestAnimationFrame(tick);
      });
      await new Promise((r) => setTimeout(r, 1500));
      const visible = [...document.querySelectorAll('[data-testid="doc-row"]')];
      const withText = visible.filter((r) => (r.textContent || '').includes('quick brown fox')).length;
      const result = { gaps, scrolled: el.scrollTop, withText, visible: visible.length };
      el.scrollTop = 0;
      await new Promise((r) => setTimeout(r, 500));
      return result;
    })()`)) as { gaps: number[]; scrolled: number; withText: number; visible: number };
    const scrolls = [await scrollOnce(), await scrollOnce(), await scrollOnce()];

    const rss = rendererRssBytes();
    console.log(`rows: ${rows.toLocaleString('en-US')}; selection data prepared in ${prepareMs} ms (fetch from DuckDB + first index)`);
    console.log(`slider step, worker computation (${steps} steps): p50 ${fmt(pct(compute, 0.5))} ms, p95 ${fmt(pct(compute, 0.95))} ms, max ${fmt(Math.max(...compute))} ms (target p95 < 16 ms: ${(pct(compute, 0.95) / 16).toFixed(3)}×)`);
    console.log(`slider step, input event to counts in the DOM: p50 ${fmt(pct(latency, 0.5))} ms, p95 ${fmt(pct(latency, 0.95))} ms; to the next frame: p50 ${fmt(pct(paint, 0.5))} ms, p95 ${fmt(pct(paint, 0.95))} ms`);
    console.log(`sweep over 96 ratios: ${fmt(sweepMs)} ms (datarater), ${fmt(sweepMs2)} ms (fineweb_edu, after switching; its order built first in ${fmt(indexMs2)} ms) (target < 200 ms: ${(Math.max(sweepMs, sweepMs2) / 200).toFixed(3)}×)`);
    for (const [i, scroll] of scrolls.entries()) {
      const gaps = scroll.gaps.slice(1);
      console.log(`browse scroll run ${i + 1}, 5 s at 400 px/frame: ${gaps.length} frames, p50 ${fmt(pct(gaps, 0.5))} ms, p95 ${fmt(pct(gaps, 0.95))} ms, max ${fmt(Math.max(...gaps))} ms (target < 50 ms: p95 ${(pct(gaps, 0.95) / 50).toFixed(2)}×, max ${(Math.max(...gaps) / 50).toFixed(2)}×); scrolled ${scroll.scrolled} px; ${scroll.withText} of ${scroll.visible} rendered rows show their lazily read text 1.5 s after stopping`);
    }
    console.log(`compare two selectors (correlations, 2×2, Jaccard, overlap curve, density, per-source, disagreements) in the worker, at 10/25/50/75/90 %: ${compareTimes.map(fmt).join(', ')} ms (target < 2000 ms: ${(Math.max(...compareTimes) / 2000).toFixed(3)}×)`);
    console.log(`export keep list (750,000 of 1,000,000 doc_ids, JSONL) from the page, click → download: ${exportTimes.map((t) => fmt(t.total)).join(', ')} ms (doc_ids read when the page opened); manifest build in the worker ${exportTimes.map((t) => t.build).join(', ')} ms (target < 2000 ms: ${(Math.max(...exportTimes.map((t) => t.total)) / 2000).toFixed(3)}×)`);
    console.log(`export keep list as Parquet: ${parquetTimes.map((t) => fmt(t.total)).join(', ')} ms; build ${parquetTimes.map((t) => t.build).join(', ')} ms`);
    console.log(`renderer RSS at the end (dataset, selection arrays, decoded text cache): ${(rss / 2 ** 30).toFixed(2)} GiB`);
  } finally {
    await browser.close();
    server.kill();
  }
}

await main();
