import { SALE_STAGES } from '@/db/schema';
import { entryFor } from '@/lib/http/search-params';
import type { SaleStage } from './sale-status';

/**
 * What the sale page says after a button, by name: the action redirects with `?done=<name>` and
 * the page writes the words. The URL never carries the words themselves, so a link someone else
 * made cannot put a message of theirs in the page's green "done" box; a name not listed here shows
 * nothing (an own-property check: `?done=constructor` is not a name).
 */
export const SALE_DONE = ['created', 'order-voided', 'order-authorised', 'pick', 'pack', 'ship', 'invoice', 'payment', ...SALE_STAGES.map((s) => `undo-${s}` as const)] as const;
export type SaleDone = (typeof SALE_DONE)[number];

type About = {
  number: string;
  /** The sale's fulfilment orders, with whether the shipment that made each was undone. */
  fos: { number: string; undone: boolean }[];
};

const WORDS: Record<SaleDone, (sale: About) => string> = {
  created: (s) => `Sale ${s.number} created as Draft. Authorise the order to allocate its stock.`,
  'order-voided': () => 'Order voided.',
  'order-authorised': () => 'Order authorised: stock allocated.',
  pick: () => 'Pick authorised: the stock has left its locations.',
  pack: () => 'Pack authorised.',
  ship: (s) => {
    const fos = s.fos.filter((f) => !f.undone).map((f) => f.number);
    return `Ship authorised${fos.length ? `: fulfilment order${fos.length > 1 ? 's' : ''} ${fos.join(', ')} created` : ''}.`;
  },
  invoice: () => 'Invoice authorised.',
  payment: () => 'Payment recorded.',
  ...(Object.fromEntries(SALE_STAGES.map((s) => [`undo-${s}`, () => `${s} undone.`])) as Record<`undo-${SaleStage}`, () => string>),
};

/** The words for `done`, or null when it names nothing (absent, edited, or a word of Object's). */
export function saleDoneMessage(done: string | undefined, sale: About): string | null {
  return entryFor(WORDS, done)?.(sale) ?? null;
}
