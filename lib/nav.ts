import { can, PERMISSION, type Permission, type SessionUser } from './auth/permissions';

/** `administrator`: shown to administrators only, whatever permissions others hold. */
/** `section`: the path under which the item counts as the open one, when it is not `href` (a screen with tabs). */
export type NavItem = { label: string; href: string; section?: string; permission: Permission | 'administrator' };
export type NavGroup = { label: string; items: NavItem[] };

/** The menus, named as in the seed article; an entry shows only to users with its permission. */
export const NAV: NavGroup[] = [
  {
    label: 'Sale',
    items: [
      { label: 'New sale', href: '/sale/new', permission: PERMISSION.sale },
      { label: 'Sales', href: '/sale/sales', permission: PERMISSION.sale },
      { label: 'Customers', href: '/sale/customers', permission: PERMISSION.customers },
      { label: 'Fulfilment Orders', href: '/sale/fulfilment-orders', permission: PERMISSION.fba },
    ],
  },
  {
    label: 'Inventory',
    items: [
      { label: 'Products', href: '/inventory/products', permission: PERMISSION.products },
      { label: 'Stock on Hand', href: '/inventory/stock-on-hand', permission: PERMISSION.products },
      { label: 'Stock Adjustments', href: '/inventory/stock-adjustments', permission: PERMISSION.stockAdjustment },
      { label: 'Stocktake', href: '/inventory/stocktake', permission: PERMISSION.stocktake },
      { label: 'Stock Transfer', href: '/inventory/stock-transfer', permission: PERMISSION.stockTransfer },
    ],
  },
  {
    label: 'Integration',
    items: [
      { label: 'Amazon', href: '/integration/amazon', permission: PERMISSION.fba },
      { label: 'Fulfilment by Amazon', href: '/integration/fba', permission: PERMISSION.fba },
    ],
  },
  {
    label: 'Settings',
    items: [
      { label: 'Reference Books → Locations and Bins', href: '/settings/reference-books/locations', permission: PERMISSION.referenceBooks },
      { label: 'Reference Books → Price Tiers', href: '/settings/reference-books/price-tiers', permission: PERMISSION.referenceBooks },
      { label: 'General Settings', href: '/settings/general', permission: PERMISSION.generalSettings },
      { label: 'Users', href: '/settings/users', permission: PERMISSION.users },
      { label: 'Job Runs', href: '/settings/job-runs', permission: PERMISSION.generalSettings },
      // Who changed what, and every call to Amazon: for the people who manage users (administrators).
      { label: 'Audit Log', href: '/settings/audit-log/changes', section: '/settings/audit-log', permission: PERMISSION.users },
      { label: 'Backup', href: '/settings/backup', permission: 'administrator' },
      { label: 'API Keys', href: '/settings/api-keys', section: '/settings/api-keys', permission: 'administrator' },
      { label: 'Webhooks', href: '/settings/webhooks', section: '/settings/webhooks', permission: 'administrator' },
    ],
  },
];

export function navFor(user: Pick<SessionUser, 'isAdmin' | 'permissions'>): NavGroup[] {
  return NAV.map((g) => ({ ...g, items: g.items.filter((i) => (i.permission === 'administrator' ? user.isAdmin : can(user, i.permission))) })).filter((g) => g.items.length > 0);
}
