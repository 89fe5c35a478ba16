import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { computeExport, runVerify, type ExportOptions } from '../lib/cli/export';
import { DataPage } from './support/data-page';
import { DATA_DIR, file } from './support/fixtures';

const EXPLORE = `${DATA_DIR}/explore.jsonl`;

async function openExport(page: Page, file = 'explore.jsonl', rows = 2000, selector = 'quality') {
  await new DataPage(page).openServerFile(file, rows);
  await page.getByTestId('nav-export').click();
  await page.getByTestId('selector').selectOption(selector);
}

/** The command the page shows, one flag per line, as the one line a shell reads. */
async function shownCommand(page: Page): Promise<string> {
  return (await page.getByTestId('export-command').textContent())!.replace(/ \\\n\s+/g, ' ');
}

async function exportFromPage(page: Page): Promise<Buffer> {
  const pending = page.waitForEvent('download');
  await page.getByTestId('export-run').click();
  const file = await (await pending).path();
  await expect(page.getByTestId('export-done')).toBeVisible();
  return readFileSync(file);
}

const base: Pick<ExportOptions, 'selector' | 'direction' | 'missing' | 'defines' | 'list' | 'out'> = { selector: 'quality', direction: 'higher', missing: 'keep', defines: [], list: 'keep', out: 'x' };

async function fromCli(files: string[], o: Partial<ExportOptions> & Pick<ExportOptions, 'ratio' | 'mode' | 'format'>): Promise<Buffer> {
  const { chunks } = await computeExport(files, { ...base, ...o } as ExportOptions);
  return Buffer.concat(chunks);
}

test('threshold, boltzmann and softmax manifests from the page are byte-identical to sift export (JSONL, CSV, Parquet)', async ({ page }) => {
  test.setTimeout(120_000);
  await openExport(page);
  await page.getByTestId('preset-25').click();
  const pageKeep = await exportFromPage(page);
  expect(pageKeep.equals(await fromCli([EXPLORE], { ratio: 0.25, mode: 'threshold', format: 'jsonl' }))).toBe(true);
  expect(pageKeep.toString().trim().split('\n')).toHaveLength(2000 - Math.floor(0.25 * 1913));
  // The command names the input where it is, relative to the project folder it is run from.
  expect(await shownCommand(page)).toContain(`npx sift export ${EXPLORE} --selector quality --drop 0.25 --direction higher --mode threshold --list keep --format jsonl`);

  await page.getByTestId('export-format').selectOption('parquet');
  const pageKeepPq = await exportFromPage(page);
  expect(pageKeepPq.subarray(0, 4).toString()).toBe('PAR1');
  expect(pageKeepPq.equals(await fromCli([EXPLORE], { ratio: 0.25, mode: 'threshold', format: 'parquet' }))).toBe(true);

  await page.getByTestId('export-mode').selectOption('boltzmann');
  await page.getByTestId('export-temperature').fill('0.5');
  await page.getByTestId('export-sample').fill('100');
  await page.getByTestId('export-seed').fill('7');
  await page.getByTestId('export-format').selectOption('csv');
  const pageSample = await exportFromPage(page);
  expect(pageSample.toString().split('\n')[0]).toBe('doc_id,draw_order');
  expect(pageSample.equals(await fromCli([EXPLORE], { ratio: 0.25, mode: 'boltzmann', temperature: 0.5, sample: 100, seed: 7, format: 'csv' }))).toBe(true);

  // With the near-duplicate penalty, in Parquet.
  await page.getByTestId('export-penalty').fill('2');
  await page.getByTestId('export-format').selectOption('parquet');
  const pagePenalized = await exportFromPage(page);
  expect(pagePenalized.equals(await fromCli([EXPLORE], { ratio: 0.25, mode: 'boltzmann', temperature: 0.5, sample: 100, seed: 7, dedupPenalty: 2, format: 'parquet' }))).toBe(true);
  await expect(page.getByTestId('export-command')).toContainText('--dedup-penalty 2');

  await page.getByTestId('export-mode').selectOption('softmax');
  await page.getByTestId('export-format').selectOption('csv');
  const pageSoft = await exportFromPage(page);
  expect(pageSoft.equals(await fromCli([EXPLORE], { ratio: 0.25, mode: 'softmax', temperature: 0.5, format: 'csv' }))).toBe(true);

  const pending = page.waitForEvent('download');
  await page.getByTestId('export-provenance').click();
  const prov = JSON.parse(readFileSync(await (await pending).path(), 'utf8'));
  const cli = await computeExport([EXPLORE], { ...base, ratio: 0.25, mode: "softmax", temperature: 0.5, format: "csv" });
  expect(prov.dataset.inputs[0]).toMatchObject({ name: 'explore.jsonl', sha256: cli.provenance.dataset.inputs[0].sha256 });
  expect(prov.dataset.fingerprint).toBe(cli.provenance.dataset.fingerprint);
  expect(prov.manifest.sha256).toBe(cli.provenance.manifest.sha256);
  expect(prov.counts).toEqual(cli.provenance.counts);
  // The page's provenance verifies with the CLI when the files sit beside it.
  const dir = mkdtempSync(join(tmpdir(), 'sift-verify-'));
  copyFileSync(EXPLORE, join(dir, 'explore.jsonl'));
  writeFileSync(join(dir, prov.manifest.file), pageSoft);
  writeFileSync(join(dir, 'page.provenance.json'), JSON.stringify(prov));
  expect(await runVerify(join(dir, 'page.provenance.json'))).toMatchObject({ ok: true });
  writeFileSync(join(dir, prov.manifest.file), pageSoft.subarray(0, pageSoft.length - 3));
  expect((await runVerify(join(dir, 'page.provenance.json'))).message).toMatch(/differs from a recomputation at line/);
  await page.screenshot({ path: 'test-results/screenshots/export.png', fullPage: true });
});

test('the filtered corpus, Browse filters and annotation overrides match sift export byte for byte', async ({ page }) => {
  test.setTimeout(120_000);
  // Labels for a few documents: majority drop for one, keep for another.
  const ids = readFileSync(EXPLORE, 'utf8').trim().split('\n').map((l) => JSON.parse(l).id as string);
  const labels = [
    { doc_id: ids[1], annotator: 'ann', label: 'drop' },
    { doc_id: ids[1], annotator: 'bo', label: 'drop' },
    { doc_id: ids[2], annotator: 'ann', label: 'keep' },
    { doc_id: ids[3], annotator: 'bo', label: 'drop' },
  ];
  const annotations = join(DATA_DIR, 'labels.jsonl');
  writeFileSync(annotations, labels.map((l) => JSON.stringify(l)).join('\n') + '\n');

  await openExport(page);
  await page.getByTestId('preset-25').click();
  // Browse filters: two sources and a score range, set through the Browse page.
  await page.getByTestId('nav-browse').click();
  await page.getByTestId('filter-sources').click();
  await page.getByTestId('filter-source-alpha').check();
  await page.getByTestId('filter-source-beta').check();
  await page.getByTestId('filter-min').fill('1');
  await page.getByTestId('filter-min').press('Enter');
  await page.getByTestId('nav-export').click();
  await page.getByTestId('export-use-filter').check();
  await page.getByTestId('export-annotations').setInputFiles(annotations);
  await expect(page.getByTestId('export-annotations-summary')).toHaveText('4 labels by 2 annotators');

  const filter = { sources: ['alpha', 'beta'], tag: null, scoreMin: 1, scoreMax: null };
  const overrides = { file: annotations, apply: 'both', annotator: null } as const;
  const pageList = await exportFromPage(page);
  expect(pageList.equals(await fromCli([EXPLORE], { ratio: 0.25, mode: 'threshold', format: 'jsonl', filter, annotations: overrides }))).toBe(true);
  expect(await shownCommand(page)).toContain('--source alpha,beta --score-min 1 --annotations labels.jsonl --override both');

  await page.getByTestId('export-what').selectOption('corpus');
  const pageCorpus = await exportFromPage(page);
  const cliCorpus = await fromCli([EXPLORE], { ratio: 0.25, mode: 'threshold', format: 'jsonl', filter, annotations: overrides, corpus: true });
  expect(pageCorpus.equals(cliCorpus)).toBe(true);
  // The corpus is the input's own lines for the listed documents.
  const listed = new Set(pageList.toString().trim().split('\n').map((l) => JSON.parse(l).doc_id));
  const original = readFileSync(EXPLORE, 'utf8').trim().split('\n').filter((l) => listed.has(JSON.parse(l).id));
  expect(pageCorpus.toString()).toBe(original.join('\n') + '\n');

  await page.getByTestId('export-format').selectOption('parquet');
  const pageCorpusPq = await exportFromPage(page);
  expect(pageCorpusPq.equals(await fromCli([EXPLORE], { ratio: 0.25, mode: 'threshold', format: 'parquet', filter, annotations: overrides, corpus: true }))).toBe(true);
  await page.screenshot({ path: 'test-results/screenshots/export-corpus.png', fullPage: true });
});

test('a Parquet input: corpus rows copied through Arrow match sift export', async ({ page }) => {
  test.setTimeout(120_000);
  await openExport(page, 'server.parquet', 5000, 'quality');
  await page.getByTestId('preset-10').click();
  await page.getByTestId('export-mode').selectOption('boltzmann');
  await page.getByTestId('export-sample').fill('300');
  await page.getByTestId('export-what').selectOption('corpus');
  await page.getByTestId('export-format').selectOption('parquet');
  const pq = await exportFromPage(page);
  expect(pq.equals(await fromCli([`${DATA_DIR}/server.parquet`], { ratio: 0.1, mode: 'boltzmann', temperature: 1, sample: 300, seed: 0, format: 'parquet', corpus: true }))).toBe(true);
  await page.getByTestId('export-format').selectOption('jsonl');
  const jsonl = await exportFromPage(page);
  expect(jsonl.equals(await fromCli([`${DATA_DIR}/server.parquet`], { ratio: 0.1, mode: 'boltzmann', temperature: 1, sample: 300, seed: 0, format: 'jsonl', corpus: true }))).toBe(true);
  expect(jsonl.toString().trim().split('\n')).toHaveLength(300);
});

test('a load that skipped malformed lines exports with --skip-bad-lines in its command and provenance, and sift verify reproduces it', async ({ page }) => {
  test.setTimeout(120_000);
  const data = new DataPage(page);
  await data.openWithDemo();
  await data.upload(file('bad-line.jsonl'));
  await data.expectError(/bad-line\.jsonl, line 3: malformed JSON/);
  await page.getByTestId('retry-skip').click();
  await data.expectLoaded('bad-line.jsonl', 6);
  await page.getByTestId('nav-export').click();
  await page.getByTestId('selector').selectOption('quality');
  await page.getByTestId('preset-25').click();
  await expect(page.getByTestId('export-command')).toContainText('--skip-bad-lines');
  const manifest = await exportFromPage(page);
  const cli = await computeExport([file('bad-line.jsonl')], { ...base, ratio: 0.25, mode: 'threshold', format: 'jsonl', skipBadLines: true });
  expect(manifest.equals(Buffer.concat(cli.chunks))).toBe(true);
  const pending = page.waitForEvent('download');
  await page.getByTestId('export-provenance').click();
  const prov = JSON.parse(readFileSync(await (await pending).path(), 'utf8'));
  expect(prov.dataset.skipped_malformed_lines).toEqual([{ file: 'bad-line.jsonl', count: 1, first_lines: [3] }]);
  const dir = mkdtempSync(join(tmpdir(), 'sift-verify-'));
  copyFileSync(file('bad-line.jsonl'), join(dir, 'bad-line.jsonl'));
  writeFileSync(join(dir, prov.manifest.file), manifest);
  writeFileSync(join(dir, 'page.provenance.json'), JSON.stringify(prov));
  expect(await runVerify(join(dir, 'page.provenance.json'))).toMatchObject({ ok: true });
});
