/**
 * What completing a stocktake posts, as a pure function of the counted lines and the stock under
 * lock. Each counted line sets on hand to its count: it posts counted − on hand now (not the
 * expected snapshot, which may be stale after sales or transfers during the count).
 */
export type CountedLine = {
  lineId: string;
  productId: string;
  binId: string | null;
  sku: string;
  counted: number;
  /** On hand at the stocktake's location/bin now, read under the level's row lock. */
  onHand: number;
  /** Entered on the line (scale 4), or null. */
  lineUnitCost: number | null;
  /** Units the company holds of the product over all locations (product_costs.quantity). */
  costQuantity: number;
  averageCost: number;
  /** The product's standard unit cost, or null. */
  standardCost: number | null;
};

export type PlannedMovement = { lineId: string; productId: string; binId: string | null; quantity: number; unitCost?: number };

/**
 * The cost of added units: the one typed on the line, else the average while the company holds
 * some of the product (an average of nothing means nothing), else the product's standard cost.
 * Null = a person must enter one.
 */
export function costForAddition(line: Pick<CountedLine, 'lineUnitCost' | 'costQuantity' | 'averageCost' | 'standardCost'>): number | null {
  if (line.lineUnitCost !== null) return line.lineUnitCost;
  if (line.costQuantity > 0) return line.averageCost;
  return line.standardCost;
}

export function planCompletion(lines: CountedLine[]): { movements: PlannedMovement[]; missingCost: CountedLine[] } {
  const movements: PlannedMovement[] = [];
  const missingCost: CountedLine[] = [];
  for (const l of lines) {
    const diff = l.counted - l.onHand;
    if (diff === 0) continue;
    if (diff < 0) {
      // Removals leave at the average cost, like any issue.
      movements.push({ lineId: l.lineId, productId: l.productId, binId: l.binId, quantity: diff });
      continue;
    }
    const unitCost = costForAddition(l);
    if (unitCost === null) missingCost.push(l);
    else movements.push({ lineId: l.lineId, productId: l.productId, binId: l.binId, quantity: diff, unitCost });
  }
  return { movements, missingCost };
}
