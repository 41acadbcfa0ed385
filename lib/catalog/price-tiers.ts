import { asc, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { priceTiers } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { TIERS } from './product-inputs';

export type PriceTier = { tier: number; name: string };

export const defaultTierName = (tier: number) => `Tier ${tier}`;

/**
 * Makes sure the ten tier rows exist (prices and customers reference them). Idempotent: existing
 * names are kept, so it is safe on every start and in every test.
 */
export async function ensurePriceTiers(db: Db | Tx) {
  await db
    .insert(priceTiers)
    .values(TIERS.map((tier) => ({ tier, name: defaultTierName(tier) })))
    .onConflictDoNothing({ target: priceTiers.tier });
}

/** The ten tiers in order; a tier row not yet created shows its default name. */
export async function listPriceTiers(db: Db | Tx): Promise<PriceTier[]> {
  const rows = await db.select().from(priceTiers).orderBy(asc(priceTiers.tier));
  const byTier = new Map(rows.map((r) => [r.tier, r.name]));
  return TIERS.map((tier) => ({ tier, name: byTier.get(tier) ?? defaultTierName(tier) }));
}

/** Saves all ten names at once: either every name changes or none does. */
export async function savePriceTierNames(db: Db, names: string[]) {
  if (names.length !== TIERS.length) throw new DomainError('INVALID_INPUT', `Give all ${TIERS.length} tier names.`);
  await db.transaction(async (tx) => {
    await tx
      .insert(priceTiers)
      .values(TIERS.map((tier, i) => ({ tier, name: names[i].trim() })))
      .onConflictDoUpdate({ target: priceTiers.tier, set: { name: sql`excluded.name` } });
  });
}
