import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DATA_DIR } from './support/fixtures';
import { DataPage } from './support/data-page';
import { DATATROVE_STEPS, emailSpans } from '../lib/data/test/pipeline-fixtures';
import { loadDatasetFromFiles } from '../lib/cli/load';

/** Pipeline layouts opened from the server's data folder as they are (lib/data/layouts), written at setup. */

const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;

test('a Dolma root opens with its attributes: document scores by experiment, e-mail spans highlighted on the right characters', async ({ page }) => {
  const data = new DataPage(page);
  await data.openServerFolder('pipelines/dolma', 6);
  await expect(page.getByTestId('dataset-layout')).toContainText('a Dolma root');
  await expect(page.getByTestId('origin-quality__fasttext__hq')).toHaveText('dolma:quality');
  await expect(page.getByTestId('origin-pii__regex__email__spans')).toHaveText('dolma:pii');
  await data.screenshot('data-dolma');

  // The document with emoji, a flag and two addresses: code-point offsets differ from UTF-16 ones before each span.
  const text = 'Emoji 👩‍🔬 scientist writes to 🇯🇵 japan.desk@news.example and anna@uni.example twice.';
  const expected = emailSpans(text).map(([s, e]) => Array.from(text).slice(s, e).join(''));
  expect(expected).toEqual(['japan.desk@news.example', 'anna@uni.example']);
  await page.goto('/browse?s=pii__regex__email__spans&doc=web-3');
  await expect(page.getByTestId('detail-text')).toContainText('scientist writes');
  const spans = page.getByTestId('attribute-span');
  await expect(spans).toHaveCount(2);
  for (const [i, email] of expected.entries()) {
    await expect(spans.nth(i)).toContainText(`“${email}”`);
    await expect(spans.nth(i)).toHaveAttribute('data-key', 'pii__regex__email');
  }
  // The highlighted pieces of the text itself are exactly the addresses.
  await expect(page.getByTestId('detail-text').locator('mark[title*="pii__regex__email"]')).toHaveText(expected);
  await page.screenshot({ path: 'test-results/screenshots/browse-dolma-spans.png', fullPage: true });

  // A CJK document without addresses has no spans; the one with a wave emoji has its address highlighted.
  await page.goto('/browse?s=pii__regex__email__spans&doc=web-1');
  await expect(page.getByTestId('detail-text').locator('mark[title*="pii__regex__email"]')).toHaveText(['ocean@lab.jp']);
});

test('a local folder picked with "Choose a folder…" reads the same layout as the CLI: same rows, fingerprint and selectors', async ({ page }) => {
  const root = join(DATA_DIR, 'pipelines', 'datatrove');
  const { conn, dataset } = await loadDatasetFromFiles([root]);
  conn.close();
  const data = new DataPage(page);
  await data.openWithDemo();
  await page.getByTestId('folder-input').setInputFiles(root);
  await data.expectLoaded(`folder datatrove (${filesUnder(root)} files)`, dataset.summary.rows);
  expect(await data.fingerprint()).toBe(dataset.summary.fingerprint);
  await expect(page.getByTestId('origin-language_score')).toHaveText('datatrove:metadata');
  await expect(page.getByTestId('dataset-layout')).toContainText('exclusion folders give step and reason');
});

test('a Dolma root whose attributes file is one row short: an error naming it, and the dataset loaded before stays', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  const before = await data.fingerprint();
  await page.getByTestId('open-folder-pipelines/dolma-short').click();
  await data.expectError(/attributes\/pii\/web\/0001\.json\.gz: 2 rows, but .*documents\/web\/0001\.json\.gz has 3/);
  expect(await data.fingerprint()).toBe(before);
});

test('the removal funnel of a DataTrove run: the stats file’s counts, the sample’s reasons beside them, each reason opens Browse', async ({ page }) => {
  const data = new DataPage(page);
  await data.openServerFolder('pipelines/datatrove', 40);
  // The logging folder's executor.json and ranks_to_run.json are left out, not read as documents.
  await expect(page.getByTestId('dataset-layout')).toContainText('other files left out (pipelines/datatrove/logs/executor.json');
  await expect(page.getByTestId('dataset-layout')).toContainText('datatrove/logs/stats.json');
  await page.getByTestId('nav-funnel').click();
  const stats = JSON.parse(readFileSync(join(DATA_DIR, 'pipelines', 'datatrove', 'logs', 'stats.json'), 'utf8')) as Array<{ name: string; stats: Record<string, number> }>;
  const steps = page.getByTestId('funnel-step');
  await expect(steps).toHaveCount(DATATROVE_STEPS.length);
  for (const [i, step] of DATATROVE_STEPS.entries()) {
    const block = stats.find((b) => b.name === step.name)!.stats;
    await expect(steps.nth(i)).toHaveAttribute('data-step', step.name);
    await expect(steps.nth(i).getByTestId('step-dropped')).toHaveText(block.dropped.toLocaleString('en-US'));
    const reasons = page.locator(`[data-testid="funnel-reasons"][data-step="${step.name}"]`);
    for (const [reason, n] of Object.entries(step.reasons)) {
      const row = reasons.locator(`[data-reason="${reason}"]`);
      await expect(row.getByTestId('reason-count')).toHaveText(block[`dropped_${reason}`].toLocaleString('en-US'));
      await expect(row.getByTestId('reason-sample')).toHaveText(String(n));
    }
  }
  // The run's summary statistics: whole-corpus figures beside the funnel.
  await expect(page.getByTestId('corpus-stats').locator('[data-stat="length"]')).toContainText('20,000');
  await page.screenshot({ path: 'test-results/screenshots/funnel.png', fullPage: true });

  // top_2_gram removed 5 of the loaded documents: its link opens Browse on exactly those.
  await page.locator('[data-reason="top_2_gram"]').getByTestId('browse-reason').click();
  await expect(page).toHaveURL(/\/browse\?.*tag=top_2_gram/);
  await expect(page.getByTestId('doc-row')).toHaveCount(5);
  for (const row of await page.getByTestId('doc-row').all()) await expect(row).toContainText('removed for top_2_gram');
});

test('scores from another file join by id on the Data page: ids missing on either side counted, a repeated id an error, the export command joins it again', async ({ page }) => {
  const data = new DataPage(page);
  await data.openWithDemo();
  await page.getByTestId('server-files').getByRole('button', { name: 'scores/corpus.jsonl' }).click();
  await data.expectLoaded('scores/corpus.jsonl', 20);
  await page.getByTestId('score-file-server').selectOption('scores/dup.csv');
  await page.getByTestId('score-file-server-add').click();
  await expect(page.getByTestId('score-file-error')).toContainText('dup.csv: ids must be unique in a score file; repeated: "doc-1" (2 rows)');
  await expect(page.getByTestId('score-row-dup_score')).toHaveCount(0);

  await page.getByTestId('score-file-server').selectOption('scores/edu.csv');
  await page.getByTestId('score-file-server-add').click();
  const report = page.getByTestId('score-file-report');
  await expect(report).toHaveAttribute('data-matched', '18');
  await expect(report).toHaveAttribute('data-missing', '2');
  await expect(report).toHaveAttribute('data-unknown', '2');
  await expect(page.getByTestId('missing-edu_score')).toHaveText('2');
  await data.screenshot('data-score-file');

  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('export-command')).toContainText('--scores test-results/e2e-data/scores/edu.csv');
});
