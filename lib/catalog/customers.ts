import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { customers, priceTiers } from '@/db/schema';
import { isUniqueViolation } from '@/db/driver';
import { DomainError } from '@/lib/errors';
import { PAGE_SIZE, toPage, type ListParams, type Page } from '@/lib/paging';
import { keyset } from '@/lib/paging-sql';
import type { CustomerData } from './customer-inputs';
import { ensurePriceTiers } from './price-tiers';
import { likeEscape } from './products';

export const CUSTOMER_SORTS = ['name'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

export type CustomerListRow = {
  id: string;
  name: string;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  shippingCity: string | null;
  shippingCountry: string | null;
  priceTierName: string | null;
};

function searchCustomers(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const pattern = `%${likeEscape(q)}%`;
  return or(ilike(customers.name, pattern), ilike(customers.email, pattern), ilike(customers.contactName, pattern));
}

/** One page of customers with their tier's name, in one query. */
export async function listCustomers(db: Db | Tx, params: ListParams<CustomerSort>): Promise<Page<CustomerListRow>> {
  const limit = params.limit ?? PAGE_SIZE;
  const page = keyset(customers.name, customers.id, params.dir, params.after);
  const rows = await db
    .select({
      id: customers.id,
      name: customers.name,
      contactName: customers.contactName,
      email: customers.email,
      phone: customers.phone,
      shippingCity: customers.shippingCity,
      shippingCountry: customers.shippingCountry,
      priceTierName: priceTiers.name,
    })
    .from(customers)
    .leftJoin(priceTiers, eq(priceTiers.tier, customers.priceTier))
    .where(and(searchCustomers(params.q), page.where))
    .orderBy(...page.orderBy)
    .limit(limit + 1);
  return toPage(rows, limit, (r) => r.name);
}

export async function getCustomer(db: Db | Tx, id: string) {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw new DomainError('NOT_FOUND', 'That customer no longer exists.');
  return row;
}

/** Creates (no id) or updates a customer. Names are unique regardless of case. */
export async function saveCustomer(db: Db, input: CustomerData): Promise<{ id: string; name: string; created: boolean }> {
  const { id: givenId, ...values } = input;
  return db.transaction(async (tx) => {
    // The tier is a foreign key; on a database that was never seeded the rows may be missing.
    await ensurePriceTiers(tx);
    try {
      if (givenId) {
        const rows = await tx.update(customers).set(values).where(eq(customers.id, givenId)).returning({ id: customers.id });
        if (rows.length === 0) throw new DomainError('NOT_FOUND', 'That customer no longer exists.');
        return { id: rows[0].id, name: values.name, created: false };
      }
      const [row] = await tx.insert(customers).values(values).returning({ id: customers.id });
      return { id: row.id, name: values.name, created: true };
    } catch (e) {
      if (isUniqueViolation(e, 'customers_name_ci'))
        throw new DomainError('DUPLICATE', `A customer named ${values.name} already exists.`, { name: ['This name is taken (names ignore upper/lower case).'] });
      throw e;
    }
  });
}
