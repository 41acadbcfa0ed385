import { describe, expect, it } from 'vitest';
import { expectExactMoves } from '@/test/status-tables';
import { isCounting, stocktakeStatus } from './stocktake-status';

describe('stocktake status table', () => {
  it('completes or voids a stocktake In Progress; closed ones stay closed', () => {
    expectExactMoves(stocktakeStatus, [
      ['In Progress', 'Completed'],
      ['In Progress', 'Voided'],
    ]);
    expect(stocktakeStatus.buttonsFrom('In Progress').map((b) => b.label)).toEqual(['Complete', 'Void']);
    expect(stocktakeStatus.buttonsFrom('Completed')).toEqual([]);
  });

  it('lets counts change only while the stocktake can still be completed', () => {
    expect(stocktakeStatus.statuses.filter(isCounting)).toEqual(['In Progress']);
  });
});
