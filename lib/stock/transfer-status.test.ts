import { describe, expect, it } from 'vitest';
import { expectExactMoves } from '@/test/status-tables';
import { transferStatus } from './transfer-status';

describe('transfer status table', () => {
  it('ships a Draft, receives what is In Transit, voids anything not yet Voided', () => {
    expectExactMoves(transferStatus, [
      ['Draft', 'In Transit'],
      ['Draft', 'Voided'],
      ['In Transit', 'Completed'],
      ['In Transit', 'Voided'],
      ['Completed', 'Voided'],
    ]);
  });

  it('offers Ship, Receive and Void as each status allows', () => {
    const labels = (s: Parameters<typeof transferStatus.buttonsFrom>[0]) => transferStatus.buttonsFrom(s).map((b) => b.label);
    expect(labels('Draft')).toEqual(['Ship', 'Void']);
    expect(labels('In Transit')).toEqual(['Receive', 'Void']);
    expect(labels('Completed')).toEqual(['Void']);
    expect(labels('Voided')).toEqual([]);
  });
});
