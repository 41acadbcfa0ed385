import { describe, expect, it } from 'vitest';
import { expectExactMoves } from '@/test/status-tables';
import { adjustmentStatus } from './adjustment-status';

describe('adjustment status table', () => {
  it('allows only Completed → Voided, with a Void button', () => {
    expectExactMoves(adjustmentStatus, [['Completed', 'Voided']]);
    expect(adjustmentStatus.buttonsFrom('Completed')).toEqual([{ to: 'Voided', label: 'Void', danger: true }]);
    expect(adjustmentStatus.buttonsFrom('Voided')).toEqual([]);
  });
});
