import { can, type Permission, type SessionUser } from './auth/permissions';

export type NavItem = { label: string; href: string; permission: Permission };
export type NavGroup = { label: string; items: NavItem[] };

/** The menus, named as in the seed article; an entry shows only to users with its permission. */
export const NAV: NavGroup[] = [
  { label: 'Sale', items: [{ label: 'Customers', href: '/sale/customers', permission: 'Customers' }] },
  {
    label: 'Inventory',
    items: [
      { label: 'Products', href: '/inventory/products', permission: 'Products' },
      { label: 'Stock on Hand', href: '/inventory/stock-on-hand', permission: 'Products' },
      { label: 'Stock Adjustments', href: '/inventory/stock-adjustments', permission: 'Stock Adjustment' },
      { label: 'Stocktake', href: '/inventory/stocktake', permission: 'Stocktake' },
      { label: 'Stock Transfer', href: '/inventory/stock-transfer', permission: 'Stock Transfer' },
    ],
  },
  {
    label: 'Integration',
    items: [
      { label: 'Amazon', href: '/integration/amazon', permission: 'Integration: Fulfilment Service - Fulfilment By Amazon' },
      { label: 'Fulfilment by Amazon', href: '/integration/fba', permission: 'Integration: Fulfilment Service - Fulfilment By Amazon' },
    ],
  },
  {
    label: 'Settings',
    items: [
      { label: 'Reference Books → Locations and Bins', href: '/settings/reference-books/locations', permission: 'Reference Books' },
      { label: 'Reference Books → Price Tiers', href: '/settings/reference-books/price-tiers', permission: 'Reference Books' },
      { label: 'General Settings', href: '/settings/general', permission: 'General Settings' },
      { label: 'Users', href: '/settings/users', permission: 'Users' },
      { label: 'Job Runs', href: '/settings/job-runs', permission: 'General Settings' },
    ],
  },
];

export function navFor(user: Pick<SessionUser, 'isAdmin' | 'permissions'>): NavGroup[] {
  return NAV.map((g) => ({ ...g, items: g.items.filter((i) => can(user, i.permission)) })).filter((g) => g.items.length > 0);
}
