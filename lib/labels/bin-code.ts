import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { bins, locations } from '@/db/schema';

// A bin label's barcode: "B-" and the first ten hex digits of the bin's id, upper case
// (e.g. B-3F9A0C12D4). Stable (bins are never renamed, and a location's rename does not reprint its
// labels), short enough for a wide Code 128 on a 1" label (12 characters), and told apart from a
// product code by its shape. A product SKU of the same shape is possible, so a scan screen that
// finds no bin for a bin-shaped code should still try it as a product code.

/** The shape of a bin scan code, case-insensitive (a wedge scanner with Caps Lock on flips case). */
const BIN_CODE = /^B-([0-9A-F]{10})$/i;

/** The scan code printed on a bin's label. */
export function binScanCode(bin: { id: string }): string {
  return `B-${bin.id.replace(/-/g, '').slice(0, 10).toUpperCase()}`;
}

/**
 * Reads a scanned or typed code as a bin code: `{ idPrefix }` (the ten lower-case hex digits the
 * bin's id starts with) when it has the shape, else null (a product code). Surrounding spaces are
 * ignored.
 */
export function parseBinScanCode(text: string): { idPrefix: string } | null {
  const m = BIN_CODE.exec(text.trim());
  return m ? { idPrefix: m[1].toLowerCase() } : null;
}

export type ScannedBin = { id: string; name: string; locationId: string; locationName: string };

/**
 * The bin a scanned code names (optionally only within one location), or null when the code is
 * not a bin code or no bin has it. One indexed range read on the bins' primary key.
 */
export async function findBinByScanCode(db: Db | Tx, text: string, where: { locationId?: string } = {}): Promise<ScannedBin | null> {
  const code = parseBinScanCode(text);
  if (!code) return null;
  const p = code.idPrefix;
  const low = `${p.slice(0, 8)}-${p.slice(8, 10)}00-0000-0000-000000000000`;
  const high = `${p.slice(0, 8)}-${p.slice(8, 10)}ff-ffff-ffff-ffffffffffff`;
  const rows = await db
    .select({ id: bins.id, name: bins.name, locationId: bins.locationId, locationName: locations.name })
    .from(bins)
    .innerJoin(locations, eq(locations.id, bins.locationId))
    .where(and(gte(bins.id, low), lte(bins.id, high), where.locationId ? eq(bins.locationId, where.locationId) : undefined))
    .limit(2);
  // Two bins sharing 40 bits of a random id: the code cannot tell them apart (never seen in practice).
  return rows.length === 1 ? rows[0] : null;
}
