import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FoEditInput } from '@/lib/fulfilment/fo-inputs';
import { SaleInput } from '@/lib/sale/sale-inputs';

const address = { shipToName: 'Ann Flow', shipToLine1: '410 Terry Ave N', shipToCity: 'Seattle', shipToState: 'WA', shipToPostalCode: '98109', shipToCountry: 'us' };
const sale = { customerId: '00000000-0000-4000-8000-000000000001', priceTier: '1', lines: [{ index: 0, sku: 'A', quantity: '1', price: '', location: '' }] };
const fo = { id: '00000000-0000-4000-8000-000000000002', shippingSpeed: 'Standard' };
const errorsOf = (r: { success: boolean; error?: z.ZodError }): Record<string, string[] | undefined> => (r.success ? {} : (z.flattenError(r.error!).fieldErrors as Record<string, string[]>));

// A sale's ship-to and comment become its fulfilment orders': what Amazon would refuse is refused
// on the sale's form too, with the same words as on the order's Edit/Save.
describe('ship-to address and packing-slip comment, on the sale and on its fulfilment orders', () => {
  it('take what Amazon takes', () => {
    expect(SaleInput.safeParse({ ...sale, ...address, comment: 'x'.repeat(750) }).success).toBe(true);
    expect(FoEditInput.parse({ ...fo, ...address })).toMatchObject({ shipToCountry: 'US', shipToPhone: null, comment: null });
  });

  it('refuse an address line over 60 characters and a comment over 750, in the same words', () => {
    const tooLong = { ...address, shipToLine1: 'x'.repeat(61), comment: 'x'.repeat(751) };
    const onSale = errorsOf(SaleInput.safeParse({ ...sale, ...tooLong }));
    const onOrder = errorsOf(FoEditInput.safeParse({ ...fo, ...tooLong }));
    expect(onSale.shipToLine1).toEqual(['Address line 1 is at most 60 characters.']);
    expect(onSale.comment).toEqual(['Comment is at most 750 characters.']);
    expect(onOrder.shipToLine1).toEqual(onSale.shipToLine1);
    expect(onOrder.comment).toEqual(onSale.comment);
  });
});
