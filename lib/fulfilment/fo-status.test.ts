import { describe, expect, it } from 'vitest';
import { FO_STATUSES } from '@/db/schema';
import { canDo, foActionsFor, foStatus } from './fo-status';

describe('fulfilment order statuses', () => {
  it('are the seed’s seven, and final ones go nowhere', () => {
    expect(foStatus.statuses).toEqual([...FO_STATUSES]);
    for (const s of ['Delivered', 'Cancelled'] as const) for (const t of FO_STATUSES) expect(foStatus.canMove(s, t)).toBe(false);
  });

  it('follow DESIGN.md: Queued can be voided, processed, edited; Shipped only cancelled; Failed processed again', () => {
    expect(foActionsFor('Queued')).toEqual(['Process', 'Edit', 'Void']);
    expect(foActionsFor('On Hold')).toEqual(['Ship', 'Edit', 'Cancel']);
    expect(foActionsFor('Shipped')).toEqual(['Cancel']);
    expect(foActionsFor('Failed')).toEqual(['Process', 'Edit', 'Void']);
    expect(canDo('Delivered', 'Cancel')).toBe(false);
    expect(foStatus.canMove('Failed', 'Queued')).toBe(true);
    expect(foStatus.canMove('Completed', 'Delivered')).toBe(true);
    expect(foStatus.canMove('Delivered', 'Completed')).toBe(false);
    expect(() => foStatus.assertMove('Cancelled', 'Queued')).toThrow('cannot become Queued');
  });
});
