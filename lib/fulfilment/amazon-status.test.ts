import { describe, expect, it } from 'vitest';
import { FULFILLMENT_ORDER_STATUSES, type FulfillmentOrderStatus } from '@/lib/fba/sp-api/models/outbound';
import { mapAmazonStatus, type AmazonView } from './amazon-status';

const now = new Date('2026-06-01T12:00:00Z');
const past = new Date('2026-06-01T11:59:59Z');
const future = new Date('2026-06-02T00:00:00Z');
const view = (over: Partial<AmazonView>): AmazonView => ({ status: 'Received', fulfillmentAction: 'Ship', packages: [], estimatedArrivalAt: null, now, ...over });
const map = (over: Partial<AmazonView>) => mapAmazonStatus(view(over));

describe("Amazon's fulfilment order status → ours", () => {
  it('Invalid and Unfulfillable are Failed; Cancelled is Cancelled, whatever the action', () => {
    for (const fulfillmentAction of ['Hold', 'Ship'] as const) {
      expect(map({ status: 'Invalid', fulfillmentAction }).status).toBe('Failed');
      expect(map({ status: 'Unfulfillable', fulfillmentAction }).status).toBe('Failed');
      expect(map({ status: 'Cancelled', fulfillmentAction }).status).toBe('Cancelled');
    }
  });

  it('before shipping: On Hold while Amazon holds the order, Shipped once released', () => {
    for (const status of ['New', 'Received', 'Planning', 'Processing'] as const) {
      expect(map({ status, fulfillmentAction: 'Hold' })).toEqual({ status: 'On Hold', partial: false });
      expect(map({ status, fulfillmentAction: 'Ship' })).toEqual({ status: 'Shipped', partial: false });
      // Amazon's default action is Ship.
      expect(map({ status, fulfillmentAction: null }).status).toBe('Shipped');
    }
  });

  it('Complete: Delivered only when every package is delivered', () => {
    expect(map({ status: 'Complete', packages: [{ delivered: true }, { delivered: true }], estimatedArrivalAt: future }).status).toBe('Delivered');
    expect(map({ status: 'Complete', packages: [{ delivered: true }, { delivered: false }], estimatedArrivalAt: future }).status).toBe('Shipped');
    // Delivered wins over an arrival date that has passed.
    expect(map({ status: 'Complete', packages: [{ delivered: true }], estimatedArrivalAt: past }).status).toBe('Delivered');
  });

  it('Complete: Completed once the estimated arrival passed without delivery information; Shipped before', () => {
    expect(map({ status: 'Complete', packages: [{ delivered: false }], estimatedArrivalAt: past }).status).toBe('Completed');
    expect(map({ status: 'Complete', packages: [{ delivered: true }, { delivered: false }], estimatedArrivalAt: past }).status).toBe('Completed');
    expect(map({ status: 'Complete', packages: [{ delivered: false }], estimatedArrivalAt: now }).status).toBe('Completed');
    expect(map({ status: 'Complete', packages: [{ delivered: false }], estimatedArrivalAt: future }).status).toBe('Shipped');
    expect(map({ status: 'Complete', packages: [], estimatedArrivalAt: null }).status).toBe('Shipped');
    // No packages is not "every package delivered".
    expect(map({ status: 'Complete', packages: [], estimatedArrivalAt: past }).status).toBe('Completed');
  });

  it('CompletePartialled: as Complete, flagged partial so the unfulfilled lines are logged', () => {
    expect(map({ status: 'CompletePartialled', packages: [{ delivered: false }], estimatedArrivalAt: future })).toEqual({ status: 'Shipped', partial: true });
    expect(map({ status: 'CompletePartialled', packages: [{ delivered: true }], estimatedArrivalAt: future })).toEqual({ status: 'Delivered', partial: true });
    expect(map({ status: 'CompletePartialled', packages: [{ delivered: false }], estimatedArrivalAt: past })).toEqual({ status: 'Completed', partial: true });
  });

  it('maps every status of Amazon’s model', () => {
    const seen = new Set(FULFILLMENT_ORDER_STATUSES.map((status: FulfillmentOrderStatus) => map({ status }).status));
    expect([...seen].sort()).toEqual(['Cancelled', 'Failed', 'Shipped']);
  });
});
