import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScore } from '../lib/cli/score';
import { RULE_SETS } from '../lib/scoring/names';
import { DataPage } from './support/data-page';
import { DATA_DIR } from './support/fixtures';

const SCORE = `${DATA_DIR}/score.jsonl`;

/** The same file scored by `sift score` (Node, worker_threads): the reference for the page's numbers. */
async function cliScores() {
  const out = join(mkdtempSync(join(tmpdir(), 'sift-e2e-')), 'scores.jsonl');
  await runScore([SCORE], { out, rules: [...RULE_SETS], workers: 1 });
  return readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('scoring in the browser: progress and rates, cancel, selector columns and tags equal to sift score, restored from the cache on reload', async ({ page }) => {
  test.setTimeout(240_000);
  const data = new DataPage(page);
  await data.openServerFile('score.jsonl', 1500);
  const panel = page.getByTestId('score-panel');

  // Cancel keeps the dataset as it was.
  await panel.getByTestId('score-start').click();
  await expect(panel.getByRole('progressbar', { name: 'scoring progress' })).toBeVisible();
  await panel.getByTestId('score-cancel').click();
  await expect(panel.getByTestId('score-error')).toContainText('cancelled');
  await expect(page.getByTestId('score-done')).toHaveCount(0);

  // A full run shows documents/s and MB/s while it works.
  await panel.getByTestId('score-start').click();
  await expect(panel.getByTestId('score-rate')).toContainText(/docs\/s · [\d.]+ MB\/s/);
  await expect(panel.getByTestId('score-done')).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByTestId('score-done')).toContainText('heuristic');
  await page.screenshot({ path: 'test-results/screens/score-panel.png', fullPage: true });

  // The summary's statistics of the new columns equal those of the CLI's output for the same file.
  const rows = await cliScores();
  const mean = (k: string) => rows.reduce((a, r) => a + Number(r[k]), 0) / rows.length;
  const stat = async (name: string) => (await page.getByTestId(`mean-${name}`).getAttribute('data-value'))!;
  for (const name of ['heuristic', 'encoding_error', 'non_english']) {
    expect(Number(await stat(name))).toBeCloseTo(mean(name), 9);
  }
  const tagged = (tag: string) => rows.filter((r) => (r.tags as string[]).includes(tag)).length;

  // Tags land on the documents: Browse filters by them, and the detail highlights the spans.
  await page.getByRole('link', { name: 'Browse' }).click();
  const tagSelect = page.getByTestId('filter-tag');
  await expect(tagSelect.locator('option', { hasText: 'encoding_error' })).toHaveCount(1);
  await tagSelect.selectOption('encoding_error');
  await expect(tagSelect.locator('option[value="encoding_error"]')).toHaveText(`encoding_error (${tagged('encoding_error').toLocaleString('en-US')})`);
  await expect(page.getByTestId('match-count')).toContainText(`${tagged('encoding_error').toLocaleString('en-US')} document`);
  await page.getByTestId('doc-row').first().click();
  await expect(page.getByTestId('detail-explained')).toContainText('encoding_error');
  await expect(page.getByTestId('detail-text').locator('mark[title*="encoding_error"]').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/score-browse.png', fullPage: true });

  // A reload restores the scores from IndexedDB instead of computing them again.
  await page.goto('/data');
  await expect(page.getByTestId('score-done')).toContainText('Restored from this browser’s cache', { timeout: 60_000 });
  expect(Number(await stat('heuristic'))).toBeCloseTo(mean('heuristic'), 9);
  expect(data.consoleErrors).toEqual([]);
});
