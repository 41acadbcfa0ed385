import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { inboundShipments, stockTransfers } from '@/db/schema';
import { DomainError, isDomainError } from '@/lib/errors';
import { voidTransfer } from '@/lib/stock/transfers';
import { logInbound } from './inbound-write';

/** What X says, before (the confirmation) and after: our record goes, Amazon's shipment does not. */
export const AMAZON_NOT_DELETED =
  'The shipment at Amazon is NOT deleted: if it was sent to Amazon, cancel or delete it in Seller Central (Send to Amazon → Shipments).';

/**
 * X on the Inbound Shipments tab, in one transaction: the record is marked deleted (by whom,
 * when), its transfer is voided from whatever status it has reached (reversing every movement it
 * posted: the goods back at the source, anything Amazon received taken out of the FBA location),
 * and the log says so. Refused when the transfer cannot be voided because stock it delivered has
 * since left the FBA location. Nothing is sent to Amazon.
 */
export async function deleteInbound(db: Db, inboundId: string, userId: string | null, opts: { connectionId?: string } = {}) {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(inboundShipments).where(eq(inboundShipments.id, inboundId)).for('update');
    if (!row || (opts.connectionId && row.connectionId !== opts.connectionId)) throw new DomainError('NOT_FOUND', 'This inbound shipment does not exist.');
    if (row.deletedAt) throw new DomainError('STALE_STATE', `Inbound shipment ${row.name} was already deleted.`);
    const [transfer] = await tx.select().from(stockTransfers).where(eq(stockTransfers.id, row.transferId)).for('update');
    if (transfer.status !== 'Voided') {
      try {
        await voidTransfer(tx, transfer.id, transfer.status, userId, { byInbound: true });
      } catch (e) {
        if (isDomainError(e) && e.code === 'INSUFFICIENT_STOCK')
          throw new DomainError(
            'INSUFFICIENT_STOCK',
            `Inbound shipment ${row.name} cannot be deleted: its transfer ${transfer.number} cannot be voided because stock it delivered to the FBA location has since left it (sold or moved). Nothing was changed.`,
          );
        throw e;
      }
    }
    const at = new Date();
    await tx.update(inboundShipments).set({ deletedAt: at, deletedBy: userId, updatedAt: at }).where(eq(inboundShipments.id, row.id));
    const message = `Inbound shipment ${row.name} deleted here and transfer ${transfer.number} voided${transfer.status === 'Draft' || transfer.status === 'Voided' ? '' : ' (its stock movements reversed)'}. ${AMAZON_NOT_DELETED}`;
    await logInbound(tx, row.id, message, userId, at);
    return { id: row.id, name: row.name, connectionId: row.connectionId, transferNumber: transfer.number, message };
  });
}
