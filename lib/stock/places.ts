import { asc, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, locations } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { isUuid } from '@/lib/validation/id';

/**
 * A place stock is held: a location, and a bin when the location has bins. Forms offer one select
 * of places ("Main", "Warehouse › A-01"), so a location with bins can only be chosen with a bin;
 * the server checks the same rule again (`assertPlaces`).
 */
export type Place = { locationId: string; binId: string | null };
export type PlaceOption = Place & { value: string; label: string; external: boolean };

export const placeValue = (p: Place) => (p.binId ? `${p.locationId}/${p.binId}` : p.locationId);

/** "loc" or "loc/bin" → a place; null when malformed. */
export function parsePlace(value: string | undefined | null): Place | null {
  if (!value) return null;
  const [locationId, binId, extra] = value.split('/');
  if (extra !== undefined || !isUuid(locationId) || (binId !== undefined && !isUuid(binId))) return null;
  return { locationId, binId: binId ?? null };
}

/**
 * Every location (bins expanded), in one query; there are few of them. The subquery names the
 * outer column literally: Drizzle leaves columns unqualified in a one-table select, and a bare
 * "id" there would mean the bin's id.
 */
export async function listPlaces(db: Db | Tx): Promise<PlaceOption[]> {
  const rows = await db
    .select({
      id: locations.id,
      name: locations.name,
      external: sql<boolean>`${locations.externalConnectionId} IS NOT NULL`,
      bins: sql<{ id: string; name: string }[] | string>`coalesce((SELECT json_agg(json_build_object('id', b.id, 'name', b.name) ORDER BY lower(b.name)) FROM ${bins} b WHERE b.location_id = "locations"."id"), '[]'::json)`,
    })
    .from(locations)
    .orderBy(asc(sql`lower(${locations.name})`));
  return rows.flatMap((l): PlaceOption[] => {
    const list: { id: string; name: string }[] = typeof l.bins === 'string' ? JSON.parse(l.bins) : l.bins;
    if (list.length === 0) return [{ value: l.id, label: l.name, locationId: l.id, binId: null, external: Boolean(l.external) }];
    return list.map((b) => ({ value: `${l.id}/${b.id}`, label: `${l.name} › ${b.name}`, locationId: l.id, binId: b.id, external: Boolean(l.external) }));
  });
}

/**
 * Checks places against the current locations and bins in one query: the location exists, a bin
 * belongs to it, and a location with bins is given one. `field(i)` names the form field to blame.
 */
export async function assertPlaces(db: Db | Tx, places: Place[], field: (i: number) => string) {
  const ids = [...new Set(places.map((p) => p.locationId))];
  if (ids.length === 0) return;
  const rows = await db
    .select({
      id: locations.id,
      bins: sql<string[] | string>`coalesce((SELECT json_agg(b.id) FROM ${bins} b WHERE b.location_id = "locations"."id"), '[]'::json)`,
    })
    .from(locations)
    .where(sql`${locations.id} IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)`);
  const known = new Map(rows.map((r) => [r.id, new Set<string>(typeof r.bins === 'string' ? JSON.parse(r.bins) : r.bins)]));
  const errors: Record<string, string[]> = {};
  places.forEach((p, i) => {
    const binsOf = known.get(p.locationId);
    if (!binsOf) errors[field(i)] = ['That location no longer exists.'];
    else if (p.binId && !binsOf.has(p.binId)) errors[field(i)] = ['That bin is not in this location.'];
    else if (!p.binId && binsOf.size > 0) errors[field(i)] = ['This location has bins: choose one.'];
  });
  if (Object.keys(errors).length > 0) throw new DomainError('INVALID_INPUT', 'Check the highlighted locations and bins.', errors);
}

/** Location ids and names only, for filters. */
export async function listLocationNames(db: Db | Tx) {
  return db.select({ id: locations.id, name: locations.name }).from(locations).orderBy(asc(sql`lower(${locations.name})`));
}

/** The bins of one location, by name. */
export async function listBinsOf(db: Db | Tx, locationId: string) {
  return db.select({ id: bins.id, name: bins.name }).from(bins).where(eq(bins.locationId, locationId)).orderBy(asc(sql`lower(${bins.name})`));
}
