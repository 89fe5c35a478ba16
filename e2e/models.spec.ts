import { expect, test, type Page } from '@playwright/test';
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { scoreWithOnnx } from '../lib/models/node';
import { OnnxGraph } from '../lib/models/onnx-graph';
import { DataPage } from './support/data-page';

/**
 * The shipped models, run twice: the `webgpu` project starts Chromium with
 * --enable-unsafe-webgpu (a software adapter: SwiftShader, ~100 MFLOP/s, so it
 * scores the demo's first 400 documents — the whole demo would take over an
 * hour with the byte LM), the `chromium` project without it (the WASM
 * fallback, the whole demo corpus). Each run's per-document scores (read from
 * the page's score cache) are compared with onnxruntime-node and with the
 * other run's on the documents both scored.
 */
const MODELS = 'lib/models/generated';
const SHARED = 'test-results/model-scores';
const TOLERANCE = 1e-4;

const HEAD = 400;

async function demoTexts(limit?: number): Promise<string[]> {
  const db = await DuckDBInstance.create();
  const conn = await db.connect();
  const reader = await conn.runAndReadAll(`SELECT text FROM 'public/demo/demo.parquet' ORDER BY id${limit ? ` LIMIT ${limit}` : ''}`);
  const texts = reader.getRowObjects().map((r) => String(r.text));
  conn.closeSync();
  return texts;
}

async function nodeScores(limit?: number): Promise<Record<string, Float64Array>> {
  const texts = await demoTexts(limit);
  const cfg = (f: string) => JSON.parse(readFileSync(join(MODELS, f), 'utf8'));
  const [quality] = await scoreWithOnnx(join(MODELS, 'quality.onnx'), cfg('quality.json'), texts);
  const [bpb, weak] = await scoreWithOnnx(join(MODELS, 'byte-lm.onnx'), cfg('byte-lm.json'), texts);
  return { model_quality: quality, model_bpb: bpb, model_bpb_weak: weak };
}

/** The model columns this page cached in IndexedDB (the arrays it wrote into DuckDB). */
async function cachedModelColumns(page: Page): Promise<Record<string, number[]>> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('sift-scores', 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const entries = await new Promise<Array<{ key: string; value: { columns: Record<string, Float64Array> } }>>((resolve, reject) => {
      const out: Array<{ key: string; value: { columns: Record<string, Float64Array> } }> = [];
      const req = db.transaction('scores').objectStore('scores').openCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve(out);
        out.push({ key: String(c.key), value: c.value });
        c.continue();
      };
      req.onerror = () => reject(req.error);
    });
    db.close();
    const columns: Record<string, number[]> = {};
    for (const e of entries) if (e.key.includes('|model|')) for (const [k, v] of Object.entries(e.value.columns)) columns[k] = Array.from(v);
    return columns;
  });
}

/** Largest |a − b| over the documents both have (NaN = NaN). */
function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const same = (Number.isNaN(a[i]) && Number.isNaN(b[i])) || a[i] === b[i];
    worst = Math.max(worst, same ? 0 : Math.abs(a[i] - b[i]));
  }
  return worst;
}

test('shipped models score the demo corpus: provider shown, progress, scores equal to onnxruntime-node and to the other provider, selectors usable everywhere', async ({ page }, info) => {
  test.setTimeout(600_000);
  const webgpu = info.project.name === 'webgpu';
  const data = new DataPage(page);
  if (webgpu) await data.openServerFile('demo-head.jsonl', HEAD);
  else await data.openWithDemo();
  const panel = page.getByTestId('model-panel');
  await expect(panel.getByTestId('model-start')).toHaveText('Score with 2 models');
  await panel.getByTestId('model-start').click();
  await expect(panel.getByRole('progressbar', { name: 'model scoring progress' })).toBeVisible();
  await expect(panel.getByTestId('model-rate')).toContainText(/docs\/s · [\d.]+ MB\/s/, { timeout: 120_000 });
  await expect(panel.getByTestId('model-provider-name').first()).toHaveText(webgpu ? 'WebGPU' : /^WASM, \d+ threads?$/);
  await page.screenshot({ path: `test-results/screens/models-running-${info.project.name}.png`, fullPage: true });
  await expect(panel.getByTestId('model-run')).toHaveCount(2, { timeout: 540_000 });
  const runs = panel.getByTestId('model-run');
  await expect(runs.first()).toContainText(webgpu ? 'WebGPU — WebGPU adapter found' : 'WebGPU unavailable');
  await page.screenshot({ path: `test-results/screens/models-done-${info.project.name}.png`, fullPage: true });

  const page_ = await cachedModelColumns(page);
  const ref = await nodeScores(webgpu ? HEAD : undefined);
  for (const name of ['model_quality', 'model_bpb', 'model_bpb_weak']) {
    expect(page_[name], name).toBeDefined();
    expect(page_[name].length).toBe(ref[name].length);
    expect(maxDifference(page_[name], ref[name]), `${name}: page (${info.project.name}) vs onnxruntime-node`).toBeLessThanOrEqual(TOLERANCE);
  }
  // The two providers agree with each other (whichever project ran first left its scores).
  mkdirSync(SHARED, { recursive: true });
  writeFileSync(join(SHARED, `${info.project.name}.json`), JSON.stringify(page_));
  const other = join(SHARED, `${webgpu ? 'chromium' : 'webgpu'}.json`);
  if (existsSync(other)) {
    const theirs = JSON.parse(readFileSync(other, 'utf8')) as Record<string, number[]>;
    for (const name of Object.keys(ref)) {
      expect(theirs[name].length).toBeGreaterThan(0);
      expect(maxDifference(page_[name], theirs[name].map((v) => (v === null ? NaN : v))), `${name}: WebGPU vs WASM`).toBeLessThanOrEqual(TOLERANCE);
    }
  }

  // The new selectors, and the derived gap, in the summary and every view.
  for (const name of ['model_quality', 'model_bpb', 'model_bpb_weak', 'model_bpb_gain']) await expect(page.getByTestId(`mean-${name}`)).toBeVisible();
  const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
  expect(Number(await page.getByTestId('mean-model_bpb').getAttribute('data-value'))).toBeCloseTo(mean(ref.model_bpb), 4);

  // Wait for the new page before touching its controls (a selector change on the old page would replace the navigation).
  const nav = async (name: string) => {
    await page.getByRole('link', { name, exact: true }).click();
    await page.waitForURL(new RegExp(`/${name.toLowerCase()}(\\?|$)`));
  };
  await nav('Distributions');
  await page.getByTestId('selector').selectOption('model_bpb');
  await expect(page.getByTestId('score-stats')).toBeVisible();
  await page.screenshot({ path: `test-results/screens/models-distributions-${info.project.name}.png`, fullPage: true });
  await nav('Browse');
  await page.getByTestId('selector').selectOption('model_quality');
  await expect(page.getByTestId('doc-row').first()).toBeVisible();
  await nav('Compare');
  await page.getByTestId('selector').selectOption('model_quality');
  await page.getByTestId('selector-b').selectOption('model_bpb');
  await expect(page.getByTestId('two-by-two')).toBeVisible();
  await page.screenshot({ path: `test-results/screens/models-compare-${info.project.name}.png`, fullPage: true });
  await nav('Export');
  await page.getByTestId('selector').selectOption('model_bpb_gain');
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
  expect(await page.getByTestId('export-command').textContent()).toContain("--define 'model_bpb_gain=model_bpb_weak - model_bpb'");

  if (!webgpu) {
    // A column of the file, exported after the models were scored: its command names no model
    // definition, names the demo where it is, and run from the project folder it verifies.
    await page.getByTestId('selector').selectOption('compression_ratio');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-run').click();
    const pageBytes = readFileSync(await (await download).path());
    const shown = (await page.getByTestId('export-command').textContent())!;
    expect(shown).not.toContain('--define');
    expect(shown).toContain('npx sift export public/demo/demo.parquet');
    const dir = mkdtempSync(join(tmpdir(), 'sift-printed-'));
    // The printed command as a shell runs it, from the project folder, with only --out moved aside.
    const command = shown.replace(/--out (\S+)$/, (_, out) => `--out ${join(dir, out)}`);
    execSync(command, { cwd: process.cwd(), stdio: 'pipe', shell: '/bin/bash' });
    const out = join(dir, 'compression_ratio-threshold-keep.jsonl');
    expect(readFileSync(out).equals(pageBytes)).toBe(true);
    expect(execSync(`npx sift verify ${out.replace(/\.jsonl$/, '.provenance.json')}`, { stdio: 'pipe' }).toString()).toContain('ok:');
  }

  // A reload restores the model scores from this browser's cache.
  await page.goto('/data');
  await expect(page.getByTestId('model-run').first()).toContainText('restored from this browser’s cache', { timeout: 60_000 });
  await expect(page.getByTestId('mean-model_bpb_gain')).toBeVisible();
  expect(data.consoleErrors.filter((e) => !/onnxruntime|WebGPU|webgpu/i.test(e))).toEqual([]);
});

test('a model of your own: a wrong input name or dtype is named before scoring; the right config scores like onnxruntime-node, and a reload restores its scores', async ({ page }, info) => {
  test.skip(info.project.name === 'webgpu', 'provider-independent; runs once');
  const dir = 'test-results/byo-model';
  mkdirSync(dir, { recursive: true });
  // A tiny model: int64 token ids [batch, n] → mean of a per-byte table = score [batch].
  const g = new OnnxGraph('byo');
  g.input('input_ids', 'int64', ['batch', 'n']);
  g.init('table', 'float32', [256, 1], Array.from({ length: 256 }, (_, i) => (i % 17) / 17));
  g.op('ReduceMean', [g.op('Gather', ['table', 'input_ids'], { axis: 0 })], { axes: [1, 2], keepdims: 0 }, 'score');
  g.output('score', 'float32', ['batch']);
  writeFileSync(join(dir, 'byo.onnx'), g.toBytes('byo'));
  const config = (inputs: Record<string, string>) => ({ name: 'byo_mean', max_length: 64, inputs, encoding: { type: 'bytes' }, output: 'score', direction: 'higher_is_better' });
  writeFileSync(join(dir, 'wrong-name.json'), JSON.stringify(config({ ids: 'ids', dtype: 'int64' })));
  writeFileSync(join(dir, 'wrong-dtype.json'), JSON.stringify(config({ ids: 'input_ids', dtype: 'int32' })));
  writeFileSync(join(dir, 'right.json'), JSON.stringify(config({ ids: 'input_ids', dtype: 'int64' })));

  const data = new DataPage(page);
  await data.openServerFile('score.jsonl', 1500);
  const panel = page.getByTestId('model-panel');
  for (const m of ['quality', 'byte-lm']) await panel.getByTestId(`model-choose-${m}`).uncheck();
  await panel.getByTestId('own-model-file').setInputFiles(join(dir, 'byo.onnx'));

  await panel.getByTestId('own-model-config').setInputFiles(join(dir, 'wrong-name.json'));
  await panel.getByTestId('model-start').click();
  await expect(panel.getByTestId('model-error')).toContainText('input "ids" (inputs.ids in the config) is not an input of the model; its inputs are: input_ids int64 [batch, n]');
  await page.screenshot({ path: 'test-results/screens/models-byo-error.png', fullPage: true });

  await panel.getByTestId('own-model-config').setInputFiles(join(dir, 'wrong-dtype.json'));
  await panel.getByTestId('model-start').click();
  await expect(panel.getByTestId('model-error')).toContainText('input "input_ids": dtype mismatch — the config feeds int32 (inputs.dtype), the model expects int64');
  await expect(page.getByTestId('mean-byo_mean')).toHaveCount(0);

  await panel.getByTestId('own-model-config').setInputFiles(join(dir, 'right.json'));
  await panel.getByTestId('model-start').click();
  await expect(panel.getByTestId('model-run')).toContainText('byo_mean from byo.onnx');
  await expect(panel.getByTestId('model-error')).toHaveCount(0);
  const texts = readFileSync('test-results/e2e-data/score.jsonl', 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
  const [expected] = await scoreWithOnnx(join(dir, 'byo.onnx'), config({ ids: 'input_ids', dtype: 'int64' }), texts);
  const cached = await cachedModelColumns(page);
  expect(maxDifference(cached.byo_mean, expected)).toBeLessThanOrEqual(TOLERANCE);
  const mean = Number(await page.getByTestId('mean-byo_mean').getAttribute('data-value'));
  expect(mean).toBeCloseTo(expected.reduce((a, v) => a + v, 0) / expected.length, 4);

  // A reload restores your own model's scores from this browser's cache, without the file.
  await page.goto('/data');
  await expect(page.getByTestId('model-run')).toContainText('byo_mean from byo.onnx', { timeout: 60_000 });
  await expect(page.getByTestId('model-run')).toContainText('restored from this browser’s cache');
  expect(Number(await page.getByTestId('mean-byo_mean').getAttribute('data-value'))).toBe(mean);
  await page.getByRole('link', { name: 'Distributions', exact: true }).click();
  await page.getByTestId('selector').selectOption('byo_mean');
  await expect(page.getByTestId('score-stats')).toBeVisible();
  expect(data.consoleErrors).toEqual([]);
});

test('a fastText model of your own (.bin) scores in the page exactly as sift score does (which equals fasttext predict-prob)', async ({ page }, info) => {
  test.skip(info.project.name === 'webgpu', 'fastText has no GPU path; runs once');
  const dir = 'test-results/byo-fasttext';
  mkdirSync(dir, { recursive: true });
  // Trained here by Debian's fastText on labelled word lists, then scored on the corpus's texts.
  const good = 'the of research results analysis evidence method data theory history learning water river'.split(' ');
  const bad = 'click buy now free cheap win prize offer deal subscribe casino bonus'.split(' ');
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const hq = i % 2 === 0;
    const words = Array.from({ length: 5 + (i % 23) }, (_, j) => ((i * 7 + j * 13) % 10 < 6 ? (hq ? good : bad) : [...good, ...bad])[(i * 31 + j * 17) % 12]);
    lines.push(`${hq ? '__label__hq' : '__label__lq'} ${words.join(' ')}`);
  }
  writeFileSync(join(dir, 'train.txt'), lines.join('\n') + '\n');
  execSync(`fasttext supervised -input ${join(dir, 'train.txt')} -output ${join(dir, 'ft')} -epoch 5 -wordNgrams 2 -dim 8 -minn 2 -maxn 4 -bucket 20000 -verbose 0`);
  writeFileSync(join(dir, 'ft.json'), JSON.stringify({ kind: 'fasttext', label: '__label__hq', preset: 'dclm', name: 'ft_hq' }));
  const { main } = await import('../lib/cli/main');
  const out = join(dir, 'cli.jsonl');
  expect(await main(['score', 'test-results/e2e-data/score.jsonl', '--model', join(dir, 'ft.bin'), '--out', out], { out: () => {}, err: () => {} })).toBe(0);
  const expected = readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { ft_hq: number | null }).ft_hq ?? NaN);

  const data = new DataPage(page);
  await data.openServerFile('score.jsonl', 1500);
  const panel = page.getByTestId('model-panel');
  for (const m of ['quality', 'byte-lm']) await panel.getByTestId(`model-choose-${m}`).uncheck();
  await panel.getByTestId('own-model-file').setInputFiles(join(dir, 'ft.bin'));
  await panel.getByTestId('own-model-config').setInputFiles(join(dir, 'ft.json'));
  await panel.getByTestId('model-start').click();
  await expect(panel.getByTestId('model-run')).toContainText('ft_hq from ft.bin');
  await expect(panel.getByTestId('model-error')).toHaveCount(0);
  const cached = await cachedModelColumns(page);
  expect(cached.ft_hq).toHaveLength(1500);
  expect(maxDifference(cached.ft_hq, expected)).toBeLessThanOrEqual(1e-9);
  await page.screenshot({ path: 'test-results/screenshots/models-fasttext.png', fullPage: true });
  expect(data.consoleErrors).toEqual([]);
});

/**
 * A transformer classifier built by the tests (lib/models/test/transformer-fixture.ts) with its
 * tokenizer.json and a preset config: scored by `sift score` (whose values equal an independent
 * forward pass, lib/models/test/transformers.test.ts), then in the page on this project's
 * provider; the page's cached columns must equal the CLI's.
 */
async function ownTransformer(page: Page, project: string, kind: 'bert' | 'quality') {
  const { buildEncoderOnnx, unigramTokenizer, wordPieceTokenizer } = await import('../lib/models/test/transformer-fixture');
  const dir = `test-results/byo-${kind}-${project}`;
  mkdirSync(dir, { recursive: true });
  const tok = kind === 'bert' ? wordPieceTokenizer() : unigramTokenizer();
  const spec = kind === 'bert' ? { heads: 2, intermediate: 32, head: 'bert' as const, classes: 1, seed: 11 } : { heads: 4, intermediate: 24, head: 'cls' as const, classes: 3, seed: 5 };
  writeFileSync(join(dir, 'model.onnx'), buildEncoderOnnx({ vocab: tok.vocabSize, hidden: 16, layers: 2, maxPositions: 64, ...spec }));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tok.json));
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ preset: kind === 'bert' ? 'fineweb-edu' : 'nvidia-quality', max_length: kind === 'bert' ? 24 : 20 }));
  const { main } = await import('../lib/cli/main');
  const out = join(dir, 'cli.jsonl');
  expect(await main(['score', 'test-results/e2e-data/demo-head.jsonl', '--model', join(dir, 'model.onnx'), '--model-config', join(dir, 'config.json'), '--out', out], { out: () => {}, err: () => {} })).toBe(0);
  const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number | null>);
  const selectors = Object.keys(rows[0]).filter((k) => k !== 'doc_id');

  const data = new DataPage(page);
  await data.openServerFile('demo-head.jsonl', 400);
  const panel = page.getByTestId('model-panel');
  for (const m of ['quality', 'byte-lm']) await panel.getByTestId(`model-choose-${m}`).uncheck();
  await panel.getByTestId('own-model-file').setInputFiles(join(dir, 'model.onnx'));
  await panel.getByTestId('own-model-config').setInputFiles(join(dir, 'config.json'));
  await panel.getByTestId('own-model-tokenizer').setInputFiles(join(dir, 'tokenizer.json'));
  await panel.getByTestId('model-start').click();
  await expect(panel.getByTestId('model-run')).toContainText(`${selectors.join(', ')} from model.onnx`, { timeout: 120_000 });
  await expect(panel.getByTestId('model-error')).toHaveCount(0);
  await expect(panel.getByTestId('model-run')).toContainText(project === 'webgpu' ? 'WebGPU' : 'WASM');
  const cached = await cachedModelColumns(page);
  for (const name of selectors) expect(maxDifference(cached[name], rows.map((r) => r[name] ?? NaN)), name).toBeLessThanOrEqual(TOLERANCE);
  return { panel, rows, data };
}

test('a BERT-shaped classifier with its tokenizer.json and the fineweb-edu preset scores in the page as sift score does (WASM; WebGPU on the software adapter)', async ({ page }, info) => {
  const { panel, rows, data } = await ownTransformer(page, info.project.name, 'bert');
  expect((await cachedModelColumns(page)).fineweb_edu_int).toEqual(rows.map((r) => r.fineweb_edu_int ?? NaN));
  // The card: the preset's model, head and threshold, and what the threshold drops here.
  const card = panel.getByTestId('model-card');
  await expect(card).toContainText('HuggingFaceFW/fineweb-edu-classifier');
  await expect(card).toContainText('halves to even');
  const scored = rows.filter((r) => r.fineweb_edu_int !== null);
  await expect(card.getByTestId('model-card-threshold')).toHaveAttribute('data-dropped', String(scored.filter((r) => r.fineweb_edu_int! < 3).length));
  await expect(card.getByTestId('model-card-threshold')).toHaveAttribute('data-scored', String(scored.length));
  await page.screenshot({ path: `test-results/screenshots/models-bert-${info.project.name}.png`, fullPage: true });
  expect(data.consoleErrors).toEqual([]);
});

test('a three-class classifier with a Unigram tokenizer.json and the nvidia-quality preset scores in the page as sift score does (WASM; WebGPU on the software adapter)', async ({ page }, info) => {
  const { panel, data } = await ownTransformer(page, info.project.name, 'quality');
  await expect(panel.getByTestId('model-card')).toContainText('nvidia/quality-classifier-deberta');
  expect(data.consoleErrors).toEqual([]);
});
