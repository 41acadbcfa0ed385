import { describe, expect, it } from 'vitest';
import { INBOUND_STATUSES } from '@/db/schema';
import { aggregateInboundStatus, INBOUND_FINAL, inboundStatus, inboundStatusOf } from './inbound-status';

describe('inbound shipment statuses', () => {
  it('moves only forward, and never out of Closed, Cancelled, Deleted or Error', () => {
    expect(inboundStatus.statuses).toEqual([...INBOUND_STATUSES]);
    expect(inboundStatus.canMove('Draft', 'Working')).toBe(true);
    expect(inboundStatus.canMove('Receiving', 'Closed')).toBe(true);
    expect(inboundStatus.canMove('Receiving', 'Shipped')).toBe(false);
    expect(inboundStatus.canMove('Shipped', 'Cancelled')).toBe(true);
    for (const final of INBOUND_FINAL) for (const to of INBOUND_STATUSES) expect(inboundStatus.canMove(final, to)).toBe(false);
    // No buttons: the wizard's Confirm and Amazon move it; X deletes the record.
    for (const s of INBOUND_STATUSES) expect(inboundStatus.buttonsFrom(s)).toEqual([]);
  });

  it("reads Amazon's words (2024 and v0) and says nothing for the ones that add nothing", () => {
    expect(inboundStatusOf('READY_TO_SHIP')).toBe('Ready to Ship');
    expect(inboundStatusOf('CHECKED_IN')).toBe('Checked In');
    expect(inboundStatusOf('UNCONFIRMED')).toBeNull();
    expect(inboundStatusOf('ABANDONED')).toBeNull();
  });

  it('gives a split plan the status of its least advanced live shipment', () => {
    expect(aggregateInboundStatus(['Closed', 'Receiving'])).toBe('Receiving');
    expect(aggregateInboundStatus(['Closed', 'Cancelled'])).toBe('Closed');
    expect(aggregateInboundStatus(['Cancelled', 'Cancelled'])).toBe('Cancelled');
    expect(aggregateInboundStatus(['Shipped', 'Error'])).toBe('Error');
    expect(aggregateInboundStatus([])).toBeNull();
  });
});

describe('wizard steps', () => {
  it("are the schema's, in order", async () => {
    const { INBOUND_STEPS } = await import('@/db/schema');
    const { WIZARD_STEPS } = await import('./inbound-status');
    expect(WIZARD_STEPS).toEqual([...INBOUND_STEPS]);
  });
});
