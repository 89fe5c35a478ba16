/**
 * What a newcomer ran into (issue "Newcomer pass"): per-source mode, the tie
 * note, one key scheme, the suggested-ratio minimum, the label counter, the
 * bulk label only for a filter. Each checked against the fixture's own numbers.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { NodeConnector } from '../lib/data/connectors/node';
import { browseRowIds } from './support/browse';
import { DataPage } from './support/data-page';
import { DATA_DIR } from './support/fixtures';

const EXPLORE = `${DATA_DIR}/explore.jsonl`;
type Row = { id: string; source: string; quality: number | null; tags: string[] };
const rows = () => readFileSync(EXPLORE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);

async function open(page: Page, path = '/distributions') {
  await new DataPage(page).openServerFile('explore.jsonl', 2000);
  await page.getByTestId(`nav-${path.slice(1)}`).click();
  await page.getByTestId('selector').selectOption('quality');
}

/** Documents dropped per source when each source drops floor(r × its scored documents), in SQL. */
async function perSourceDrops(ratios: Record<string, number>) {
  const conn = await NodeConnector.open();
  const cases = Object.entries(ratios).map(([s, r]) => `WHEN '${s}' THEN ${r}`).join(' ');
  const out = await conn.query(`
    WITH ranked AS (SELECT source, row_number() OVER (PARTITION BY source ORDER BY quality, id::VARCHAR) AS rk, count(*) OVER (PARTITION BY source) AS n
                    FROM read_json_auto('${EXPLORE}') WHERE quality IS NOT NULL)
    SELECT source, count(*) FILTER (WHERE rk <= floor((CASE source ${cases} END)::DECIMAL(9,6) * n)) AS dropped FROM ranked GROUP BY source`);
  conn.close();
  return Object.fromEntries(out.map((r) => [String(r.source), Number(r.dropped)]));
}

test('per-source ratios: the checkbox switches the mode on and off, and a URL opens it', async ({ page }) => {
  await open(page);
  const box = page.getByTestId('per-source-mode');
  await box.check();
  await expect(box).toBeChecked();
  await expect(page.getByTestId('threshold')).toHaveText('per source');
  await expect(page).toHaveURL(/ps=/);
  // Every source starts at the overall ratio (10 %); one is changed to 50 %.
  await page.getByTestId('source-ratio-alpha').fill('50');
  await page.getByTestId('source-ratio-alpha').blur();
  const want = await perSourceDrops({ alpha: 0.5, beta: 0.1, gamma: 0.1, delta: 0.1, epsilon: 0.1 });
  for (const [source, n] of Object.entries(want)) {
    await expect(page.locator(`[data-testid="impact-row"][data-source="${source}"] [data-testid="impact-dropped"]`)).toHaveText(n.toLocaleString('en-US'));
  }
  // The mode and the ratios survive a reload (they live in the URL).
  await page.reload();
  await expect(page.getByTestId('per-source-mode')).toBeChecked({ timeout: 60_000 });
  await expect(page.locator('[data-testid="impact-row"][data-source="alpha"] [data-testid="impact-dropped"]')).toHaveText(want.alpha.toLocaleString('en-US'));
  await page.getByTestId('per-source-mode').uncheck();
  await expect(page.getByTestId('per-source-mode')).not.toBeChecked();
  await expect(page).not.toHaveURL(/ps=/);
  await expect(page.getByTestId('threshold')).not.toHaveText('per source');
  // Straight from a link.
  const url = new URL(page.url());
  url.searchParams.set('ps', 'beta:30;gamma:60');
  await page.goto(url.toString());
  await expect(page.getByTestId('per-source-mode')).toBeChecked({ timeout: 60_000 });
  const linked = await perSourceDrops({ alpha: 0.1, beta: 0.3, gamma: 0.6, delta: 0.1, epsilon: 0.1 });
  await expect(page.locator('[data-testid="impact-row"][data-source="gamma"] [data-testid="impact-dropped"]')).toHaveText(linked.gamma.toLocaleString('en-US'));
});

test('the documents tied at the threshold are counted, and how many of them the rule drops', async ({ page }) => {
  await open(page);
  await page.getByTestId('preset-25').click();
  // quality comes in steps of 0.25: many documents share each value.
  const scored = rows()
    .filter((r) => r.quality !== null)
    .sort((a, b) => a.quality! - b.quality! || (a.id < b.id ? -1 : 1));
  const k = Math.floor(0.25 * scored.length);
  const t = scored[k - 1].quality;
  const tied = scored.filter((r) => r.quality === t).length;
  const droppedTied = scored.slice(0, k).filter((r) => r.quality === t).length;
  expect(droppedTied).toBeLessThan(tied);
  await expect(page.getByTestId('tie-note')).toHaveText(`${tied.toLocaleString('en-US')} documents tie at the threshold; ${droppedTied.toLocaleString('en-US')} of them dropped by doc_id order`);
});

test('one key scheme: j/k move in Browse and Annotate, y/d/u label; k never labels', async ({ page }) => {
  const annotator = `keys-${Date.now()}`;
  await open(page, '/browse');
  const first = page.getByTestId('doc-row').first();
  await first.click();
  await expect(page.getByTestId('detail-doc-id')).toBeVisible();
  // Sign in from the document view's label bar, then label by key.
  await page.getByTestId('annotator-name').fill(annotator);
  await page.getByTestId('annotator-form').press('Enter');
  const ids = await browseRowIds(page, 3);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[0]);
  await page.keyboard.press('y'); // keep, then the next document
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[1]);
  await page.keyboard.press('k'); // back, no label
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[0]);
  await page.keyboard.press('j');
  // Stepping reads the next document first: a key pressed before it arrives acts on the one on screen.
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[1]);
  await page.keyboard.press('d'); // drop the second
  await expect(page.getByTestId('detail-doc-id')).toHaveText(ids[2]);
  const fp = await page.evaluate(() => document.querySelector('[title^="fingerprint"]')?.getAttribute('title')?.replace('fingerprint ', '') ?? '');
  await expect
    .poll(async () => ((await (await page.request.get(`/api/annotations?dataset=${fp}&annotator=${annotator}`)).json()).annotations as Array<{ doc_id: string; label: string }>).map((a) => [a.doc_id, a.label]))
    .toEqual([
      [ids[0], 'keep'],
      [ids[1], 'drop'],
    ]);
  // Annotate: the same keys; the counter counts every label of mine in the dataset.
  await page.getByTestId('nav-annotate').click();
  await expect(page.getByTestId('labelled-total')).toHaveText('2 labelled by you');
  const before = (await page.getByTestId('detail-doc-id').textContent())!;
  await page.keyboard.press('j');
  await expect(page.getByTestId('detail-doc-id')).not.toHaveText(before);
  await page.keyboard.press('k');
  await expect(page.getByTestId('detail-doc-id')).toHaveText(before);
  await expect(page.getByTestId('labelled-total')).toHaveText('2 labelled by you');
  await page.keyboard.press('?');
  await expect(page.getByTestId('keys-help')).toContainText('keep, then the next document');
});

test('the suggested ratio needs 30 labels of each kind; the bulk label needs a filter', async ({ page }) => {
  const annotator = `few-${Date.now()}`;
  await open(page, '/browse');
  // No filter: no "label all".
  await page.getByTestId('doc-row').first().click();
  await page.getByTestId('annotator-name').fill(annotator);
  await page.getByTestId('annotator-form').press('Enter');
  await expect(page.getByTestId('bulk-label')).toHaveCount(0);
  await page.getByTestId('filter-tag').selectOption('secret');
  await expect(page.getByTestId('bulk-label')).toBeVisible();
  await page.getByTestId('filter-tag').selectOption('');
  // Two labels of mine (one keep, one drop), graded alone: not enough for a suggestion.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('y');
  await page.keyboard.press('d');
  await page.getByTestId('nav-annotate').click();
  await page.getByTestId('grade-by').selectOption(annotator);
  await expect(page.getByTestId('suggestion-needs')).toContainText('29 more drop and 29 more keep to go');
  await expect(page.getByTestId('use-suggested')).toHaveCount(0);
});
