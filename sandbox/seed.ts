import { DEMO_APP, registerApplication } from './apps';
import { upsertInventoryItem, type SeedItemInput } from './catalog';
import { seedDemoOrders } from './orders';
import { createSellerState, nextSeq, type SandboxState, type SellerState } from './state';

// The demo seller documented on the sandbox home page and used by `npm start`. The app's demo
// products use exactly the DEMO-nnn SKUs and names; FBA-ONLY-nn exist only at Amazon.
export const DEMO_SELLER = {
  sellerId: 'ASANDBOXSELLER1',
  storeName: 'Sandbox Demo Store',
  marketplaceIds: ['ATVPDKIKX0DER'],
  clientId: DEMO_APP.clientId,
  clientSecret: DEMO_APP.clientSecret,
  refreshToken: 'Atzr|sandbox-demo',
} as const;

export function listDemoItems(): SeedItemInput[] {
  const items: SeedItemInput[] = [];
  for (let n = 1; n <= 26; n += 1) {
    const id = String(n).padStart(3, '0');
    // DEMO-020…026 are out of stock at FBA (some still have units on the way or damaged).
    const outOfStock = n >= 20;
    items.push({
      sellerSku: `DEMO-${id}`,
      productName: `Demo product ${id}`,
      fulfillable: outOfStock ? 0 : 10 + ((n * 37) % 90),
      inboundShipped: n % 5 === 0 ? 12 : 0,
      unfulfillable: n % 7 === 0 ? 2 : 0,
      researching: n === 23 ? 1 : 0,
    });
  }
  for (let n = 1; n <= 4; n += 1) {
    const id = String(n).padStart(2, '0');
    items.push({ sellerSku: `FBA-ONLY-${id}`, productName: `FBA-only product ${id}`, fulfillable: 5 * n });
  }
  return items;
}

export interface CreateSellerInput {
  sellerId: string;
  storeName: string;
  marketplaceIds?: string[];
  clientId: string;
  clientSecret: string;
  /** The SP-API application of a new client (amzn1.sp.solution.…); derived from the client id when absent. */
  applicationId?: string;
  appName?: string;
  refreshToken: string;
  items?: SeedItemInput[];
}

export function addSeller(state: SandboxState, input: CreateSellerInput, nowMs: number): SellerState {
  registerApplication(state, input);
  const seller = createSellerState({
    sellerId: input.sellerId,
    storeName: input.storeName,
    marketplaceIds: input.marketplaceIds ?? ['ATVPDKIKX0DER'],
    clientId: input.clientId,
    refreshToken: input.refreshToken,
  });
  for (const item of input.items ?? []) upsertInventoryItem(seller, item, nowMs);
  state.sellers[seller.sellerId] = seller;
  return seller;
}

export function seedDemoSeller(state: SandboxState, nowMs: number): SellerState {
  const seller = addSeller(state, { ...DEMO_SELLER, marketplaceIds: [...DEMO_SELLER.marketplaceIds], items: listDemoItems() }, nowMs);
  seedDemoOrders(seller, nowMs, () => nextSeq(state));
  return seller;
}
