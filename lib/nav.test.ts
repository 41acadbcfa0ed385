import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from './auth/permissions';
import { navFor } from './nav';

describe('menus', () => {
  it('shows only the entries a user has permission for, and hides empty menus', () => {
    const groups = navFor({ isAdmin: false, permissions: ['Stocktake'] });
    expect(groups.map((g) => g.label)).toEqual(['Inventory']);
    expect(groups[0].items.map((i) => i.label)).toEqual(['Stocktake']);
  });
  it('shows everything to an administrator, with the seed article’s menu names', () => {
    const groups = navFor({ isAdmin: true, permissions: [] });
    expect(groups.map((g) => g.label)).toEqual(['Sale', 'Inventory', 'Integration', 'Settings']);
    expect(groups[3].items.map((i) => i.label)).toContain('Reference Books → Locations and Bins');
    expect(groups[3].items.map((i) => i.label)).toContain('Backup');
  });
  it('shows Backup to administrators only, not to a user holding every permission', () => {
    const groups = navFor({ isAdmin: false, permissions: [...PERMISSIONS] });
    expect(groups.find((g) => g.label === 'Settings')!.items.map((i) => i.label)).not.toContain('Backup');
  });
});
