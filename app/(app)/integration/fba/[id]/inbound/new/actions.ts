'use server';

import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { action } from '@/lib/action';
import { PERMISSION } from '@/lib/auth/permissions';
import { startInbound } from '@/lib/inbound/wizard';
import { NewInboundInput, parseNewInboundForm } from '@/lib/inbound/wizard-inputs';

/** The wizard's first step: the goods. Creates the Draft transfer and the shipment, queues the plan at Amazon, and opens the shipment. */
export const startInboundAction = action({ input: NewInboundInput, permission: PERMISSION.fba, parse: parseNewInboundForm }, async (input, { user }) => {
  const inbound = await startInbound(await getDb(), input, user.id);
  redirect(`/integration/fba/${input.connectionId}/inbound/${inbound.id}`);
});
