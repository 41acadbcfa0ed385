import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PERMISSION } from '@/lib/auth/permissions';
import { ensurePriceTiers, listPriceTiers } from '@/lib/catalog/price-tiers';
import { createTestDb } from '@/test/db';
import { formOf } from '@/test/forms';
import { signInAs, testSession } from '@/test/session';
import { savePriceTiersAction } from './actions';

vi.mock('@/lib/auth/session', () => import('@/test/session').then((m) => m.sessionModule()));
vi.mock('@/db', () => import('@/test/session').then((m) => m.dbModule()));
vi.mock('next/cache', () => import('@/test/next').then((m) => m.nextCache()));

beforeAll(async () => {
  testSession.db = (await createTestDb()).db;
  await ensurePriceTiers(testSession.db);
});

const idle = { status: 'idle' } as const;
const names = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`tier${i + 1}`, i === 0 ? 'Retail' : `Tier ${i + 1}`]));

describe('save price tier names', () => {
  it('refuses a user without Reference Books, changing nothing', async () => {
    signInAs([PERMISSION.customers]);
    expect(await savePriceTiersAction(idle, formOf({ ...names, tier1: 'Hacked' }))).toMatchObject({ status: 'error', message: 'Not allowed: you need the Reference Books permission.' });
    expect((await listPriceTiers(testSession.db!))[0].name).not.toBe('Hacked');
  });

  it('saves the names', async () => {
    signInAs([PERMISSION.referenceBooks]);
    expect(await savePriceTiersAction(idle, formOf(names))).toMatchObject({ status: 'ok' });
    expect((await listPriceTiers(testSession.db!))[0].name).toBe('Retail');
  });
});
