/**
 * The permissions, by a name code can use. The values are word for word what users see in
 * Settings → Users and what is stored in users.permissions, so renaming a value needs a migration.
 */
export const PERMISSION = {
  sale: 'Sale',
  customers: 'Customers',
  products: 'Products',
  stockAdjustment: 'Stock Adjustment',
  stocktake: 'Stocktake',
  stockTransfer: 'Stock Transfer',
  fba: 'Integration: Fulfilment Service - Fulfilment By Amazon',
  referenceBooks: 'Reference Books',
  generalSettings: 'General Settings',
  users: 'Users',
} as const;

export type Permission = (typeof PERMISSION)[keyof typeof PERMISSION];

/** Every permission, in the order Settings → Users lists them. */
export const PERMISSIONS: readonly [Permission, ...Permission[]] = Object.values(PERMISSION) as [Permission, ...Permission[]];

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  permissions: readonly string[];
};

export function can(user: Pick<SessionUser, 'isAdmin' | 'permissions'>, permission: Permission): boolean {
  return user.isAdmin || user.permissions.includes(permission);
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
