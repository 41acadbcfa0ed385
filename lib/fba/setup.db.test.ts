import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { createTestDb } from '@/test/db';
import { makeUser } from '@/test/fixtures';
import { ManualConnectInput } from './connection-inputs';
import { connectFba, disconnectFba } from './connections';
import { SetupInput } from './setup-inputs';
import { describeChanges, getConnectionSetup, listSetupLog, saveConnectionSetup } from './setup';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox, US } from './sp-api/testing/harness';

let db: Db;
let sandbox: TestSandbox;
let user: { id: string; name: string };
let connectionId: string;

beforeAll(async () => {
  process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 5).toString('base64');
  sandbox = await startTestSandbox({ rateScale: 1000 });
  process.env.SANDBOX_URL = sandbox.url;
  db = (await createTestDb()).db;
  user = await makeUser(db);
  const input = ManualConnectInput.parse({ sellerId: 'ASANDBOXSELLER1', marketplaceId: US, refreshToken: DEMO_CREDENTIALS.refreshToken });
  connectionId = (await connectFba(db, input, user.id)).id;
});
afterAll(() => sandbox?.close());

const form = (over: Record<string, string | undefined> = {}) => ({
  id: connectionId,
  priceTier: '3',
  foCreateStatus: 'On Hold',
  orderProcessing: 'Automatic',
  createMissingProducts: 'on',
  autoSync: 'Weekly',
  autoSyncHour: '4',
  labelPageType: 'PackageLabel_A4_4',
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@example.com',
  contactPhone: '+1 206 555 0100',
  shipFromName: 'E2E Company',
  shipFromLine1: '1 Main St',
  shipFromLine2: '',
  shipFromCity: 'Seattle',
  shipFromState: 'WA',
  shipFromPostalCode: '98101',
  shipFromCountry: 'us',
  ...over,
});

describe('Setup tab', () => {
  it('starts with the documented defaults', async () => {
    expect(await getConnectionSetup(db, connectionId)).toMatchObject({ priceTier: 1, foCreateStatus: 'Shipped', orderProcessing: 'Manual', createMissingProducts: false, autoSync: 'Never', labelPageType: 'PackageLabel_Letter_2' });
  });

  it('saves the settings and logs each changed field before → after, with who', async () => {
    const res = await saveConnectionSetup(db, SetupInput.parse(form()), user.id);
    expect(res.changed).toContain('autoSync');
    expect(await getConnectionSetup(db, connectionId)).toMatchObject({ priceTier: 3, foCreateStatus: 'On Hold', orderProcessing: 'Automatic', createMissingProducts: true, autoSync: 'Weekly', autoSyncHour: 4, shipFromCountry: 'US', shipFromLine2: null });
    const [entry] = await listSetupLog(db, connectionId);
    expect(entry.userName).toBe(user.name);
    expect(entry.changes).toMatchObject({ priceTier: [1, 3], foCreateStatus: ['Shipped', 'On Hold'], autoSync: ['Never', 'Weekly'], autoSyncHour: [0, 4], contactName: [null, 'Ada Lovelace'] });
    expect(entry.changes).not.toHaveProperty('shipFromLine2');
  });

  it('writes no log row when nothing changed', async () => {
    const before = (await listSetupLog(db, connectionId)).length;
    expect((await saveConnectionSetup(db, SetupInput.parse(form()), user.id)).changed).toEqual([]);
    expect(await listSetupLog(db, connectionId)).toHaveLength(before);
  });

  it('keeps the stored hour while auto-sync is Never (the hour field is hidden then)', async () => {
    await saveConnectionSetup(db, SetupInput.parse(form({ autoSync: 'Never', autoSyncHour: undefined })), user.id);
    expect(await getConnectionSetup(db, connectionId)).toMatchObject({ autoSync: 'Never', autoSyncHour: 4 });
    const [entry] = await listSetupLog(db, connectionId);
    expect(entry.changes).toEqual({ autoSync: ['Weekly', 'Never'] });
  });

  it('starts a changed Auto-Sync schedule at its next slot, not at once', async () => {
    const { isAutoSyncDue } = await import('./auto-sync-schedule');
    const { fbaConnections } = await import('@/db/schema');
    const { eq } = await import('drizzle-orm');
    // A connection made long ago that switches Auto-Sync on must not run at the next job firing.
    await db.update(fbaConnections).set({ createdAt: new Date('2026-01-01T00:00:00Z'), lastAutoSyncAt: null }).where(eq(fbaConnections.id, connectionId));
    const before = Date.now();
    await saveConnectionSetup(db, SetupInput.parse(form({ autoSync: 'Daily', autoSyncHour: String((new Date().getUTCHours() + 23) % 24) })), user.id);
    const [row] = await db.select().from(fbaConnections).where(eq(fbaConnections.id, connectionId));
    expect(row.lastAutoSyncAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(isAutoSyncDue({ autoSync: row.autoSync, autoSyncHour: row.autoSyncHour, lastAutoSyncAt: row.lastAutoSyncAt, since: row.createdAt }, new Date())).toBe(false);
  });

  it('validates on the server, whatever the browser showed', () => {
    const bad = SetupInput.safeParse(form({ autoSync: 'Daily', autoSyncHour: undefined, priceTier: '11', labelPageType: 'PackageLabel_Huge', contactEmail: 'nope', shipFromCity: '', shipFromCountry: 'XX' }));
    expect(bad.success).toBe(false);
    const fields = Object.keys(bad.error!.flatten().fieldErrors);
    expect(fields).toEqual(expect.arrayContaining(['autoSyncHour', 'priceTier', 'labelPageType', 'contactEmail', 'shipFromCity', 'shipFromCountry']));
    expect(SetupInput.safeParse(form({ autoSyncHour: '24' })).success).toBe(false);
  });

  it('refuses changes once the connection is disconnected', async () => {
    await disconnectFba(db, connectionId, user.id);
    await expect(saveConnectionSetup(db, SetupInput.parse(form({ priceTier: '5' })), user.id)).rejects.toThrow('disconnected');
  });
});

describe('describeChanges', () => {
  it('lists changes in the order of the form, with readable values', () => {
    const rows = describeChanges({ status: ['Active', 'Disconnected'], labelPageType: ['PackageLabel_Letter_2', 'PackageLabel_Thermal'], priceTier: [1, 3], createMissingProducts: [false, true], contactName: [null, 'Ada'] }, new Map([[1, 'Retail'], [3, 'FBA']]));
    expect(rows.map((r) => `${r.label}: ${r.before} → ${r.after}`)).toEqual([
      'Price Tier for downloaded products: Retail → FBA',
      'Create product if it does not exist: No → Yes',
      'Labels printing: Letter, 2 labels per sheet → Thermal printer label',
      'Contact name: (empty) → Ada',
      'Status: Active → Disconnected',
    ]);
  });
});
