import { describe, expect, it } from 'vitest';
import type { fulfilmentOrderItems, fulfilmentOrders } from '@/db/schema';
import { CreateFulfillmentOrderRequest, UpdateFulfillmentOrderRequest } from '@/lib/fba/sp-api/models/outbound';
import { amazonIdOf, createOrderBody, resendIdFor, updateOrderBody } from './amazon-order';

const fo = {
  id: 'f',
  number: 'FO-00042',
  amazonOrderId: null,
  displayableOrderId: 'SO-00042',
  comment: null,
  shippingSpeed: 'Expedited',
  shipToName: 'Jane Doe',
  shipToLine1: '410 Terry Ave N',
  shipToLine2: null,
  shipToCity: 'Seattle',
  shipToState: 'WA',
  shipToPostalCode: '98109',
  shipToCountry: 'US',
  shipToPhone: null,
  createdAt: new Date('2026-06-01T10:00:00Z'),
  sentAt: null,
} as unknown as typeof fulfilmentOrders.$inferSelect;
const item = (lineNo: number, sellerSku: string, quantity: number) => ({ orderId: 'f', lineNo, productId: 'p', sellerSku, quantity, shippedQuantity: 0, cancelledQuantity: 0, unfulfillableQuantity: 0 }) as typeof fulfilmentOrderItems.$inferSelect;

describe('the bodies sent to Amazon', () => {
  it('createFulfillmentOrder: our number as the idempotency key, lines by line number, no empty address fields', () => {
    const body = createOrderBody(fo, [item(2, 'B', 1), item(1, 'A', 3)], 'ATVPDKIKX0DER', 'Hold');
    expect(CreateFulfillmentOrderRequest.parse(body)).toEqual(body);
    expect(body).toMatchObject({
      sellerFulfillmentOrderId: 'FO-00042',
      displayableOrderId: 'SO-00042',
      displayableOrderDate: '2026-06-01T10:00:00.000Z',
      shippingSpeedCategory: 'Expedited',
      fulfillmentAction: 'Hold',
      marketplaceId: 'ATVPDKIKX0DER',
      items: [
        { sellerSku: 'A', sellerFulfillmentOrderItemId: '1', quantity: 3 },
        { sellerSku: 'B', sellerFulfillmentOrderItemId: '2', quantity: 1 },
      ],
    });
    expect(body.destinationAddress).toEqual({ name: 'Jane Doe', addressLine1: '410 Terry Ave N', city: 'Seattle', stateOrRegion: 'WA', postalCode: '98109', countryCode: 'US' });
    // Amazon requires a packing-slip comment: ours, or a thank-you naming the sale.
    expect(body.displayableOrderComment).toBe('Thank you for your order SO-00042.');
    expect(createOrderBody({ ...fo, comment: 'Gift' }, [item(1, 'A', 1)], 'M', 'Ship').displayableOrderComment).toBe('Gift');
  });

  it('updateFulfillmentOrder: the editable fields, and Ship only when releasing', () => {
    const body = updateOrderBody({ ...fo, shipToLine2: 'Suite 5' }, 'M');
    expect(UpdateFulfillmentOrderRequest.parse(body)).toEqual(body);
    expect(body.fulfillmentAction).toBeUndefined();
    expect(body.destinationAddress?.addressLine2).toBe('Suite 5');
    expect(updateOrderBody(fo, 'M', 'Ship').fulfillmentAction).toBe('Ship');
  });

  it('an order Amazon kept (Invalid) goes again under -R2, -R3; one it never accepted keeps its id', () => {
    expect(amazonIdOf(fo)).toBe('FO-00042');
    expect(resendIdFor(fo)).toBe('FO-00042');
    const sent = { ...fo, sentAt: new Date() };
    expect(resendIdFor({ ...sent, amazonOrderId: 'FO-00042' })).toBe('FO-00042-R2');
    expect(resendIdFor({ ...sent, amazonOrderId: 'FO-00042-R2' })).toBe('FO-00042-R3');
    expect(amazonIdOf({ ...sent, amazonOrderId: 'FO-00042-R2' })).toBe('FO-00042-R2');
  });
});
