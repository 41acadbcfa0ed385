import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { createTestDb } from '@/test/db';
import { customerFields, formOf } from '@/test/forms';
import { redirectTarget } from '@/test/next';
import { signInAs, testSession } from '@/test/session';
import { saveCustomerAction } from './actions';

vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));
vi.mock('next/navigation', (original) => import('@/test/next').then((m) => m.nextNavigation(original)));

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  await ensurePriceTiers(testSession.db);
});

const idle = { status: 'idle' } as const;

describe('save customer action', () => {
  it('refuses a user without the Customers permission', async () => {
    signInAs([PERMISSION.products]);
    expect(await saveCustomerAction(idle, formOf(customerFields({ name: 'Nope' })))).toMatchObject({ status: 'error', message: 'Not allowed: you need the Customers permission.' });
  });

  it('saves a customer and opens it', async () => {
    signInAs([PERMISSION.customers]);
    expect(await redirectTarget(saveCustomerAction(idle, formOf(customerFields({ name: 'Act Co' }))))).toMatch(/^\/sale\/customers\/[0-9a-f-]{36}/);
  });
});
