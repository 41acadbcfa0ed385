import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { FNSKU_FORMATS, inboundShipmentLines, inboundShipments } from '@/db/schema';
import { DomainError } from '@/lib/errors';
import { queueInboundLabels, queueProductLabels } from '@/lib/labels/documents';
import { logInbound } from './inbound-write';

type FnskuFormat = (typeof FNSKU_FORMATS)[number];

async function confirmedOf(db: Db, id: string) {
  const [row] = await db.select().from(inboundShipments).where(eq(inboundShipments.id, id));
  if (!row || row.deletedAt) throw new DomainError('NOT_FOUND', 'That inbound shipment no longer exists.');
  if (row.step !== 'done') throw new DomainError('INVALID_TRANSITION', 'Labels come once Amazon has confirmed the shipment: finish its wizard first.');
  return row;
}

/**
 * Product labels for the shipment's units that you label (label owner: Seller): one label per unit,
 * on the chosen sheet. Units Amazon labels (its label service) or that need none are left out.
 */
export async function queueShipmentProductLabels(db: Db, input: { id: string; format: FnskuFormat }, userId: string | null) {
  const row = await confirmedOf(db, input.id);
  const lines = await db
    .select({ productId: inboundShipmentLines.productId, quantity: inboundShipmentLines.quantity })
    .from(inboundShipmentLines)
    .where(and(eq(inboundShipmentLines.inboundId, row.id), eq(inboundShipmentLines.labelOwner, 'SELLER')));
  if (lines.length === 0) throw new DomainError('INVALID_INPUT', 'No unit of this shipment is yours to label: Amazon labels them, or they need no label.');
  return db.transaction(async (tx) => {
    const doc = await queueProductLabels(tx, { connectionId: row.connectionId, inboundId: row.id, format: input.format, items: lines }, userId);
    await logInbound(tx, row.id, `Product labels queued: ${lines.reduce((n, l) => n + l.quantity, 0)} labels.`, userId);
    return doc;
  });
}

/** Box and shipping labels again (after a failure, or a Setup change of the label page type). */
export async function requeueBoxAndShippingLabels(db: Db, input: { id: string }, userId: string | null) {
  const row = await confirmedOf(db, input.id);
  return db.transaction(async (tx) => {
    const docs = await queueInboundLabels(tx, row.id, userId);
    await logInbound(tx, row.id, `Labels queued again: ${docs.length} document${docs.length === 1 ? '' : 's'}.`, userId);
    return docs;
  });
}
