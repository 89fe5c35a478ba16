/**
 * Every view at three common window widths, on the demo corpus: a screenshot
 * of each (test-results/screenshots/views/), and no view wider than the window.
 */
import { expect, test, type Page } from '@playwright/test';
import { DataPage } from './support/data-page';

const WIDTHS = [1280, 1440, 1920];

/** Each view and what shows that it has rendered its content. */
const VIEWS: Array<{ path: string; ready: (page: Page) => Promise<void> }> = [
  { path: '/data', ready: (p) => expect(p.getByTestId('row-count')).toBeVisible() },
  { path: '/distributions', ready: (p) => expect(p.getByTestId('sweep')).toBeVisible() },
  { path: '/browse', ready: (p) => expect(p.getByTestId('doc-row').first()).toBeVisible() },
  { path: '/compare', ready: (p) => expect(p.getByTestId('two-by-two')).toBeVisible() },
  { path: '/annotate', ready: (p) => expect(p.getByTestId('annotator-form').or(p.getByTestId('annotate-progress'))).toBeVisible() },
  { path: '/export', ready: (p) => expect(p.getByTestId('export-command')).toBeVisible() },
];

test('every view at 1280, 1440 and 1920 px, with the heuristics scored: screenshots, and nothing wider than the window', async ({ page }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await new DataPage(page).openWithDemo();
  // Two dozen selectors, as a researcher has them after scoring: the layouts must hold them.
  await page.getByTestId('score-panel').getByTestId('score-start').click();
  await expect(page.getByTestId('score-done')).toBeVisible({ timeout: 300_000 });
  const tooWide: string[] = [];
  for (const view of VIEWS) {
    await page.getByTestId(`nav-${view.path.slice(1)}`).click();
    await page.waitForURL(new RegExp(`${view.path}(\\?|$)`));
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await view.ready(page);
      // Charts resize on the next frame.
      await page.waitForTimeout(400);
      const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      if (scroll > inner) tooWide.push(`${view.path} at ${width}: ${scroll} px`);
      await page.screenshot({ path: `test-results/screenshots/views/${view.path.slice(1)}-${width}.png`, fullPage: true });
      // The README's picture (docs/screenshot-data.png is copied from it).
      if (view.path === '/data' && width === 1440) await page.screenshot({ path: 'test-results/screenshots/readme-data.png' });
    }
  }
  expect(tooWide).toEqual([]);
});
