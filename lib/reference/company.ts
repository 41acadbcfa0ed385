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
