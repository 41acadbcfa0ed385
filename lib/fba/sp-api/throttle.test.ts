import { describe, expect, it } from 'vitest';
import { runThrottle } from './testing/throttle-run';

describe('client pacing', () => {
  it('completes 200 calls with zero 429s at ≥ 90% of the permitted rate', async () => {
    // 24 calls/s: fast enough for CI, slow enough that a busy 2-core runner's event-loop jitter
    // (client and sandbox share this process) stays inside the client's half-token reserve.
    const result = await runThrottle({ calls: 200, rateScale: 12 });
    expect(result.throttled).toBe(0);
    expect(result.ratio).toBeGreaterThanOrEqual(0.9);
    expect(result.ratio).toBeLessThanOrEqual(1.05);
  }, 60_000);
});
