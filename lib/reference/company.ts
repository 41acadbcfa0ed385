import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { companySettings } from '@/db/schema';

export async function getCompanySettings(db: Db | Tx) {
  const [row] = await db.select().from(companySettings).where(eq(companySettings.id, 1));
  return row ?? { id: 1, companyName: 'My Company', baseCurrency: 'USD', autoPick: false, autoPack: false, autoShip: false, updatedAt: new Date(0) };
}

export async function saveCompanySettings(db: Db, input: { companyName: string; baseCurrency: string }) {
  await db
    .insert(companySettings)
    .values({ id: 1, ...input })
    .onConflictDoUpdate({ target: companySettings.id, set: { ...input, updatedAt: new Date() } });
}

export type SalesProcess = { autoPick: boolean; autoPack: boolean; autoShip: boolean };

/**
 * General Settings → Sales Process Customisation: Pick, Pack and Ship each Manual or Automatic.
 * Kept apart from the company name form so saving one never resets the other.
 */
export async function saveSalesProcess(db: Db | Tx, input: SalesProcess) {
  // In a transaction, as every write of an audited table: the audit log names who saved it.
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ id: companySettings.id }).from(companySettings).where(eq(companySettings.id, 1)).for('update');
    if (current) await tx.update(companySettings).set({ ...input, updatedAt: new Date() }).where(eq(companySettings.id, 1));
    else await tx.insert(companySettings).values({ id: 1, companyName: 'My Company', ...input });
  });
}
