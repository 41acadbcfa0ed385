import type { Db } from '@/db/client';
import { createUser, verifyCredentials } from '@/lib/auth/users';
import { ProductFields, ProductInput } from '@/lib/catalog/product-inputs';
import { saveProduct } from '@/lib/catalog/products';
import { AddBinInput, LocationNameInput } from '@/lib/reference/inputs';
import { addBin, createLocation } from '@/lib/reference/locations';
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
