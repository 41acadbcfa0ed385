import { z } from 'zod';

/** Download on the Inbound Shipments tab: fetch every open shipment's status from Amazon now. */
export const DownloadInboundInput = z.object({ connectionId: z.uuid('Unknown FBA connection.') });

/** X on a row of the Inbound Shipments tab (after its confirmation). */
export const DeleteInboundInput = z.object({
  connectionId: z.uuid('Unknown FBA connection.'),
  inboundId: z.uuid('Unknown inbound shipment.'),
});
