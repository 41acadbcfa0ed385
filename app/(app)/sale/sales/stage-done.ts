import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { SaleDone } from '@/lib/sale/done-message';

export const BASE = '/sale/sales';

/**
 * Back to the sale's page on the tab just changed. What happened travels in the URL, by name (the
 * page re-renders with other buttons); the page writes the words (lib/sale/done-message.ts).
 */
export function done(saleId: string, tab: string, what: SaleDone): never {
  revalidatePath(BASE);
  revalidatePath(`${BASE}/${saleId}`);
  revalidatePath('/inventory/stock-on-hand');
  redirect(`${BASE}/${saleId}?tab=${tab}&done=${what}`);
}
