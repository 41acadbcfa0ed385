import { expect, type Page } from '@playwright/test';

/** The wizard's step titled `title`, once Amazon has answered the previous one (the e2e sandbox runs at 60×). */
export async function atStep(page: Page, title: string) {
  await expect(page.getByRole('region', { name: title })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for Amazon' })).toHaveCount(0, { timeout: 45_000 });
}

/** Step 1: the goods, from the seeded warehouse; ends on the new shipment's page. */
export async function createInbound(page: Page, connectionId: string, warehouse: string, lines: [string, number][]) {
  await page.goto(`/integration/fba/${connectionId}/inbound/new`);
  await page.getByRole('combobox', { name: /^From location/ }).selectOption({ label: warehouse });
  for (const [i, [sku, quantity]] of lines.entries()) {
    await page.getByLabel(`SKU, line ${i + 1}`).fill(sku);
    await page.getByLabel(`Quantity, line ${i + 1}`).fill(String(quantity));
  }
}
