import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { createTestDb } from '@/test/db';
import { PriceTierNamesInput } from './price-tier-inputs';
import { ensurePriceTiers, listPriceTiers, savePriceTierNames } from './price-tiers';

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});

describe('price tiers', () => {
  it('creates Tier 1 … Tier 10 once, keeping renamed tiers on later runs', async () => {
    await ensurePriceTiers(db);
    expect((await listPriceTiers(db)).map((t) => t.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Tier ${i + 1}`));
    const names = ['Retail', 'Wholesale', ...Array.from({ length: 8 }, (_, i) => `Level ${i + 3}`)];
    await savePriceTierNames(db, names);
    await ensurePriceTiers(db);
    expect((await listPriceTiers(db)).map((t) => t.name)).toEqual(names);
  });

  it('refuses blank or repeated names, naming the field', () => {
    const form = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`tier${i + 1}`, `T${i + 1}`]));
    const r = PriceTierNamesInput.safeParse({ ...form, tier2: ' ', tier5: 't1' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['tier2', 'A tier needs a name.'],
      ['tier5', 'Tier 1 already has this name.'],
    ]);
  });
});
