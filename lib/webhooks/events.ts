/**
 * The events another system can subscribe to (Settings → Webhooks), with the words the form shows.
 * The type names are part of the public contract: never renamed, only added to. Client-safe.
 */
export const WEBHOOK_EVENTS = {
  'sale.stage_changed': 'Sale stage changed (Order, Pick, Pack, Ship, Invoice)',
  'fulfilment_order.status_changed': 'Fulfilment order status changed',
  'tracking.added': 'Tracking added (a package of a fulfilment order, a sale shipped with a tracking number)',
  'stock.level_changed': 'Stock level changed',
  'inbound_shipment.status_changed': 'Inbound shipment status changed',
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENTS) as [WebhookEventType, ...WebhookEventType[]];

/** Sent only by "Send test event", to the one endpoint, whatever it subscribes to. */
export const PING_EVENT = 'ping';

/** What a receiver gets: the JSON body of every delivery. */
export type WebhookEvent<T = Record<string, unknown>> = { id: string; type: WebhookEventType | typeof PING_EVENT; createdAt: string; data: T };

/** Levels per `stock.level_changed` event: a 50,000-line stocktake makes 100 events, not 50,000. */
export const STOCK_LEVELS_PER_EVENT = 500;

export const DELIVERY_STATUS_LABEL = { pending: 'Retrying', delivered: 'Delivered', failed: 'Failed' } as const;

/** The status a person reads: a delivery not yet tried is Queued, one tried and waiting is Retrying. */
export function deliveryStatusLabel(status: keyof typeof DELIVERY_STATUS_LABEL, attempts: number) {
  return status === 'pending' && attempts === 0 ? 'Queued' : DELIVERY_STATUS_LABEL[status];
}
