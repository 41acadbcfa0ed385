import type { SALE_ORDER_STATUSES, SALE_STAGE_STATUSES, SALE_STAGES } from '@/db/schema';
import { statusTable } from '@/lib/status-table';

export type SaleOrderStatus = (typeof SALE_ORDER_STATUSES)[number];
export type SaleStageStatus = (typeof SALE_STAGE_STATUSES)[number];
export type SaleStage = (typeof SALE_STAGES)[number];
/** The four stages after the order, each with its own status column. */
export type SaleStep = Exclude<SaleStage, 'Order'>;

/** The order: Authorise allocates the stock, Undo gives it back; only a Draft is voided. */
export const saleOrderStatus = statusTable<SaleOrderStatus>({
  document: 'sale order',
  next: {
    Draft: ['Authorised', 'Voided'],
    Authorised: ['Draft'],
    Voided: [],
  },
  buttons: {
    Authorised: { label: 'Authorise' },
    Voided: { label: 'Void', danger: true },
  },
});

/**
 * Pick, Pack, Ship and Invoice. A stage is Draft when its lines are saved but not authorised (the
 * pick lines holding the order's allocation, the ship lines AutoShip made); Undo takes an
 * authorised stage back to Draft, so its lines can be changed and authorised again.
 */
export const saleStageStatus = statusTable<SaleStageStatus>({
  document: 'sale stage',
  next: {
    'Not Started': ['Draft', 'Authorised'],
    Draft: ['Authorised', 'Not Started'],
    Authorised: ['Draft'],
  },
  buttons: {
    Authorised: { label: 'Authorise' },
  },
});

export const STEP_COLUMN = { Pick: 'pickStatus', Pack: 'packStatus', Ship: 'shipStatus', Invoice: 'invoiceStatus' } as const;

type SaleStatuses = { orderStatus: SaleOrderStatus; pickStatus: SaleStageStatus; packStatus: SaleStageStatus; shipStatus: SaleStageStatus; invoiceStatus: SaleStageStatus };

/**
 * Which tabs of the sale page can be opened: a stage is reachable once the one it follows is
 * authorised (Pack is optional: Ship follows Pick), and one already started stays reachable.
 */
export function reachableStages(s: SaleStatuses): Record<SaleStage, boolean> {
  const authorised = s.orderStatus === 'Authorised';
  const picked = s.pickStatus === 'Authorised';
  return {
    Order: true,
    Pick: authorised,
    Pack: authorised && (picked || s.packStatus !== 'Not Started'),
    Ship: authorised && (picked || s.shipStatus !== 'Not Started'),
    Invoice: authorised,
  };
}

/**
 * Why a stage cannot be undone now, or null: a stage is undone after the ones built on it
 * (Ship and Pack before Pick, everything before the order).
 */
export function undoBlocker(stage: SaleStage, s: SaleStatuses): string | null {
  const later: Record<SaleStage, SaleStep[]> = { Order: ['Pick', 'Invoice'], Pick: ['Pack', 'Ship'], Pack: ['Ship'], Ship: [], Invoice: [] };
  const blocking = later[stage].filter((st) => s[STEP_COLUMN[st]] === 'Authorised');
  if (blocking.length === 0) return null;
  return `Undo ${blocking.join(' and ')} first: ${stage} cannot be undone while ${blocking.length > 1 ? 'they are' : 'it is'} authorised.`;
}
