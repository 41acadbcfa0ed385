import { describe, expect, it } from 'vitest';
import { ProductLabelsInput } from './label-inputs';

const C = '11111111-1111-4111-8111-111111111111';
const A = '22222222-2222-4222-8222-222222222222';
const B = '33333333-3333-4333-8333-333333333333';

describe('ProductLabelsInput', () => {
  it('reads the chosen products with their counts (default 1)', () => {
    expect(ProductLabelsInput.parse({ connectionId: C, format: 'a4-24', productId: [A, B], [`quantity.${A}`]: '30', [`quantity.${B}`]: '' })).toEqual({ connectionId: C, format: 'a4-24', items: [{ productId: A, quantity: 30 }, { productId: B, quantity: 1 }] });
  });

  it('refuses no choice, a bad count and more than 10,000 labels, each under its field', () => {
    const none = ProductLabelsInput.safeParse({ connectionId: C, format: 'thermal' });
    expect(none.error?.issues[0]).toMatchObject({ path: ['productId'], message: 'Choose at least one listing to print.' });
    const bad = ProductLabelsInput.safeParse({ connectionId: C, format: 'thermal', productId: A, [`quantity.${A}`]: '0' });
    expect(bad.error?.issues[0]).toMatchObject({ path: [`quantity.${A}`], message: 'Enter how many labels to print (1 or more).' });
    const many = ProductLabelsInput.safeParse({ connectionId: C, format: 'thermal', productId: [A, B], [`quantity.${A}`]: '6000', [`quantity.${B}`]: '6000' });
    expect(many.error?.issues[0]).toMatchObject({ path: ['productId'], message: 'At most 10,000 labels in one document (12,000 chosen).' });
    expect(ProductLabelsInput.safeParse({ connectionId: C, format: 'A5', productId: A }).error?.issues[0].message).toBe('Choose a label format.');
  });
});
