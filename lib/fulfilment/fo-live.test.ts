import { describe, expect, it } from 'vitest';
import { FO_POLL_OPEN_MS, FO_POLL_PENDING_MS, foPollInterval, pendingWords } from './fo-live';

describe('how the order page follows an order', () => {
  it('polls fast while Amazon has not answered, slowly while the order can still move, and stops when it is settled', () => {
    expect(foPollInterval('Queued', 1)).toBe(FO_POLL_PENDING_MS);
    expect(foPollInterval('Delivered', 1)).toBe(FO_POLL_PENDING_MS);
    expect(foPollInterval('Shipped', 0)).toBe(FO_POLL_OPEN_MS);
    expect(foPollInterval('Completed', 0)).toBe(FO_POLL_OPEN_MS);
    expect(foPollInterval('Delivered', 0)).toBe(false);
    expect(foPollInterval('Cancelled', 0)).toBe(false);
  });
  it('words each pending call', () => {
    expect(pendingWords('fo.create')).toBe('sending the order');
    expect(pendingWords('fo.cancel')).toBe('asking Amazon to cancel');
    expect(pendingWords('something.else')).toBe('waiting for Amazon');
  });
});
