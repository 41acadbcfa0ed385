import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

export const BASE = '/sale/sales';

/** Back to the sale's page on the tab just changed; the message travels in the URL because the page re-renders with other buttons. */
export function done(saleId: string, tab: string, what: string): never {
  revalidatePath(BASE);
  revalidatePath(`${BASE}/${saleId}`);
  revalidatePath('/inventory/stock-on-hand');
  redirect(`${BASE}/${saleId}?tab=${tab}&done=${encodeURIComponent(what)}`);
}
