import { describe, expect, it } from 'vitest';
import { fitText, textWidth } from './text-fit';

describe('fitText', () => {
  it('keeps a title that fits', () => {
    expect(fitText('Mug', 8, 100)).toBe('Mug');
  });
  it('cuts a long title at a word and ends it with an ellipsis within the width', () => {
    const fitted = fitText('Stainless Steel Insulated Water Bottle with Straw Lid, Double Wall Vacuum', 8, 150);
    expect(fitted.endsWith('…')).toBe(true);
    expect(textWidth(fitted, 8)).toBeLessThanOrEqual(150);
    expect(fitted).toBe('Stainless Steel Insulated Water Bottle…');
  });
  it('measures Helvetica as Adobe does (1/1000 em)', () => {
    expect(textWidth('W', 10)).toBeCloseTo(9.44);
    expect(textWidth('i', 10, true)).toBeCloseTo(2.78);
  });
});
