import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { computeExport } from '../lib/cli/export';
import { DataPage } from './support/data-page';
import { DATA_DIR } from './support/fixtures';

const EXPLORE = `${DATA_DIR}/explore.jsonl`;

async function openExport(page: Page) {
  await new DataPage(page).openServerFile('explore.jsonl', 2000);
  await page.getByTestId('nav-export').click();
  await page.getByTestId('selector').selectOption('quality');
}

async function downloadManifest(page: Page): Promise<string> {
  const pending = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const file = await (await pending).path();
  return readFileSync(file, 'utf8');
}

test('threshold and boltzmann manifests from the page are byte-identical to sift export', async ({ page }) => {
  await openExport(page);
  await page.getByTestId('preset-25').click();
  const pageKeep = await downloadManifest(page);
  const cliKeep = await computeExport([EXPLORE], { selector: 'quality', ratio: 0.25, direction: 'higher', missing: 'keep', mode: 'threshold', defines: [], list: 'keep', format: 'jsonl', out: 'x.jsonl' });
  expect(pageKeep).toBe(cliKeep.text);
  expect(pageKeep.trim().split('\n')).toHaveLength(2000 - Math.floor(0.25 * 1913));
  await expect(page.getByTestId('export-command')).toContainText('npx sift export explore.jsonl --selector quality --drop 0.25 --direction higher --mode threshold --list keep --format jsonl');

  await page.getByTestId('export-mode').selectOption('boltzmann');
  await page.getByTestId('export-temperature').fill('0.5');
  await page.getByTestId('export-sample').fill('100');
  await page.getByTestId('export-seed').fill('7');
  await page.getByTestId('export-format').selectOption('csv');
  const pageSample = await downloadManifest(page);
  const cliSample = await computeExport([EXPLORE], { selector: 'quality', ratio: 0.25, direction: 'higher', missing: 'keep', mode: 'boltzmann', temperature: 0.5, sample: 100, seed: 7, defines: [], list: 'keep', format: 'csv', out: 'x.csv' });
  expect(pageSample).toBe(cliSample.text);
  expect(pageSample.split('\n')[0]).toBe('doc_id,draw_order');

  await page.getByTestId('export-mode').selectOption('softmax');
  const pageSoft = await downloadManifest(page);
  const cliSoft = await computeExport([EXPLORE], { selector: 'quality', ratio: 0.25, direction: 'higher', missing: 'keep', mode: 'softmax', temperature: 0.5, defines: [], list: 'keep', format: 'csv', out: 'x.csv' });
  expect(pageSoft).toBe(cliSoft.text);

  const pending = page.waitForEvent('download');
  await page.getByTestId('export-provenance').click();
  const prov = JSON.parse(readFileSync(await (await pending).path(), 'utf8'));
  expect(prov.dataset.inputs[0]).toMatchObject({ name: 'explore.jsonl', sha256: cliKeep.provenance.dataset.inputs[0].sha256 });
  expect(prov.dataset.fingerprint).toBe(cliKeep.provenance.dataset.fingerprint);
  await page.screenshot({ path: 'test-results/screenshots/export.png', fullPage: true });
});
