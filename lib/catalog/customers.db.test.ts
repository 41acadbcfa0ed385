import { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { decodeCursor } from '@/lib/paging';
import { createTestDb } from '@/test/db';
import { CustomerInput } from './customer-inputs';
import { ensurePriceTiers, savePriceTierNames } from './price-tiers';
import { getCustomer, listCustomers, saveCustomer } from './customers';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
  await ensurePriceTiers(db);
});

const fields = ['contactName', 'email', 'phone', 'billingAddress', 'shippingLine1', 'shippingLine2', 'shippingCity', 'shippingState', 'shippingPostalCode', 'shippingCountry'];
const form = (over: Record<string, string>) => ({ ...Object.fromEntries(fields.map((f) => [f, ''])), priceTier: '1', ...over });

describe('customers', () => {
  it('saves the contact, both addresses and the default price tier', async () => {
    await savePriceTierNames(db, ['Retail', 'Wholesale', ...Array.from({ length: 8 }, (_, i) => `Tier ${i + 3}`)]);
    const input = CustomerInput.parse(
      form({ name: 'Acme Ltd', contactName: 'Ann', email: 'ann@acme.test', billingAddress: 'Acme Ltd\n1 High St\nLeeds', shippingLine1: '2 Dock Rd', shippingCity: 'Hull', shippingPostalCode: 'HU1 1AA', shippingCountry: 'gb', priceTier: '2' }),
    );
    const { id } = await saveCustomer(db, input);
    expect(await getCustomer(db, id)).toMatchObject({ billingAddress: 'Acme Ltd\n1 High St\nLeeds', shippingCountry: 'GB', shippingLine2: null, priceTier: 2 });
    const { rows } = await listCustomers(db, { q: 'acme.test', sort: 'name', dir: 'asc', after: null });
    expect(rows).toMatchObject([{ name: 'Acme Ltd', priceTierName: 'Wholesale' }]);
    await saveCustomer(db, CustomerInput.parse(form({ id, name: 'Acme Limited', priceTier: '3' })));
    expect(await getCustomer(db, id)).toMatchObject({ name: 'Acme Limited', email: null, priceTier: 3 });
  });

  it('refuses a duplicate name whatever its case', async () => {
    await saveCustomer(db, CustomerInput.parse(form({ name: 'Dupe Co' })));
    await expect(saveCustomer(db, CustomerInput.parse(form({ name: 'DUPE CO' })))).rejects.toThrow('A customer named DUPE CO already exists.');
  });

  it('shows field errors for a bad email, country and tier', () => {
    const r = CustomerInput.safeParse(form({ name: 'X', email: 'not-an-email', shippingCountry: 'XX', priceTier: '11' }));
    expect(Object.keys(z.flattenError(r.error!).fieldErrors).sort()).toEqual(['email', 'priceTier', 'shippingCountry']);
  });

  it('pages through every customer once, in name order both ways', async () => {
    for (let i = 0; i < 12; i++) await saveCustomer(db, CustomerInput.parse(form({ name: `Pager ${String(i).padStart(2, '0')}` })));
    for (const dir of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      let after = null;
      do {
        const page = await listCustomers(db, { q: 'pager', sort: 'name', dir, after, limit: 5 });
        seen.push(...page.rows.map((r) => r.name));
        after = decodeCursor(page.next);
      } while (after);
      const sorted = Array.from({ length: 12 }, (_, i) => `Pager ${String(i).padStart(2, '0')}`);
      expect(seen).toEqual(dir === 'asc' ? sorted : sorted.reverse());
    }
  });
});
