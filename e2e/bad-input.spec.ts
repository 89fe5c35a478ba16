import { expect, test } from '@playwright/test';
import { DataPage } from './support/data-page';
import { file } from './support/fixtures';

test.describe('bad input gets a specific message and loses nothing', () => {
  let data: DataPage;
  let before: string;

  test.beforeEach(async ({ page }) => {
    data = new DataPage(page);
    await data.openWithDemo();
    before = await data.fingerprint();
  });

  test.afterEach(async () => {
    // Whatever failed, the demo corpus is still the loaded dataset.
    await expect(data.page.getByTestId('dataset-fingerprint')).toHaveText(before);
  });

  test('a malformed JSONL line names file and line; skipping loads the rest with a count', async ({ page }) => {
    await data.upload(file('bad-line.jsonl'));
    await data.expectError(/bad-line\.jsonl, line 3: malformed JSON/);
    await data.screenshot('data-bad-line');
    await page.getByTestId('retry-skip').click();
    await data.expectLoaded('bad-line.jsonl', 6);
    await expect(page.getByTestId('load-warnings')).toContainText('bad-line.jsonl: skipped 1 malformed line (line 3)');
    before = await data.fingerprint();
  });

  test('invalid UTF-8 is replaced and counted', async ({ page }) => {
    await data.upload(file('bad-utf8.jsonl'));
    await data.expectLoaded('bad-utf8.jsonl', 4);
    await expect(page.getByTestId('load-warnings')).toContainText('1 line had invalid UTF-8; 2 replacement characters (U+FFFD) inserted');
    before = await data.fingerprint();
  });

  test('invalid UTF-8 in a CSV is replaced and counted, as in JSONL', async ({ page }) => {
    await data.upload(file('bad-utf8.csv'));
    await data.expectLoaded('bad-utf8.csv', 3);
    await expect(page.getByTestId('load-warnings')).toContainText('bad-utf8.csv: 1 line had invalid UTF-8; 2 replacement characters (U+FFFD) inserted');
    before = await data.fingerprint();
  });

  test('an empty file', async () => {
    await data.upload(file('empty.jsonl'));
    await data.expectError(/empty\.jsonl: the file is empty/);
  });

  test('a file that is not what its extension says', async () => {
    await data.upload(file('not-really.parquet'));
    await data.expectError(/not-really\.parquet: the extension says PARQUET, but the content looks like plain text/);
  });

  test('a truncated Parquet file', async () => {
    await data.upload(file('truncated.parquet'));
    await data.expectError(/truncated\.parquet: truncated Parquet file/);
  });

  test('shards whose schemas differ', async () => {
    await data.upload(file('shard-a.jsonl'), file('mismatch.jsonl'));
    await data.expectError(/schema mismatch: mismatch\.jsonl has no column "quality"/);
  });

  test('no text column: the mapping panel explains what is missing', async ({ page }) => {
    await data.upload(file('no-text.csv'));
    await data.expectLoaded('no-text.csv', 3);
    await expect(page.getByTestId('missing-text')).toContainText('no string column named text / content / raw_content');
    await data.screenshot('data-no-text');
    before = await data.fingerprint();
  });

  test('a score column with text, NaN and Infinity counts them as missing', async ({ page }) => {
    await data.upload(file('mixed-scores.csv'));
    await data.expectLoaded('mixed-scores.csv', 8);
    await expect(page.getByTestId('missing-score')).toHaveText(/^3\s*\(3 non-numeric\)$/);
    const row = page.getByTestId('score-row-score');
    await expect(row).toContainText('0.125');
    await expect(row).toContainText('1');
    before = await data.fingerprint();
  });
});
