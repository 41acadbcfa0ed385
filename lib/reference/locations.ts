import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, locations, stockLedger, stockLevels } from '@/db/schema';
import { isForeignKeyViolation, isUniqueViolation } from '@/db/driver';
import { DomainError } from '@/lib/errors';
import { chooseExternalLocation } from './external-location';

export type LocationRow = {
  id: string;
  name: string;
  externalConnectionId: string | null;
  onHand: number;
  bins: { id: string; name: string; onHand: number }[];
};

/** All locations with their bins and stock, in one query. */
export async function listLocations(db: Db | Tx): Promise<LocationRow[]> {
  const rows = await db
    .select({
      id: locations.id,
      name: locations.name,
      externalConnectionId: locations.externalConnectionId,
      // Summed over products, on hand at a place passes an integer: bigint, read back as a number.
      onHand: sql<string | number>`coalesce((SELECT sum(on_hand) FROM stock_levels s WHERE s.location_id = "locations"."id"), 0)::bigint`,
      bins: sql<{ id: string; name: string; onHand: number }[]>`coalesce((
        SELECT json_agg(json_build_object('id', b.id, 'name', b.name, 'onHand',
          coalesce((SELECT sum(on_hand) FROM stock_levels s WHERE s.bin_id = b.id), 0)) ORDER BY lower(b.name))
        FROM bins b WHERE b.location_id = "locations"."id"), '[]'::json)`,
    })
    .from(locations)
    .orderBy(asc(sql`lower(${locations.name})`));
  return rows.map((r) => ({ ...r, onHand: Number(r.onHand), bins: (typeof r.bins === 'string' ? JSON.parse(r.bins) : r.bins).map((b: { id: string; name: string; onHand: number }) => ({ ...b, onHand: Number(b.onHand) })) }));
}

async function getLocation(db: Db | Tx, id: string) {
  const [loc] = await db.select().from(locations).where(eq(locations.id, id));
  if (!loc) throw new DomainError('NOT_FOUND', 'That location no longer exists.');
  return loc;
}

function duplicateName(e: unknown): never {
  if (isUniqueViolation(e)) throw new DomainError('DUPLICATE', 'A location with this name already exists.', { name: ['Choose another name.'] });
  throw e;
}

export async function createLocation(db: Db | Tx, input: { name: string }) {
  try {
    // In a transaction, as every write of an audited table: the audit log names who made it.
    return await db.transaction(async (tx) => (await tx.insert(locations).values({ name: input.name.trim() }).returning())[0]);
  } catch (e) {
    duplicateName(e);
  }
}

export async function renameLocation(db: Db, input: { id: string; name: string }) {
  return db.transaction(async (tx) => {
    const [loc] = await tx.select().from(locations).where(eq(locations.id, input.id)).for('update');
    if (!loc) throw new DomainError('NOT_FOUND', 'That location no longer exists.');
    if (loc.externalConnectionId) throw new DomainError('EXTERNAL_LOCATION', 'An external fulfilment location cannot be renamed.');
    try {
      await tx.update(locations).set({ name: input.name.trim() }).where(eq(locations.id, input.id));
    } catch (e) {
      duplicateName(e);
    }
  });
}

export async function deleteLocation(db: Db, id: string) {
  return db.transaction(async (tx) => {
    const [loc] = await tx.select().from(locations).where(eq(locations.id, id)).for('update');
    if (!loc) throw new DomainError('NOT_FOUND', 'That location no longer exists.');
    if (loc.externalConnectionId)
      throw new DomainError('EXTERNAL_LOCATION', `${loc.name} is used for external fulfilment and cannot be deleted while its connection exists.`);
    const [{ onHand }] = await tx.select({ onHand: sql<string | number>`coalesce(sum(${stockLevels.onHand}), 0)::bigint` }).from(stockLevels).where(eq(stockLevels.locationId, id));
    if (Number(onHand) > 0) throw new DomainError('IN_USE', `${loc.name} holds ${Number(onHand)} units of stock. Move or adjust the stock out before deleting it.`);
    const [history] = await tx.select({ id: stockLedger.id }).from(stockLedger).where(eq(stockLedger.locationId, id)).limit(1);
    if (history) throw new DomainError('IN_USE', `${loc.name} has stock movements in its history, so it is kept for the record.`);
    try {
      await tx.delete(stockLevels).where(eq(stockLevels.locationId, id));
      await tx.delete(bins).where(eq(bins.locationId, id));
      await tx.delete(locations).where(eq(locations.id, id));
    } catch (e) {
      if (isForeignKeyViolation(e))
        throw new DomainError('IN_USE', `${loc.name} is still used (a product's default location or a document) and cannot be deleted.`);
      throw e;
    }
  });
}

export async function addBin(db: Db, input: { locationId: string; name: string }) {
  return db.transaction(async (tx) => {
    const [loc] = await tx.select().from(locations).where(eq(locations.id, input.locationId)).for('update');
    if (!loc) throw new DomainError('NOT_FOUND', 'That location no longer exists.');
    if (loc.externalConnectionId) throw new DomainError('EXTERNAL_LOCATION', 'An external fulfilment location cannot have bins.');
    try {
      const [row] = await tx.insert(bins).values({ locationId: input.locationId, name: input.name.trim() }).returning();
      return row;
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError('DUPLICATE', `${loc.name} already has a bin with this name.`, { name: ['Choose another name.'] });
      throw e;
    }
  });
}

export async function removeBin(db: Db, binId: string) {
  return db.transaction(async (tx) => {
    const [bin] = await tx.select().from(bins).where(eq(bins.id, binId)).for('update');
    if (!bin) throw new DomainError('NOT_FOUND', 'That bin no longer exists.');
    const [{ onHand }] = await tx.select({ onHand: sql<string | number>`coalesce(sum(${stockLevels.onHand}), 0)::bigint` }).from(stockLevels).where(eq(stockLevels.binId, binId));
    if (Number(onHand) > 0) throw new DomainError('IN_USE', `Bin ${bin.name} holds ${Number(onHand)} units. Move the stock out first.`);
    const [history] = await tx.select({ id: stockLedger.id }).from(stockLedger).where(eq(stockLedger.binId, binId)).limit(1);
    if (history) throw new DomainError('IN_USE', `Bin ${bin.name} has stock movements in its history, so it is kept for the record.`);
    try {
      await tx.delete(stockLevels).where(and(eq(stockLevels.binId, binId), eq(stockLevels.onHand, 0)));
      await tx.delete(bins).where(eq(bins.id, binId));
    } catch (e) {
      if (isForeignKeyViolation(e)) throw new DomainError('IN_USE', `Bin ${bin.name} is used by an open stocktake or transfer, so it cannot be removed yet.`);
      throw e;
    }
  });
}

/**
 * Gives a fulfilment-service connection its external location, per the naming rules, inside the
 * caller's transaction (the connection row is written in the same one).
 */
export async function attachExternalLocation(tx: Tx, input: { connectionId: string; accountName: string; pickedLocationId?: string | null }) {
  const all = await tx
    .select({ id: locations.id, name: locations.name, externalConnectionId: locations.externalConnectionId, binCount: sql<number>`(SELECT count(*) FROM bins b WHERE b.location_id = "locations"."id")::int` })
    .from(locations)
    .for('update');
  const choice = chooseExternalLocation(input.accountName, all.map((l) => ({ ...l, binCount: Number(l.binCount) })), input.pickedLocationId);
  if ('reuse' in choice) {
    const [row] = await tx.update(locations).set({ externalConnectionId: input.connectionId }).where(eq(locations.id, choice.reuse)).returning();
    return row;
  }
  const [row] = await tx.insert(locations).values({ name: choice.create, externalConnectionId: input.connectionId }).returning();
  return row;
}

/** Disconnecting keeps the location as an ordinary one. */
export async function releaseExternalLocation(tx: Tx, connectionId: string) {
  await tx.update(locations).set({ externalConnectionId: null }).where(eq(locations.externalConnectionId, connectionId));
}

export { getLocation };
