import { describe, expect, it } from 'vitest';
import { runThrottle } from './testing/throttle-run';

// The exact pacing schedule is checked with a fake clock in token-bucket.test.ts, and the share of the
// permitted rate the client reaches is a figure of `npm run bench`. Here, against the sandbox's real
// token buckets on a real clock: every call gets its answer, whatever the load on the machine.
describe('client pacing against the sandbox', () => {
  it('answers all 120 calls made as fast as possible, any 429 retried inside the client', async () => {
    const result = await runThrottle({ calls: 120, rateScale: 12 });
    expect(result.answered).toBe(120);
    // Pacing, not retries, keeps the client within the rate: 429s stay a small minority.
    expect(result.throttled).toBeLessThan(24);
  }, 60_000);
});
