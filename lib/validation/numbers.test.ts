import { describe, expect, it } from 'vitest';
import { formatCost, formatDecimal, formatPrice, parseDecimal } from '@/lib/money';
import { COST_MAX, INT_COLUMN_MAX, MONEY_COLUMN_MAX, PRICE_MAX, QUANTITY_MAX, groupDigits, moneyText, quantityText } from './numbers';

const messageOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : r.error!.issues[0].message);

describe('number building blocks (issue 7, item 2)', () => {
  it('keep every limit inside its column, with room for a sum of two lines', () => {
    expect(2 * QUANTITY_MAX).toBeLessThanOrEqual(INT_COLUMN_MAX);
    expect(PRICE_MAX).toBe(9_999_999_999_999);
    expect(COST_MAX).toBe(999_999_999_999_999);
    expect(COST_MAX).toBeLessThan(MONEY_COLUMN_MAX);
  });

  it('read quantities as whole numbers within ±999,999,999, naming the limit past it', () => {
    const q = quantityText({ sign: 'nonZero', message: 'Enter a whole number.' });
    expect(q.parse(' +999999999 ')).toBe(999_999_999);
    expect(q.parse('-999999999')).toBe(-999_999_999);
    expect(messageOf(q.safeParse('1000000000'))).toBe('At most 999,999,999.');
    expect(messageOf(q.safeParse('-1000000000'))).toBe('At least -999,999,999.');
    expect(messageOf(q.safeParse('99999999999999999999999'))).toBe('At most 999,999,999.');
    for (const bad of ['0', '1.5', '1e3', '', '12 3', '٣']) expect(messageOf(q.safeParse(bad))).toBe('Enter a whole number.');
    expect(messageOf(quantityText({ sign: 'positive', message: 'Above 0.' }).safeParse('-3'))).toBe('Above 0.');
  });

  it('read money exactly at its scale, not negative, within the stored limit', () => {
    const price = moneyText('price');
    expect(price.parse('99999999999.99')).toBe(PRICE_MAX);
    expect(price.parse('0.1')).toBe(10);
    expect(messageOf(price.safeParse('100000000000'))).toBe('A price is at most 99,999,999,999.99.');
    expect(messageOf(price.safeParse('1.001'))).toBe('Enter a price like 12.50 (not negative, at most 2 decimals).');
    expect(messageOf(price.safeParse('-1'))).toBe('Enter a price like 12.50 (not negative, at most 2 decimals).');
    expect(messageOf(price.safeParse(''))).toBe('Enter a price like 12.50 (not negative, at most 2 decimals).');
    const cost = moneyText('cost', { optional: true });
    expect(cost.parse('  ')).toBeNull();
    expect(cost.parse('99999999999.9999')).toBe(COST_MAX);
    expect(cost.parse('000000000000001.5')).toBe(15_000);
    expect(messageOf(cost.safeParse('9007199254740.9920'))).toBe('A unit cost is at most 99,999,999,999.9999.');
  });

  it('format and parse money exactly, bigint included', () => {
    expect(formatCost(COST_MAX)).toBe('99999999999.9999');
    expect(formatPrice(PRICE_MAX)).toBe('99999999999.99');
    expect(formatCost(-12_500)).toBe('-1.25');
    expect(formatDecimal(10n ** 30n + 5n, 4)).toBe('100000000000000000000000000.0005');
    expect(parseDecimal('99999999999.9999', 4)).toBe(COST_MAX);
    expect(parseDecimal('100000000000', 4)).toBeNull();
    expect(groupDigits(2_999_999_997)).toBe('2,999,999,997');
    expect(groupDigits('-99999999999.9999')).toBe('-99,999,999,999.9999');
  });
});
