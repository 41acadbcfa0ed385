/** The permission names, word for word as users see them in Settings → Users. */
export const PERMISSIONS = [
  'Sale',
  'Customers',
  'Products',
  'Stock Adjustment',
  'Stocktake',
  'Stock Transfer',
  'Integration: Fulfilment Service - Fulfilment By Amazon',
  'Reference Books',
  'General Settings',
  'Users',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

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
