'use server';

import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { deleteInbound } from '@/lib/inbound/delete';
import { DeleteInboundInput, DownloadInboundInput } from '@/lib/inbound/inbound-inputs';
import { requestInboundDownload } from '@/lib/inbound/status-download';

const permission = PERMISSION.fba;

/** Download: records the intent only; the worker's drain reads Amazon (never the web request). */
export const downloadInboundAction = action({ input: DownloadInboundInput, permission }, async (input, { user }) => {
  const run = await requestInboundDownload(await getDb(), input.connectionId, 'force', user.id);
  return { runId: run.id };
});

/** X: deletes our record and voids its transfer; the shipment at Amazon is not touched (the result says so). */
export const deleteInboundAction = action({ input: DeleteInboundInput, permission }, async (input, { user }) => {
  const result = await deleteInbound(await getDb(), input.inboundId, user.id, { connectionId: input.connectionId });
  return { message: result.message };
});
