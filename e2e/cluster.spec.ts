import { expect, test } from '@playwright/test';
import { DataPage } from './support/data-page';

/** A sample of a larger corpus says so: the badge, the corpus's estimates with 95 % intervals (e2e/support/fixtures writeRunSample). */

test('a sample written by sift run measure opens with the full corpus beside it: badge, estimates and per-source corpus counts', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  const button = page.getByTestId('server-files').getByRole('button', { name: 'run-sample.parquet' });
  await button.click();
  const badge = page.getByTestId('dataset-summary').getByTestId('sample-badge');
  await expect(badge).toHaveText(/^Sample of \d{3} of 12,000 documents$/);
  await expect(page.getByTestId('corpus-origin')).toContainText('4 shards');
  await data.screenshot('data-run-sample');

  await page.goto('/distributions?s=quality&r=25');
  await expect(page.getByTestId('explore-ready').getByTestId('sample-badge')).toBeVisible();
  const estimates = page.getByTestId('sample-figures');
  await expect(estimates.getByTestId('corpus-dropped')).toContainText('of 12,000 documents');
  await expect(estimates).toContainText('stratified by source');
  // The corpus's share lies near the ratio the sample drops, inside its interval.
  const text = (await estimates.getByTestId('corpus-dropped').textContent()) ?? '';
  const [, est, low, high] = /drops ([\d.]+) % \(([\d.]+) %–([\d.]+) %\)/.exec(text)!.map(Number);
  expect(low).toBeLessThanOrEqual(est);
  expect(high).toBeGreaterThanOrEqual(est);
  expect(est).toBeGreaterThan(20);
  expect(est).toBeLessThan(30);
  const rows = estimates.getByTestId('corpus-source-row');
  await expect(rows).toHaveCount(8);
  let corpusDocs = 0;
  for (let i = 0; i < 8; i++) corpusDocs += Number(((await rows.nth(i).locator('td').nth(2).textContent()) ?? '').replaceAll(',', ''));
  expect(corpusDocs).toBe(12000);
  await page.screenshot({ path: 'test-results/screenshots/distributions-run-sample.png', fullPage: true });
});

test('a sample declared on the Data page gets Wilson intervals; "not a sample" takes it back', async ({ page }) => {
  const data = new DataPage(page);
  await data.openServerFile('explore.jsonl', 2000);
  await expect(page.getByTestId('declare-corpus')).toBeDisabled();
  await page.getByTestId('corpus-size').fill('1200');
  await expect(page.getByTestId('declare-corpus')).toBeDisabled();
  await page.getByTestId('corpus-size').fill('30,000');
  await page.getByTestId('declare-corpus').click();
  await expect(page.getByTestId('dataset-summary').getByTestId('sample-badge')).toHaveText('Sample of 2,000 of 30,000 documents');
  await page.getByRole('link', { name: 'Distributions' }).first().click();
  await expect(page.getByTestId('sample-figures')).toContainText("Wilson's score interval");
  await expect(page.getByTestId('corpus-source-row').first().locator('td').nth(2)).toHaveText('—');
  await page.getByRole('link', { name: 'Data' }).first().click();
  await page.getByRole('button', { name: 'not a sample' }).click();
  await expect(page.getByTestId('sample-badge')).toHaveCount(0);
});
