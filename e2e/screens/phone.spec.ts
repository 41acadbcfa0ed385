import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { NAV } from '@/lib/nav';
import type { PhoneSeed } from './phone.seed';
import { readSeed, screenshotPath, sessionFile } from '../support/state';

// The whole app on a phone (375 × 812): the menu hides behind a Menu button in the top bar, and no
// screen is wider than the phone (a table scrolls inside its own box, the page never sideways).
// Each screen is photographed into the run's screens/ folder (phone-*.png) for a person to look at.
test.use({ storageState: sessionFile('admin') });

const PHONE = { width: 375, height: 812 };
const seed = () => readSeed<PhoneSeed>('screens/phone');

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** What sticks out past the right edge (the innermost such elements), to name in a failure. */
const sticksOut = (page: Page) =>
  page.evaluate(() => {
    const edge = document.documentElement.clientWidth + 0.5;
    // Inside a box that fits and scrolls (or clips) by itself is fine: that is how a wide table shows.
    const boxed = (e: Element) => {
      for (let a = e.parentElement; a; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= edge) return true;
      return false;
    };
    const out = [...document.body.querySelectorAll('*')].filter((e) => e.getBoundingClientRect().right > edge && !boxed(e));
    return out
      .filter((e) => !out.some((o) => o !== e && e.contains(o)))
      .slice(0, 5)
      .map((e) => `<${e.tagName.toLowerCase()} class="${e.getAttribute('class') ?? ''}"> ${(e.textContent ?? '').trim().slice(0, 40)} (right ${Math.round(e.getBoundingClientRect().right)})`);
  });

async function expectFits(page: Page, what: string) {
  const width = await pageWidth(page);
  expect(width <= PHONE.width ? [] : [`${what} is ${width} px wide`, ...(await sticksOut(page))]).toEqual([]);
}
const menuButton = (page: Page) => page.getByRole('button', { name: 'Menu', exact: true });
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/**
 * Focus on the Menu button and Enter, again until the menu answers. The button is disabled until the
 * page has hydrated, and a disabled button takes no focus: focused once before then, every Enter went
 * to the page and the menu never opened (seen once in a full run).
 */
async function openWithKeyboard(page: Page) {
  const button = menuButton(page);
  await expect(button).toBeEnabled();
  await expect(async () => {
    if ((await button.getAttribute('aria-expanded')) !== 'true') {
      await button.focus();
      await page.keyboard.press('Enter');
    }
    await expect(button).toHaveAttribute('aria-expanded', 'true', { timeout: 1_000 });
  }).toPass();
}

const SCREENS: { name: string; path: () => string; heading: string | RegExp }[] = [
  { name: 'sales', path: () => '/sale/sales', heading: 'Sales' },
  { name: 'sale', path: () => `/sale/sales/${seed().saleId}`, heading: /^Sale / },
  { name: 'fulfilment-orders', path: () => '/sale/fulfilment-orders', heading: 'Fulfilment Orders' },
  { name: 'fulfilment-order', path: () => `/sale/fulfilment-orders/${seed().foId}`, heading: /^Fulfilment order / },
  { name: 'stock-on-hand', path: () => '/inventory/stock-on-hand', heading: 'Stock on Hand' },
  { name: 'products', path: () => '/inventory/products', heading: 'Products' },
  { name: 'stocktake', path: () => '/inventory/stocktake', heading: 'Stocktake' },
  { name: 'stocktake-in-progress', path: () => `/inventory/stocktake/${seed().stocktakeId}`, heading: /^Stocktake ST-/ },
  { name: 'fba-setup', path: () => `/integration/fba/${seed().connectionId}/setup`, heading: 'Phone Spec Amazon' },
  { name: 'fba-catalog', path: () => `/integration/fba/${seed().connectionId}/catalog`, heading: 'Phone Spec Amazon' },
  { name: 'fba-inbound', path: () => `/integration/fba/${seed().connectionId}/inbound`, heading: 'Phone Spec Amazon' },
  { name: 'locations-and-bins', path: () => '/settings/reference-books/locations', heading: 'Locations and Bins' },
  { name: 'integration-amazon', path: () => '/integration/amazon', heading: 'Amazon' },
  { name: 'amazon-store-orders', path: () => `/integration/amazon/${seed().amazonStoreId}/orders`, heading: 'Phone Spec Store on Amazon' },
  { name: 'amazon-store-setup', path: () => `/integration/amazon/${seed().amazonStoreId}/setup`, heading: 'Phone Spec Store on Amazon' },
  { name: 'inbound-shipment', path: () => `/integration/fba/${seed().connectionId}/inbound/${seed().inboundId}`, heading: 'Phone Spec Amazon' },
  { name: 'sale-pack-scan', path: () => `/sale/sales/${seed().saleId}/pack-scan`, heading: /^Pack / },
];

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  for (const screen of SCREENS) {
    test(`${screen.name}: fits 375 px, the menu opens and closes with the keyboard`, async ({ page }) => {
      await page.goto(screen.path());
      await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
      await expectFits(page, screen.path());
      await page.screenshot({ path: screenshotPath(`phone-${screen.name}.png`), fullPage: true });

      // The menu is behind the button, closed.
      const button = menuButton(page);
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      await expect(mainNav(page)).toBeHidden();

      await openWithKeyboard(page);
      await expect(mainNav(page)).toBeVisible();
      await expect(page.locator(`#${await button.getAttribute('aria-controls')}`)).toBeVisible();
      // Tab goes from the button into the open menu (past Sign out in the bar).
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await expect(mainNav(page).getByRole('link').first()).toBeFocused();
      await expectFits(page, `${screen.path()} with the menu open`);
      if (screen.name === 'sales') await page.screenshot({ path: screenshotPath('phone-menu-open.png') });

      await page.keyboard.press('Escape');
      await expect(mainNav(page)).toBeHidden();
      await expect(button).toHaveAttribute('aria-expanded', 'false');
      await expect(button).toBeFocused();
    });
  }

  test('following a link in the menu opens the screen and closes the menu', async ({ page }) => {
    await page.goto('/sale/sales');
    await openWithKeyboard(page);
    await mainNav(page).getByRole('link', { name: 'Products', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
    await expect(mainNav(page)).toBeHidden();
    await expect(menuButton(page)).toHaveAttribute('aria-expanded', 'false');
  });

  test('the New forms fit 375 px', async ({ page }) => {
    const wide: string[] = [];
    for (const href of ['/inventory/products/new', '/inventory/stock-adjustments/new', '/inventory/stock-transfer/new', '/sale/customers/new', '/integration/fba/new']) {
      await page.goto(href);
      await expect(page.getByRole('heading', { level: 1 }), href).toBeVisible();
      const width = await pageWidth(page);
      if (width > PHONE.width) wide.push(`${href} is ${width} px wide`, ...(await sticksOut(page)));
      await page.screenshot({ path: screenshotPath(`phone${href.replaceAll('/', '_')}.png`), fullPage: true });
    }
    expect(wide).toEqual([]);
  });

  test('every menu screen fits 375 px', async ({ page }) => {
    // Every screen of the menu (25) in one test: three times the usual minute, so a busy machine is not a failure.
    test.slow();
    const wide: string[] = [];
    for (const item of NAV.flatMap((g) => g.items)) {
      await page.goto(item.href);
      await expect(page.getByRole('heading', { level: 1, name: item.label.split(' → ').pop()! }), item.href).toBeVisible();
      const width = await pageWidth(page);
      if (width > PHONE.width) wide.push(`${item.href} is ${width} px wide`, ...(await sticksOut(page)));
      await page.screenshot({ path: screenshotPath(`phone${item.href.replaceAll('/', '_')}.png`), fullPage: true });
    }
    expect(wide).toEqual([]);
  });
});

test.describe('on a phone without JavaScript', () => {
  test.use({ viewport: PHONE, javaScriptEnabled: false });

  test('the menu shows above the page, with no Menu button that could do nothing', async ({ page }) => {
    await page.goto('/sale/sales');
    await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
    await expect(menuButton(page)).toHaveCount(0);
    await expect(mainNav(page).getByRole('link', { name: 'Products', exact: true })).toBeVisible();
    await expectFits(page, '/sale/sales without JavaScript');
    await page.screenshot({ path: screenshotPath('phone-no-javascript.png') });
  });
});

test.describe('on a desktop', () => {
  test.use({ viewport: { width: 1366, height: 900 } });

  test('the menu is a column beside the page, with no Menu button', async ({ page }) => {
    await page.goto('/sale/sales');
    await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
    await expect(mainNav(page)).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Products', exact: true })).toBeVisible();
    await expect(menuButton(page)).toHaveCount(0);
    const nav = await mainNav(page).boundingBox();
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(nav!.x + nav!.width, 'the menu sits left of the page').toBeLessThanOrEqual(heading!.x);
    await page.screenshot({ path: screenshotPath('desktop-sales.png') });
  });
});
