import type { Page } from '@playwright/test';

/**
 * A slow phone network: each of the page's script files arrives `ms` late, so for a while the page
 * is the server's HTML with no handler attached (what a person can press, type or scan then is what
 * before-hydration tests check). Only scripts are late: a late stylesheet holds the whole page back
 * (the inline scripts in the body wait for it), so the page would appear just as its scripts arrive,
 * with no time to act before them.
 */
export async function slowScripts(page: Page, ms: number) {
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}
