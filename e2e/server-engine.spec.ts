import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { computeExport, type ExportOptions } from '../lib/cli/export';
import { NodeConnector } from '../lib/data/connectors/node';
import { browseRowIds } from './support/browse';
import { DataPage } from './support/data-page';
import { DATA_DIR } from './support/fixtures';
import { PORT } from './support/servers';

/** Writes must come from the page's own origin (lib/server/guard.ts). */
const SAME_ORIGIN = { Origin: `http://localhost:${PORT}` };

const FOLDER = 'engine-shards';
const ROWS = 200_000;

/** 200,000 documents in four Parquet shards: ids out of order, eight sources, two scores with ties, 1 % missing. */
test.beforeAll(async () => {
  const dir = join(DATA_DIR, FOLDER);
  mkdirSync(dir, { recursive: true });
  const conn = await NodeConnector.open();
  const per = ROWS / 4;
  for (let s = 0; s < 4; s++) {
    await conn.exec(`COPY (
      SELECT printf('d%07d', (i * 7919) % ${ROWS}) AS id, 'src' || (i % 8) AS source, 'document number ' || i || ' of the engine test' AS text,
             CASE WHEN hash(i) % 100 = 0 THEN NULL ELSE (hash(i * 3) % 1000) / 16.0 END AS quality,
             (hash(i * 5) % 97) / 7.0 AS edu
      FROM range(${s * per}, ${(s + 1) * per}) t(i)) TO '${dir}/part-${s}.parquet' (FORMAT parquet, ROW_GROUP_SIZE 20000)`);
  }
  conn.close();
});

const num = async (page: Page, id: string) => Number((await page.getByTestId(id).textContent())!.replace(/,/g, ''));

/** What Distributions shows at the current selection: counts, threshold, dropped per source. */
async function figures(page: Page) {
  await expect(page.getByTestId('threshold')).not.toHaveText('—');
  const perSource: Record<string, string> = {};
  for (const row of await page.getByTestId('impact-row').all()) perSource[(await row.getAttribute('data-source'))!] = (await row.getByTestId('impact-dropped').textContent())!;
  return { dropped: await num(page, 'dropped-count'), kept: await num(page, 'kept-count'), threshold: await page.getByTestId('threshold').textContent(), perSource };
}

/** Compare's 2×2 table and rank correlation for quality against edu. */
async function compareFigures(page: Page) {
  await page.getByTestId('nav-compare').click();
  await expect(page.getByTestId('dropped-both')).toBeVisible({ timeout: 60_000 });
  const cells = {} as Record<string, string | null>;
  for (const id of ['dropped-both', 'dropped-a-only', 'dropped-b-only', 'kept-both', 'jaccard', 'stat-spearman', 'stat-n']) cells[id] = await page.getByTestId(id).textContent();
  return cells;
}

async function exportKeepList(page: Page): Promise<Buffer> {
  await page.getByTestId('nav-export').click();
  await page.getByTestId('selector').selectOption('quality');
  const pending = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const file = await (await pending).path();
  await expect(page.getByTestId('export-done')).toBeVisible();
  return readFileSync(file);
}

test('a shard folder opened on the server gives the tab engine’s counts, threshold, per-source drops, Browse order and keep list, and sift export’s bytes', async ({ page }) => {
  test.setTimeout(240_000);
  // In the tab.
  const data = new DataPage(page);
  await data.openServerFolder(FOLDER, ROWS);
  await expect(page.getByTestId('engine-badge')).toHaveAttribute('data-engine', 'tab');
  await page.goto('/distributions?s=quality&r=30');
  const inTab = await figures(page);
  await page.getByTestId('nav-browse').click();
  const tabRows = await browseRowIds(page, 20);
  const tabCount = await page.getByTestId('match-count').textContent();
  const tabCompare = await compareFigures(page);
  const tabKeep = await exportKeepList(page);

  // On the server: a deep link, the same views.
  await page.goto(`/distributions?s=quality&r=30&dataset=server:${FOLDER}`);
  await expect(page.getByTestId('engine-badge')).toHaveAttribute('data-engine', 'server');
  await expect(page.getByTestId('engine-badge')).toHaveText('on the server');
  const onServer = await figures(page);
  expect(onServer).toEqual(inTab);
  expect(inTab.dropped).toBe(Math.floor(0.3 * (ROWS - (await missing()))));
  await page.screenshot({ path: 'test-results/screenshots/server-distributions.png', fullPage: true });

  await page.getByTestId('nav-browse').click();
  const serverRows = await browseRowIds(page, 20);
  expect(serverRows).toEqual(tabRows);
  // The document's text is read from the server.
  await page.getByTestId('doc-row').first().click();
  await expect(page.getByTestId('detail-doc-id')).toHaveText(serverRows[0]!);
  await expect(page.getByTestId('doc-detail')).toContainText('of the engine test');
  // The order comes a page at a time: the count, and stepping with j, as in the tab.
  expect(await page.getByTestId('match-count').textContent()).toBe(tabCount);
  // The table scrolls through its first 100,000 rows and says so.
  await expect(page.getByTestId('table-capped')).toContainText(`the first 100,000 of ${tabCount!.split(' ')[0]} documents`);
  await page.keyboard.press('j');
  await expect(page.getByTestId('detail-doc-id')).toHaveText(tabRows[1]!);
  await page.keyboard.press('j');
  await expect(page.getByTestId('detail-doc-id')).toHaveText(tabRows[2]!);
  await expect(page.getByTestId('detail-position')).toHaveText(`3 of ${tabCount!.split(' ')[0]}`);
  await page.screenshot({ path: 'test-results/screenshots/server-browse.png', fullPage: true });

  const serverCompare = await compareFigures(page);
  expect(serverCompare).toEqual(tabCompare);
  await page.screenshot({ path: 'test-results/screenshots/server-compare.png', fullPage: true });

  const serverKeep = await exportKeepList(page);
  expect(serverKeep.equals(tabKeep)).toBe(true);
  const options = { selector: 'quality', direction: 'higher', missing: 'keep', defines: [], list: 'keep', out: 'x', ratio: 0.3, mode: 'threshold', format: 'jsonl' } as ExportOptions;
  const cli = Buffer.concat((await computeExport([join(DATA_DIR, FOLDER)], options)).chunks);
  expect(serverKeep.equals(cli)).toBe(true);

  // A reload opens it on the server again.
  await page.reload();
  await expect(page.getByTestId('engine-badge')).toHaveAttribute('data-engine', 'server');
});

async function missing(): Promise<number> {
  const conn = await NodeConnector.open();
  const [r] = await conn.query(`SELECT count(*) AS n FROM read_parquet('${join(DATA_DIR, FOLDER)}/*.parquet') WHERE quality IS NULL`);
  conn.close();
  return Number(r.n);
}

test('a path outside the data folder or not in it is refused by name, and the dataset loaded before stays', async ({ page, request }) => {
  for (const path of ['../package.json', 'nowhere', '.hidden', 'engine-shards/../../proxy.ts']) {
    const r = await request.post('/api/engine', { data: { op: 'open', path }, headers: SAME_ORIGIN });
    expect(r.status(), path).toBe(404);
    expect((await r.json()).error).toContain('no such file or folder');
  }
  // Unknown methods, and methods that would replace the server's data, are refused.
  for (const method of ['init', 'setDocIds', 'addScores', 'constructor', '__proto__']) {
    expect((await request.post('/api/engine', { data: { op: 'call', id: 'x', method, args: [] }, headers: SAME_ORIGIN })).status(), method).toBe(400);
  }
  const data = new DataPage(page);
  await data.openWithDemo();
  await page.goto('/data?dataset=server:no-such-folder');
  await expect(page.getByTestId('load-error')).toContainText('no-such-folder: no such file or folder');
  await expect(page.getByTestId('engine-badge')).toHaveAttribute('data-engine', 'tab');
});
