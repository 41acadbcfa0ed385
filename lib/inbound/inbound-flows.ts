import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { inboundAmazonShipments, inboundBoxItems, inboundBoxes, inboundReceipts, inboundShipmentLines, inboundShipments } from '@/db/schema';
import type { SpApiClient } from '@/lib/fba/sp-api';
import type { InboundAddress, InboundBox, InboundShipment } from '@/lib/fba/sp-api/models/inbound';
import { DomainError } from '@/lib/errors';
import { confirmedRecord } from './confirm';
import { deliveryWindowChoice, packingChoice, placementChoice, transportChoice, type DeliveryWindowChoice, type PackingChoice, type PlacementChoice } from './inbound-options';
import { INBOUND_OUTBOX, pollDelayMs, type Flow, type InboundOutboxKind, type StageContext } from './inbound-outbox';
import { logInbound, shipInboundTransfer } from './inbound-write';
import { sourceAddressOf } from './ship-from';

// The Amazon side of each wizard step: the calls (stages) and what is recorded when they are done.
// A record applies only while the shipment is still at the step that asked (a reload, a second tab or
// a late answer never moves it backwards).

type Line = typeof inboundShipmentLines.$inferSelect;

const planIdOf = (ctx: StageContext) => {
  const id = (ctx.payload.inboundPlanId as string | undefined) ?? ctx.inbound.inboundPlanId;
  if (!id) throw new DomainError('INVALID_INPUT', 'The inbound plan was not created at Amazon yet.');
  return id;
};

const linesOf = (db: Db | Tx, inboundId: string) => db.select().from(inboundShipmentLines).where(eq(inboundShipmentLines.inboundId, inboundId)).orderBy(asc(inboundShipmentLines.lineNo));
const amazonShipmentsOf = (db: Db | Tx, inboundId: string) =>
  db.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, inboundId)).orderBy(asc(inboundAmazonShipments.name), asc(inboundAmazonShipments.shipmentId));

/** Pages of a list operation, followed to the end. */
async function allPages<T>(read: (token?: string) => Promise<{ items: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await read(token);
    out.push(...page.items);
    if (!page.next) break;
    token = page.next;
  }
  return out;
}

/** Moves the wizard on from `from` to `to` with `set`, only if it is still at `from`. */
async function atStep(tx: Tx, inboundId: string, from: InboundRowStep, to: InboundRowStep, set: Partial<typeof inboundShipments.$inferInsert>, message: string, now: Date) {
  const [hit] = await tx
    .update(inboundShipments)
    .set({ ...set, step: to, updatedAt: now })
    .where(and(eq(inboundShipments.id, inboundId), eq(inboundShipments.step, from)))
    .returning({ id: inboundShipments.id });
  await logInbound(tx, inboundId, hit ? message : `${message} (the wizard had moved on; nothing changed).`, null, now);
  return Boolean(hit);
}
type InboundRowStep = (typeof inboundShipments.$inferSelect)['step'];

const plan: Flow = {
  stages: () => [
    async (ctx) => {
      // A repeat may follow a call that reached Amazon (its answer lost): look for the plan by its
      // name first, and for a while, since Amazon lists a plan only once it has created it.
      const lookups = typeof ctx.payload.planLookups === 'number' ? ctx.payload.planLookups : 0;
      if (ctx.repeat || lookups > 0 || ctx.inbound.inboundPlanId) {
        const known = ctx.inbound.inboundPlanId ?? (await findPlanByName(ctx.client, ctx.inbound.name));
        if (known) return { remember: { inboundPlanId: known } };
        if (lookups < PLAN_LOOKUPS) return { remember: { planLookups: lookups + 1 }, lookAgainMs: pollDelayMs(lookups) };
      }
      // Should this create's answer be lost too, the next attempt searches afresh.
      delete ctx.payload.planLookups;
      const lines = await linesOf(ctx.db, ctx.inbound.id);
      const created = await ctx.client.createInboundPlan({
        destinationMarketplaces: [ctx.conn.marketplaceId],
        name: ctx.inbound.name,
        sourceAddress: sourceAddressOf(ctx.inbound.shipFrom),
        items: lines.map((l) => ({ msku: l.sellerSku, quantity: l.quantity, labelOwner: l.labelOwner, prepOwner: l.prepOwner })),
      });
      return { operationId: created.operationId, remember: { inboundPlanId: created.inboundPlanId } };
    },
    async (ctx) => ({ operationId: await ctx.client.generatePackingOptions(planIdOf(ctx)) }),
  ],
  async finish(ctx) {
    const planId = planIdOf(ctx);
    const options = (await allPages(async (t) => {
      const r = await ctx.client.listPackingOptions(planId, { paginationToken: t });
      return { items: r.packingOptions, next: r.pagination?.nextToken };
    }))
      .filter((o) => o.status === 'OFFERED')
      .map(packingChoice);
    return async (tx, now) => {
      await atStep(tx, ctx.inbound.id, 'items', 'packing', { inboundPlanId: planId, packingOptions: options }, `Amazon created inbound plan ${planId} and offered ${options.length} packing option${options.length === 1 ? '' : 's'}.`, now);
    };
  },
};

/** How many times a repeated plan creation looks for the plan (2 s growing to 10 s apart, ~26 s in all) before creating it. */
const PLAN_LOOKUPS = 5;

async function findPlanByName(client: SpApiClient, name: string): Promise<string | null> {
  const r = await client.listInboundPlans({ sortBy: 'CREATION_TIME', sortOrder: 'DESC', pageSize: 30 });
  return r.inboundPlans?.find((p) => p.name === name)?.inboundPlanId ?? null;
}

const packing: Flow = {
  stages: () => [async (ctx) => ({ operationId: await ctx.client.confirmPackingOption(planIdOf(ctx), String(ctx.payload.packingOptionId)) })],
  async finish(ctx) {
    const chosen = (ctx.inbound.packingOptions as PackingChoice[]).find((o) => o.id === ctx.payload.packingOptionId);
    return async (tx, now) => {
      await atStep(tx, ctx.inbound.id, 'packing', 'boxes', { packingOptionId: chosen?.id ?? null, packingGroupId: chosen?.groups[0] ?? null }, 'Amazon confirmed the packing option: enter the box contents.', now);
    };
  },
};

type BoxWithItems = typeof inboundBoxes.$inferSelect & { items: { lineNo: number; quantity: number }[] };

async function boxesOf(db: Db | Tx, inboundId: string): Promise<BoxWithItems[]> {
  const boxes = await db.select().from(inboundBoxes).where(eq(inboundBoxes.inboundId, inboundId)).orderBy(asc(inboundBoxes.boxNo));
  const items = boxes.length
    ? await db.select().from(inboundBoxItems).where(inArray(inboundBoxItems.boxId, boxes.map((b) => b.id))).orderBy(asc(inboundBoxItems.lineNo))
    : [];
  return boxes.map((b) => ({ ...b, items: items.filter((i) => i.boxId === b.id).map((i) => ({ lineNo: i.lineNo, quantity: i.quantity })) }));
}

const boxes: Flow = {
  stages: () => [
    async (ctx) => {
      const [lines, list] = await Promise.all([linesOf(ctx.db, ctx.inbound.id), boxesOf(ctx.db, ctx.inbound.id)]);
      const byLine = new Map(lines.map((l) => [l.lineNo, l]));
      return {
        operationId: await ctx.client.setPackingInformation(planIdOf(ctx), {
          packageGroupings: [
            {
              packingGroupId: ctx.inbound.packingGroupId ?? undefined,
              boxes: list.map((b) => ({
                contentInformationSource: 'BOX_CONTENT_PROVIDED' as const,
                dimensions: { length: Number(b.length), width: Number(b.width), height: Number(b.height), unitOfMeasurement: b.dimensionUnit },
                weight: { value: Number(b.weight), unit: b.weightUnit },
                quantity: 1,
                items: b.items.map((i) => {
                  const l = byLine.get(i.lineNo)!;
                  return { msku: l.sellerSku, quantity: i.quantity, labelOwner: l.labelOwner, prepOwner: l.prepOwner };
                }),
              })),
            },
          ],
        }),
      };
    },
    async (ctx) => ({ operationId: await ctx.client.generatePlacementOptions(planIdOf(ctx)) }),
  ],
  async finish(ctx) {
    const planId = planIdOf(ctx);
    const options = (await allPages(async (t) => {
      const r = await ctx.client.listPlacementOptions(planId, { paginationToken: t });
      return { items: r.placementOptions, next: r.pagination?.nextToken };
    }))
      .filter((o) => o.status === 'OFFERED')
      .map(placementChoice)
      .sort((a, b) => (a.fee?.minor ?? 0) - (b.fee?.minor ?? 0));
    return async (tx, now) => {
      await atStep(tx, ctx.inbound.id, 'boxes', 'placement', { placementOptions: options }, `Amazon has the box contents and offered ${options.length} placement option${options.length === 1 ? '' : 's'}.`, now);
    };
  },
};

/** Pairs Amazon's boxes of a shipment with ours: same items and quantities, in box order. */
function matchBoxes(ours: BoxWithItems[], lines: Line[], amazon: InboundBox[], taken: Set<string>) {
  const skuOf = new Map(lines.map((l) => [l.lineNo, l.sellerSku]));
  const key = (items: { sku: string; quantity: number }[]) =>
    items
      .map((i) => `${i.sku}×${i.quantity}`)
      .sort()
      .join(',');
  return amazon.map((a) => {
    const k = key((a.items ?? []).map((i) => ({ sku: i.msku, quantity: i.quantity })));
    const mine = ours.find((b) => !taken.has(b.id) && key(b.items.map((i) => ({ sku: skuOf.get(i.lineNo) ?? '', quantity: i.quantity }))) === k);
    if (mine) taken.add(mine.id);
    return { amazon: a, box: mine ?? null };
  });
}

const placement: Flow = {
  stages: () => [
    async (ctx) => {
      const planId = planIdOf(ctx);
      const optionId = String(ctx.payload.placementOptionId);
      // A repeat may follow a confirmation Amazon carried out (its answer lost): Amazon refuses a second one.
      if (ctx.repeat) {
        const options = await allPages(async (t) => {
          const r = await ctx.client.listPlacementOptions(planId, { paginationToken: t });
          return { items: r.placementOptions, next: r.pagination?.nextToken };
        });
        if (options.some((o) => o.placementOptionId === optionId && o.status === 'ACCEPTED')) return;
      }
      return { operationId: await ctx.client.confirmPlacementOption(planId, optionId) };
    },
  ],
  async finish(ctx) {
    const planId = planIdOf(ctx);
    const chosen = (ctx.inbound.placementOptions as PlacementChoice[]).find((o) => o.id === ctx.payload.placementOptionId);
    if (!chosen) throw new DomainError('INVALID_INPUT', 'That placement option is no longer offered.');
    const [lines, ours] = await Promise.all([linesOf(ctx.db, ctx.inbound.id), boxesOf(ctx.db, ctx.inbound.id)]);
    const taken = new Set<string>();
    const shipments: { detail: InboundShipment; boxes: ReturnType<typeof matchBoxes> }[] = [];
    for (const shipmentId of chosen.shipmentIds) {
      const detail = await ctx.client.getShipment(planId, shipmentId);
      const amazonBoxes = await allPages(async (t) => {
        const r = await ctx.client.listShipmentBoxes(planId, shipmentId, { paginationToken: t });
        return { items: r.boxes, next: r.pagination?.nextToken };
      });
      shipments.push({ detail, boxes: matchBoxes(ours, lines, amazonBoxes, taken) });
    }
    const lineOfSku = new Map(lines.map((l) => [l.sellerSku, l.lineNo]));
    return async (tx, now) => {
      const moved = await atStep(
        tx,
        ctx.inbound.id,
        'placement',
        'transport',
        { placementOptionId: chosen.id, placementFee: chosen.fee?.minor ?? null, currency: chosen.fee?.currency ?? ctx.inbound.currency },
        `Amazon confirmed the placement: ${shipments.length} shipment${shipments.length === 1 ? '' : 's'} (${shipments.map((s) => `${s.detail.shipmentConfirmationId ?? s.detail.shipmentId} to ${s.detail.destination.warehouseId ?? 'Amazon'}`).join(', ')}).`,
        now,
      );
      if (!moved) return;
      for (const s of shipments) {
        const d = s.detail;
        const [row] = await tx
          .insert(inboundAmazonShipments)
          .values({
            inboundId: ctx.inbound.id,
            shipmentId: d.shipmentId,
            confirmationId: d.shipmentConfirmationId ?? null,
            name: d.name ?? null,
            warehouseId: d.destination.warehouseId ?? null,
            destination: d.destination.address ? addressRecord(d.destination.address) : null,
            amazonStatus: d.status ?? null,
            statusUpdatedAt: now,
          })
          .onConflictDoUpdate({ target: inboundAmazonShipments.shipmentId, set: { confirmationId: d.shipmentConfirmationId ?? null, amazonStatus: d.status ?? null, statusUpdatedAt: now } })
          .returning({ id: inboundAmazonShipments.id });
        const shipped = new Map<number, number>();
        for (const { amazon, box } of s.boxes) {
          for (const item of amazon.items ?? []) {
            const lineNo = lineOfSku.get(item.msku);
            if (lineNo !== undefined) shipped.set(lineNo, (shipped.get(lineNo) ?? 0) + item.quantity);
          }
          if (box) await tx.update(inboundBoxes).set({ amazonBoxId: amazon.boxId ?? null, amazonShipmentId: row.id }).where(eq(inboundBoxes.id, box.id));
        }
        for (const [lineNo, quantity] of shipped)
          await tx
            .insert(inboundReceipts)
            .values({ amazonShipmentId: row.id, lineNo, shipped: quantity, updatedAt: now })
            .onConflictDoUpdate({ target: [inboundReceipts.amazonShipmentId, inboundReceipts.lineNo], set: { shipped: quantity, updatedAt: now } });
      }
    };
  },
};

export function addressRecord(a: InboundAddress): Record<string, string | null> {
  return {
    name: a.name,
    companyName: a.companyName ?? null,
    addressLine1: a.addressLine1,
    addressLine2: a.addressLine2 ?? null,
    city: a.city,
    stateOrProvinceCode: a.stateOrProvinceCode ?? null,
    postalCode: a.postalCode,
    countryCode: a.countryCode,
  };
}

const transport: Flow = {
  stages: async (ctx) => [
    async () => {
      const shipments = await amazonShipmentsOf(ctx.db, ctx.inbound.id);
      const ship = ctx.inbound.shipFrom;
      return {
        operationId: await ctx.client.generateTransportationOptions(planIdOf(ctx), {
          placementOptionId: ctx.inbound.placementOptionId ?? '',
          shipmentTransportationConfigurations: shipments.map((s) => ({
            shipmentId: s.shipmentId,
            readyToShipWindow: { start: `${String(ctx.payload.readyToShipOn)}T00:00:00Z` },
            contactInformation: { name: ship.contactName ?? ship.name ?? '', phoneNumber: ship.phoneNumber ?? '', ...(ship.email ? { email: ship.email } : {}) },
          })),
        }),
      };
    },
  ],
  async finish(ctx) {
    const planId = planIdOf(ctx);
    const options = (
      await allPages(async (t) => {
        const r = await ctx.client.listTransportationOptions(planId, { placementOptionId: ctx.inbound.placementOptionId ?? '', paginationToken: t });
        return { items: r.transportationOptions, next: r.pagination?.nextToken };
      })
    ).map((o) => ({ shipmentId: o.shipmentId, choice: transportChoice(o) }));
    return async (tx, now) => {
      const [cur] = await tx.select({ step: inboundShipments.step }).from(inboundShipments).where(eq(inboundShipments.id, ctx.inbound.id)).for('update');
      if (cur?.step !== 'transport') return logInbound(tx, ctx.inbound.id, 'Amazon calculated shipping charges, but the wizard had moved on; nothing changed.', null, now);
      const shipments = await amazonShipmentsOf(tx, ctx.inbound.id);
      for (const s of shipments) {
        const mine = options.filter((o) => o.shipmentId === s.shipmentId).map((o) => o.choice);
        await tx
          .update(inboundAmazonShipments)
          .set({ transportationOptions: mine, transportationOptionId: null, partnered: null, carrier: null, charge: null, currency: null })
          .where(eq(inboundAmazonShipments.id, s.id));
      }
      await tx.update(inboundShipments).set({ readyToShipOn: String(ctx.payload.readyToShipOn), updatedAt: now }).where(eq(inboundShipments.id, ctx.inbound.id));
      await logInbound(tx, ctx.inbound.id, `Amazon calculated shipping charges for goods ready on ${String(ctx.payload.readyToShipOn)}: ${options.length} option${options.length === 1 ? '' : 's'}.`, null, now);
    };
  },
};

/** Shipments going with another carrier: they need a delivery window (Amazon's precondition CONFIRMED_DELIVERY_WINDOW). */
const ownCarrierShipments = async (db: Db | Tx, inboundId: string) =>
  db
    .select()
    .from(inboundAmazonShipments)
    .where(and(eq(inboundAmazonShipments.inboundId, inboundId), eq(inboundAmazonShipments.partnered, false), isNotNull(inboundAmazonShipments.transportationOptionId)))
    .orderBy(asc(inboundAmazonShipments.name), asc(inboundAmazonShipments.shipmentId));

const delivery: Flow = {
  stages: async (ctx) => (await ownCarrierShipments(ctx.db, ctx.inbound.id)).map((s) => async () => ({ operationId: await ctx.client.generateDeliveryWindowOptions(planIdOf(ctx), s.shipmentId) })),
  async finish(ctx) {
    const planId = planIdOf(ctx);
    const shipments = await ownCarrierShipments(ctx.db, ctx.inbound.id);
    const windows: { id: string; options: DeliveryWindowChoice[] }[] = [];
    for (const s of shipments) {
      const list = await allPages(async (t) => {
        const r = await ctx.client.listDeliveryWindowOptions(planId, s.shipmentId, { paginationToken: t });
        return { items: r.deliveryWindowOptions, next: r.pagination?.nextToken };
      });
      windows.push({ id: s.id, options: list.filter((o) => o.availabilityType === 'AVAILABLE').map(deliveryWindowChoice) });
    }
    return async (tx, now) => {
      const moved = await atStep(tx, ctx.inbound.id, 'transport', 'delivery', {}, 'Amazon offered delivery windows for the shipments going with another carrier.', now);
      if (!moved) return;
      for (const w of windows)
        await tx.update(inboundAmazonShipments).set({ deliveryWindowOptions: w.options, deliveryWindowOptionId: null, deliveryWindowStart: null, deliveryWindowEnd: null }).where(eq(inboundAmazonShipments.id, w.id));
    };
  },
};

const confirm: Flow = {
  stages: async (ctx) => {
    const planId = planIdOf(ctx);
    const shipments = await amazonShipmentsOf(ctx.db, ctx.inbound.id);
    return [
      ...shipments
        .filter((s) => s.partnered === false && s.deliveryWindowOptionId)
        .map((s) => async () => ({ operationId: await ctx.client.confirmDeliveryWindowOptions(planId, s.shipmentId, s.deliveryWindowOptionId!) })),
      async () => ({
        operationId: await ctx.client.confirmTransportationOptions(planId, {
          transportationSelections: shipments.map((s) => ({ shipmentId: s.shipmentId, transportationOptionId: s.transportationOptionId ?? '' })),
        }),
      }),
    ];
  },
  async finish(ctx) {
    const planId = planIdOf(ctx);
    const shipments = await amazonShipmentsOf(ctx.db, ctx.inbound.id);
    const details: InboundShipment[] = [];
    for (const s of shipments) details.push(await ctx.client.getShipment(planId, s.shipmentId));
    return (tx, now) => confirmedRecord(tx, ctx.inbound.id, details, now);
  },
};

const tracking: Flow = {
  stages: async (ctx) => {
    const [s] = await ctx.db.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.id, String(ctx.payload.amazonShipmentId)));
    if (!s) throw new DomainError('NOT_FOUND', 'That shipment is no longer part of this inbound shipment.');
    return [
      async () => ({
        operationId: await ctx.client.updateShipmentTrackingDetails(planIdOf(ctx), s.shipmentId, { trackingDetails: { spdTrackingDetail: { spdTrackingItems: s.tracking } } }),
        remember: { label: s.confirmationId ?? s.shipmentId },
      }),
    ];
  },
  async finish(ctx) {
    return async (tx, now) => {
      await logInbound(tx, ctx.inbound.id, `Amazon has the tracking numbers of shipment ${String(ctx.payload.label)}.`, null, now);
      // Tracking numbers mean the boxes left with the carrier.
      await shipInboundTransfer(tx, { transferId: ctx.inbound.transferId, inboundId: ctx.inbound.id, userId: null, at: now });
    };
  },
};

export const INBOUND_FLOWS: Record<InboundOutboxKind, Flow> = {
  [INBOUND_OUTBOX.plan]: plan,
  [INBOUND_OUTBOX.packing]: packing,
  [INBOUND_OUTBOX.boxes]: boxes,
  [INBOUND_OUTBOX.placement]: placement,
  [INBOUND_OUTBOX.transport]: transport,
  [INBOUND_OUTBOX.delivery]: delivery,
  [INBOUND_OUTBOX.confirm]: confirm,
  [INBOUND_OUTBOX.tracking]: tracking,
};
