import { expect, test } from '@playwright/test';
import { loadDatasetFromFiles } from '../lib/cli/load';
import { DataPage } from './support/data-page';
import { DATA_DIR, file } from './support/fixtures';

/** What `sift info` computes for the same files: the page must agree. */
async function cliInfo(paths: string[]) {
  const { conn, dataset } = await loadDatasetFromFiles(paths);
  conn.close();
  return {
    rows: dataset.summary.rows,
    fingerprint: dataset.summary.fingerprint,
    sources: Object.fromEntries(dataset.summary.sources.map((s) => [s.source ?? '(no source column)', s.count])),
  };
}

test('a first visit loads the demo corpus, and the summary agrees with sift info', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  const expected = await cliInfo(['public/demo/demo.parquet']);
  expect(await data.rowCount()).toBe(expected.rows);
  expect(await data.fingerprint()).toBe(expected.fingerprint);
  expect(await data.sources()).toEqual(expected.sources);
  expect(Object.keys(expected.sources).length).toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId('scores-table')).toContainText('char_perplexity');
  await expect(page.getByTestId('scores-table')).toContainText('compression_ratio');
  await data.screenshot('data-demo');
  expect(data.consoleErrors).toEqual([]);
});

test('shards picked together load as one dataset that matches the CLI', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  await data.upload(file('shard-a.jsonl'), file('shard-b.jsonl.gz'));
  await data.expectLoaded('shard-a.jsonl, shard-b.jsonl.gz', 500);
  const expected = await cliInfo([file('shard-a.jsonl'), file('shard-b.jsonl.gz')]);
  expect(await data.fingerprint()).toBe(expected.fingerprint);
  expect(await data.sources()).toEqual(expected.sources);
  await expect(page.getByTestId('token-count')).not.toContainText('≈');
});

test('an uploaded Parquet file and a file without ids agree with the CLI', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  await data.upload(file('upload.parquet'));
  await data.expectLoaded('upload.parquet', 5000);
  expect(await data.fingerprint()).toBe((await cliInfo([file('upload.parquet')])).fingerprint);

  await data.upload(file('no-ids.jsonl'));
  await data.expectLoaded('no-ids.jsonl', 40);
  const expected = await cliInfo([file('no-ids.jsonl')]);
  expect(await data.fingerprint()).toBe(expected.fingerprint);
  await expect(page.getByTestId('duplicate-ids')).toContainText('1 doc_id appear more than once (3 extra rows)');
  await expect(page.getByTestId('reason-id')).toContainText('derived from the text');
  await expect(page.getByTestId('token-count')).toContainText('≈');
});

test('the server data folder lists files and loads Parquet with Range requests', async ({ page }) => {
  const data = new DataPage(page);
  const ranges: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/files/server.parquet') && r.headers()['range']) ranges.push(r.headers()['range']);
  });
  await data.openWithDemo();
  const list = page.getByTestId('server-files');
  await expect(list).toContainText('server.parquet');
  await expect(list).toContainText('shards/part-1.jsonl');
  await list.getByRole('button', { name: 'server.parquet' }).click();
  await data.expectLoaded('server.parquet', 5000);
  expect(ranges.length).toBeGreaterThan(0);
  expect(await data.fingerprint()).toBe((await cliInfo([`${DATA_DIR}/server.parquet`])).fingerprint);

  await list.getByLabel('select shards/part-1.jsonl').check();
  await list.getByLabel('select shards/part-2.jsonl').check();
  await page.getByRole('button', { name: 'Load 2 selected as one dataset' }).click();
  await data.expectLoaded('shards/part-1.jsonl, shards/part-2.jsonl', 200);
  await data.screenshot('data-server-shards');

  // A reload brings back the same server files.
  await page.reload();
  await expect(page.getByTestId('row-count')).toHaveText('200', { timeout: 60_000 });
});

test('the column mapping can be changed and the summary follows', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  await data.upload(file('shard-a.jsonl'));
  await data.expectLoaded('shard-a.jsonl', 300);
  await expect(page.getByTestId('source-count')).toHaveText('4');
  await page.getByTestId('map-source').selectOption('');
  await page.getByTestId('score-quality').uncheck();
  await page.getByTestId('apply-mapping').click();
  await expect(page.getByTestId('source-count')).toHaveText('1');
  await expect(page.getByTestId('sources-table')).toContainText('(no source column)');
  await expect(page.getByTestId('scores-table')).toHaveCount(0);
});

test('cancelling a load keeps the dataset that was loaded', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  const before = await data.fingerprint();
  await data.upload(file('big.jsonl'));
  await expect(page.getByTestId('load-progress')).toBeVisible();
  await page.getByTestId('cancel-load').click();
  await data.expectError(/cancelled/i);
  expect(await data.fingerprint()).toBe(before);
  await expect(page.getByTestId('dataset-summary').getByRole('heading', { level: 2 })).toHaveText('demo corpus');
});

test('a 50 MB single-line file loads while the page stays responsive', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  await data.upload(file('long-line.jsonl'));
  await expect(page.getByTestId('load-progress')).toBeVisible();
  // While the worker parses, the main thread keeps answering: measure the longest gap between frames.
  const worstFrameGap = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let worst = 0;
        const end = last + 1500;
        const tick = (t: number) => {
          worst = Math.max(worst, t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else resolve(worst);
        };
        requestAnimationFrame(tick);
      }),
  );
  expect(worstFrameGap).toBeLessThan(500);
  await data.expectLoaded('long-line.jsonl', 1);
});

test('the theme switches between light and dark, and every view is in the navigation', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  const html = page.locator('html');
  const toggle = page.getByTestId('theme-toggle');
  const wasDark = await html.evaluate((el) => el.classList.contains('dark'));
  await toggle.click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  await data.screenshot(wasDark ? 'data-light' : 'data-dark');
  await toggle.click();
  await expect(page.getByTestId('nav-annotate')).toBeVisible();
  await expect(page.getByTestId('nav-export')).toBeVisible();
  await expect(page.getByTestId('nav-browse')).toBeVisible();
  await expect(page.getByTestId('nav-distributions')).toBeVisible();
});

test('pages are served with a Content-Security-Policy', async ({ request }) => {
  const res = await request.get('/data');
  const csp = res.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("object-src 'none'");
});

test('files dropped on the drop zone load as one dataset', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    const line = (i: number) => JSON.stringify({ id: `d${i}`, text: `dropped document ${i}`, source: i % 2 ? 'odd' : 'even' });
    dt.items.add(new File([[0, 1, 2].map(line).join('\n') + '\n'], 'drop-1.jsonl'));
    dt.items.add(new File([[3, 4].map(line).join('\n') + '\n'], 'drop-2.jsonl'));
    return dt;
  });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await data.expectLoaded('drop-1.jsonl, drop-2.jsonl', 5);
  expect(await data.sources()).toEqual({ even: 3, odd: 2 });
});
