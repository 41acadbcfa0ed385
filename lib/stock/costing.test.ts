import { describe, expect, it } from 'vitest';
import { applyValuedMovement } from './costing';

describe('moving average cost', () => {
  it('blends receipts by quantity', () => {
    const a = applyValuedMovement({ quantity: 0, averageCost: 0 }, 10, 10_000); // 10 @ 1.00
    const b = applyValuedMovement(a, 30, 20_000); // 30 @ 2.00
    expect(b).toEqual({ quantity: 40, averageCost: 17_500 });
  });
  it('keeps the average on an issue at the average', () => {
    expect(applyValuedMovement({ quantity: 40, averageCost: 17_500 }, -15, 17_500)).toEqual({ quantity: 25, averageCost: 17_500 });
  });
  it('undoes a receipt exactly when reversed at its own cost', () => {
    const a = applyValuedMovement({ quantity: 10, averageCost: 10_000 }, 30, 20_000);
    expect(applyValuedMovement(a, -30, 20_000)).toEqual({ quantity: 10, averageCost: 10_000 });
  });
  it('keeps the last average when stock runs out', () => {
    expect(applyValuedMovement({ quantity: 5, averageCost: 12_345 }, -5, 12_345)).toEqual({ quantity: 0, averageCost: 12_345 });
  });
  it('rounds half away from zero', () => {
    expect(applyValuedMovement({ quantity: 2, averageCost: 1 }, 1, 2).averageCost).toBe(1); // 4/3 = 1.33
    expect(applyValuedMovement({ quantity: 1, averageCost: 1 }, 1, 2).averageCost).toBe(2); // 3/2 = 1.5
  });
});
