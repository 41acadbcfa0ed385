import { amazonMoney } from '@/lib/fba/amazon-money';
import type { DeliveryWindowOption, PackingOption, PlacementOption, TransportationOption } from '@/lib/fba/sp-api/models/inbound';
import type { z } from 'zod';

// What Amazon offered at each step of the wizard, as we keep it (jsonb on the inbound shipment and its
// Amazon shipments): ids, money in exact minor units, dates as ISO text. Pure, so pages can read them.

export type Money = { minor: number; currency: string };
export type Charge = Money & { description: string };

export type PackingChoice = { id: string; groups: string[]; fees: Charge[]; discounts: Charge[]; expiresAt: string | null };
export type PlacementChoice = { id: string; shipmentIds: string[]; fees: Charge[]; discounts: Charge[]; fee: Money | null; expiresAt: string | null };
export type TransportChoice = { id: string; partnered: boolean; carrier: string; mode: string; quote: Money | null; expiresAt: string | null };
export type DeliveryWindowChoice = { id: string; start: string; end: string; validUntil: string };

type Incentive = { description: string; value: { amount: number; code: string } };

function charges(list: Incentive[]): Charge[] {
  return list.flatMap((f) => {
    const m = amazonMoney(f.value.code, f.value.amount);
    return m ? [{ description: f.description, minor: m.minor, currency: m.currency }] : [];
  });
}

/** Fees less discounts, in the first fee's currency; null when Amazon charges nothing. */
export function netOf(fees: Charge[], discounts: Charge[]): Money | null {
  const currency = fees[0]?.currency ?? discounts[0]?.currency;
  if (!currency) return null;
  const sum = (l: Charge[]) => l.filter((c) => c.currency === currency).reduce((n, c) => n + c.minor, 0);
  return { minor: sum(fees) - sum(discounts), currency };
}

export const packingChoice = (o: PackingOption): PackingChoice => ({
  id: o.packingOptionId,
  groups: o.packingGroups,
  fees: charges(o.fees),
  discounts: charges(o.discounts),
  expiresAt: o.expiration ?? null,
});

export function placementChoice(o: PlacementOption): PlacementChoice {
  const fees = charges(o.fees);
  const discounts = charges(o.discounts);
  return { id: o.placementOptionId, shipmentIds: o.shipmentIds, fees, discounts, fee: netOf(fees, discounts), expiresAt: o.expiration ?? null };
}

export function transportChoice(o: TransportationOption): TransportChoice {
  const quote = o.quote ? amazonMoney(o.quote.cost.code, o.quote.cost.amount) : null;
  return {
    id: o.transportationOptionId,
    partnered: o.shippingSolution === 'AMAZON_PARTNERED_CARRIER',
    carrier: o.carrier.name ?? o.carrier.alphaCode ?? 'Carrier',
    mode: o.shippingMode,
    quote: quote && { minor: quote.minor, currency: quote.currency },
    expiresAt: o.quote?.expiration ?? null,
  };
}

export const deliveryWindowChoice = (o: z.infer<typeof DeliveryWindowOption>): DeliveryWindowChoice => ({
  id: o.deliveryWindowOptionId,
  start: o.startDate,
  end: o.endDate,
  validUntil: o.validUntil,
});
