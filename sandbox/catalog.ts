import { createHash } from 'node:crypto';
import type { InventoryItem, SellerState } from './state';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Deterministic uppercase alphanumerics from a seed: the same SKU always gets the same ASIN/FNSKU. */
export function deriveCode(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[digest[i] % ALPHABET.length];
  return out;
}

export function deriveAsin(sellerSku: string): string {
  return `B0${deriveCode(`asin:${sellerSku}`, 8)}`;
}

export function deriveFnSku(sellerSku: string): string {
  return `X00${deriveCode(`fnsku:${sellerSku}`, 7)}`;
}

/** A number in [0, 1) fixed by the seed: outcomes that must not change when a test repeats. */
export function deriveFraction(seed: string): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) / 2 ** 32;
}

export interface SeedItemInput {
  sellerSku: string;
  productName?: string;
  asin?: string;
  fnSku?: string;
  fulfillable?: number;
  inboundWorking?: number;
  inboundShipped?: number;
  inboundReceiving?: number;
  unfulfillable?: number;
  researching?: number;
}

/** Creates or overwrites a SKU's FBA stock (admin seeding; reservations of open orders are kept). */
export function upsertInventoryItem(seller: SellerState, input: SeedItemInput, nowMs: number): InventoryItem {
  const existing = seller.inventory[input.sellerSku];
  const item: InventoryItem = {
    sellerSku: input.sellerSku,
    asin: input.asin ?? existing?.asin ?? deriveAsin(input.sellerSku),
    fnSku: input.fnSku ?? existing?.fnSku ?? deriveFnSku(input.sellerSku),
    productName: input.productName ?? existing?.productName ?? input.sellerSku,
    fulfillable: input.fulfillable ?? existing?.fulfillable ?? 0,
    pendingCustomerOrder: existing?.pendingCustomerOrder ?? 0,
    fcProcessing: existing?.fcProcessing ?? 0,
    inboundWorking: input.inboundWorking ?? existing?.inboundWorking ?? 0,
    inboundShipped: input.inboundShipped ?? existing?.inboundShipped ?? 0,
    inboundReceiving: input.inboundReceiving ?? existing?.inboundReceiving ?? 0,
    unfulfillable: input.unfulfillable ?? existing?.unfulfillable ?? 0,
    researching: input.researching ?? existing?.researching ?? 0,
    lastUpdatedMs: nowMs,
  };
  seller.inventory[input.sellerSku] = item;
  return item;
}

export function totalQuantity(item: InventoryItem): number {
  return (
    item.fulfillable + item.pendingCustomerOrder + item.fcProcessing + item.inboundWorking + item.inboundShipped +
    item.inboundReceiving + item.unfulfillable + item.researching
  );
}
