import { expect, test } from '@playwright/test';
import { NAV } from '@/lib/nav';
import { signIn } from '../support/auth';

// Every menu entry opens a real screen with its heading (no 404, no error page); each is
// photographed into test-results/screens/ so a person can look at them after the run.
test('every menu screen renders for an administrator', async ({ page }) => {
  await signIn(page);
  for (const item of NAV.flatMap((g) => g.items)) {
    await page.goto(item.href);
    const title = item.label.split(' → ').pop()!;
    await expect(page.getByRole('heading', { level: 1, name: title }), item.href).toBeVisible();
    await page.screenshot({ path: `test-results/screens/${item.href.replaceAll('/', '_').slice(1)}.png`, fullPage: true });
  }
});
