import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { DomainError } from '@/lib/errors';
import { rowsOf } from '@/db/driver';

export type AvailabilityRequest = { productId: string; locationId: string; binId: string | null; quantity: number };

type Row = { sku: string; location: string; external: boolean; bin: string | null; on_hand: number | null; allocated: number | null };

const units = (n: number) => `${n} unit${n === 1 ? '' : 's'}`;

/**
 * The pick rule: stock may leave a place only while enough of it is available there (on hand −
 * allocated). The stock level is locked (FOR UPDATE) for the rest of the caller's transaction, so
 * the quantity checked cannot be taken by a concurrent pick before this one posts.
 *
 * At an external (FBA) location our figure is only as true as the last stocktake Sync: a pick
 * the figure cannot cover would become a fulfilment order Amazon rejects, so the refusal says
 * how to bring the figure up to date.
 */
export async function assertAvailable(tx: Tx, req: AvailabilityRequest): Promise<{ available: number }> {
  if (!Number.isInteger(req.quantity) || req.quantity <= 0) throw new DomainError('INVALID_INPUT', 'Pick a whole number of units, 1 or more.');
  const [row] = rowsOf<Row>(
    await tx.execute(sql`
      SELECT p.sku, l.name AS location, l.external_connection_id IS NOT NULL AS external, b.name AS bin, s.on_hand, s.allocated
      FROM products p
      CROSS JOIN locations l
      LEFT JOIN bins b ON b.id = ${req.binId}::uuid
      LEFT JOIN LATERAL (
        SELECT on_hand, allocated FROM stock_levels
        WHERE product_id = p.id AND location_id = l.id AND bin_id IS NOT DISTINCT FROM ${req.binId}::uuid
        FOR UPDATE
      ) s ON true
      WHERE p.id = ${req.productId} AND l.id = ${req.locationId}`),
  );
  if (!row) throw new DomainError('NOT_FOUND', 'That product or location no longer exists.');
  const available = Math.max(0, Number(row.on_hand ?? 0) - Number(row.allocated ?? 0));
  if (available >= req.quantity) return { available };
  const where = `${row.location}${row.bin ? ` › ${row.bin}` : ''}`;
  const have = available === 0 ? `None of SKU ${row.sku} is available at ${where}` : `Only ${available} of SKU ${row.sku} ${available === 1 ? 'is' : 'are'} available at ${where}`;
  if (row.external)
    throw new DomainError(
      'INSUFFICIENT_STOCK',
      `${have} (FBA): ${units(req.quantity)} needed. Amazon would reject a fulfilment order it cannot fill; if Amazon holds more, sync the quantities first (Inventory → Stocktake → ${row.location} → Start → Sync → Complete).`,
    );
  throw new DomainError('INSUFFICIENT_STOCK', `${have}: ${units(req.quantity)} needed.`);
}
