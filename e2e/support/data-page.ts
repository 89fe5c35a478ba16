import { expect, type Page } from '@playwright/test';

/** The Data page, driven as a person would: through its controls, read through its test ids. */
export class DataPage {
  readonly consoleErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => this.consoleErrors.push(e.message));
  }

  async open() {
    await this.page.goto('/data');
  }

  /** Opens the page and waits for the demo corpus, which loads by itself on a first visit. */
  async openWithDemo() {
    await this.open();
    await expect(this.page.getByTestId('row-count')).toBeVisible({ timeout: 60_000 });
  }

  /** Opens the page (the demo loads first), then loads a file of the server's data folder. */
  async openServerFile(name: string, rows: number) {
    await this.openWithDemo();
    await this.page.getByTestId('server-files').getByRole('button', { name }).click();
    await this.expectLoaded(name, rows);
  }

  /** Opens the page (the demo loads first), then a data-folder sub-folder with its "open folder" button. */
  async openServerFolder(path: string, rows: number) {
    await this.openWithDemo();
    await this.page.getByTestId(`open-folder-${path}`).click();
    await this.expectLoaded(`folder ${path}`, rows);
  }

  async rowCount(): Promise<number> {
    return Number((await this.page.getByTestId('row-count').textContent())!.replace(/,/g, ''));
  }

  async fingerprint(): Promise<string> {
    return (await this.page.getByTestId('dataset-fingerprint').textContent())!.trim();
  }

  async sources(): Promise<Record<string, number>> {
    const rows = await this.page.getByTestId('source-row').all();
    const out: Record<string, number> = {};
    for (const row of rows) {
      const cells = await row.locator('td').allTextContents();
      out[cells[0]] = Number(cells[1].replace(/,/g, ''));
    }
    return out;
  }

  async upload(...paths: string[]) {
    await this.page.getByTestId('file-input').setInputFiles(paths);
  }

  /** Waits until a load finished (summary for the new label, or an error). */
  async waitIdle() {
    await expect(this.page.getByTestId('load-progress')).toHaveCount(0, { timeout: 90_000 });
  }

  async expectLoaded(label: string, rows: number) {
    await this.waitIdle();
    await expect(this.page.getByTestId('dataset-summary').getByRole('heading', { level: 2 })).toHaveText(label);
    await expect(this.page.getByTestId('row-count')).toHaveText(rows.toLocaleString('en-US'));
  }

  async expectError(pattern: RegExp) {
    await this.waitIdle();
    await expect(this.page.getByTestId('load-error-message')).toHaveText(pattern);
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  }
}
