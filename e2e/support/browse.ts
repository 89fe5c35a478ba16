import { expect, type Page } from '@playwright/test';

/**
 * The doc_ids of the Browse table's first `n` rows, once their records are in:
 * a row is drawn at its position before its record arrives (then it shows "…").
 */
export async function browseRowIds(page: Page, n: number): Promise<string[]> {
  const rows = page.getByTestId('doc-row');
  for (let i = 0; i < n; i++) await expect(rows.nth(i)).toHaveAttribute('data-doc-id', /./);
  return rows.evaluateAll((all, k) => all.slice(0, k).map((r) => r.getAttribute('data-doc-id')!), n);
}
