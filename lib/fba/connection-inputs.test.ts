import { describe, expect, it } from 'vitest';
import { FbaAuthoriseInput } from './authorisation-inputs';
import { AmazonStoreInput, ManualConnectInput } from './connection-inputs';

const manual = (sellerId: string) => ManualConnectInput.safeParse({ sellerId, marketplaceId: 'ATVPDKIKX0DER', refreshToken: 'Atzr|x', endpoint: 'sandbox' });
const sellerIdError = (sellerId: string) => {
  const parsed = manual(sellerId);
  return parsed.success ? null : parsed.error.issues.find((i) => i.path[0] === 'sellerId')?.message;
};

describe('Seller ID (Merchant Token) format', () => {
  it("accepts Amazon's merchant tokens: A, then capital letters and digits, typed in any case", () => {
    for (const id of ['A2EUQ1WTGCTBG2', 'A1B2C3D4E5F6G', 'ASANDBOXSELLER1', ' anosuchseller9 ']) expect(manual(id).success, id).toBe(true);
    expect(manual('anosuchseller9').data?.sellerId).toBe('ANOSUCHSELLER9');
  });

  it('refuses what cannot be a merchant token, with a message that shows an example', () => {
    const message = 'A Seller ID starts with A followed by capital letters and digits, 10–20 characters, e.g. A2X9EXAMPLE7KQ (Seller Central → Settings → Account Info → Merchant Token).';
    for (const id of ['12345678901234', 'BSELLER1234567', 'A1234', 'A-SELLER-12345', 'AVERYLONGSELLERIDENTIFIER1']) expect(sellerIdError(id), id).toBe(message);
    expect(sellerIdError('')).toBe(message);
    const store = AmazonStoreInput.safeParse({ name: 'x', sellerId: '12345678', marketplaceIds: ['ATVPDKIKX0DER'], refreshToken: 'Atzr|x' });
    expect(store.success).toBe(false);
    expect(store.error?.issues.find((i) => i.path[0] === 'sellerId')?.message).toBe(message);
  });
});

describe('marketplace fields posted twice (an array where one value is expected)', () => {
  // The marketplace rules run even when a field failed, so they meet the raw array: a field error, never a crash.
  it('is a field error on the field, for every form that reads one marketplace or a group', () => {
    const twice = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'];
    const one = ManualConnectInput.safeParse({ sellerId: 'A2EUQ1WTGCTBG2', marketplaceId: twice, otherMarketplaceId: twice, refreshToken: 'Atzr|x', endpoint: 'sandbox' });
    expect(one.error?.issues.map((i) => i.path[0])).toEqual(['marketplaceId', 'otherMarketplaceId', 'marketplaceId']);
    const fba = FbaAuthoriseInput.safeParse({ marketplaceId: twice, otherMarketplaceId: twice, endpoint: ['na', 'eu'] });
    expect(fba.success).toBe(false);
    const group = AmazonStoreInput.safeParse({ name: 'x', sellerId: 'A2EUQ1WTGCTBG2', marketplaceIds: 'ATVPDKIKX0DER', otherMarketplaceIds: twice, refreshToken: 'Atzr|x' });
    expect(group.error?.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(['marketplaceIds', 'otherMarketplaceIds']));
  });
});
