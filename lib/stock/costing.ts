/**
 * Moving weighted average cost, in integers (costs at scale 4). Pure: the ledger module calls
 * these under the product's cost-row lock.
 */
export type CostState = { quantity: number; averageCost: number };

function divRound(num: bigint, den: bigint): bigint {
  // round half away from zero; den > 0
  const q = num / den;
  const r = num % den;
  if (r * 2n >= den) return q + 1n;
  if (r * 2n <= -den) return q - 1n;
  return q;
}

/**
 * Applies a valued movement of `quantity` units at `unitCost`. Receipts blend into the average;
 * issues at the average leave it unchanged; an issue at another cost (a reversed receipt)
 * takes its own value out, so the value left is still quantity × average.
 */
export function applyValuedMovement(state: CostState, quantity: number, unitCost: number): CostState {
  const q0 = BigInt(state.quantity);
  const q1 = q0 + BigInt(quantity);
  if (q1 <= 0n) return { quantity: Number(q1), averageCost: state.averageCost };
  if (quantity < 0 && unitCost === state.averageCost) return { quantity: Number(q1), averageCost: state.averageCost };
  const value = q0 * BigInt(state.averageCost) + BigInt(quantity) * BigInt(unitCost);
  const avg = divRound(value, q1);
  return { quantity: Number(q1), averageCost: Number(avg < 0n ? 0n : avg) };
}
