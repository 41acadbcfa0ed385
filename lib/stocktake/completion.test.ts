import { describe, expect, it } from 'vitest';
import { costForAddition, planCompletion, type CountedLine } from './completion';

const line = (over: Partial<CountedLine>): CountedLine => ({
  lineId: 'l1',
  productId: 'p1',
  binId: null,
  sku: 'A',
  counted: 0,
  onHand: 0,
  lineUnitCost: null,
  costQuantity: 0,
  averageCost: 0,
  standardCost: null,
  ...over,
});

describe('stocktake completion plan', () => {
  it('posts counted minus current on hand, skipping lines that match', () => {
    const { movements, missingCost } = planCompletion([
      line({ lineId: 'a', counted: 7, onHand: 10 }),
      line({ lineId: 'b', counted: 4, onHand: 4 }),
      line({ lineId: 'c', counted: 12, onHand: 10, costQuantity: 10, averageCost: 25_000 }),
    ]);
    expect(movements).toEqual([
      { lineId: 'a', productId: 'p1', binId: null, quantity: -3 },
      { lineId: 'c', productId: 'p1', binId: null, quantity: 2, unitCost: 25_000 },
    ]);
    expect(missingCost).toEqual([]);
  });

  it('needs a unit cost for additions of a product with no average and no standard cost', () => {
    const { movements, missingCost } = planCompletion([line({ lineId: 'x', counted: 5 }), line({ lineId: 'y', counted: 5, standardCost: 9_000 })]);
    expect(missingCost.map((l) => l.lineId)).toEqual(['x']);
    expect(movements).toEqual([{ lineId: 'y', productId: 'p1', binId: null, quantity: 5, unitCost: 9_000 }]);
  });

  it('prefers the typed cost, then the average of held stock, then the standard cost', () => {
    expect(costForAddition({ lineUnitCost: 1, costQuantity: 3, averageCost: 2, standardCost: 3 })).toBe(1);
    expect(costForAddition({ lineUnitCost: null, costQuantity: 3, averageCost: 2, standardCost: 3 })).toBe(2);
    expect(costForAddition({ lineUnitCost: null, costQuantity: 0, averageCost: 2, standardCost: 3 })).toBe(3);
    expect(costForAddition({ lineUnitCost: null, costQuantity: 0, averageCost: 2, standardCost: null })).toBeNull();
  });
});
