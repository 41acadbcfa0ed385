import { describe, expect, it } from 'vitest';
import { binScanCode, parseBinScanCode } from './bin-code';

describe('bin scan codes', () => {
  it('is B- and the first ten hex digits of the bin id, upper case, and reads back to that prefix', () => {
    const code = binScanCode({ id: '3f9a0c12-d4e5-4f00-8abc-0123456789ab' });
    expect(code).toBe('B-3F9A0C12D4');
    expect(parseBinScanCode(code)).toEqual({ idPrefix: '3f9a0c12d4' });
  });

  it('reads a code typed in lower case or with spaces around it (a wedge scanner with Caps Lock)', () => {
    expect(parseBinScanCode('  b-3f9a0c12d4\n')).toEqual({ idPrefix: '3f9a0c12d4' });
  });

  it('is not fooled by product codes: SKUs, EAN-13, FNSKUs, near misses', () => {
    for (const text of ['SKU-001', '4006381333931', 'X00ABCD123', 'B-3F9A0C12D', 'B-3F9A0C12D4A', 'B3F9A0C12D4', 'B-3F9A0C12G4', 'BIN-3F9A0C12D4', '']) expect(parseBinScanCode(text), text).toBeNull();
  });
});
