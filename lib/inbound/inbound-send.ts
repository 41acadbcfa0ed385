import { INBOUND_FLOWS } from './inbound-flows';
import { makeInboundHandler } from './inbound-outbox';

/** The wizard's `inbound.*` outbox rows: the drain sends them through these flows. */
export const inboundOutboxHandler = makeInboundHandler(INBOUND_FLOWS);
