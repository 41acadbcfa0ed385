import { asc, eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { fbaConnections, inboundAmazonShipments, inboundShipments } from '@/db/schema';
import type { InboundShipment } from '@/lib/fba/sp-api/models/inbound';
import { queueInboundLabels } from '@/lib/labels/documents';
import { aggregateInboundStatus, AMAZON_SHIPMENT_WALK, inboundStatusOf, type InboundStatus } from './inbound-status';
import { logInbound, moveInbound, shipInboundTransfer } from './inbound-write';

/** Amazon's shipment statuses past the wizard's last one (READY_TO_SHIP). */
const AFTER_READY: readonly string[] = AMAZON_SHIPMENT_WALK.slice(AMAZON_SHIPMENT_WALK.indexOf('READY_TO_SHIP') + 1);

/**
 * Amazon confirmed the transportation (and delivery windows): the wizard is done. In the drain's
 * transaction: Amazon's statuses on each shipment, Draft → Amazon's status (Ready to Ship), the
 * estimated shipping charges (the partnered carriers' quotes), and — when the Setup tab creates
 * orders as Shipped — the transfer ships (the goods leave the source location). A transfer that
 * cannot ship (the stock is no longer there) is logged and left Draft for the user to ship later.
 * Box and shipping labels are queued for the worker.
 */
export async function confirmedRecord(tx: Tx, inboundId: string, details: InboundShipment[], now: Date) {
  const [inbound] = await tx.select().from(inboundShipments).where(eq(inboundShipments.id, inboundId)).for('update');
  if (!inbound || inbound.step !== 'review' || inbound.status !== 'Draft') {
    if (inbound) await logInbound(tx, inboundId, 'Amazon confirmed the transportation, but the shipment had moved on here; nothing changed.', null, now);
    return;
  }
  // The wizard ends at Ready to Ship. Should Amazon already be further (the carrier picked the boxes
  // up, or more, before this answer was read), the status download takes it from there: it moves
  // the status on and reads the receipts, which it would skip for a shipment recorded as CLOSED.
  const atMost = (s: string | undefined) => (s && AFTER_READY.includes(s) ? 'READY_TO_SHIP' : (s ?? null));
  for (const d of details)
    await tx.update(inboundAmazonShipments).set({ amazonStatus: atMost(d.status), confirmationId: d.shipmentConfirmationId ?? null, statusUpdatedAt: now }).where(eq(inboundAmazonShipments.shipmentId, d.shipmentId));
  const shipments = await tx.select().from(inboundAmazonShipments).where(eq(inboundAmazonShipments.inboundId, inboundId)).orderBy(asc(inboundAmazonShipments.shipmentId));
  const quoted = shipments.filter((s) => s.partnered && s.charge !== null);
  const currency = quoted[0]?.currency ?? inbound.currency;
  const charges = quoted.filter((s) => s.currency === currency).reduce((n, s) => n + (s.charge ?? 0), 0);
  const status: InboundStatus = aggregateInboundStatus(details.map((d) => inboundStatusOf(atMost(d.status) ?? '') ?? 'Ready to Ship')) ?? 'Ready to Ship';
  const to = status === 'Draft' || status === 'Working' ? 'Ready to Ship' : status;
  await moveInbound(tx, inboundId, 'Draft', to, {
    message: `Amazon confirmed the shipment${shipments.length === 1 ? '' : 's'} ${shipments.map((s) => s.confirmationId ?? s.shipmentId).join(', ')}: ${to}.`,
    userId: null,
    set: { step: 'done', confirmedAt: now, estimatedCharges: quoted.length ? charges : null, currency },
    at: now,
  });
  const [conn] = await tx.select({ foCreateStatus: fbaConnections.foCreateStatus }).from(fbaConnections).where(eq(fbaConnections.id, inbound.connectionId));
  if (conn?.foCreateStatus === 'Shipped') await shipInboundTransfer(tx, { transferId: inbound.transferId, inboundId, userId: null, at: now });
  // The box labels (ours) and the shipping labels (Amazon's) of each shipment, made by the worker.
  const labels = await queueInboundLabels(tx, inboundId, null);
  await logInbound(tx, inboundId, `Labels queued: ${labels.length} document${labels.length === 1 ? '' : 's'} (box and shipping labels per shipment).`, null, now);
}
