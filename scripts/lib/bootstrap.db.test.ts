import { describe, expect, it } from 'vitest';
import { products, users } from '@/db/schema';
import { createTestDb } from '@/test/db';
import { adminSignInMessage, bootstrap, isEmptyCatalog } from './bootstrap';
import { DEMO_PRODUCT_COUNT, seedDemo } from './seed-demo';

// Each case needs an empty database: bootstrap creates the administrator only when there is no user.
describe('first start: the administrator', () => {
  it('never hands back (so never prints) a password that came from ADMIN_PASSWORD', async () => {
    const { db } = await createTestDb();
    const boot = await bootstrap(db, { adminEmail: 'Owner@Example.com', adminPassword: 'operator-chose-this-1' });
    expect(boot.admin).toMatchObject({ email: 'owner@example.com', created: true });
    expect(boot.admin.password).toBeNull();
    const message = adminSignInMessage(boot.admin);
    expect(message).not.toContain('operator-chose-this-1');
    expect(message).toBe('Sign in as owner@example.com with the password set in ADMIN_PASSWORD.');
  });

  it('prints a generated password once, and no password on later starts', async () => {
    const { db } = await createTestDb();
    const first = await bootstrap(db, {});
    expect(first.admin.created).toBe(true);
    expect(first.admin.password).toMatch(/^[\w-]{16}$/);
    expect(adminSignInMessage(first.admin)).toBe(`Sign in as admin@example.com with password ${first.admin.password}  (generated now and shown only once: write it down)`);

    const again = await bootstrap(db, {});
    expect(again.admin).toEqual({ email: 'admin@example.com', password: null, created: false });
    expect(adminSignInMessage(again.admin)).toBe('Sign in as admin@example.com (the administrator created on first start) or any user made in Settings → Users.');
  });
});

describe('first start: the demo company', () => {
  it('is seeded into an empty catalog only', async () => {
    const { db } = await createTestDb();
    await bootstrap(db, {});
    expect(await isEmptyCatalog(db)).toBe(true);
    await seedDemo(db);
    expect(await isEmptyCatalog(db)).toBe(false);
    expect(await db.$count(products)).toBe(DEMO_PRODUCT_COUNT);
    expect(await db.$count(users)).toBe(2); // the administrator and the warehouse user
  });
});
