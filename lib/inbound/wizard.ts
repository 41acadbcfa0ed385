import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { fbaConnections, fbaListings, inboundAmazonShipments, inboundBoxItems, inboundBoxes, inboundShipmentLines, inboundShipments, locations, outbox, stockTransfers } from '@/db/schema';
import { DomainError, isDomainError } from '@/lib/errors';
import { enqueue, pendingCalls } from '@/lib/fulfilment/outbox-queue';
import { assertAvailable } from '@/lib/stock/availability';
import { findProductsBySku } from '@/lib/stock/product-lookup';
import { assertPlaces } from '@/lib/stock/places';
import { createTransfer } from '@/lib/stock/transfers';
import type { DeliveryWindowChoice, PackingChoice, PlacementChoice, TransportChoice } from './inbound-options';
import { INBOUND_OUTBOX, type InboundOutboxKind } from './inbound-outbox';
import { INBOUND_FINAL } from './inbound-status';
import { logInbound, shipInboundTransfer } from './inbound-write';
import { shipFromOf } from './ship-from';
import type { BoxesInput, NewInboundInput } from './wizard-inputs';

// The wizard's steps on our side: each action checks the shipment is at the step the page showed and
// that Amazon is not still working on the previous call, writes the choice, and queues the call to
// Amazon (an `inbound.*` outbox row) in the same transaction. The drain does the rest.

type InboundRow = typeof inboundShipments.$inferSelect;
type Step = InboundRow['step'];

/** Amazon allows 40 characters for a plan's name. */
const planName = (transferNumber: string, from: string) => `${transferNumber} from ${from}`.slice(0, 40);

/**
 * Step 1: the goods. One transaction: a Draft stock transfer from the source to the FBA location,
 * the inbound shipment with the Setup tab's ship-from, its lines (each product must be mapped to an
 * FBA listing of the connection, and available at the source), and the call that creates the plan.
 */
export async function startInbound(db: Db, input: NewInboundInput, userId: string | null) {
  return db.transaction(async (tx) => {
    const [conn] = await tx.select().from(fbaConnections).where(eq(fbaConnections.id, input.connectionId)).for('update');
    if (!conn) throw new DomainError('NOT_FOUND', 'That FBA connection no longer exists.');
    if (conn.status !== 'Active') throw new DomainError('INVALID_TRANSITION', 'This connection is disconnected: inbound shipments can no longer be sent.');
    const shipFrom = shipFromOf(conn);
    await assertPlaces(tx, [input.from], () => 'from');
    const [source] = await tx.select({ name: locations.name, external: locations.externalConnectionId }).from(locations).where(eq(locations.id, input.from.locationId));
    if (source.external) throw new DomainError('INVALID_INPUT', 'Send goods from one of your own locations.', { from: ['Choose one of your own locations, not an external one.'] });

    const found = await findProductsBySku(tx, input.lines.map((l) => l.sku));
    const problems: Record<string, string[]> = {};
    const seen = new Map<string, number>();
    for (const l of input.lines) {
      const p = found.get(l.sku.trim().toLowerCase());
      if (!p) problems[`sku.${l.index}`] = [`No product has SKU ${l.sku}.`];
      else if (seen.has(p.id)) problems[`sku.${l.index}`] = [`${p.sku} is already on line ${seen.get(p.id)! + 1}: one line per product.`];
      else seen.set(p.id, l.index);
    }
    const productIds = [...seen.keys()];
    const listings = productIds.length
      ? await tx
          .select({ productId: fbaListings.productId, sellerSku: fbaListings.sellerSku, fnsku: fbaListings.fnsku })
          .from(fbaListings)
          .where(and(eq(fbaListings.connectionId, conn.id), inArray(fbaListings.productId, productIds)))
          .orderBy(asc(fbaListings.sellerSku))
      : [];
    const listingOf = new Map<string, (typeof listings)[number]>();
    for (const l of listings) if (l.productId && !listingOf.has(l.productId)) listingOf.set(l.productId, l);
    for (const l of input.lines) {
      const p = found.get(l.sku.trim().toLowerCase());
      if (p && seen.get(p.id) === l.index && !listingOf.has(p.id))
        problems[`sku.${l.index}`] = [`${p.sku} is not mapped to an FBA listing of ${conn.name}: map it on the Catalog tab (Product Info) first.`];
    }
    if (Object.keys(problems).length) throw new DomainError('INVALID_INPUT', 'Some lines cannot be sent to Amazon.', problems);
    for (const l of input.lines) {
      const p = found.get(l.sku.trim().toLowerCase())!;
      try {
        await assertAvailable(tx, { productId: p.id, locationId: input.from.locationId, binId: input.from.binId, quantity: l.quantity });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        problems[`quantity.${l.index}`] = [e.message];
      }
    }
    if (Object.keys(problems).length) throw new DomainError('INSUFFICIENT_STOCK', 'Not enough stock at the source for some lines.', problems);

    const transfer = await createTransfer(
      tx,
      {
        from: input.from,
        to: { locationId: conn.locationId, binId: null },
        note: `Inbound shipment to ${conn.name} (Amazon FBA)`,
        lines: input.lines.map((l) => ({ index: l.index, productId: found.get(l.sku.trim().toLowerCase())!.id, quantity: l.quantity })),
      },
      userId,
    );
    const [inbound] = await tx
      .insert(inboundShipments)
      .values({ connectionId: conn.id, transferId: transfer.id, name: planName(transfer.number, source.name), shipFrom, createdBy: userId })
      .returning();
    await tx.insert(inboundShipmentLines).values(
      input.lines.map((l, i) => {
        const p = found.get(l.sku.trim().toLowerCase())!;
        const listing = listingOf.get(p.id)!;
        return { inboundId: inbound.id, lineNo: i + 1, productId: p.id, sellerSku: listing.sellerSku, fnsku: listing.fnsku, quantity: l.quantity, labelOwner: l.labelOwner, prepOwner: l.prepOwner };
      }),
    );
    await logInbound(tx, inbound.id, `Created with transfer ${transfer.number}: ${input.lines.reduce((n, l) => n + l.quantity, 0)} units of ${input.lines.length} product${input.lines.length === 1 ? '' : 's'} from ${source.name}.`, userId);
    await enqueue(tx, INBOUND_OUTBOX.plan, inbound.id);
    return inbound;
  });
}

/**
 * Locks the shipment for a wizard action and checks it is the Draft at the step the page showed,
 * with no call to Amazon still on its way (its answer would land on a changed wizard).
 */
async function lockAt(tx: Tx, id: string, steps: Step[]): Promise<InboundRow> {
  const [row] = await tx.select().from(inboundShipments).where(eq(inboundShipments.id, id)).for('update');
  if (!row || row.deletedAt) throw new DomainError('NOT_FOUND', 'That inbound shipment no longer exists.');
  if (row.status !== 'Draft' || row.step === 'done') throw new DomainError('INVALID_TRANSITION', `Inbound shipment ${row.name} is confirmed (${row.status}): its wizard is closed.`);
  if (!steps.includes(row.step)) throw new DomainError('STALE_STATE', `Inbound shipment ${row.name} changed since you opened it (it is at the ${row.step} step now). Reload and try again.`);
  if ((await pendingCalls(tx, id)).length) throw new DomainError('STALE_STATE', 'Amazon is still working on the previous step. Wait until it answers, then try again.');
  return row;
}

/** Step 2: the packing option Amazon offered that the user chose. */
export async function choosePacking(db: Db, input: { id: string; packingOptionId: string }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockAt(tx, input.id, ['packing']);
    const option = (row.packingOptions as PackingChoice[]).find((o) => o.id === input.packingOptionId);
    if (!option) throw new DomainError('INVALID_INPUT', 'Choose one of the packing options Amazon offered.', { packingOptionId: ['Choose a packing option.'] });
    await logInbound(tx, row.id, `Packing option ${option.id} chosen.`, userId);
    await enqueue(tx, INBOUND_OUTBOX.packing, row.id, { packingOptionId: option.id });
  });
}

/**
 * Step 3: the boxes and what each holds. Every unit of every line must be in exactly one box
 * (checked here, before anything is sent). Saving again (back from placement) replaces the boxes.
 */
export async function saveBoxes(db: Db, input: BoxesInput, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockAt(tx, input.id, ['boxes', 'placement']);
    const lines = await tx.select().from(inboundShipmentLines).where(eq(inboundShipmentLines.inboundId, row.id)).orderBy(asc(inboundShipmentLines.lineNo));
    const problems: Record<string, string[]> = {};
    for (const l of lines) {
      const boxed = input.boxes.reduce((n, b) => n + (b.items.find((i) => i.lineNo === l.lineNo)?.quantity ?? 0), 0);
      if (boxed !== l.quantity)
        problems[`line.${l.lineNo}`] = [`${l.sellerSku}: ${boxed} of ${l.quantity} units are in boxes${boxed > l.quantity ? ` (${boxed - l.quantity} too many)` : ''}. Every unit goes in exactly one box.`];
    }
    const known = new Set(lines.map((l) => l.lineNo));
    input.boxes.forEach((b) => {
      if (b.items.some((i) => !known.has(i.lineNo))) problems[`box.${b.index}`] = ['This box names a line the shipment does not have.'];
      if (!b.items.some((i) => i.quantity > 0)) problems[`box.${b.index}`] = ['An empty box: put units in it or remove it.'];
    });
    if (Object.keys(problems).length) throw new DomainError('INVALID_INPUT', 'The boxes do not hold exactly the units of the shipment.', problems);

    const old = await tx.select({ id: inboundBoxes.id }).from(inboundBoxes).where(eq(inboundBoxes.inboundId, row.id));
    if (old.length) {
      await tx.delete(inboundBoxItems).where(inArray(inboundBoxItems.boxId, old.map((b) => b.id)));
      await tx.delete(inboundBoxes).where(eq(inboundBoxes.inboundId, row.id));
    }
    const boxes = await tx
      .insert(inboundBoxes)
      .values(input.boxes.map((b, i) => ({ inboundId: row.id, boxNo: i + 1, length: b.length, width: b.width, height: b.height, dimensionUnit: b.dimensionUnit, weight: b.weight, weightUnit: b.weightUnit })))
      .returning({ id: inboundBoxes.id, boxNo: inboundBoxes.boxNo });
    const items = input.boxes.flatMap((b, i) => b.items.filter((it) => it.quantity > 0).map((it) => ({ boxId: boxes.find((x) => x.boxNo === i + 1)!.id, lineNo: it.lineNo, quantity: it.quantity })));
    for (let i = 0; i < items.length; i += 1000) await tx.insert(inboundBoxItems).values(items.slice(i, i + 1000));
    await tx.update(inboundShipments).set({ step: 'boxes', placementOptions: [], updatedAt: new Date() }).where(eq(inboundShipments.id, row.id));
    await logInbound(tx, row.id, `Box contents saved: ${input.boxes.length} box${input.boxes.length === 1 ? '' : 'es'}.`, userId);
    await enqueue(tx, INBOUND_OUTBOX.boxes, row.id);
  });
}

/** Step 4: the placement option (its fee) the user chose; Amazon then creates the shipments. */
export async function choosePlacement(db: Db, input: { id: string; placementOptionId: string }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockAt(tx, input.id, ['placement']);
    const option = (row.placementOptions as PlacementChoice[]).find((o) => o.id === input.placementOptionId);
    if (!option) throw new DomainError('INVALID_INPUT', 'Choose one of the placement options Amazon offered.', { placementOptionId: ['Choose a placement option.'] });
    await logInbound(tx, row.id, `Placement option chosen: ${option.shipmentIds.length} shipment${option.shipmentIds.length === 1 ? '' : 's'}.`, userId);
    await enqueue(tx, INBOUND_OUTBOX.placement, row.id, { placementOptionId: option.id });
  });
}

/** Step 5a: "Calculate shipping charges" for goods ready on a day: Amazon's partnered quote and other carriers. */
export async function calculateTransport(db: Db, input: { id: string; readyToShipOn: string }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockAt(tx, input.id, ['transport']);
    await logInbound(tx, row.id, `Shipping charges asked for goods ready on ${input.readyToShipOn}.`, userId);
    await enqueue(tx, INBOUND_OUTBOX.transport, row.id, { readyToShipOn: input.readyToShipOn });
  });
}

const shipmentsOf = (tx: Tx, id: string) => tx.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, id)).orderBy(asc(inboundAmazonShipments.name), asc(inboundAmazonShipments.shipmentId));

/**
 * Step 5b: a carrier per shipment, Amazon-partnered (its quote) or another carrier. Shipments going
 * with another carrier need a delivery window next; with only partnered carriers the wizard goes to review.
 */
export async function chooseTransport(db: Db, input: { id: string; selections: { shipmentId: string; transportationOptionId: string }[] }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockAt(tx, input.id, ['transport', 'delivery', 'review']);
    const shipments = await shipmentsOf(tx, row.id);
    const problems: Record<string, string[]> = {};
    const chosen = shipments.map((s) => {
      const pick = input.selections.find((x) => x.shipmentId === s.id);
      const option = (s.transportationOptions as TransportChoice[]).find((o) => o.id === pick?.transportationOptionId);
      if (!option) problems[`transport.${s.id}`] = [s.transportationOptions.length ? 'Choose a carrier for this shipment.' : 'Calculate shipping charges first.'];
      return { s, option };
    });
    if (Object.keys(problems).length) throw new DomainError('INVALID_INPUT', 'Choose a carrier for every shipment.', problems);
    for (const { s, option } of chosen)
      await tx
        .update(inboundAmazonShipments)
        .set({ transportationOptionId: option!.id, partnered: option!.partnered, carrier: option!.carrier, charge: option!.quote?.minor ?? null, currency: option!.quote?.currency ?? null })
        .where(eq(inboundAmazonShipments.id, s.id));
    const own = chosen.filter((c) => !c.option!.partnered).length;
    await logInbound(tx, row.id, `Carriers chosen: ${chosen.map((c) => `${c.s.confirmationId ?? c.s.shipmentId} ${c.option!.partnered ? `Amazon-partnered (${c.option!.carrier})` : 'another carrier'}`).join('; ')}.`, userId);
    await tx.update(inboundShipments).set({ step: 'transport', updatedAt: new Date() }).where(eq(inboundShipments.id, row.id));
    if (own > 0) await enqueue(tx, INBOUND_OUTBOX.delivery, row.id);
    else await tx.update(inboundShipments).set({ step: 'review' }).where(eq(inboundShipments.id, row.id));
  });
}

/** Step 6: a delivery window per shipment going with another carrier. */
export async function chooseDelivery(db: Db, input: { id: string; selections: { shipmentId: string; deliveryWindowOptionId: string }[] }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockAt(tx, input.id, ['delivery', 'review']);
    const shipments = (await shipmentsOf(tx, row.id)).filter((s) => s.partnered === false);
    const problems: Record<string, string[]> = {};
    for (const s of shipments) {
      const pick = input.selections.find((x) => x.shipmentId === s.id);
      const option = (s.deliveryWindowOptions as DeliveryWindowChoice[]).find((o) => o.id === pick?.deliveryWindowOptionId);
      if (!option) {
        problems[`window.${s.id}`] = ['Choose a delivery window for this shipment.'];
        continue;
      }
      await tx
        .update(inboundAmazonShipments)
        .set({ deliveryWindowOptionId: option.id, deliveryWindowStart: new Date(option.start), deliveryWindowEnd: new Date(option.end) })
        .where(eq(inboundAmazonShipments.id, s.id));
    }
    if (Object.keys(problems).length) throw new DomainError('INVALID_INPUT', 'Choose a delivery window for every shipment going with another carrier.', problems);
    await tx.update(inboundShipments).set({ step: 'review', updatedAt: new Date() }).where(eq(inboundShipments.id, row.id));
    await logInbound(tx, row.id, 'Delivery windows chosen.', userId);
  });
}

/** Step 7: Confirm — Amazon confirms the delivery windows and the transportation; the shipment is then Ready to Ship. */
export async function confirmInbound(db: Db, input: { id: string }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockAt(tx, input.id, ['review']);
    const shipments = await shipmentsOf(tx, row.id);
    if (shipments.length === 0 || shipments.some((s) => !s.transportationOptionId || (s.partnered === false && !s.deliveryWindowOptionId)))
      throw new DomainError('INVALID_INPUT', 'Choose a carrier (and, for other carriers, a delivery window) for every shipment first.');
    await logInbound(tx, row.id, 'Confirm pressed: sending the choices to Amazon.', userId);
    await enqueue(tx, INBOUND_OUTBOX.confirm, row.id);
  });
}

/** Back to an earlier step of the wizard while nothing is confirmed at Amazon that forbids it. */
export async function goBack(db: Db, input: { id: string; to: 'boxes' | 'transport' }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockAt(tx, input.id, input.to === 'boxes' ? ['placement'] : ['delivery', 'review']);
    await tx.update(inboundShipments).set({ step: input.to, updatedAt: new Date() }).where(eq(inboundShipments.id, row.id));
    await logInbound(tx, row.id, input.to === 'boxes' ? 'Back to the box contents.' : 'Back to the carriers.', userId);
  });
}

/** Retry: the last call Amazon refused (or that gave up), asked again with the same choice. */
export async function retryInbound(db: Db, input: { id: string }, userId: string | null) {
  return db.transaction(async (tx) => {
    const [cur] = await tx.select({ step: inboundShipments.step }).from(inboundShipments).where(eq(inboundShipments.id, input.id));
    const row = cur?.step === 'done' ? await lockConfirmed(tx, input.id) : await lockAt(tx, input.id, ['items', 'packing', 'boxes', 'placement', 'transport', 'delivery', 'review']);
    const [last] = await tx.select().from(outbox).where(eq(outbox.subjectId, row.id)).orderBy(sql`${outbox.id} DESC`).limit(1);
    if (!last || last.status !== 'failed') throw new DomainError('INVALID_TRANSITION', 'Nothing to retry: the last call to Amazon did not fail.');
    const { operationId: _op, polls: _polls, ...payload } = last.payload as Record<string, unknown>;
    await logInbound(tx, row.id, 'Retry pressed.', userId);
    await enqueue(tx, last.kind as InboundOutboxKind, row.id, payload);
  });
}

/** A confirmed shipment, locked for a change after the wizard (tracking numbers, Ship); refused once Amazon closed or dropped it. */
async function lockConfirmed(tx: Tx, id: string): Promise<InboundRow> {
  const [row] = await tx.select().from(inboundShipments).where(eq(inboundShipments.id, id)).for('update');
  if (!row || row.deletedAt) throw new DomainError('NOT_FOUND', 'That inbound shipment no longer exists.');
  if (row.step !== 'done') throw new DomainError('INVALID_TRANSITION', `Inbound shipment ${row.name} is not confirmed yet: finish its wizard first.`);
  if (INBOUND_FINAL.includes(row.status)) throw new DomainError('INVALID_TRANSITION', `Inbound shipment ${row.name} is ${row.status}: it can no longer change.`);
  return row;
}

/**
 * Another carrier's tracking numbers, one per box of an Amazon shipment, sent to Amazon
 * (updateShipmentTrackingDetails); the boxes have then left, so the transfer ships if it has not.
 */
export async function saveTracking(db: Db, input: { id: string; shipmentId: string; tracking: { boxId: string; trackingId: string }[] }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockConfirmed(tx, input.id);
    const [s] = await tx
      .select()
      .from(inboundAmazonShipments)
      .where(and(eq(inboundAmazonShipments.id, input.shipmentId), eq(inboundAmazonShipments.inboundId, row.id)));
    if (!s) throw new DomainError('NOT_FOUND', 'That shipment is not part of this inbound shipment.');
    if (s.partnered !== false) throw new DomainError('INVALID_INPUT', "Amazon's partnered carrier tracks this shipment itself.");
    const boxes = await tx.select().from(inboundBoxes).where(eq(inboundBoxes.amazonShipmentId, s.id)).orderBy(asc(inboundBoxes.boxNo));
    const problems: Record<string, string[]> = {};
    const items = boxes.flatMap((b) => {
      const t = input.tracking.find((x) => x.boxId === b.id)?.trackingId.trim() ?? '';
      if (!t) problems[`tracking.${b.id}`] = ['Enter the tracking number of this box.'];
      return t && b.amazonBoxId ? [{ boxId: b.amazonBoxId, trackingId: t }] : [];
    });
    if (Object.keys(problems).length) throw new DomainError('INVALID_INPUT', 'Every box needs its tracking number.', problems);
    if ((await pendingCalls(tx, row.id)).length) throw new DomainError('STALE_STATE', 'Amazon is still working on the previous change. Wait until it answers, then try again.');
    await tx.update(inboundAmazonShipments).set({ tracking: items }).where(eq(inboundAmazonShipments.id, s.id));
    await logInbound(tx, row.id, `Tracking numbers entered for shipment ${s.confirmationId ?? s.shipmentId}: ${items.map((i) => i.trackingId).join(', ')}.`, userId);
    await enqueue(tx, INBOUND_OUTBOX.tracking, row.id, { amazonShipmentId: s.id });
  });
}

/** Ship: the shipment's transfer leaves the source location (when the Setup tab creates transfers On Hold, or it could not ship at Confirm). */
export async function shipInbound(db: Db, input: { id: string }, userId: string | null) {
  return db.transaction(async (tx) => {
    const row = await lockConfirmed(tx, input.id);
    const [transfer] = await tx.select({ status: stockTransfers.status, number: stockTransfers.number }).from(stockTransfers).where(eq(stockTransfers.id, row.transferId));
    if (transfer?.status !== 'Draft') throw new DomainError('INVALID_TRANSITION', `Transfer ${transfer?.number ?? ''} is ${transfer?.status ?? 'gone'}: it has already shipped.`);
    await shipInboundTransfer(tx, { transferId: row.transferId, inboundId: row.id, userId, at: new Date(), refusal: 'throw' });
  });
}
