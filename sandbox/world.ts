import { progressCustomerReturns } from './customer-returns';
import { INBOUND_EFFECTS } from './inbound-effects';
import { progressInbound } from './inbound-progress';
import { progressOrders } from './orders';
import { progressFulfillmentOrders } from './outbound-progress';
import { progressReports } from './api/reports';
import type { SandboxState } from './state';

/**
 * Brings every seller's world up to sandbox time `now`: each progression applies the transitions
 * whose time has come, so state is the same whether it is read once a day or every second.
 */
export function advanceWorld(state: SandboxState, now: number): void {
  for (const seller of Object.values(state.sellers)) {
    // Returns first: a returns report reaching DONE now lists the returns dated up to then.
    progressCustomerReturns(state, seller, now);
    progressReports(state, seller, now);
    progressFulfillmentOrders(state, seller, now);
    progressInbound(state, seller, now, INBOUND_EFFECTS);
    progressOrders(seller, now);
  }
}
