import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { createTestDb } from '@/test/db';
import { makeLocation, makeProduct } from '@/test/fixtures';
import { postMovements } from '@/lib/stock/ledger';
import { addBin, attachExternalLocation, createLocation, deleteLocation, listLocations, releaseExternalLocation, removeBin, renameLocation } from './locations';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

const connectionId = '00000000-0000-4000-8000-000000000001';

describe('locations and bins', () => {
  it('creates, renames and refuses duplicate names case-insensitively', async () => {
    const loc = await createLocation(db, { name: 'Main Warehouse' });
    await expect(createLocation(db, { name: 'main warehouse' })).rejects.toThrow('already exists');
    await renameLocation(db, { id: loc!.id, name: 'Main WH' });
    const list = await listLocations(db);
    expect(list.map((l) => l.name)).toContain('Main WH');
  });

  it('adds and removes bins, listing them in one query', async () => {
    const loc = await makeLocation(db);
    const a = await addBin(db, { locationId: loc.id, name: 'A-01' });
    await addBin(db, { locationId: loc.id, name: 'B-01' });
    await expect(addBin(db, { locationId: loc.id, name: 'a-01' })).rejects.toThrow('already has a bin');
    let row = (await listLocations(db)).find((l) => l.id === loc.id)!;
    expect(row.bins.map((b) => b.name)).toEqual(['A-01', 'B-01']);
    await removeBin(db, a.id);
    row = (await listLocations(db)).find((l) => l.id === loc.id)!;
    expect(row.bins.map((b) => b.name)).toEqual(['B-01']);
  });

  it('refuses to delete a location holding stock, and deletes an empty one', async () => {
    const loc = await makeLocation(db);
    const p = await makeProduct(db);
    await db.transaction((tx) =>
      postMovements(tx, [{ productId: p.id, locationId: loc.id, binId: null, quantity: 3, valued: true, unitCost: 10_000, sourceType: 'adjustment', sourceId: connectionId, sourceLine: 1 }], null),
    );
    await expect(deleteLocation(db, loc.id)).rejects.toThrow('holds 3 units');
    const empty = await makeLocation(db);
    await deleteLocation(db, empty.id);
    expect((await listLocations(db)).some((l) => l.id === empty.id)).toBe(false);
  });

  it('enforces the external location rules', async () => {
    const ext = await db.transaction((tx) => attachExternalLocation(tx, { connectionId, accountName: 'Sandbox Demo Store' }));
    expect(ext.name).toBe('Sandbox Demo Store');
    await expect(addBin(db, { locationId: ext.id, name: 'X' })).rejects.toThrow('cannot have bins');
    await expect(renameLocation(db, { id: ext.id, name: 'Other' })).rejects.toThrow('cannot be renamed');
    await expect(deleteLocation(db, ext.id)).rejects.toThrow('cannot be deleted while its connection exists');
    expect((await listLocations(db)).find((l) => l.id === ext.id)?.externalConnectionId).toBe(connectionId);
    await db.transaction((tx) => releaseExternalLocation(tx, connectionId));
    await renameLocation(db, { id: ext.id, name: 'Former FBA' });
  });

  it('names a second connection "name 1" when the same-named location has bins', async () => {
    const loc = await createLocation(db, { name: 'Acme' });
    await addBin(db, { locationId: loc!.id, name: 'Shelf' });
    const ext = await db.transaction((tx) => attachExternalLocation(tx, { connectionId, accountName: 'Acme' }));
    expect(ext.name).toBe('Acme 1');
  });
});

describe('bins in use', () => {
  it('refuses to remove a bin an open stocktake line points at, with a message instead of a database error', async () => {
    const { stocktakeLines, stocktakes } = await import('@/db/schema');
    const loc = await makeLocation(db);
    const bin = await addBin(db, { locationId: loc.id, name: 'Z-9' });
    const p = await makeProduct(db);
    const [st] = await db.insert(stocktakes).values({ number: `ST-T${Date.now()}`, locationId: loc.id }).returning();
    await db.insert(stocktakeLines).values({ stocktakeId: st.id, productId: p.id, binId: bin.id, expected: 0 });
    await expect(removeBin(db, bin.id)).rejects.toThrow('used by an open stocktake or transfer');
  });
});
