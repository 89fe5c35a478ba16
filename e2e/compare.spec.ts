import { expect, test, type Page } from '@playwright/test';
import { NodeConnector } from '../lib/data/connectors/node';
import { DataPage } from './support/data-page';
import { DATA_DIR } from './support/fixtures';

const EXPLORE = `${DATA_DIR}/explore.jsonl`;

async function loadExplore(page: Page) {
  const data = new DataPage(page);
  await data.openServerFile('explore.jsonl', 2000);
  return data;
}

/** Independent figures from the file: DuckDB for ρ, r and the 2×2 table, pairs by brute force for τ-b. */
async function independent(ratio: number) {
  const conn = await NodeConnector.open();
  const src = `(SELECT id::VARCHAR AS id, quality AS a, perplexity AS b FROM read_json_auto('${EXPLORE}'))`;
  const [c] = await conn.query(`SELECT count(*) AS n, corr(a, b) AS pearson, corr(ra, rb) AS spearman FROM (
    SELECT a, b, rank() OVER (ORDER BY a) + (count(*) OVER (PARTITION BY a) - 1) / 2.0 AS ra, rank() OVER (ORDER BY b) + (count(*) OVER (PARTITION BY b) - 1) / 2.0 AS rb
    FROM ${src} WHERE a IS NOT NULL AND b IS NOT NULL)`);
  const pairs = await conn.queryFloat64Columns(`SELECT a, b FROM ${src} WHERE a IS NOT NULL AND b IS NOT NULL`);
  let con = 0;
  let dis = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < pairs.a.length; i++) {
    for (let j = i + 1; j < pairs.a.length; j++) {
      const sx = Math.sign(pairs.a[i] - pairs.a[j]);
      const sy = Math.sign(pairs.b[i] - pairs.b[j]);
      if (sx === 0 && sy === 0) continue;
      if (sx === 0) tx++;
      else if (sy === 0) ty++;
      else if (sx === sy) con++;
      else dis++;
    }
  }
  // quality: higher is better (lowest dropped); perplexity: lower is better (highest dropped).
  const dropped = async (col: string, dir: string) =>
    new Set((await conn.query(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY ${col} ${dir}, id) AS rk, count(*) OVER () AS n FROM ${src} WHERE ${col} IS NOT NULL) WHERE rk <= floor(${ratio}::DECIMAL(9,6) * n)`)).map((r) => String(r.id)));
  const da = await dropped('a', 'ASC');
  const db = await dropped('b', 'DESC');
  conn.close();
  const both = [...da].filter((x) => db.has(x)).length;
  return {
    n: Number(c.n),
    pearson: Number(c.pearson),
    spearman: Number(c.spearman),
    kendall: (con - dis) / Math.sqrt((con + dis + tx) * (con + dis + ty)),
    both,
    aOnly: da.size - both,
    bOnly: db.size - both,
    kept: 2000 - da.size - db.size + both,
    jaccard: both / (da.size + db.size - both),
  };
}

const num = async (page: Page, id: string) => Number((await page.getByTestId(id).textContent())!.replace(/,/g, ''));

test('compare two selectors: statistics and the 2×2 table match independent computations', async ({ page }) => {
  await loadExplore(page);
  await page.getByTestId('nav-compare').click();
  await page.getByTestId('selector').selectOption('quality');
  await page.getByTestId('selector-b').selectOption('perplexity');
  await page.getByTestId('preset-25').click();
  const want = await independent(0.25);
  await expect(page.getByTestId('dropped-both')).toHaveText(want.both.toLocaleString('en-US'));
  expect(await num(page, 'dropped-a-only')).toBe(want.aOnly);
  expect(await num(page, 'dropped-b-only')).toBe(want.bOnly);
  expect(await num(page, 'kept-both')).toBe(want.kept);
  expect(await num(page, 'stat-n')).toBe(want.n);
  // Shown to 6 decimals; the exact value is in data-value.
  const exact = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
  for (const [id, value] of [
    ['stat-spearman', want.spearman],
    ['stat-kendall', want.kendall],
    ['stat-pearson', want.pearson],
    ['jaccard', want.jaccard],
  ] as const) {
    expect(Math.abs((await num(page, id)) - value)).toBeLessThanOrEqual(5e-7 + 1e-12);
    expect(Math.abs((await exact(id)) - value)).toBeLessThan(1e-9);
  }
  await expect(page.getByTestId('density')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/compare.png', fullPage: true });

  // A disagreement opens the same document view as Browse.
  const link = page.getByTestId('disagree-a').getByTestId('disagreement-link').first();
  const id = (await link.textContent())!;
  await link.click();
  await expect(page).toHaveURL(/\/browse\?/);
  await expect(page.getByTestId('detail-doc-id')).toHaveText(id);
});

test('a derived selector is validated, then shows up in Distributions', async ({ page }) => {
  await loadExplore(page);
  await page.getByTestId('nav-compare').click();
  await expect(page.getByTestId('stat-spearman')).toBeVisible();
  for (const [expr, message] of [
    ['1; DROP TABLE docs', /unexpected character ";" \(at column 2\)/],
    ["read_csv('/etc/passwd')", /not allowed|unknown function/],
    ['(quality + 1', /expected "\)"/],
    ['nope * 2', /unknown selector "nope"/],
  ] as const) {
    await page.getByTestId('derived-name').fill('bad');
    await page.getByTestId('derived-expression').fill(expr);
    await page.getByTestId('derived-add').click();
    await expect(page.getByTestId('derived-error')).toHaveText(message);
  }
  await page.getByTestId('derived-name').fill('q_minus_ppl');
  await page.getByTestId('derived-expression').fill('rank(quality) - rank(perplexity)');
  await page.getByTestId('derived-add').click();
  await expect(page.getByTestId('derived-list')).toContainText('q_minus_ppl = rank(quality) - rank(perplexity)');
  await page.getByTestId('nav-distributions').click();
  await page.getByTestId('selector').selectOption('q_minus_ppl');
  await expect(page.getByTestId('kept-count')).toBeVisible();
  await expect(page.getByTestId('missing-count')).toHaveText('87');
  // Saved with the dataset: a reload re-creates it.
  await page.reload();
  await expect(page.getByTestId('selector')).toContainText('q_minus_ppl', { timeout: 60_000 });
});
