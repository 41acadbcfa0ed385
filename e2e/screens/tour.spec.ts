import { expect, test } from '../support/test';
import { NAV } from '@/lib/nav';
import { screenshotPath, sessionFile } from '../support/state';

// Every menu entry opens a real screen with its heading (no 404, no error page); each is
// photographed into the run's output folder (screens/) so a person can look at them after the run.
test.use({ storageState: sessionFile('admin') });

test('every menu screen renders for an administrator', async ({ page }) => {
  // Every screen of the menu (25) in one test: three times the usual minute, so a busy machine is not a failure.
  test.slow();
  for (const item of NAV.flatMap((g) => g.items)) {
    await page.goto(item.href);
    const title = item.label.split(' → ').pop()!;
    await expect(page.getByRole('heading', { level: 1, name: title }), item.href).toBeVisible();
    await page.screenshot({ path: screenshotPath(`${item.href.replaceAll('/', '_').slice(1)}.png`), fullPage: true });
  }
});
