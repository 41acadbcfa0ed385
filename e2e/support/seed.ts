import type { Db } from '@/db/client';
import { customers } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { createUser, verifyCredentials } from '@/lib/auth/users';
import { ProductFields, ProductInput } from '@/lib/catalog/product-inputs';
import { saveProduct } from '@/lib/catalog/products';
import { AddBinInput, LocationNameInput } from '@/lib/reference/inputs';
import { addBin, createLocation } from '@/lib/reference/locations';
import { authoriseOrder } from '@/lib/sale/order';
import { createSale } from '@/lib/sale/sales';
import { E2E_USERS, type E2eUser } from './users';

export type SeededUser = { id: string; email: string; name: string };

/**
 * Runs in scripts/e2e.ts before the server opens the database. The administrator is the one
 * `bootstrap` made; the others are created here. Each user's id is read back through the same
 * check sign-in uses, so a session is only ever written for credentials that work.
 */
export async function seedUsers(db: Db): Promise<Record<E2eUser, SeededUser>> {
  await createUser(db, { email: E2E_USERS.clerk.email, name: E2E_USERS.clerk.name, password: E2E_USERS.clerk.password, permissions: ['Stocktake', 'Stock Adjustment'] });
  const seeded = {} as Record<E2eUser, SeededUser>;
  for (const who of Object.keys(E2E_USERS) as E2eUser[]) {
    const user = await verifyCredentials(db, E2E_USERS[who].email, E2E_USERS[who].password);
    if (!user) throw new Error(`The seeded user ${E2E_USERS[who].email} cannot sign in.`);
    seeded[who] = { id: user.id, email: user.email, name: user.name };
  }
  return seeded;
}

/**
 * A product as the New product form saves it: every field of the form posted (empty unless
 * given) through the form's own zod input.
 */
export async function seedProduct(db: Db, fields: { sku: string; name: string; unitCost?: string }) {
  const emptyForm = Object.fromEntries(ProductFields.keyof().options.map((k) => [k, '']));
  return saveProduct(db, ProductInput.parse({ ...emptyForm, defaultLocationId: '', ...fields }));
}

/** A location as Settings → Reference Books → Locations and Bins makes it, for spec seeds. */
export async function seedLocation(db: Db, name: string, bins: string[] = []) {
  const created = await createLocation(db, LocationNameInput.parse({ name }));
  if (!created) throw new Error(`Location ${name} was not created.`);
  const { id } = created;
  for (const bin of bins) await addBin(db, AddBinInput.parse({ locationId: id, name: bin }));
  return { id, name };
}

type SeedLine = { sku: string; quantity: number; price: number; locationId: string };

/**
 * A Draft sale to a new customer of its own, shipping to Seattle. `lines`: SKU, quantity and price
 * (minor units) from a location.
 */
export async function seedDraftSale(db: Db, customerName: string, lines: SeedLine[]) {
  await ensurePriceTiers(db);
  const [c] = await db.insert(customers).values({ name: customerName, priceTier: 1 }).returning();
  return createSale(
    db,
    {
      customerId: c.id,
      priceTier: 1,
      shipToName: 'Jo Buyer',
      shipToLine1: '1 Pike St',
      shipToLine2: null,
      shipToCity: 'Seattle',
      shipToState: 'WA',
      shipToPostalCode: '98101',
      shipToCountry: 'US',
      shipToPhone: null,
      customerReference: null,
      comment: null,
      lines: lines.map((l, index) => ({ index, ...l })),
    },
    null,
  );
}

/** The same with its order authorised, so Pick is open: for the floor screens' seeds. */
export async function seedAuthorisedSale(db: Db, customerName: string, lines: SeedLine[]) {
  const sale = await seedDraftSale(db, customerName, lines);
  await authoriseOrder(db, sale.id, null);
  return { id: sale.id, number: sale.number };
}
