import type { Db } from '../db/client';
import { bins, locations, products, users } from '../db/schema';

let n = 0;
const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export async function makeUser(db: Db, permissions: string[] = [], isAdmin = false) {
  const [u] = await db.insert(users).values({ email: `u${uniq()}@example.com`, name: 'Test user', passwordHash: 'x', permissions, isAdmin }).returning();
  return u;
}

export async function makeLocation(db: Db, name = `Loc ${uniq()}`) {
  const [l] = await db.insert(locations).values({ name }).returning();
  return l;
}

export async function makeProduct(db: Db, over: Partial<typeof products.$inferInsert> = {}) {
  const [p] = await db.insert(products).values({ sku: `SKU-${uniq()}`, name: 'Test product', ...over }).returning();
  return p;
}

export async function makeBin(db: Db, locationId: string, name = `Bin ${uniq()}`) {
  const [b] = await db.insert(bins).values({ locationId, name }).returning();
  return b;
}
