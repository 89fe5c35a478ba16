import { expect, test, type Page } from '@playwright/test';
import { NodeConnector } from '../lib/data/connectors/node';
import { browseRowIds } from './support/browse';
import { DataPage } from './support/data-page';
import { DATA_DIR } from './support/fixtures';

const EXPLORE = `${DATA_DIR}/explore.jsonl`;
const num = async (page: Page, id: string) => Number((await page.getByTestId(id).textContent())!.replace(/,/g, ''));

/** The selection rule computed independently from the file, in DuckDB SQL. */
async function expectedDrops(file: string, column: string, ratio: number, direction: 'ASC' | 'DESC') {
  const conn = await NodeConnector.open();
  const rows = await conn.query(`
    WITH t AS (SELECT id::VARCHAR AS id, source, ${column} AS s FROM read_json_auto('${file}')),
    ranked AS (SELECT source, row_number() OVER (ORDER BY s ${direction}, id ASC) AS rk, count(*) OVER () AS n FROM t WHERE s IS NOT NULL)
    SELECT source, count(*) FILTER (WHERE rk <= floor(${ratio}::DECIMAL(9,6) * n)) AS dropped FROM ranked GROUP BY source`);
  const [{ total }] = await conn.query(`SELECT count(*) AS total FROM read_json_auto('${file}')`);
  conn.close();
  const bySource = Object.fromEntries(rows.map((r) => [String(r.source), Number(r.dropped)]));
  const dropped = Object.values(bySource).reduce((a, b) => a + b, 0);
  return { total: Number(total), dropped, kept: Number(total) - dropped, bySource };
}

async function loadExplore(page: Page) {
  const data = new DataPage(page);
  await data.openServerFile('explore.jsonl', 2000);
  return data;
}

async function expectAgreement(page: Page, ratio: number, column = 'quality', direction: 'ASC' | 'DESC' = 'ASC', perSource = true) {
  const want = await expectedDrops(EXPLORE, column, ratio, direction);
  await expect(page.getByTestId('dropped-count')).toHaveText(want.dropped.toLocaleString('en-US'));
  expect(await num(page, 'kept-count')).toBe(want.kept);
  if (!perSource) return;
  for (const [source, dropped] of Object.entries(want.bySource)) {
    await expect(page.locator(`[data-testid="impact-row"][data-source="${source}"] [data-testid="impact-dropped"]`)).toHaveText(dropped.toLocaleString('en-US'));
  }
}

test('the drop ratio by slider, typed value and preset matches an independent DuckDB computation', async ({ page }) => {
  await loadExplore(page);
  await page.getByTestId('nav-distributions').click();
  await page.getByTestId('selector').selectOption('quality');
  await expect(page.getByTestId('kept-count')).toBeVisible();

  await page.getByTestId('drop-ratio-slider').fill('37.5');
  await expect(page.getByTestId('drop-ratio')).toHaveValue('37.5');
  await expectAgreement(page, 0.375);

  await page.getByTestId('drop-ratio').fill('29');
  await page.getByTestId('drop-ratio').press('Enter');
  await expectAgreement(page, 0.29);
  expect(page.url()).toContain('r=29');

  await page.getByTestId('preset-75').click();
  await expectAgreement(page, 0.75);
  await expect(page.getByTestId('threshold')).not.toHaveText('—');
  await expect(page.getByTestId('missing-count')).toHaveText('87');
  await expect(page.getByTestId('histogram')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/distributions.png', fullPage: true });

  // A lower-is-better column reverses the order.
  await page.getByTestId('selector').selectOption('perplexity');
  await expect(page.getByTestId('direction')).toHaveValue('lower');
  await expectAgreement(page, 0.75, 'perplexity', 'DESC');

  // Back goes to the previous ratio.
  await page.goBack();
  await page.goBack();
  await expect(page.getByTestId('drop-ratio')).toHaveValue('29');
});

test('a navigation link right after dragging the slider goes to its page and keeps the ratio', async ({ page }) => {
  await loadExplore(page);
  await page.getByTestId('nav-distributions').click();
  await expect(page.getByTestId('kept-count')).toBeVisible();
  for (const v of ['5', '12.5', '20', '33.5']) await page.getByTestId('drop-ratio-slider').fill(v);
  // The drag's URL write is deferred; navigating before it fires must not be undone by it.
  await page.getByTestId('nav-browse').click();
  await expect(page).toHaveURL(/\/browse\?/);
  await expect(page.getByTestId('doc-row').first()).toBeVisible();
  await expect(page.getByTestId('drop-ratio')).toHaveValue('33.5');
  await page.waitForTimeout(400);
  await expect(page).toHaveURL(/\/browse\?.*r=33\.5/);
});

test('clicking the sweep chart sets the drop ratio', async ({ page }) => {
  await loadExplore(page);
  await page.getByTestId('nav-distributions').click();
  const chart = page.getByTestId('sweep-chart');
  await expect(chart).toBeVisible();
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  // The plot spans from 56 px (left grid) to width − 72 px for 0…95 %: click near 80 %.
  const x = box.x + 56 + ((box.width - 56 - 72) * 80) / 95;
  await page.mouse.click(x, box.y + box.height / 2);
  await expect(page.getByTestId('drop-ratio')).toHaveValue(/^(79|80|81)$/);
  const ratio = Number(await page.getByTestId('drop-ratio').inputValue()) / 100;
  await expect(page.getByTestId('selector')).toHaveValue('quality');
  await expectAgreement(page, ratio);
});

test('browse filters by tag and by regex, counts match SQL, and j/k step through documents', async ({ page }) => {
  await loadExplore(page);
  await page.getByTestId('nav-browse').click();
  await page.getByTestId('selector').selectOption('quality');
  await expect(page.getByTestId('doc-row').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/browse.png' });

  const conn = await NodeConnector.open();
  const count = async (where: string) => Number((await conn.query(`SELECT count(*) AS n FROM read_json_auto('${EXPLORE}') WHERE ${where}`))[0].n);
  const secret = await count(`list_contains(tags, 'secret')`);
  const needles = await count(`regexp_matches(text, '^NEEDLE number \\d+')`);
  conn.close();

  await page.getByTestId('filter-tag').selectOption('secret');
  await expect(page.getByTestId('match-count')).toContainText(`${secret} documents`);
  for (const row of await page.getByTestId('doc-row').all()) await expect(row).toContainText('secret');

  await page.getByTestId('filter-tag').selectOption('');
  await page.getByTestId('filter-regex').check();
  await page.getByTestId('filter-text').fill('^NEEDLE number \\d+');
  await page.getByTestId('filter-text').press('Enter');
  await expect(page.getByTestId('match-count')).toContainText(`${needles} documents`);

  // A bad regex is reported, not a blank page.
  await page.getByTestId('filter-text').fill('(unclosed');
  await page.getByTestId('filter-text').press('Enter');
  await expect(page.getByTestId('filter-error')).toBeVisible();
  await page.getByTestId('filter-text').fill('');
  await page.getByTestId('filter-text').press('Enter');
  await page.getByTestId('filter-regex').uncheck();
  await expect(page.getByTestId('match-count')).toContainText('2,000 documents');

  const rows = page.getByTestId('doc-row');
  const ids = await browseRowIds(page, 3);
  await rows.nth(0).click();
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[0]!);
  await expect(page.getByTestId('detail-scores')).toContainText('quality');
  await page.keyboard.press('j');
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[1]!);
  await page.keyboard.press('j');
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[2]!);
  await page.keyboard.press('k');
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[1]!);
  await expect(page.getByTestId('detail-position')).toHaveText('2 of 2,000');
  await page.screenshot({ path: 'test-results/screenshots/browse-detail.png' });
});

test('a view restores from its URL after a reload', async ({ page }) => {
  await loadExplore(page);
  const url = '/browse?s=quality&r=42.5&dropped=1&tag=ocr_noise&doc=e000000-0';
  await page.goto(url);
  await expect(page.getByTestId('drop-ratio')).toHaveValue('42.5', { timeout: 60_000 });
  await expect(page.getByTestId('selector')).toHaveValue('quality');
  await expect(page.getByTestId('filter-dropped')).toBeChecked();
  await expect(page.getByTestId('filter-tag')).toHaveValue('ocr_noise');
  await expect(page.getByTestId('detail-doc-id')).toHaveText('e000000-0');
  await page.reload();
  await expect(page.getByTestId('detail-doc-id')).toHaveText('e000000-0', { timeout: 60_000 });
  await expect(page.getByTestId('drop-ratio')).toHaveValue('42.5');
  await expectAgreement(page, 0.425, 'quality', 'ASC', false);
});

test('hostile text renders as inert text: no dialog, no outside request', async ({ page }) => {
  const dialogs: string[] = [];
  const outside: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['localhost', '127.0.0.1'].includes(u.hostname) && u.protocol !== 'data:' && u.protocol !== 'blob:') outside.push(r.url());
  });
  const data = new DataPage(page);
  await data.openWithDemo();
  await page.getByTestId('server-files').getByRole('button', { name: 'hostile.jsonl' }).click();
  await data.expectLoaded('hostile.jsonl', 10);
  await page.getByTestId('nav-browse').click();
  const rows = page.getByTestId('doc-row');
  await expect(rows).toHaveCount(10);
  await expect(page.getByTestId('docs-table')).toContainText('<script>alert("xss-script")</script>');
  for (let i = 0; i < 10; i++) {
    await rows.nth(i).click();
    await expect(page.getByTestId('detail-text')).toBeVisible();
  }
  await page.getByTestId('filter-text').fill('<img');
  await page.getByTestId('filter-text').press('Enter');
  await rows.first().click();
  await expect(page.getByTestId('detail-text')).toContainText(`<img src=x onerror="alert('xss-img')">`);
  await expect(page.locator('main img, main svg circle, main iframe, main script:not([src])')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/browse-hostile.png' });
  expect(dialogs).toEqual([]);
  expect(outside).toEqual([]);
});
