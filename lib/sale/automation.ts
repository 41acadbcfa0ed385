import type { Tx } from '@/db';
import { getCompanySettings } from '@/lib/reference/company';
import { authorisePackIn } from './pack';
import { authorisePickIn, pickLinesWithPlaces } from './pick';
import { prepareAutoShip } from './ship';
import { logSale, type SaleRow } from './sale-write';

/**
 * Sales Process Customisation after the order is authorised: Automatic Pick picks at once when
 * every line is at an external (FBA) location, whose stock the person cannot pick by hand; with any
 * own-stock line the Pick stays manual and the log says why.
 */
export async function afterOrder(tx: Tx, sale: SaleRow, userId: string | null): Promise<SaleRow> {
  const settings = await getCompanySettings(tx);
  if (!settings.autoPick) return sale;
  const lines = await pickLinesWithPlaces(tx, sale.id);
  const own = lines.filter((l) => !l.externalConnectionId);
  if (own.length > 0) {
    await logSale(tx, sale.id, 'Pick', `Automatic Pick not done: ${own.map((l) => l.sku).join(', ')} ${own.length === 1 ? 'is' : 'are'} picked from ${[...new Set(own.map((l) => l.location))].join(', ')}, not an external location; authorise Pick by hand.`, userId);
    return sale;
  }
  return authorisePickIn(tx, sale, {}, userId, 'Automatic Pick');
}

/** After Pick: Automatic Pack boxes the lines (FBA items apart) and authorises Pack; else AutoShip may prepare lines from Pick. */
export async function afterPick(tx: Tx, sale: SaleRow, userId: string | null): Promise<SaleRow> {
  const settings = await getCompanySettings(tx);
  if (settings.autoPack && sale.packStatus !== 'Authorised') return authorisePackIn(tx, sale, {}, userId, 'Automatic Pack');
  if (settings.autoShip && !settings.autoPack) return prepareAutoShip(tx, sale, userId);
  return sale;
}

/** After Pack: AutoShip creates the ship lines for the external items, never authorising them. */
export async function afterPack(tx: Tx, sale: SaleRow, userId: string | null): Promise<SaleRow> {
  const settings = await getCompanySettings(tx);
  return settings.autoShip ? prepareAutoShip(tx, sale, userId) : sale;
}
