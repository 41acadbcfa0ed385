import { formatDecimal, readDecimal } from '@/lib/money';

/** Currencies without minor units among Amazon's marketplaces' (JPY); every other has two decimals. */
const ZERO_DECIMAL = new Set(['JPY']);
export const currencyScale = (currency: string) => (ZERO_DECIMAL.has(currency) ? 0 : 2);

export type AmazonMoney = { currency: string; /** Integer in the currency's minor units. */ minor: number; /** Decimal text, e.g. "4.72". */ amount: string };

/**
 * An amount as Amazon sends it (decimal text, or a JSON number such as 12.35) → exact minor units.
 * A JSON number is read through its shortest decimal text, never multiplied as a float. Null for an
 * amount that is not a plain decimal at the currency's scale.
 */
export function amazonMoney(currency: string, value: string | number): AmazonMoney | null {
  const scale = currencyScale(currency);
  const r = readDecimal(typeof value === 'number' ? String(value) : value, scale);
  if ('problem' in r) return null;
  return { currency, minor: Number(r.value), amount: formatDecimal(r.value, scale) };
}

/** Minor units of a currency as text: 1250 USD → "12.50". */
export const formatMinor = (minor: number, currency: string) => formatDecimal(minor, currencyScale(currency));
